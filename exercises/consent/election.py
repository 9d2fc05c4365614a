"""The sociocratic election as a state machine: `apply_election(state, event) -> state`."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from . import meeting
from .errors import ProcessError
from .events import (
    CandidateAccepted,
    CandidateDeclined,
    CandidateProposed,
    CheckedIn,
    ConsentAnswerGiven,
    Event,
    LogEntry,
    MeetingEvaluated,
    NoElection,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    ObjectionWithdrawn,
    ReasonGiven,
    RoleAmended,
    RoleDefined,
    RoundStarted,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
)
from .i18n import _
from .objections import (
    Objection,
    answer_test_question,
    ask_test_question,
    record_verdict,
    withdraw,
)
from .rounds import (
    Round,
    RoundLookups,
    Turn,
    check_answer_text,
    check_circle,
    names,
    plan_round,
    require_text,
)
from .settings import Settings
from .vocabulary import ConsentAnswer, RoundKind


class ElectionPhase(StrEnum):
    ROLE_DEFINED = "role_defined"
    OPENING = "opening"
    NOMINATION = "nomination"
    REASONS = "reasons"
    CHANGE = "change"
    PROPOSAL = "proposal"
    CONSENT = "consent"
    TEST_OBJECTION = "test_objection"
    RESOLVE = "resolve"
    ELECTED = "elected"
    NO_ELECTION = "no_election"

    @property
    def label(self) -> str:
        return _ELECTION_PHASE_LABELS[self]


_ELECTION_PHASE_LABELS = {
    ElectionPhase.ROLE_DEFINED: _("role defined"),
    ElectionPhase.OPENING: _("opening round"),
    ElectionPhase.NOMINATION: _("nomination"),
    ElectionPhase.REASONS: _("reasons round"),
    ElectionPhase.CHANGE: _("change round"),
    ElectionPhase.PROPOSAL: _("proposal"),
    ElectionPhase.CONSENT: _("consent round"),
    ElectionPhase.TEST_OBJECTION: _("test objection"),
    ElectionPhase.RESOLVE: _("resolve"),
    ElectionPhase.ELECTED: _("elected"),
    ElectionPhase.NO_ELECTION: _("no election"),
}

ENDING_PHASES = frozenset({ElectionPhase.ELECTED, ElectionPhase.NO_ELECTION})

_ROUND_OF_PHASE = {
    ElectionPhase.OPENING: RoundKind.OPENING,
    ElectionPhase.TEST_OBJECTION: RoundKind.CONSENT,
    ElectionPhase.NOMINATION: RoundKind.NOMINATION,
    ElectionPhase.REASONS: RoundKind.REASONS,
    ElectionPhase.CHANGE: RoundKind.CHANGE,
    ElectionPhase.CONSENT: RoundKind.CONSENT,
    ElectionPhase.RESOLVE: RoundKind.CONSENT,
}

# Which phase a round starts from, and the phase it opens.
_ROUND_STARTS = {
    RoundKind.NOMINATION: (
        (ElectionPhase.ROLE_DEFINED, ElectionPhase.OPENING),
        ElectionPhase.NOMINATION,
    ),
    RoundKind.REASONS: ((ElectionPhase.NOMINATION,), ElectionPhase.REASONS),
    RoundKind.CHANGE: ((ElectionPhase.REASONS,), ElectionPhase.CHANGE),
    RoundKind.CONSENT: ((ElectionPhase.PROPOSAL,), ElectionPhase.CONSENT),
}


@dataclass(frozen=True)
class Role:
    name: str
    term_start: date
    term_end: date
    tasks: tuple[str, ...] = ()
    qualities: tuple[str, ...] = ()
    review_date: date | None = None
    version: int = 1


@dataclass(frozen=True)
class Nomination:
    member: str  # who signed it
    nominee: str | None  # None: nobody
    reason: str = ""
    changed: bool = False


@dataclass(frozen=True)
class Candidacy:
    number: int
    candidate: str
    reason: str
    role_version: int


@dataclass(frozen=True)
class CandidateConcern:
    """A concern about the candidate, kept with the result."""

    member: str
    text: str
    from_objection: bool = False


@dataclass(frozen=True)
class ElectionResult:
    person: str
    role: Role
    review_date: date
    concerns: tuple[CandidateConcern, ...] = ()


@dataclass(frozen=True)
class ElectionState(RoundLookups):
    settings: Settings
    circle: tuple[str, ...]  # seating order
    facilitator: str
    roles: tuple[Role, ...]
    phase: ElectionPhase = ElectionPhase.ROLE_DEFINED
    rounds: tuple[Round, ...] = ()
    # Hidden until everyone has nominated: read them through `nominations`.
    sealed_nominations: tuple[Nomination, ...] = field(default=(), repr=False)
    changes: tuple[Nomination, ...] = ()
    candidacies: tuple[Candidacy, ...] = ()
    candidate: str | None = None
    all_objections: tuple[Objection, ...] = ()
    result: ElectionResult | None = None
    closing_reason: str | None = None
    log: tuple[LogEntry, ...] = ()

    @property
    def role(self) -> Role:
        return self.roles[-1]

    @property
    def version(self) -> int:
        """The number of the current candidate proposal (0 before the first)."""
        return len(self.candidacies)

    @property
    def nominations_complete(self) -> bool:
        return any(r.kind is RoundKind.NOMINATION and r.complete for r in self.rounds)

    @property
    def nominated_members(self) -> tuple[str, ...]:
        """Who has handed in a nomination; whom they nominated stays hidden."""
        return tuple(n.member for n in self.sealed_nominations)

    @property
    def nominations(self) -> tuple[Nomination, ...]:
        """The nominations as first written, in seating order, once all are in."""
        if not self.nominations_complete:
            return ()
        return tuple(sorted(self.sealed_nominations, key=lambda n: self.circle.index(n.member)))

    @property
    def current_nominations(self) -> tuple[Nomination, ...]:
        """Each member's nomination after the change round, once all are in."""
        latest = {n.member: n for n in (*self.nominations, *self.changes)}
        return tuple(latest[member] for member in self.circle if member in latest)

    @property
    def nominees(self) -> tuple[str, ...]:
        nominees = (n.nominee for n in self.current_nominations if n.nominee is not None)
        return tuple(dict.fromkeys(nominees))

    @property
    def reasons(self) -> tuple[Turn, ...]:
        return next((r.turns for r in self.rounds if r.kind is RoundKind.REASONS), ())

    @property
    def public_log(self) -> tuple[LogEntry, ...]:
        """The log without the nominations' content while they are still hidden."""
        if self.nominations_complete:
            return self.log
        return tuple(e for e in self.log if not isinstance(e.event, NominationMade))

    def _round_kind_of_phase(self) -> RoundKind | None:
        return meeting.meeting_round_kind(self, ENDING_PHASES) or _ROUND_OF_PHASE.get(self.phase)

    def open_actions(self, member: str) -> frozenset[str]:
        """The event kinds `member` may take now (see the package docstring)."""
        from .actions import election_actions

        return election_actions(self, member)

    @property
    def consent_round(self) -> Round | None:
        """The consent round on the current candidate proposal."""
        return None if self.candidate is None else self._latest_consent_round()

    @property
    def open_members(self) -> tuple[str, ...]:
        current = self.current_round
        if current is not None:
            return current.open_members
        if self.phase is ElectionPhase.PROPOSAL and self.candidate is not None:
            return self.new_round(RoundKind.CONSENT).order
        return ()

    @property
    def objections(self) -> tuple[Objection, ...]:
        """Objections to the current candidate proposal."""
        return tuple(o for o in self.all_objections if o.version == self.version)

    @property
    def untested_objections(self) -> tuple[Objection, ...]:
        return tuple(o for o in self.objections if o.open)

    @property
    def standing_objections(self) -> tuple[Objection, ...]:
        return tuple(o for o in self.objections if o.blocks)

    @property
    def objection_under_test(self) -> Objection | None:
        if self.phase is not ElectionPhase.TEST_OBJECTION:
            return None
        return next(iter(self.untested_objections), None)

    @property
    def concerns(self) -> tuple[CandidateConcern, ...]:
        """Concerns about the candidate: raised as such, or objections kept as concerns."""
        raised = tuple(
            CandidateConcern(member=t.member, text=t.text)
            for t in self.answers
            if t.answer is ConsentAnswer.CONCERN
        )
        kept = tuple(
            CandidateConcern(member=o.member, text=o.argument, from_objection=True)
            for o in self.objections
            if o.kept_as_concern
        )
        return raised + kept

    def election_blocker(self) -> ProcessError | None:
        """Why the candidate cannot accept the election now, or None when they can."""
        if self.phase is ElectionPhase.ELECTED:
            return ProcessError("already_elected", candidate=self.candidate)
        if self.phase is ElectionPhase.NO_ELECTION:
            return ProcessError("process_closed", phase=self.phase.label)
        if self.candidate is None:
            return ProcessError("no_candidate")
        consent_round = self.consent_round
        if consent_round is None:
            return ProcessError("no_consent_round_on_candidate", candidate=self.candidate)
        if consent_round.open_members:
            return ProcessError("members_open", members=names(consent_round.open_members))
        if self.untested_objections:
            members = names([o.member for o in self.untested_objections])
            return ProcessError("objections_untested", members=members)
        if self.standing_objections:
            members = names([o.member for o in self.standing_objections])
            return ProcessError("objection_stands", members=members)
        return None

    @property
    def can_elect(self) -> bool:
        return self.election_blocker() is None

    @property
    def why_not_elected(self) -> str | None:
        blocker = self.election_blocker()
        return str(blocker) if blocker else None

    def new_round(self, kind: RoundKind, start_with: str | None = None) -> Round:
        """The round that would start now; in the consent round the candidate answers last."""
        last: tuple[str, ...] = ()
        if kind is RoundKind.CONSENT:
            facilitator = (self.facilitator,) if self.settings.facilitator_answers_last else ()
            candidate = (self.candidate,) if self.candidate else ()
            last = (*facilitator, *candidate)
        rotation = len(self.rounds) if self.settings.rotate_start else 0
        return plan_round(
            self.circle,
            kind=kind,
            version=self.version,
            start_with=start_with,
            rotation=rotation,
            last=last,
            in_order=kind is not RoundKind.NOMINATION,
        )


