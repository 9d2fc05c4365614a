"""Events: what happened, as frozen data that survives a round trip through JSON."""

import dataclasses
import types
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from types import MappingProxyType
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints

from .errors import ProcessError
from .i18n import _
from .settings import Settings
from .vocabulary import ConsentAnswer, ReviewOutcome, RoundKind, TestQuestion, Verdict

_EVENT_TYPES: dict[str, type["Event"]] = {}
# Every event class by its stable `kind`, filled as the classes below are defined.
EVENT_TYPES: Mapping[str, type["Event"]] = MappingProxyType(_EVENT_TYPES)


@dataclasses.dataclass(frozen=True)
class Responsibility:
    """Who does what once the agreement is made."""

    member: str
    task: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Event:
    kind: ClassVar[str]
    action: ClassVar[str]  # what the actor does, for messages

    actor: str
    at: datetime | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.kind in _EVENT_TYPES:
            raise TypeError(f"Duplicate event kind {cls.kind!r}")
        _EVENT_TYPES[cls.kind] = cls

    def __post_init__(self) -> None:
        # Lists from JSON or forms become tuples, so events stay immutable and hashable.
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, list):
                object.__setattr__(self, field.name, tuple(value))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        for field in dataclasses.fields(self):
            data[field.name] = _encode(getattr(self, field.name))
        return data


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an event from `Event.to_dict()` output."""
    kind = data.get("kind")
    cls = EVENT_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ProcessError("unknown_event_kind", kind=str(kind))
    hints = get_type_hints(cls)
    try:
        values = {
            field.name: _decode(hints[field.name], data[field.name])
            for field in dataclasses.fields(cls)
            if field.name in data
        }
        return cls(**values)
    except (TypeError, ValueError, KeyError) as error:
        raise ProcessError("malformed_event", kind=kind) from error


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, Settings):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (inner,) = (arg for arg in get_args(hint) if arg is not type(None))
        return _decode(inner, value)
    if origin is tuple:
        return tuple(_decode(get_args(hint)[0], item) for item in value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    if hint is Settings:
        return Settings.from_dict(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        inner_hints = get_type_hints(hint)
        return hint(**{name: _decode(inner_hints[name], item) for name, item in value.items()})
    return value


# Shared by both processes


@dataclasses.dataclass(frozen=True, kw_only=True)
class RoundStarted(Event):
    kind = "round_started"
    action = _("starting a round")

    round_kind: RoundKind
    start_with: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class ConsentAnswerGiven(Event):
    kind = "consent_answer_given"
    action = _("answering in the consent round")

    answer: ConsentAnswer
    text: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class TurnPassed(Event):
    kind = "turn_passed"
    action = _("passing")


@dataclasses.dataclass(frozen=True, kw_only=True)
class CheckedIn(Event):
    """A turn in the opening round: how the member arrives, urgent items."""

    kind = "checked_in"
    action = _("checking in")

    text: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class MeetingEvaluated(Event):
    """A turn in the closing round: a mark for the meeting and one thing to keep or change."""

    kind = "meeting_evaluated"
    action = _("evaluating the meeting")

    rating: int
    keep_or_change: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class TestQuestionAsked(Event):
    """The facilitator or a member asks the objector one of the test questions."""

    __test__ = False
    kind = "test_question_asked"
    action = _("asking a test question")

    objector: str
    question: TestQuestion
    text: str = ""  # the asker's own words, when they put the question in them


@dataclasses.dataclass(frozen=True, kw_only=True)
class TestQuestionAnswered(Event):
    """The objector (or another member) answers a test question that was asked."""

    __test__ = False
    kind = "test_question_answered"
    action = _("answering a test question")

    objector: str
    question: TestQuestion
    answer: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ObjectionTested(Event):
    """The verdict after the test questions, recorded by the facilitator with its reason.
    Who took part follows from who asked and answered the test questions."""

    kind = "objection_tested"
    action = _("recording the verdict on an objection")

    objector: str
    verdict: Verdict
    keep_as_concern: bool = False
    reason: str = ""  # required by the engine; empty only in events stored before 2026-12


@dataclasses.dataclass(frozen=True, kw_only=True)
class ObjectionWithdrawn(Event):
    """The objector withdraws their objection; it stays as a concern or is dropped."""

    kind = "objection_withdrawn"
    action = _("withdrawing an objection")

    keep_as_concern: bool = False


# Consent decision


@dataclasses.dataclass(frozen=True, kw_only=True)
class DecisionPrepared(Event):
    kind = "decision_prepared"
    action = _("preparing a proposal")

    circle: tuple[str, ...]
    facilitator: str
    proposer: str
    driver: str
    shared_aim: str
    proposal: str
    review_date: date
    settings: Settings = Settings()


@dataclasses.dataclass(frozen=True, kw_only=True)
class DriverChecked(Event):
    kind = "driver_checked"
    action = _("checking the driver")


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProposalPresented(Event):
    kind = "proposal_presented"
    action = _("presenting the proposal")


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuestionAsked(Event):
    kind = "question_asked"
    action = _("asking a question")

    question: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuestionAnswered(Event):
    kind = "question_answered"
    action = _("answering a question")

    asker: str
    answer: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReactionGiven(Event):
    kind = "reaction_given"
    action = _("giving a reaction")

    reaction: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProposalAmended(Event):
    kind = "proposal_amended"
    action = _("amending the proposal")

    text: str
    reason: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class AmendmentSuggested(Event):
    kind = "amendment_suggested"
    action = _("suggesting an amendment")

    text: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ProposalWithdrawn(Event):
    kind = "proposal_withdrawn"
    action = _("withdrawing the proposal")

    reason: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class DecisionDeferred(Event):
    kind = "decision_deferred"
    action = _("deferring the decision")

    owner: str
    until: date
    reason: str = ""
    on: date | None = None  # the day of the meeting; required: `until` must lie after it


@dataclasses.dataclass(frozen=True, kw_only=True)
class DecisionReferred(Event):
    """An objection the circle cannot resolve goes to the higher circle via the double link."""

    kind = "decision_referred"
    action = _("referring the decision to the higher circle")

    to_circle: str
    reason: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class Agreed(Event):
    kind = "agreed"
    action = _("declaring the agreement")

    decided_on: date
    responsibilities: tuple[Responsibility, ...] = ()
    review_date: date | None = None  # None keeps the proposed review date


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReviewOpened(Event):
    kind = "review_opened"
    action = _("opening the review")

    on: date


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReviewProposed(Event):
    """A member (or the facilitator) proposes what the circle does with the agreement at its
    review. Keep and drop go to a consent round; amend makes a new version (back to the
    consent round on it)."""

    kind = "review_proposed"
    action = _("proposing an outcome for the review")

    outcome: ReviewOutcome
    text: str = ""  # the amended text, for ReviewOutcome.AMEND
    next_review_date: date | None = None  # for ReviewOutcome.KEEP


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReviewConcluded(Event):
    kind = "review_concluded"
    action = _("concluding the review")

    outcome: ReviewOutcome
    text: str = ""  # the amended text, for ReviewOutcome.AMEND
    next_review_date: date | None = None  # for ReviewOutcome.KEEP


# Sociocratic election


@dataclasses.dataclass(frozen=True, kw_only=True)
class RoleDefined(Event):
    kind = "role_defined"
    action = _("defining the role")

    circle: tuple[str, ...]
    facilitator: str
    role: str
    term_start: date
    term_end: date
    tasks: tuple[str, ...] = ()
    qualities: tuple[str, ...] = ()
    review_date: date | None = None  # None: review at the end of the term
    settings: Settings = Settings()


@dataclasses.dataclass(frozen=True, kw_only=True)
class NominationMade(Event):
    kind = "nomination_made"
    action = _("nominating")

    nominee: str | None  # None: nobody


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReasonGiven(Event):
    kind = "reason_given"
    action = _("giving reasons for a nomination")

    reason: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class NominationChanged(Event):
    kind = "nomination_changed"
    action = _("changing a nomination")

    nominee: str | None
    reason: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class NominationKept(Event):
    kind = "nomination_kept"
    action = _("keeping a nomination")

    reason: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class CandidateProposed(Event):
    kind = "candidate_proposed"
    action = _("proposing a candidate")

    candidate: str
    reason: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class RoleAmended(Event):
    kind = "role_amended"
    action = _("amending the role")

    reason: str = ""
    term_start: date | None = None  # None: unchanged
    term_end: date | None = None
    tasks: tuple[str, ...] | None = None
    qualities: tuple[str, ...] | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class CandidateAccepted(Event):
    kind = "candidate_accepted"
    action = _("accepting the election")


@dataclasses.dataclass(frozen=True, kw_only=True)
class CandidateDeclined(Event):
    kind = "candidate_declined"
    action = _("declining the election")

    reason: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class NoElection(Event):
    kind = "no_election"
    action = _("closing without an election")

    reason: str = ""


@dataclasses.dataclass(frozen=True)
class LogEntry:
    """One line of the append-only log: the event as it happened, on which version."""

    event: Event
    version: int

    @property
    def actor(self) -> str:
        return self.event.actor

    @property
    def kind(self) -> str:
        return self.event.kind

    @property
    def at(self) -> datetime | None:
        return self.event.at
