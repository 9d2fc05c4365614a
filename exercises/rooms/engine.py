"""The thin adapter between a room and the consent engine (exercises.consent), which stays
free of Django and is used here only through its public API.

What a live room needs that the engine does not say by itself:

- The facilitator is a *role* that can be handed on between rounds, so the engine's
  facilitator is the fixed id `FACILITATOR` and the seat holding the role acts as it;
  the same person keeps their own member id for their turns in the circle.
- Which round the facilitator can start now (the engine lists `round_started`; we try each
  round kind on the state, which is pure and cheap).
- What each action asks for (the fields of its form) and how a posted form becomes an event.
- Messages that name members by name instead of by their engine id.
- When a review is held: the engine opens a review only on or after its review date, and a
  practice room holds it now, so `review_opened` dates it on that day (`review_due_on`).
"""

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exercises.consent import (
    Agreed,
    AmendmentSuggested,
    CandidateAccepted,
    CandidateDeclined,
    CandidateProposed,
    CheckedIn,
    ConsentAnswer,
    ConsentAnswerGiven,
    DecisionDeferred,
    DecisionPrepared,
    DecisionReferred,
    DecisionState,
    DriverChecked,
    ElectionState,
    Event,
    MeetingEvaluated,
    NoElection,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    ObjectionWithdrawn,
    Phase,
    ProcessError,
    ProposalAmended,
    ProposalPresented,
    ProposalWithdrawn,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReasonGiven,
    Responsibility,
    ReviewConcluded,
    ReviewOpened,
    ReviewOutcome,
    ReviewProposed,
    RoleAmended,
    RoleDefined,
    RoundKind,
    RoundStarted,
    Settings,
    TestQuestion,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    Verdict,
    apply,
    event_from_dict,
    replay,
)

# The engine's facilitator: a role, held by one seat at a time (handed on between rounds).
FACILITATOR = "gespreksleider"

type State = DecisionState | ElectionState


class ActionError(Exception):
    """An action the room refuses, with a message a member can read."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def replay_log(events: list[dict[str, Any]]) -> State | None:
    """The process state from the stored engine events, oldest first (None before the start)."""
    if not events:
        return None
    return replay(event_from_dict(data) for data in events)


def continue_log(state: State | None, events: list[dict[str, Any]]) -> State | None:
    """The state after `events` (stored engine events that follow `state`, oldest first);
    from the start when `state` is None. `state` itself is left as it was."""
    if state is None:
        return replay_log(events)
    for data in events:
        state = apply(state, event_from_dict(data))
    return state


def start_event(
    *,
    process: str,
    brief: Mapping[str, Any],
    circle: tuple[str, ...],
    proposer: str | None,
    today: date,
) -> Event:
    """The event that opens the room's process: the prepared proposal or the defined role."""
    settings = Settings.from_dict(brief.get("settings", {}))
    if process == "election":
        term_start = date.fromisoformat(brief["term_start"]) if brief.get("term_start") else today
        term_end = (
            date.fromisoformat(brief["term_end"])
            if brief.get("term_end")
            else term_start + timedelta(days=365)
        )
        review_date = date.fromisoformat(brief["review_date"]) if brief.get("review_date") else None
        return RoleDefined(
            actor=FACILITATOR,
            circle=circle,
            facilitator=FACILITATOR,
            role=brief.get("role", ""),
            term_start=term_start,
            term_end=term_end,
            tasks=tuple(brief.get("tasks", ())),
            qualities=tuple(brief.get("qualities", ())),
            review_date=review_date,
            settings=settings,
        )
    review_date = (
        date.fromisoformat(brief["review_date"])
        if brief.get("review_date")
        else today + timedelta(days=30 * int(brief.get("review_after_months", 6)))
    )
    return DecisionPrepared(
        actor=proposer or FACILITATOR,
        circle=circle,
        facilitator=FACILITATOR,
        proposer=proposer or "",
        driver=brief.get("driver", ""),
        shared_aim=brief.get("shared_aim", ""),
        proposal=brief.get("proposal", ""),
        review_date=review_date,
        settings=settings,
    )


def review_due_on(state: State) -> date | None:
    """The day the agreement in force is due for review (a deferred review: the later day
    the facilitator deferred it to); None when there is no agreement to review."""
    if not isinstance(state, DecisionState) or state.agreement is None:
        return None
    due = state.agreement.review_date
    if state.deferral is not None and state.deferral.at_review:
        due = max(due, state.deferral.until)
    return due


