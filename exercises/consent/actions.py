"""Which actions are open to which member now: `state.open_actions(member)`.

A live room asks this to show each participant only the buttons that can work. The answer
is a set of event kinds (`Event.kind`); the engine still has the last word when the event
is applied (a text may be empty, a date too early). A property test pins that nothing is
ever accepted that was not listed here.
"""

from typing import TYPE_CHECKING

from .events import (
    Agreed,
    AmendmentSuggested,
    CandidateAccepted,
    CandidateDeclined,
    CandidateProposed,
    CheckedIn,
    ConsentAnswerGiven,
    DecisionDeferred,
    DecisionReferred,
    DriverChecked,
    MeetingEvaluated,
    NoElection,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    ObjectionWithdrawn,
    ProposalAmended,
    ProposalPresented,
    ProposalWithdrawn,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReasonGiven,
    ReviewConcluded,
    ReviewOpened,
    ReviewProposed,
    RoleAmended,
    RoundStarted,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
)
from .vocabulary import RoundKind, Verdict

if TYPE_CHECKING:
    from .decision import DecisionState
    from .election import ElectionState

_TURN_EVENTS = {
    RoundKind.OPENING: (CheckedIn.kind, TurnPassed.kind),
    RoundKind.CLOSING: (MeetingEvaluated.kind,),
    RoundKind.QUESTION: (QuestionAsked.kind, TurnPassed.kind),
    RoundKind.REACTION: (ReactionGiven.kind, TurnPassed.kind),
    RoundKind.CONSENT: (ConsentAnswerGiven.kind,),
    RoundKind.REVIEW: (ConsentAnswerGiven.kind,),
    RoundKind.NOMINATION: (NominationMade.kind,),
    RoundKind.REASONS: (ReasonGiven.kind,),
    RoundKind.CHANGE: (NominationChanged.kind, NominationKept.kind),
}


def _turn(state, member: str) -> set[str]:
    current = state.current_round
    if current is None or current.complete or member in current.spoken:
        return set()
    if member not in current.order:
        return set()
    if current.in_order and current.next_member != member:
        return set()
    return set(_TURN_EVENTS[current.kind])


def _round_open(state) -> bool:
    current = state.current_round
    return current is not None and not current.complete


def _testing(state, member: str, facilitator: str, circle) -> set[str]:
    objection = state.objection_under_test
    if objection is None:
        return set()
    actions = set()
    if member in circle or member == facilitator:
        actions.add(TestQuestionAsked.kind)
    if member in circle and objection.asked:
        actions.add(TestQuestionAnswered.kind)
    if member == facilitator:
        actions.add(ObjectionTested.kind)
    return actions


def _withdrawing(state, member: str) -> set[str]:
    if any(o.member == member and o.blocks for o in state.objections):
        return {ObjectionWithdrawn.kind}
    return set()


