"""Builders for consent-engine tests: a circle, its events, and states at each phase."""

import copy
from datetime import date, datetime

import pytest

from exercises.consent import (
    CandidateProposed,
    ConsentAnswer,
    ConsentAnswerGiven,
    DecisionPrepared,
    DecisionState,
    DriverChecked,
    ElectionState,
    Event,
    NominationKept,
    NominationMade,
    ProcessError,
    ProcessState,
    ProposalPresented,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReasonGiven,
    RoleDefined,
    RoundKind,
    RoundStarted,
    Settings,
    TestQuestion,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    apply,
    replay,
    start,
)

# Seating order. Dirk facilitates and sits in the circle; Anna proposes.
CIRCLE = ("anna", "bert", "carla", "dirk")
FACILITATOR = "dirk"
PROPOSER = "anna"
REVIEW_DATE = date(2026, 6, 1)
DECIDED_ON = date(2026, 1, 15)
AT = datetime(2026, 1, 15, 19, 30)


def run(state: ProcessState, *events: Event) -> ProcessState:
    for event in events:
        state = apply(state, event)
    return state


def refuse(state: ProcessState, event: Event, code: str) -> ProcessError:
    """Assert `event` is refused with `code` and leaves `state` exactly as it was."""
    snapshot = copy.deepcopy(state)
    with pytest.raises(ProcessError) as caught:
        apply(state, event)
    assert caught.value.code == code, str(caught.value)
    assert state == snapshot
    assert state == replay(entry.event for entry in state.log)
    return caught.value


def events_of(state: ProcessState) -> list[Event]:
    return [entry.event for entry in state.log]


# Consent decision


def prepared_event(**settings: object) -> DecisionPrepared:
    return DecisionPrepared(
        actor=PROPOSER,
        at=AT,
        circle=CIRCLE,
        facilitator=FACILITATOR,
        proposer=PROPOSER,
        driver="Meetings overrun; we need a way to end on time.",
        shared_aim="Run a lively, well-organised training circle.",
        proposal="Every meeting has a timekeeper, rotating in seating order.",
        review_date=REVIEW_DATE,
        settings=Settings(**settings),  # type: ignore[arg-type]
    )


def prepared(**settings: object) -> DecisionState:
    state = start(prepared_event(**settings))
    assert isinstance(state, DecisionState)
    return state


def start_round(kind: RoundKind, start_with: str | None = None) -> RoundStarted:
    return RoundStarted(actor=FACILITATOR, round_kind=kind, start_with=start_with)


def answer(member: str, kind: ConsentAnswer = ConsentAnswer.CONSENT, text: str = "") -> Event:
    return ConsentAnswerGiven(actor=member, answer=kind, text=text)


def presented(**settings: object) -> DecisionState:
    state = prepared(**settings)
    if state.settings.requires_driver_check:
        state = run(state, DriverChecked(actor=FACILITATOR))
    return run(state, ProposalPresented(actor=PROPOSER))


def in_picture_forming(**settings: object) -> DecisionState:
    return run(presented(**settings), start_round(RoundKind.QUESTION))


def picture_formed(**settings: object) -> DecisionState:
    """Question round done: Bert asked and was answered, the others passed."""
    state = in_picture_forming(**settings)
    return run(
        state,
        TurnPassed(actor="anna"),
        QuestionAsked(actor="bert", question="Who keeps time in the first meeting?"),
        QuestionAnswered(actor=PROPOSER, asker="bert", answer="Whoever sits left of me."),
        TurnPassed(actor="carla"),
        TurnPassed(actor="dirk"),
    )


def in_opinion_forming(**settings: object) -> DecisionState:
    return run(picture_formed(**settings), start_round(RoundKind.REACTION))


def opinion_formed(**settings: object) -> DecisionState:
    state = in_opinion_forming(**settings)
    return run(
        state,
        *(ReactionGiven(actor=m, reaction=f"{m} likes it.") for m in state.current_round.order),
    )


def in_consent_round(**settings: object) -> DecisionState:
    return run(opinion_formed(**settings), start_round(RoundKind.CONSENT))


def all_consent(state: DecisionState) -> DecisionState:
    return run(state, *(answer(m) for m in state.current_round.open_members))


def with_objection(objector: str = "bert", **settings: object) -> DecisionState:
    """Consent round done; `objector` objected, the others consented."""
    state = in_consent_round(**settings)
    for member in state.current_round.order:
        if member == objector:
            state = run(state, answer(member, ConsentAnswer.OBJECTION, "Harms the aim: no."))
        else:
            state = run(state, answer(member))
    return state


def put_test_questions(objector: str = "bert", member: str = "carla") -> list[Event]:
    """The objection tested with the objector and the circle: the facilitator and `member`
    ask the test questions, the objector answers each."""
    askers = {TestQuestion.AIM: FACILITATOR, TestQuestion.HARM: member}
    events: list[Event] = []
    for question in TestQuestion:
        events += [
            TestQuestionAsked(
                actor=askers.get(question, FACILITATOR), objector=objector, question=question
            ),
            TestQuestionAnswered(
                actor=objector, objector=objector, question=question, answer=f"{question}: yes."
            ),
        ]
    return events


# Election

ROLE_START = date(2026, 2, 1)
ROLE_END = date(2027, 2, 1)


def role_defined_event(**settings: object) -> RoleDefined:
    return RoleDefined(
        actor=FACILITATOR,
        at=AT,
        circle=CIRCLE,
        facilitator=FACILITATOR,
        role="Secretary",
        tasks=("Keep the logbook", "Send the minutes"),
        term_start=ROLE_START,
        term_end=ROLE_END,
        qualities=("Accurate", "Writes clearly"),
        settings=Settings(**settings),  # type: ignore[arg-type]
    )


def role_defined(**settings: object) -> ElectionState:
    state = start(role_defined_event(**settings))
    assert isinstance(state, ElectionState)
    return state


NOMINEES = {"anna": "carla", "bert": "carla", "carla": "bert", "dirk": None}


def nominated(**settings: object) -> ElectionState:
    state = run(role_defined(**settings), start_round(RoundKind.NOMINATION))
    return run(state, *(NominationMade(actor=m, nominee=n) for m, n in NOMINEES.items()))


def changes_done(**settings: object) -> ElectionState:
    state = run(nominated(**settings), start_round(RoundKind.REASONS))
    state = run(state, *(ReasonGiven(actor=m, reason="Careful.") for m in CIRCLE))
    state = run(state, start_round(RoundKind.CHANGE))
    return run(state, *(NominationKept(actor=m) for m in CIRCLE))


def candidate_proposed(candidate: str = "carla", **settings: object) -> ElectionState:
    return run(
        changes_done(**settings),
        CandidateProposed(actor=FACILITATOR, candidate=candidate, reason="Most careful."),
    )


def in_election_consent_round(candidate: str = "carla", **settings: object) -> ElectionState:
    return run(candidate_proposed(candidate, **settings), start_round(RoundKind.CONSENT))
