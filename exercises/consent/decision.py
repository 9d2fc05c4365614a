"""The consent decision round as a state machine: `apply_decision(state, event) -> state`."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from . import meeting
from .errors import ProcessError
from .events import (
    Agreed,
    AmendmentSuggested,
    CheckedIn,
    ConsentAnswerGiven,
    DecisionDeferred,
    DecisionPrepared,
    DecisionReferred,
    DriverChecked,
    Event,
    LogEntry,
    MeetingEvaluated,
    ObjectionTested,
    ObjectionWithdrawn,
    ProposalAmended,
    ProposalPresented,
    ProposalWithdrawn,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    Responsibility,
    ReviewConcluded,
    ReviewOpened,
    ReviewProposed,
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
from .vocabulary import ConsentAnswer, ReviewOutcome, RoundKind, Verdict


class Phase(StrEnum):
    PREPARED = "prepared"
    OPENING = "opening"
    PRESENTED = "presented"
    PICTURE_FORMING = "picture_forming"
    OPINION_FORMING = "opinion_forming"
    AMEND = "amend"
    DECISION_FORMING = "decision_forming"
    TEST_OBJECTION = "test_objection"
    RESOLVE = "resolve"
    AGREED = "agreed"
    REVIEW_DUE = "review_due"
    REVIEW_CONSENT = "review_consent"
    WITHDRAWN = "withdrawn"
    DEFERRED = "deferred"
    REFERRED = "referred"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return _PHASE_LABELS[self]


_PHASE_LABELS = {
    Phase.PREPARED: _("prepared"),
    Phase.OPENING: _("opening round"),
    Phase.PRESENTED: _("presented"),
    Phase.PICTURE_FORMING: _("picture forming"),
    Phase.OPINION_FORMING: _("opinion forming"),
    Phase.AMEND: _("amend"),
    Phase.DECISION_FORMING: _("decision forming"),
    Phase.TEST_OBJECTION: _("test objection"),
    Phase.RESOLVE: _("resolve"),
    Phase.AGREED: _("agreed"),
    Phase.REVIEW_DUE: _("review due"),
    Phase.REVIEW_CONSENT: _("consent round on the review"),
    Phase.WITHDRAWN: _("withdrawn"),
    Phase.DEFERRED: _("deferred"),
    Phase.REFERRED: _("referred to the higher circle"),
    Phase.DROPPED: _("dropped"),
}

# Phases in which the proposal is still on its way to an agreement.
OPEN_PHASES = frozenset(
    {
        Phase.PREPARED,
        Phase.OPENING,
        Phase.PRESENTED,
        Phase.PICTURE_FORMING,
        Phase.OPINION_FORMING,
        Phase.AMEND,
        Phase.DECISION_FORMING,
        Phase.TEST_OBJECTION,
        Phase.RESOLVE,
    }
)
CLOSED_PHASES = frozenset({Phase.WITHDRAWN, Phase.DEFERRED, Phase.REFERRED, Phase.DROPPED})
# Phases after which the meeting can close with a slotronde.
ENDING_PHASES = frozenset({Phase.AGREED, *CLOSED_PHASES})

_ROUND_OF_PHASE = {
    Phase.OPENING: RoundKind.OPENING,
    Phase.REVIEW_CONSENT: RoundKind.REVIEW,
    Phase.PICTURE_FORMING: RoundKind.QUESTION,
    Phase.OPINION_FORMING: RoundKind.REACTION,
    Phase.DECISION_FORMING: RoundKind.CONSENT,
    Phase.TEST_OBJECTION: RoundKind.CONSENT,
    Phase.RESOLVE: RoundKind.CONSENT,
}


@dataclass(frozen=True)
class ProposalVersion:
    number: int
    text: str
    reason: str = ""


@dataclass(frozen=True)
class Question:
    member: str
    version: int
    text: str
    answer: str | None = None


@dataclass(frozen=True)
class Concern:
    member: str
    version: int
    text: str
    from_objection: bool = False


@dataclass(frozen=True)
class Suggestion:
    member: str
    version: int
    text: str


@dataclass(frozen=True)
class Agreement:
    version: int
    text: str
    decided_on: date
    review_date: date
    concerns: tuple[Concern, ...]
    responsibilities: tuple[Responsibility, ...]


@dataclass(frozen=True)
class Deferral:
    owner: str
    until: date
    reason: str
    on: date | None = None
    at_review: bool = False  # a deferred review: the agreement stays in force


@dataclass(frozen=True)
class Referral:
    to_circle: str
    reason: str
    objectors: tuple[str, ...]


@dataclass(frozen=True)
class ReviewProposal:
    member: str
    outcome: ReviewOutcome
    next_review_date: date | None = None


@dataclass(frozen=True)
class DecisionState(RoundLookups):
    settings: Settings
    circle: tuple[str, ...]  # seating order
    facilitator: str
    proposer: str
    driver: str
    shared_aim: str
    proposed_review_date: date
    versions: tuple[ProposalVersion, ...]
    phase: Phase = Phase.PREPARED
    driver_checked: bool = False
    rounds: tuple[Round, ...] = ()
    questions: tuple[Question, ...] = ()
    all_objections: tuple[Objection, ...] = ()
    all_concerns: tuple[Concern, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    deferral: Deferral | None = None
    referral: Referral | None = None
    review_proposal: ReviewProposal | None = None
    withdrawal_reason: str | None = None
    log: tuple[LogEntry, ...] = ()

    @property
    def version(self) -> int:
        return self.versions[-1].number

    @property
    def proposal(self) -> str:
        return self.versions[-1].text

    def text_of(self, version: int) -> str:
        return self.versions[version - 1].text

    def _round_kind_of_phase(self) -> RoundKind | None:
        return meeting.meeting_round_kind(self, ENDING_PHASES) or _ROUND_OF_PHASE.get(self.phase)

    @property
    def policy_in_force(self) -> Agreement | None:
        """The agreement that applies now: while a proposal is deferred, referred or being
        amended at review, the current policy stays in force (None: the situation as it is)."""
        if self.phase is Phase.DROPPED or not self.agreements:
            return None
        return self.agreements[-1]

    def open_actions(self, member: str) -> frozenset[str]:
        """The event kinds `member` may take now (see the package docstring)."""
        from .actions import decision_actions

        return decision_actions(self, member)

    @property
    def open_members(self) -> tuple[str, ...]:
        current = self.current_round
        if current is not None:
            return current.open_members
        if self.phase is Phase.DECISION_FORMING:
            # Nobody has answered on this version yet, and silence is never consent.
            return self.consent_order()
        return ()

    def consent_order(self, start_with: str | None = None) -> tuple[str, ...]:
        return self.new_round(RoundKind.CONSENT, start_with).order

    @property
    def objections(self) -> tuple[Objection, ...]:
        return tuple(o for o in self.all_objections if o.version == self.version)

    @property
    def untested_objections(self) -> tuple[Objection, ...]:
        return tuple(o for o in self.objections if o.open)

    @property
    def standing_objections(self) -> tuple[Objection, ...]:
        """Objections on the current version that block: untested or qualified, not withdrawn."""
        return tuple(o for o in self.objections if o.blocks)

    @property
    def objection_under_test(self) -> Objection | None:
        """The objection being tested now: one at a time, in the order they were raised."""
        if self.phase is not Phase.TEST_OBJECTION:
            return None
        return next(iter(self.untested_objections), None)

    @property
    def concerns(self) -> tuple[Concern, ...]:
        return tuple(c for c in self.all_concerns if c.version == self.version)

    @property
    def agreement(self) -> Agreement | None:
        return self.agreements[-1] if self.agreements else None

    def agreement_blocker(self) -> ProcessError | None:
        """Why the facilitator cannot declare the agreement now, or None when they can."""
        if self.phase in (Phase.AGREED, Phase.REVIEW_DUE, Phase.REVIEW_CONSENT):
            return ProcessError("already_agreed")
        if self.phase in CLOSED_PHASES:
            return ProcessError("process_closed", phase=self.phase.label)
        consent_round = self.consent_round
        if consent_round is None:
            return ProcessError("no_consent_round", version=self.version)
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
    def can_agree(self) -> bool:
        return self.agreement_blocker() is None

    @property
    def why_not_agreed(self) -> str | None:
        blocker = self.agreement_blocker()
        return str(blocker) if blocker else None

    def new_round(self, kind: RoundKind, start_with: str | None = None) -> Round:
        """The round that would start now: seating order, rotated, facilitator last if set."""
        last = (self.facilitator,) if kind in (RoundKind.CONSENT, RoundKind.REVIEW) else ()
        if not self.settings.facilitator_answers_last:
            last = ()
        rotation = len(self.rounds) if self.settings.rotate_start else 0
        return plan_round(
            self.circle,
            kind=kind,
            version=self.version,
            start_with=start_with,
            rotation=rotation,
            last=last,
        )


def start_decision(event: DecisionPrepared) -> DecisionState:
    """The prepared proposal, version 1, with the circle fixed."""
    check_circle(event.circle)
    require_text(event.facilitator, "facilitator_missing")
    require_text(event.proposer, "proposer_missing")
    require_text(event.driver, "driver_empty")
    require_text(event.shared_aim, "shared_aim_empty")
    require_text(event.proposal, "proposal_empty")
    state = DecisionState(
        settings=event.settings,
        circle=event.circle,
        facilitator=event.facilitator,
        proposer=event.proposer,
        driver=event.driver,
        shared_aim=event.shared_aim,
        proposed_review_date=event.review_date,
        versions=(ProposalVersion(number=1, text=event.proposal),),
    )
    return replace(state, log=(LogEntry(event=event, version=1),))


def apply_decision(state: DecisionState, event: Event) -> DecisionState:
    """The state after `event`, or ProcessError (and `state` stays as it was)."""
    handler = _HANDLERS.get(type(event))
    if handler is None:
        if isinstance(event, DecisionPrepared):
            raise ProcessError("already_started")
        raise ProcessError("event_not_for_process", action=event.action)
    new_state = handler(state, event)
    return replace(new_state, log=(*state.log, LogEntry(event=event, version=new_state.version)))


# Checks shared by the handlers


def _expect_phase(state: DecisionState, event: Event, *phases: Phase) -> None:
    if state.phase not in phases:
        raise ProcessError("wrong_phase", action=event.action, phase=state.phase.label)


def _expect_facilitator(state: DecisionState, event: Event) -> None:
    if event.actor != state.facilitator:
        raise ProcessError("only_facilitator", action=event.action)


def _expect_proposer(state: DecisionState, event: Event) -> None:
    if event.actor != state.proposer:
        raise ProcessError("only_proposer", action=event.action)


def _expect_round_complete(state: DecisionState) -> None:
    current = state.current_round
    if current is not None and not current.complete:
        raise ProcessError(
            "round_not_complete", round=current.kind.label, members=names(current.open_members)
        )


def _with_turn(state: DecisionState, turn: Turn) -> DecisionState:
    current = state.current_round
    if current is None:
        raise ProcessError("no_round_in_progress")
    return replace(state, rounds=(*state.rounds[:-1], current.take(turn)))


def _new_version(state: DecisionState, text: str, reason: str) -> DecisionState:
    require_text(text, "proposal_empty")
    if text == state.proposal:
        raise ProcessError("amendment_unchanged", version=state.version)
    version = ProposalVersion(number=state.version + 1, text=text, reason=reason)
    # Answers, objections and concerns belong to the old version, so they lapse with it.
    return replace(state, versions=(*state.versions, version))


# Preparing and presenting


def _check_driver(state: DecisionState, event: DriverChecked) -> DecisionState:
    _expect_phase(state, event, Phase.PREPARED, Phase.OPENING)
    _expect_facilitator(state, event)
    _expect_round_complete(state)
    if state.driver_checked:
        raise ProcessError("driver_already_checked")
    return replace(state, driver_checked=True)


def _present(state: DecisionState, event: ProposalPresented) -> DecisionState:
    _expect_phase(state, event, Phase.PREPARED, Phase.OPENING)
    _expect_proposer(state, event)
    _expect_round_complete(state)
    if state.settings.requires_driver_check and not state.driver_checked:
        raise ProcessError("driver_not_checked")
    return replace(state, phase=Phase.PRESENTED)


# Rounds


_ROUND_STARTS = {
    # The facilitator may hold another question round while the picture is not yet shared.
    RoundKind.QUESTION: ((Phase.PRESENTED, Phase.PICTURE_FORMING), Phase.PICTURE_FORMING),
    RoundKind.REACTION: ((Phase.PICTURE_FORMING,), Phase.OPINION_FORMING),
    RoundKind.CONSENT: (
        (Phase.OPINION_FORMING, Phase.AMEND, Phase.DECISION_FORMING),
        Phase.DECISION_FORMING,
    ),
    RoundKind.REVIEW: ((Phase.REVIEW_DUE,), Phase.REVIEW_CONSENT),
}


def _start_round(state: DecisionState, event: RoundStarted) -> DecisionState:
    if event.round_kind in meeting.MEETING_ROUNDS:
        _expect_facilitator(state, event)
        if event.round_kind is RoundKind.OPENING:
            return meeting.start_opening_round(
                state, event, phase_before=Phase.PREPARED, phase_to=Phase.OPENING
            )
        return meeting.start_closing_round(state, event, ending_phases=ENDING_PHASES)
    if event.round_kind not in _ROUND_STARTS:
        raise ProcessError("round_kind_not_in_process", round=event.round_kind.label)
    from_phases, to_phase = _ROUND_STARTS[event.round_kind]
    _expect_phase(state, event, *from_phases)
    _expect_facilitator(state, event)
    _expect_round_complete(state)
    if event.round_kind is RoundKind.REVIEW and state.review_proposal is None:
        raise ProcessError("review_proposal_missing")
    if event.round_kind in (RoundKind.REACTION, RoundKind.QUESTION):
        unanswered = [q.member for q in state.questions if q.answer is None]
        if unanswered:
            raise ProcessError("questions_unanswered", members=names(unanswered))
    if event.round_kind is RoundKind.CONSENT and state.consent_round is not None:
        raise ProcessError("consent_round_already_held", version=state.version)
    new_round = state.new_round(event.round_kind, event.start_with)
    return replace(state, phase=to_phase, rounds=(*state.rounds, new_round))


def _ask(state: DecisionState, event: QuestionAsked) -> DecisionState:
    _expect_phase(state, event, Phase.PICTURE_FORMING)
    state = _with_turn(state, Turn(member=event.actor, text=event.question, at=event.at))
    require_text(event.question, "question_empty")
    question = Question(member=event.actor, version=state.version, text=event.question)
    return replace(state, questions=(*state.questions, question))


def _answer_question(state: DecisionState, event: QuestionAnswered) -> DecisionState:
    _expect_phase(state, event, Phase.PICTURE_FORMING)
    _expect_proposer(state, event)
    index = next(
        (i for i, q in enumerate(state.questions) if q.member == event.asker and q.answer is None),
        None,
    )
    if index is None:
        raise ProcessError("no_open_question", member=event.asker)
    require_text(event.answer, "answer_empty")
    answered = replace(state.questions[index], answer=event.answer)
    questions = (*state.questions[:index], answered, *state.questions[index + 1 :])
    return replace(state, questions=questions)


def _react(state: DecisionState, event: ReactionGiven) -> DecisionState:
    _expect_phase(state, event, Phase.OPINION_FORMING)
    state = _with_turn(state, Turn(member=event.actor, text=event.reaction, at=event.at))
    require_text(event.reaction, "reaction_empty")
    return state


def _pass(state: DecisionState, event: TurnPassed) -> DecisionState:
    _expect_phase(
        state,
        event,
        Phase.OPENING,
        Phase.PICTURE_FORMING,
        Phase.OPINION_FORMING,
        Phase.DECISION_FORMING,
        Phase.REVIEW_CONSENT,
    )
    current = state.current_round
    passing_refused = state.phase in (Phase.DECISION_FORMING, Phase.REVIEW_CONSENT) or (
        state.phase is Phase.OPINION_FORMING and not state.settings.pass_allowed_in_reaction_round
    )
    if current is not None and passing_refused:
        raise ProcessError("pass_not_allowed", round=current.kind.label)
    # A pass in the reaction round is discouraged but allowed; the turn records it.
    return _with_turn(state, Turn(member=event.actor, passed=True, at=event.at))


# Amending


def _amend(state: DecisionState, event: ProposalAmended) -> DecisionState:
    _expect_phase(state, event, Phase.OPINION_FORMING, Phase.AMEND, Phase.RESOLVE)
    if event.actor not in (state.proposer, state.facilitator):
        raise ProcessError("not_allowed_to_amend")
    _expect_round_complete(state)
    if state.phase is Phase.RESOLVE:
        if not any(s.version == state.version for s in state.suggestions):
            raise ProcessError("no_suggestion_yet")
        return replace(_new_version(state, event.text, event.reason), phase=Phase.DECISION_FORMING)
    return replace(_new_version(state, event.text, event.reason), phase=Phase.AMEND)


def _suggest(state: DecisionState, event: AmendmentSuggested) -> DecisionState:
    _expect_phase(state, event, Phase.RESOLVE)
    if event.actor not in state.circle:
        raise ProcessError("not_a_member", member=event.actor)
    require_text(event.text, "suggestion_empty")
    objectors = [o.member for o in state.standing_objections if o.verdict is Verdict.QUALIFIED]
    first = not any(s.version == state.version for s in state.suggestions)
    if first and event.actor not in objectors:
        raise ProcessError("objector_suggests_first", members=names(objectors))
    suggestion = Suggestion(member=event.actor, version=state.version, text=event.text)
    return replace(state, suggestions=(*state.suggestions, suggestion))


# Consent round and testing objections


def _answer_consent(state: DecisionState, event: ConsentAnswerGiven) -> DecisionState:
    _expect_phase(state, event, Phase.DECISION_FORMING, Phase.REVIEW_CONSENT)
    turn = Turn(member=event.actor, text=event.text, answer=event.answer, at=event.at)
    state = _with_turn(state, turn)
    check_answer_text(event.answer, event.text)
    if state.phase is Phase.REVIEW_CONSENT:
        return _review_answered(state)
    if event.answer is ConsentAnswer.CONCERN:
        concern = Concern(member=event.actor, version=state.version, text=event.text)
        state = replace(state, all_concerns=(*state.all_concerns, concern))
    if event.answer is ConsentAnswer.OBJECTION:
        objection = Objection(member=event.actor, version=state.version, argument=event.text)
        state = replace(state, all_objections=(*state.all_objections, objection))
    if state.untested_objections and not state.open_members:
        # Objections are tested once everyone has spoken.
        state = replace(state, phase=Phase.TEST_OBJECTION)
    return state


def _after_objections_changed(state: DecisionState) -> DecisionState:
    """Test the next objection, resolve the standing ones, or back to a complete round."""
    if state.phase not in (Phase.TEST_OBJECTION, Phase.RESOLVE):
        return state
    if state.untested_objections:
        return replace(state, phase=Phase.TEST_OBJECTION)
    if state.standing_objections:
        return replace(state, phase=Phase.RESOLVE)
    return replace(state, phase=Phase.DECISION_FORMING)


def _expect_under_test(state: DecisionState, event: Event, objector: str) -> None:
    _expect_phase(state, event, Phase.TEST_OBJECTION)
    current = state.objection_under_test
    if current is not None and current.member != objector:
        # One objection at a time, in the order they were raised.
        raise ProcessError("no_untested_objection", member=objector)


def _ask_test_question(state: DecisionState, event: TestQuestionAsked) -> DecisionState:
    _expect_under_test(state, event, event.objector)
    objections = ask_test_question(
        state.all_objections,
        event,
        version=state.version,
        circle=state.circle,
        facilitator=state.facilitator,
    )
    return replace(state, all_objections=objections)


def _answer_test_question(state: DecisionState, event: TestQuestionAnswered) -> DecisionState:
    _expect_under_test(state, event, event.objector)
    objections = answer_test_question(
        state.all_objections, event, version=state.version, circle=state.circle
    )
    return replace(state, all_objections=objections)


def _test_objection(state: DecisionState, event: ObjectionTested) -> DecisionState:
    _expect_under_test(state, event, event.objector)
    _expect_facilitator(state, event)
    objections = record_verdict(
        state.all_objections,
        event,
        version=state.version,
        circle=state.circle,
        facilitator=state.facilitator,
    )
    state = replace(state, all_objections=objections)
    tested = next(o for o in reversed(objections) if o.member == event.objector)
    if event.keep_as_concern:
        concern = Concern(
            member=tested.member, version=tested.version, text=tested.argument, from_objection=True
        )
        state = replace(state, all_concerns=(*state.all_concerns, concern))
    return _after_objections_changed(state)


def _withdraw_objection(state: DecisionState, event: ObjectionWithdrawn) -> DecisionState:
    _expect_phase(state, event, Phase.DECISION_FORMING, Phase.TEST_OBJECTION, Phase.RESOLVE)
    objections, withdrawn = withdraw(state.all_objections, event, version=state.version)
    state = replace(state, all_objections=objections)
    if event.keep_as_concern:
        concern = Concern(
            member=withdrawn.member,
            version=withdrawn.version,
            text=withdrawn.argument,
            from_objection=True,
        )
        state = replace(state, all_concerns=(*state.all_concerns, concern))
    return _after_objections_changed(state)


# Ending: withdrawn, deferred, agreed


def _withdraw(state: DecisionState, event: ProposalWithdrawn) -> DecisionState:
    _expect_phase(state, event, *OPEN_PHASES)
    _expect_proposer(state, event)
    return replace(state, phase=Phase.WITHDRAWN, withdrawal_reason=event.reason)


def _defer(state: DecisionState, event: DecisionDeferred) -> DecisionState:
    _expect_phase(state, event, *OPEN_PHASES, Phase.REVIEW_DUE, Phase.REVIEW_CONSENT)
    _expect_facilitator(state, event)
    require_text(event.owner, "deferral_needs_owner")
    if event.on is None:
        raise ProcessError("deferral_needs_date")
    if event.until <= event.on:
        raise ProcessError("deferral_not_in_future")
    at_review = state.phase in (Phase.REVIEW_DUE, Phase.REVIEW_CONSENT)
    deferral = Deferral(
        owner=event.owner, until=event.until, reason=event.reason, on=event.on, at_review=at_review
    )
    if at_review:
        # The agreement stays in force and can be reviewed again from `until` on.
        return replace(state, phase=Phase.AGREED, deferral=deferral, review_proposal=None)
    return replace(state, phase=Phase.DEFERRED, deferral=deferral)


def _refer(state: DecisionState, event: DecisionReferred) -> DecisionState:
    _expect_phase(state, event, Phase.TEST_OBJECTION, Phase.RESOLVE)
    _expect_facilitator(state, event)
    qualified = [o.member for o in state.standing_objections if o.verdict is Verdict.QUALIFIED]
    if not qualified:
        raise ProcessError("referral_without_objection")
    require_text(event.to_circle, "referral_needs_circle")
    require_text(event.reason, "referral_needs_reason")
    referral = Referral(to_circle=event.to_circle, reason=event.reason, objectors=tuple(qualified))
    return replace(state, phase=Phase.REFERRED, referral=referral)


def _agree(state: DecisionState, event: Agreed) -> DecisionState:
    _expect_facilitator(state, event)
    blocker = state.agreement_blocker()
    if blocker is not None:
        raise blocker
    if any(not (r.member.strip() and r.task.strip()) for r in event.responsibilities):
        raise ProcessError("responsibility_incomplete")
    review_date = event.review_date or state.proposed_review_date
    if review_date <= event.decided_on:
        raise ProcessError("review_date_not_after_decision")
    agreement = Agreement(
        version=state.version,
        text=state.proposal,
        decided_on=event.decided_on,
        review_date=review_date,
        concerns=state.concerns,
        responsibilities=event.responsibilities,
    )
    return replace(state, phase=Phase.AGREED, agreements=(*state.agreements, agreement))


# Review


def _open_review(state: DecisionState, event: ReviewOpened) -> DecisionState:
    _expect_phase(state, event, Phase.AGREED)
    _expect_facilitator(state, event)
    _expect_round_complete(state)
    agreement = state.agreements[-1]
    due = agreement.review_date
    if state.deferral is not None and state.deferral.at_review:
        due = max(due, state.deferral.until)
    if event.on < due:
        raise ProcessError("review_not_due", review_date=due.isoformat())
    return replace(state, phase=Phase.REVIEW_DUE, review_proposal=None)


def _propose_review(state: DecisionState, event: ReviewProposed) -> DecisionState:
    _expect_phase(state, event, Phase.REVIEW_DUE)
    if event.actor not in state.circle and event.actor != state.facilitator:
        raise ProcessError("not_a_member", member=event.actor)
    if state.review_proposal is not None:
        raise ProcessError("review_proposal_pending")
    agreement = state.agreements[-1]
    if event.outcome is ReviewOutcome.AMEND:
        # A new version: the circle consents to it in a consent round, as to any proposal.
        amended = _new_version(state, event.text, "")
        return replace(amended, phase=Phase.DECISION_FORMING, deferral=None)
    if event.outcome is ReviewOutcome.KEEP:
        if event.next_review_date is None:
            raise ProcessError("next_review_date_required")
        if event.next_review_date <= agreement.review_date:
            raise ProcessError(
                "next_review_date_too_early", review_date=agreement.review_date.isoformat()
            )
    proposal = ReviewProposal(
        member=event.actor, outcome=event.outcome, next_review_date=event.next_review_date
    )
    return replace(state, review_proposal=proposal)


def _review_answered(state: DecisionState) -> DecisionState:
    current = state.current_round
    if current is None or not current.complete:
        return state
    if any(t.answer is ConsentAnswer.OBJECTION for t in current.turns):
        # Not consented: the circle looks for another outcome (or amends).
        return replace(state, phase=Phase.REVIEW_DUE, review_proposal=None)
    return state


def _conclude_review(state: DecisionState, event: ReviewConcluded) -> DecisionState:
    _expect_phase(state, event, Phase.REVIEW_DUE, Phase.REVIEW_CONSENT)
    _expect_facilitator(state, event)
    if event.outcome is ReviewOutcome.AMEND:
        raise ProcessError("review_amend_by_proposal")
    proposal = state.review_proposal
    if proposal is None:
        raise ProcessError("review_proposal_missing")
    review_round = state.current_round
    if state.phase is not Phase.REVIEW_CONSENT or review_round is None:
        raise ProcessError("review_needs_consent")
    _expect_round_complete(state)
    if event.outcome is not proposal.outcome:
        raise ProcessError("review_outcome_differs", consented=proposal.outcome.value)
    if proposal.outcome is ReviewOutcome.DROP:
        return replace(state, phase=Phase.DROPPED, review_proposal=None)
    agreement = state.agreements[-1]
    kept = replace(agreement, review_date=proposal.next_review_date or agreement.review_date)
    return replace(
        state,
        phase=Phase.AGREED,
        agreements=(*state.agreements, kept),
        review_proposal=None,
        deferral=None,
    )


_HANDLERS: dict[type[Event], Callable[[DecisionState, Any], DecisionState]] = {
    DriverChecked: _check_driver,
    ProposalPresented: _present,
    RoundStarted: _start_round,
    QuestionAsked: _ask,
    QuestionAnswered: _answer_question,
    ReactionGiven: _react,
    TurnPassed: _pass,
    ProposalAmended: _amend,
    AmendmentSuggested: _suggest,
    ConsentAnswerGiven: _answer_consent,
    ObjectionTested: _test_objection,
    ProposalWithdrawn: _withdraw,
    DecisionDeferred: _defer,
    Agreed: _agree,
    ReviewOpened: _open_review,
    ReviewProposed: _propose_review,
    ReviewConcluded: _conclude_review,
    TestQuestionAsked: _ask_test_question,
    TestQuestionAnswered: _answer_test_question,
    ObjectionWithdrawn: _withdraw_objection,
    DecisionReferred: _refer,
    CheckedIn: meeting.check_in,
    MeetingEvaluated: meeting.evaluate,
}