def start_election(event: RoleDefined) -> ElectionState:
    """The role defined and the circle fixed."""
    check_circle(event.circle)
    require_text(event.facilitator, "facilitator_missing")
    require_text(event.role, "role_name_empty")
    _check_role(event.tasks, event.qualities)
    _check_term(event.term_start, event.term_end)
    if event.review_date is not None and event.review_date < event.term_start:
        raise ProcessError("review_date_before_term")
    role = Role(
        name=event.role,
        term_start=event.term_start,
        term_end=event.term_end,
        tasks=event.tasks,
        qualities=event.qualities,
        review_date=event.review_date,
    )
    state = ElectionState(
        settings=event.settings,
        circle=event.circle,
        facilitator=event.facilitator,
        roles=(role,),
    )
    return replace(state, log=(LogEntry(event=event, version=0),))


def apply_election(state: ElectionState, event: Event) -> ElectionState:
    """The state after `event`, or ProcessError (and `state` stays as it was)."""
    handler = _HANDLERS.get(type(event))
    if handler is None:
        if isinstance(event, RoleDefined):
            raise ProcessError("already_started")
        raise ProcessError("event_not_for_process", action=event.action)
    new_state = handler(state, event)
    return replace(new_state, log=(*state.log, LogEntry(event=event, version=new_state.version)))