def review_opened(state: State | None, *, today: date) -> ReviewOpened:
    """The engine event that takes the room's agreement to its review. A practice room holds
    the review now, as on its review date: the event carries that date (or today, when the
    date has passed), so the engine's rule that a review is not held early still holds."""
    due = review_due_on(state) if state is not None else None
    if due is None or state.phase is not Phase.AGREED:
        raise ActionError(gettext("There is no agreement in force to review."))
    return ReviewOpened(actor=FACILITATOR, on=max(today, due))


def startable_rounds(state: State) -> list[RoundKind]:
    """The rounds the facilitator can start now, in the order a meeting usually takes them."""
    kinds = []
    for kind in RoundKind:
        try:
            apply(state, RoundStarted(actor=FACILITATOR, round_kind=kind))
        except ProcessError:
            continue
        kinds.append(kind)
    return kinds


def open_actions(state: State | None, *, member: str, facilitates: bool) -> dict[str, str]:
    """Every action open to this person now, with the engine id it is taken as: their own
    for turns in the circle, FACILITATOR for what the facilitator does. Their own comes
    first, so a facilitator who also sits in the circle answers as themselves."""
    if state is None:
        return {}
    actions: dict[str, str] = {}
    if facilitates:
        actions |= dict.fromkeys(state.open_actions(FACILITATOR), FACILITATOR)
    actions |= dict.fromkeys(state.open_actions(member), member)
    if ReviewConcluded.kind in actions and not _review_consented(state):
        # Only once the circle has answered on the proposed outcome (never by the
        # facilitator alone): until then the button could only be refused.
        del actions[ReviewConcluded.kind]
    return {kind: actor for kind, actor in actions.items() if kind in ACTIONS}


def _review_consented(state: State) -> bool:
    current = state.current_round
    return (
        isinstance(state, DecisionState)
        and state.phase is Phase.REVIEW_CONSENT
        and current is not None
        and current.complete
    )


def message(error: ProcessError, names: Mapping[str, str]) -> str:
    """The engine's message in Dutch, members named by name rather than by id."""

    def readable(value: object) -> object:
        if not isinstance(value, str):
            return value
        return ", ".join(names.get(part, part) for part in value.split(", "))

    params = {key: readable(value) for key, value in error.params.items()}
    return ProcessError(error.code, **params).format(gettext)


# The form of each action: its fields and how the posted values become an event.


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    label: Any
    kind: str = "text"  # text, textarea, choice, date, number, checkbox
    choices: Callable[[State, Mapping[str, str]], list[tuple[str, str]]] | None = None
    required: bool = True


@dataclasses.dataclass(frozen=True)
class Action:
    kind: str
    label: Any
    fields: tuple[Field, ...]
    build: Callable[[str, dict[str, Any], State, date], Event]
    style: str = ""


def _members(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(m, names.get(m, m)) for m in state.circle]