def decision_actions(state: "DecisionState", member: str) -> frozenset[str]:
    from .decision import ENDING_PHASES, OPEN_PHASES, Phase

    phase = state.phase
    facilitator, proposer = state.facilitator, state.proposer
    is_facilitator, in_circle = member == facilitator, member in state.circle
    actions = _turn(state, member)
    round_open = _round_open(state)
    if is_facilitator and not round_open:
        if phase is Phase.PREPARED and not state.rounds and not state.driver_checked:
            actions.add(RoundStarted.kind)  # opening round
        if phase in (Phase.PREPARED, Phase.OPENING) and not state.driver_checked:
            actions.add(DriverChecked.kind)
        if phase in (
            Phase.PRESENTED,
            Phase.PICTURE_FORMING,
            Phase.OPINION_FORMING,
            Phase.AMEND,
            Phase.DECISION_FORMING,
        ):
            actions.add(RoundStarted.kind)
        if phase is Phase.REVIEW_DUE and state.review_proposal is not None:
            actions.add(RoundStarted.kind)
        if phase in ENDING_PHASES and not (
            state.rounds and state.rounds[-1].kind is RoundKind.CLOSING
        ):
            actions.add(RoundStarted.kind)  # slotronde
        if state.can_agree:
            actions.add(Agreed.kind)
        if phase is Phase.AGREED:
            actions.add(ReviewOpened.kind)
        if phase in (Phase.REVIEW_DUE, Phase.REVIEW_CONSENT):
            actions.add(ReviewConcluded.kind)
    if (
        member == proposer
        and phase in (Phase.PREPARED, Phase.OPENING)
        and not round_open
        and (state.driver_checked or not state.settings.requires_driver_check)
    ):
        actions.add(ProposalPresented.kind)
    if member == proposer and phase is Phase.PICTURE_FORMING:
        if any(q.answer is None for q in state.questions):
            actions.add(QuestionAnswered.kind)
    if member in (proposer, facilitator) and not round_open:
        if phase in (Phase.OPINION_FORMING, Phase.AMEND) or (
            phase is Phase.RESOLVE and any(s.version == state.version for s in state.suggestions)
        ):
            actions.add(ProposalAmended.kind)
    if member == proposer and phase in OPEN_PHASES:
        actions.add(ProposalWithdrawn.kind)
    reviewing = phase in (Phase.REVIEW_DUE, Phase.REVIEW_CONSENT)
    if is_facilitator and (phase in OPEN_PHASES or reviewing):
        actions.add(DecisionDeferred.kind)
    if (
        is_facilitator
        and phase in (Phase.TEST_OBJECTION, Phase.RESOLVE)
        and any(o.verdict is Verdict.QUALIFIED and o.blocks for o in state.objections)
    ):
        actions.add(DecisionReferred.kind)
    if phase is Phase.TEST_OBJECTION:
        actions |= _testing(state, member, facilitator, state.circle)
    if phase is Phase.RESOLVE and in_circle:
        qualified = [o.member for o in state.standing_objections if o.verdict is Verdict.QUALIFIED]
        first = not any(s.version == state.version for s in state.suggestions)
        if not first or member in qualified:
            actions.add(AmendmentSuggested.kind)
    if phase in (Phase.DECISION_FORMING, Phase.TEST_OBJECTION, Phase.RESOLVE):
        actions |= _withdrawing(state, member)
    may_propose = in_circle or is_facilitator
    if phase is Phase.REVIEW_DUE and state.review_proposal is None and may_propose:
        actions.add(ReviewProposed.kind)
    return frozenset(actions)


def election_actions(state: "ElectionState", member: str) -> frozenset[str]:
    from .election import ENDING_PHASES, ElectionPhase

    phase = state.phase
    facilitator = state.facilitator
    is_facilitator = member == facilitator
    actions = _turn(state, member)
    round_open = _round_open(state)
    if is_facilitator and not round_open:
        if phase is ElectionPhase.ROLE_DEFINED and not state.rounds:
            actions.add(RoundStarted.kind)
        if phase in (
            ElectionPhase.OPENING,
            ElectionPhase.NOMINATION,
            ElectionPhase.REASONS,
        ):
            actions.add(RoundStarted.kind)
        if phase is ElectionPhase.PROPOSAL and state.candidate is not None:
            actions.add(RoundStarted.kind)
        if phase in ENDING_PHASES and not (
            state.rounds and state.rounds[-1].kind is RoundKind.CLOSING
        ):
            actions.add(RoundStarted.kind)
        if phase in (ElectionPhase.CHANGE, ElectionPhase.PROPOSAL, ElectionPhase.RESOLVE):
            actions |= {CandidateProposed.kind, NoElection.kind}
        if phase is ElectionPhase.RESOLVE:
            actions.add(RoleAmended.kind)
    if phase is ElectionPhase.TEST_OBJECTION:
        actions |= _testing(state, member, facilitator, state.circle)
    if phase in (ElectionPhase.CONSENT, ElectionPhase.TEST_OBJECTION, ElectionPhase.RESOLVE):
        actions |= _withdrawing(state, member)
    if state.candidate is not None and member == state.candidate:
        if state.can_elect:
            actions.add(CandidateAccepted.kind)
        if phase in (ElectionPhase.PROPOSAL, ElectionPhase.CONSENT):
            actions.add(CandidateDeclined.kind)
    return frozenset(actions)