def _check_role(tasks: tuple[str, ...], qualities: tuple[str, ...]) -> None:
    # Without tasks and qualities there is nothing to elect against.
    if not any(task.strip() for task in tasks):
        raise ProcessError("role_needs_task")
    if not any(quality.strip() for quality in qualities):
        raise ProcessError("role_needs_quality")


def _check_term(term_start: date, term_end: date) -> None:
    if term_end <= term_start:
        raise ProcessError("term_ends_before_start")


def _expect_phase(state: ElectionState, event: Event, *phases: ElectionPhase) -> None:
    if state.phase not in phases:
        raise ProcessError("wrong_phase", action=event.action, phase=state.phase.label)


def _expect_facilitator(state: ElectionState, event: Event) -> None:
    if event.actor != state.facilitator:
        raise ProcessError("only_facilitator", action=event.action)


def _expect_candidate(state: ElectionState, event: Event) -> None:
    if event.actor != state.candidate:
        raise ProcessError("only_candidate", candidate=state.candidate, action=event.action)


def _expect_round_complete(state: ElectionState) -> None:
    current = state.current_round
    if current is not None and not current.complete:
        raise ProcessError(
            "round_not_complete", round=current.kind.label, members=names(current.open_members)
        )


def _with_turn(state: ElectionState, turn: Turn) -> ElectionState:
    current = state.current_round
    if current is None:
        raise ProcessError("no_round_in_progress")
    return replace(state, rounds=(*state.rounds[:-1], current.take(turn)))


def _check_nominee(state: ElectionState, nominee: str | None) -> None:
    if nominee is not None:
        require_text(nominee, "nominee_blank")
        if nominee not in state.circle:
            raise ProcessError("nominee_not_member", nominee=nominee)