def _candidates(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """Whom the facilitator can propose: those nominated (after the change round)."""
    return [(m, names.get(m, m)) for m in getattr(state, "nominees", ())]


def _nominees(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [("", gettext("nobody")), *_members(state, names)]


def _askers(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [
        (q.member, f"{names.get(q.member, q.member)}: {q.text}")
        for q in getattr(state, "questions", ())
        if q.answer is None
    ]


def _rounds(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(kind.value, gettext(kind.label)) for kind in startable_rounds(state)]


def _answers(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [
        (ConsentAnswer.CONSENT.value, gettext("consent (no objection)")),
        (ConsentAnswer.CONCERN.value, gettext("concern")),
        (ConsentAnswer.OBJECTION.value, gettext("objection (with argument)")),
    ]


def _review_outcomes(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [
        (ReviewOutcome.KEEP.value, gettext("keep the agreement (with a new review date)")),
        (ReviewOutcome.AMEND.value, gettext("amend it (a new version goes to a consent round)")),
        (ReviewOutcome.DROP.value, gettext("drop the agreement")),
    ]


def _review_proposed(actor: str, values: dict[str, Any], state: State) -> ReviewProposed:
    outcome = ReviewOutcome(_text(values, "outcome"))
    return ReviewProposed(
        actor=actor,
        outcome=outcome,
        text=_text(values, "text") if outcome is ReviewOutcome.AMEND else "",
        next_review_date=_day(values, "next_review_date")
        if outcome is ReviewOutcome.KEEP
        else None,
    )


def _review_concluded(actor: str, state: State) -> ReviewConcluded:
    """What the circle consented to: the outcome on the table, never another one."""
    proposal = getattr(state, "review_proposal", None)
    if proposal is None:
        raise ActionError(gettext("No outcome of the review is on the table."))
    return ReviewConcluded(
        actor=actor, outcome=proposal.outcome, next_review_date=proposal.next_review_date
    )


def _test_questions(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(q.value, gettext(q.label)) for q in TestQuestion]


def _asked_questions(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    objection = state.objection_under_test
    asked = dict.fromkeys(q for q, _who in objection.asked) if objection else {}
    return [(q.value, gettext(q.label)) for q in asked]


def _verdicts(state: State, names: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(v.value, gettext(v.label)) for v in Verdict]


def _objector(state: State) -> str:
    objection = state.objection_under_test
    if objection is None:
        raise ActionError(gettext("No objection is being tested."))
    return objection.member


def _day(values: dict[str, Any], name: str) -> date | None:
    raw = (values.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as error:
        raise ActionError(gettext("Enter a valid date.")) from error


def _rating(values: dict[str, Any]) -> int:
    try:
        return int(values.get("rating") or "")
    except ValueError as error:
        raise ActionError(gettext("Give the meeting a mark from 1 to 10.")) from error


def _responsibilities(values: dict[str, Any], state: State) -> tuple[Responsibility, ...]:
    """One line per task: "name: task" (the name as written; it goes into the minutes)."""
    lines = [line.strip() for line in (values.get("responsibilities") or "").splitlines()]
    result = []
    for line in filter(None, lines):
        who, sep, task = line.partition(":")
        if not sep:
            raise ActionError(gettext("Write each task as “name: task”."))
        result.append(Responsibility(member=who.strip(), task=task.strip()))
    return tuple(result)


def _text(values: dict[str, Any], name: str) -> str:
    return str(values.get(name) or "").strip()


def _nominee(values: dict[str, Any]) -> str | None:
    return _text(values, "nominee") or None


TEXT = Field("text", _("your text"), "textarea")
REASON = Field("reason", _("reason"), "textarea")
OPTIONAL_REASON = Field("reason", _("reason"), "textarea", required=False)
KEEP_AS_CONCERN = Field("keep_as_concern", _("keep it as a concern"), "checkbox", required=False)

ACTIONS: dict[str, Action] = {
    a.kind: a
    for a in [
        Action(
            RoundStarted.kind,
            _("Start a round"),
            (Field("round_kind", _("round"), "choice", _rounds),),
            lambda actor, v, s, today: RoundStarted(
                actor=actor, round_kind=RoundKind(_text(v, "round_kind") or "question")
            ),
        ),
        Action(
            DriverChecked.kind,
            _("Driver checked"),
            (),
            lambda actor, v, s, today: DriverChecked(actor=actor),
        ),
        Action(
            ProposalPresented.kind,
            _("Present the proposal"),
            (),
            lambda actor, v, s, today: ProposalPresented(actor=actor),
        ),
        Action(
            CheckedIn.kind,
            _("Check in"),
            (Field("text", _("how you arrive, urgent items"), "textarea"),),
            lambda actor, v, s, today: CheckedIn(actor=actor, text=_text(v, "text")),
        ),
        Action(
            QuestionAsked.kind,
            _("Ask a question"),
            (Field("question", _("your clarifying question"), "textarea"),),
            lambda actor, v, s, today: QuestionAsked(actor=actor, question=_text(v, "question")),
        ),
        Action(
            QuestionAnswered.kind,
            _("Answer a question"),
            (
                Field("asker", _("question"), "choice", _askers),
                Field("answer", _("your answer"), "textarea"),
            ),
            lambda actor, v, s, today: QuestionAnswered(
                actor=actor, asker=_text(v, "asker"), answer=_text(v, "answer")
            ),
        ),
        Action(
            ReactionGiven.kind,
            _("Give your reaction"),
            (Field("reaction", _("your reaction"), "textarea"),),
            lambda actor, v, s, today: ReactionGiven(actor=actor, reaction=_text(v, "reaction")),
        ),
        Action(
            TurnPassed.kind,
            _("Pass"),
            (),
            lambda actor, v, s, today: TurnPassed(actor=actor),
            style="secondary",
        ),
        Action(
            ConsentAnswerGiven.kind,
            _("Answer in the consent round"),
            (
                Field("answer", _("your answer"), "choice", _answers),
                Field("text", _("concern or argument"), "textarea", required=False),
            ),
            lambda actor, v, s, today: ConsentAnswerGiven(
                actor=actor,
                answer=ConsentAnswer(_text(v, "answer") or "consent"),
                text=_text(v, "text"),
            ),
        ),
        Action(
            TestQuestionAsked.kind,
            _("Ask a test question"),
            (Field("question", _("test question"), "choice", _test_questions),),
            lambda actor, v, s, today: TestQuestionAsked(
                actor=actor, objector=_objector(s), question=TestQuestion(_text(v, "question"))
            ),
        ),
        Action(
            TestQuestionAnswered.kind,
            _("Answer a test question"),
            (
                Field("question", _("test question"), "choice", _asked_questions),
                Field("answer", _("your answer"), "textarea"),
            ),
            lambda actor, v, s, today: TestQuestionAnswered(
                actor=actor,
                objector=_objector(s),
                question=TestQuestion(_text(v, "question")),
                answer=_text(v, "answer"),
            ),
        ),
        Action(
            ObjectionTested.kind,
            _("Record the verdict"),
            (
                Field("verdict", _("verdict"), "choice", _verdicts),
                Field("reason", _("why"), "textarea"),
                KEEP_AS_CONCERN,
            ),
            lambda actor, v, s, today: ObjectionTested(
                actor=actor,
                objector=_objector(s),
                verdict=Verdict(_text(v, "verdict")),
                reason=_text(v, "reason"),
                keep_as_concern=bool(v.get("keep_as_concern")),
            ),
        ),
        Action(
            ObjectionWithdrawn.kind,
            _("Withdraw my objection"),
            (KEEP_AS_CONCERN,),
            lambda actor, v, s, today: ObjectionWithdrawn(
                actor=actor, keep_as_concern=bool(v.get("keep_as_concern"))
            ),
            style="secondary",
        ),
        Action(
            AmendmentSuggested.kind,
            _("Suggest an amendment"),
            (Field("text", _("your suggestion"), "textarea"),),
            lambda actor, v, s, today: AmendmentSuggested(actor=actor, text=_text(v, "text")),
        ),
        Action(
            ProposalAmended.kind,
            _("Write down a new version"),
            (
                Field("text", _("the whole proposal as amended"), "textarea"),
                OPTIONAL_REASON,
            ),
            lambda actor, v, s, today: ProposalAmended(
                actor=actor, text=_text(v, "text"), reason=_text(v, "reason")
            ),
        ),
        Action(
            Agreed.kind,
            _("Declare the decision taken"),
            (
                Field(
                    "responsibilities",
                    _("who does what (one per line: name: task)"),
                    "textarea",
                    required=False,
                ),
                Field("review_date", _("review date"), "date", required=False),
            ),
            lambda actor, v, s, today: Agreed(
                actor=actor,
                decided_on=today,
                responsibilities=_responsibilities(v, s),
                review_date=_day(v, "review_date"),
            ),
        ),
        Action(
            DecisionDeferred.kind,
            _("Defer the decision"),
            (
                Field("owner", _("who takes it up")),
                Field("until", _("until"), "date"),
                OPTIONAL_REASON,
            ),
            lambda actor, v, s, today: DecisionDeferred(
                actor=actor,
                owner=_text(v, "owner"),
                until=_day(v, "until") or today,
                on=today,
                reason=_text(v, "reason"),
            ),
            style="secondary",
        ),
        Action(
            DecisionReferred.kind,
            _("Refer to the higher circle"),
            (Field("to_circle", _("higher circle")), REASON),
            lambda actor, v, s, today: DecisionReferred(
                actor=actor, to_circle=_text(v, "to_circle"), reason=_text(v, "reason")
            ),
            style="secondary",
        ),
        Action(
            ProposalWithdrawn.kind,
            _("Withdraw the proposal"),
            (OPTIONAL_REASON,),
            lambda actor, v, s, today: ProposalWithdrawn(actor=actor, reason=_text(v, "reason")),
            style="secondary",
        ),
        # Review of the agreement (the trainer opens it: `review_opened`)
        Action(
            ReviewProposed.kind,
            _("Propose an outcome for the review"),
            (
                Field(
                    "outcome",
                    _("what the circle does with the agreement"),
                    "choice",
                    _review_outcomes,
                ),
                Field(
                    "next_review_date",
                    _("new review date (when keeping it)"),
                    "date",
                    required=False,
                ),
                Field(
                    "text",
                    _("the agreement as amended (when amending it)"),
                    "textarea",
                    required=False,
                ),
            ),
            lambda actor, v, s, today: _review_proposed(actor, v, s),
        ),
        Action(
            ReviewConcluded.kind,
            _("Conclude the review as consented"),
            (),
            lambda actor, v, s, today: _review_concluded(actor, s),
        ),
        Action(
            MeetingEvaluated.kind,
            _("Closing round: your mark"),
            (
                Field("rating", _("mark (1–10)"), "number"),
                Field("keep_or_change", _("one thing to keep or change"), "textarea"),
            ),
            lambda actor, v, s, today: MeetingEvaluated(
                actor=actor, rating=_rating(v), keep_or_change=_text(v, "keep_or_change")
            ),
        ),
        # Election
        Action(
            NominationMade.kind,
            _("Nominate"),
            (Field("nominee", _("whom you nominate"), "choice", _nominees),),
            lambda actor, v, s, today: NominationMade(actor=actor, nominee=_nominee(v)),
        ),
        Action(
            ReasonGiven.kind,
            _("Give your reasons"),
            (REASON,),
            lambda actor, v, s, today: ReasonGiven(actor=actor, reason=_text(v, "reason")),
        ),
        Action(
            NominationChanged.kind,
            _("Change your nomination"),
            (Field("nominee", _("whom you nominate now"), "choice", _nominees), REASON),
            lambda actor, v, s, today: NominationChanged(
                actor=actor, nominee=_nominee(v), reason=_text(v, "reason")
            ),
        ),
        Action(
            NominationKept.kind,
            _("Keep your nomination"),
            (OPTIONAL_REASON,),
            lambda actor, v, s, today: NominationKept(actor=actor, reason=_text(v, "reason")),
            style="secondary",
        ),
        Action(
            CandidateProposed.kind,
            _("Propose a candidate"),
            (
                Field("candidate", _("candidate"), "choice", _candidates),
                Field("reason", _("why this candidate (from the reasons given)"), "textarea"),
            ),
            lambda actor, v, s, today: CandidateProposed(
                actor=actor, candidate=_text(v, "candidate"), reason=_text(v, "reason")
            ),
        ),
        Action(
            RoleAmended.kind,
            _("Amend the role"),
            (
                Field("tasks", _("tasks (one per line)"), "textarea", required=False),
                OPTIONAL_REASON,
            ),
            lambda actor, v, s, today: RoleAmended(
                actor=actor,
                reason=_text(v, "reason"),
                tasks=tuple(t.strip() for t in _text(v, "tasks").splitlines() if t.strip()) or None,
            ),
        ),
        Action(
            CandidateAccepted.kind,
            _("Accept the election"),
            (),
            lambda actor, v, s, today: CandidateAccepted(actor=actor),
        ),
        Action(
            CandidateDeclined.kind,
            _("Decline the election"),
            (OPTIONAL_REASON,),
            lambda actor, v, s, today: CandidateDeclined(actor=actor, reason=_text(v, "reason")),
            style="secondary",
        ),
        Action(
            NoElection.kind,
            _("Close without an election"),
            (OPTIONAL_REASON,),
            lambda actor, v, s, today: NoElection(actor=actor, reason=_text(v, "reason")),
            style="secondary",
        ),
    ]
}


# At a review, an action reads as what it does to the review.
_REVIEW_LABELS = {DecisionDeferred.kind: _("Defer the review")}


def label_of(kind: str, state: State | None) -> str:
    """The button of an action, as it reads in the state the room is in."""
    reviewing = isinstance(state, DecisionState) and state.phase in (
        Phase.REVIEW_DUE,
        Phase.REVIEW_CONSENT,
    )
    if reviewing and kind in _REVIEW_LABELS:
        return gettext(_REVIEW_LABELS[kind])
    return gettext(ACTIONS[kind].label)


def build_event(
    kind: str, *, actor: str, values: dict[str, Any], state: State, today: date
) -> Event:
    """The event a posted form describes; ActionError when the form cannot make one."""
    action = ACTIONS.get(kind)
    if action is None:
        raise ActionError(gettext("This action is not available in a practice room."))
    try:
        return action.build(actor, values, state, today)
    except ValueError as error:
        raise ActionError(gettext("Choose one of the options.")) from error