def _start_round(state: ElectionState, event: RoundStarted) -> ElectionState:
    if event.round_kind in meeting.MEETING_ROUNDS:
        _expect_facilitator(state, event)
        if event.round_kind is RoundKind.OPENING:
            return meeting.start_opening_round(
                state,
                event,
                phase_before=ElectionPhase.ROLE_DEFINED,
                phase_to=ElectionPhase.OPENING,
            )
        return meeting.start_closing_round(state, event, ending_phases=ENDING_PHASES)
    if event.round_kind not in _ROUND_STARTS:
        raise ProcessError("round_kind_not_in_process", round=event.round_kind.label)
    from_phases, to_phase = _ROUND_STARTS[event.round_kind]
    _expect_phase(state, event, *from_phases)
    _expect_facilitator(state, event)
    _expect_round_complete(state)
    if event.round_kind is RoundKind.CONSENT and state.candidate is None:
        raise ProcessError("no_candidate")
    new_round = state.new_round(event.round_kind, event.start_with)
    return replace(state, phase=to_phase, rounds=(*state.rounds, new_round))


def _nominate(state: ElectionState, event: NominationMade) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.NOMINATION)
    state = _with_turn(state, Turn(member=event.actor, at=event.at))
    _check_nominee(state, event.nominee)
    nomination = Nomination(member=event.actor, nominee=event.nominee)
    return replace(state, sealed_nominations=(*state.sealed_nominations, nomination))


def _give_reason(state: ElectionState, event: ReasonGiven) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.REASONS)
    state = _with_turn(state, Turn(member=event.actor, text=event.reason, at=event.at))
    require_text(event.reason, "reason_required")
    return state


def _change_nomination(state: ElectionState, event: NominationChanged) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.CHANGE)
    current = next((n for n in state.current_nominations if n.member == event.actor), None)
    state = _with_turn(state, Turn(member=event.actor, text=event.reason, at=event.at))
    _check_nominee(state, event.nominee)
    require_text(event.reason, "change_needs_reason")
    if current is not None and current.nominee == event.nominee:
        if event.nominee is None:
            raise ProcessError("nomination_unchanged_nobody", member=event.actor)
        raise ProcessError("nomination_unchanged", member=event.actor, nominee=event.nominee)
    change = Nomination(
        member=event.actor, nominee=event.nominee, reason=event.reason, changed=True
    )
    return replace(state, changes=(*state.changes, change))


def _keep_nomination(state: ElectionState, event: NominationKept) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.CHANGE)
    return _with_turn(state, Turn(member=event.actor, text=event.reason, at=event.at))


def _propose_candidate(state: ElectionState, event: CandidateProposed) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.CHANGE, ElectionPhase.PROPOSAL, ElectionPhase.RESOLVE)
    _expect_facilitator(state, event)
    _expect_round_complete(state)
    if state.phase is ElectionPhase.PROPOSAL and state.candidate is not None:
        raise ProcessError("candidate_already_proposed", candidate=state.candidate)
    if state.phase is ElectionPhase.RESOLVE and event.candidate == state.candidate:
        raise ProcessError("same_candidate_without_change", candidate=event.candidate)
    # The facilitator weighs the reasons given, not the count of nominations.
    require_text(event.reason, "proposal_needs_reasons")
    if event.candidate not in state.nominees:
        raise ProcessError("candidate_not_nominated", candidate=event.candidate)
    candidacy = Candidacy(
        number=state.version + 1,
        candidate=event.candidate,
        reason=event.reason,
        role_version=state.role.version,
    )
    return replace(
        state,
        phase=ElectionPhase.PROPOSAL,
        candidate=event.candidate,
        candidacies=(*state.candidacies, candidacy),
    )


def _answer_consent(state: ElectionState, event: ConsentAnswerGiven) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.CONSENT)
    turn = Turn(member=event.actor, text=event.text, answer=event.answer, at=event.at)
    state = _with_turn(state, turn)
    check_answer_text(event.answer, event.text)
    if event.answer is ConsentAnswer.OBJECTION:
        objection = Objection(member=event.actor, version=state.version, argument=event.text)
        state = replace(state, all_objections=(*state.all_objections, objection))
    if state.untested_objections and not state.open_members:
        # Objections are tested once everyone has answered: a preference for someone else
        # is not an overwegend bezwaar.
        state = replace(state, phase=ElectionPhase.TEST_OBJECTION)
    return state


def _after_objections_changed(state: ElectionState) -> ElectionState:
    if state.phase not in (ElectionPhase.TEST_OBJECTION, ElectionPhase.RESOLVE):
        return state
    if state.untested_objections:
        return replace(state, phase=ElectionPhase.TEST_OBJECTION)
    if state.standing_objections:
        return replace(state, phase=ElectionPhase.RESOLVE)
    return replace(state, phase=ElectionPhase.CONSENT)


def _expect_under_test(state: ElectionState, event: Event, objector: str) -> None:
    _expect_phase(state, event, ElectionPhase.TEST_OBJECTION)
    current = state.objection_under_test
    if current is not None and current.member != objector:
        raise ProcessError("no_untested_objection", member=objector)


def _ask_test_question(state: ElectionState, event: TestQuestionAsked) -> ElectionState:
    _expect_under_test(state, event, event.objector)
    objections = ask_test_question(
        state.all_objections,
        event,
        version=state.version,
        circle=state.circle,
        facilitator=state.facilitator,
    )
    return replace(state, all_objections=objections)


def _answer_test_question(state: ElectionState, event: TestQuestionAnswered) -> ElectionState:
    _expect_under_test(state, event, event.objector)
    objections = answer_test_question(
        state.all_objections, event, version=state.version, circle=state.circle
    )
    return replace(state, all_objections=objections)


def _test_objection(state: ElectionState, event: ObjectionTested) -> ElectionState:
    _expect_under_test(state, event, event.objector)
    _expect_facilitator(state, event)
    objections = record_verdict(
        state.all_objections,
        event,
        version=state.version,
        circle=state.circle,
        facilitator=state.facilitator,
    )
    return _after_objections_changed(replace(state, all_objections=objections))


def _withdraw_objection(state: ElectionState, event: ObjectionWithdrawn) -> ElectionState:
    _expect_phase(
        state, event, ElectionPhase.CONSENT, ElectionPhase.TEST_OBJECTION, ElectionPhase.RESOLVE
    )
    objections, _withdrawn = withdraw(state.all_objections, event, version=state.version)
    return _after_objections_changed(replace(state, all_objections=objections))


def _pass(state: ElectionState, event: TurnPassed) -> ElectionState:
    # Only the opening round allows a pass in an election.
    _expect_phase(state, event, ElectionPhase.OPENING)
    return _with_turn(state, Turn(member=event.actor, passed=True, at=event.at))


def _amend_role(state: ElectionState, event: RoleAmended) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.RESOLVE)
    _expect_facilitator(state, event)
    current = state.role
    amended = replace(
        current,
        term_start=event.term_start or current.term_start,
        term_end=event.term_end or current.term_end,
        tasks=current.tasks if event.tasks is None else event.tasks,
        qualities=current.qualities if event.qualities is None else event.qualities,
    )
    if amended == current:
        raise ProcessError("role_unchanged")
    _check_role(amended.tasks, amended.qualities)
    _check_term(amended.term_start, amended.term_end)
    amended = replace(amended, version=current.version + 1)
    # A changed role needs a fresh proposal: the same person or another.
    return replace(
        state, phase=ElectionPhase.PROPOSAL, roles=(*state.roles, amended), candidate=None
    )


def _accept(state: ElectionState, event: CandidateAccepted) -> ElectionState:
    blocker = state.election_blocker()
    if blocker is not None:
        raise blocker
    _expect_candidate(state, event)
    person = state.candidate or ""
    review_date = state.role.review_date or state.role.term_end
    result = ElectionResult(
        person=person, role=state.role, review_date=review_date, concerns=state.concerns
    )
    return replace(state, phase=ElectionPhase.ELECTED, result=result)


def _decline(state: ElectionState, event: CandidateDeclined) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.PROPOSAL, ElectionPhase.CONSENT)
    if state.candidate is None:
        raise ProcessError("no_candidate")
    _expect_candidate(state, event)
    return replace(state, phase=ElectionPhase.PROPOSAL, candidate=None)


def _close_without_election(state: ElectionState, event: NoElection) -> ElectionState:
    _expect_phase(state, event, ElectionPhase.CHANGE, ElectionPhase.PROPOSAL, ElectionPhase.RESOLVE)
    _expect_facilitator(state, event)
    _expect_round_complete(state)
    return replace(state, phase=ElectionPhase.NO_ELECTION, closing_reason=event.reason)


_HANDLERS: dict[type[Event], Callable[[ElectionState, Any], ElectionState]] = {
    RoundStarted: _start_round,
    NominationMade: _nominate,
    ReasonGiven: _give_reason,
    NominationChanged: _change_nomination,
    NominationKept: _keep_nomination,
    CandidateProposed: _propose_candidate,
    ConsentAnswerGiven: _answer_consent,
    RoleAmended: _amend_role,
    CandidateAccepted: _accept,
    CandidateDeclined: _decline,
    NoElection: _close_without_election,
    TestQuestionAsked: _ask_test_question,
    TestQuestionAnswered: _answer_test_question,
    ObjectionTested: _test_objection,
    ObjectionWithdrawn: _withdraw_objection,
    TurnPassed: _pass,
    CheckedIn: meeting.check_in,
    MeetingEvaluated: meeting.evaluate,
}
