"""Property tests: random event sequences, valid and invalid, never break the invariants."""

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

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
    ElectionPhase,
    ElectionState,
    Event,
    MeetingEvaluated,
    Method,
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
    ReviewConcluded,
    ReviewOpened,
    ReviewOutcome,
    ReviewProposed,
    RoleAmended,
    RoleDefined,
    Round,
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
    start,
)

NAMES = ("anna", "bert", "carla", "dirk", "eve")
DAY = date(2026, 1, 15)
REVIEW = date(2026, 6, 1)
REACHED = {
    "agreed",
    "objection_tested",
    "proposal_amended",
    "review_concluded",
    "role_amended",
    "candidate_declined",
    "candidate_accepted",
    "objection_withdrawn",
    "decision_referred",
    "decision_deferred",
    "meeting_evaluated",
}
PROPERTY_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

texts = st.sampled_from(["", "  ", "Because of the shared aim.", "Why?"])
actors = st.sampled_from(NAMES)
maybe_actor = st.none() | actors
answers = st.sampled_from(ConsentAnswer)
days = st.sampled_from([DAY, REVIEW, REVIEW + timedelta(days=365)])

setting_choices = st.builds(
    Settings,
    method=st.sampled_from(Method),
    facilitator_answers_last=st.booleans(),
    pass_allowed_in_reaction_round=st.booleans(),
    rotate_start=st.booleans(),
)
circles = st.lists(st.sampled_from(NAMES[:4]), min_size=1, max_size=4, unique=True).map(tuple)

# Any event at all, with any actor: mostly refused, sometimes not.
noise = st.one_of(
    st.builds(DriverChecked, actor=actors),
    st.builds(ProposalPresented, actor=actors),
    st.builds(
        RoundStarted, actor=actors, round_kind=st.sampled_from(RoundKind), start_with=maybe_actor
    ),
    st.builds(QuestionAsked, actor=actors, question=texts),
    st.builds(QuestionAnswered, actor=actors, asker=actors, answer=texts),
    st.builds(ReactionGiven, actor=actors, reaction=texts),
    st.builds(TurnPassed, actor=actors),
    st.builds(ProposalAmended, actor=actors, text=texts),
    st.builds(ConsentAnswerGiven, actor=actors, answer=answers, text=texts),
    st.builds(
        ObjectionTested,
        actor=actors,
        objector=actors,
        verdict=st.sampled_from(Verdict),
        keep_as_concern=st.booleans(),
        reason=texts,
    ),
    st.builds(
        TestQuestionAsked, actor=actors, objector=actors, question=st.sampled_from(TestQuestion)
    ),
    st.builds(
        TestQuestionAnswered,
        actor=actors,
        objector=actors,
        question=st.sampled_from(TestQuestion),
        answer=texts,
    ),
    st.builds(ObjectionWithdrawn, actor=actors, keep_as_concern=st.booleans()),
    st.builds(DecisionReferred, actor=actors, to_circle=texts, reason=texts),
    st.builds(
        ReviewProposed,
        actor=actors,
        outcome=st.sampled_from(ReviewOutcome),
        text=texts,
        next_review_date=st.none() | days,
    ),
    st.builds(CheckedIn, actor=actors, text=texts),
    st.builds(MeetingEvaluated, actor=actors, rating=st.integers(0, 11), keep_or_change=texts),
    st.builds(AmendmentSuggested, actor=actors, text=texts),
    st.builds(ProposalWithdrawn, actor=actors),
    st.builds(
        DecisionDeferred,
        actor=actors,
        owner=st.sampled_from(["", "bert"]),
        until=days,
        on=st.none() | days,
    ),
    st.builds(Agreed, actor=actors, decided_on=days),
    st.builds(ReviewOpened, actor=actors, on=days),
    st.builds(ReviewConcluded, actor=actors, outcome=st.sampled_from(ReviewOutcome), text=texts),
    st.builds(NominationMade, actor=actors, nominee=maybe_actor),
    st.builds(ReasonGiven, actor=actors, reason=texts),
    st.builds(NominationChanged, actor=actors, nominee=maybe_actor, reason=texts),
    st.builds(NominationKept, actor=actors),
    st.builds(CandidateProposed, actor=actors, candidate=actors, reason=texts),
    st.builds(RoleAmended, actor=actors, term_end=st.none() | days),
    st.builds(CandidateAccepted, actor=actors),
    st.builds(CandidateDeclined, actor=actors),
    st.builds(NoElection, actor=actors),
)


def guided_decision(state: DecisionState) -> list[Event]:
    """Events the current phase will often accept, plus an attempt to agree at any moment."""
    return [
        *phase_events(state),
        *meeting_events(state),
        *objection_events(state),
        Agreed(actor=state.facilitator, decided_on=DAY),
    ]


def meeting_events(state: Any) -> list[Event]:
    """The opening and closing rounds, tried at any moment."""
    facilitator, member = state.facilitator, state.whose_turn
    events: list[Event] = [
        RoundStarted(actor=facilitator, round_kind=RoundKind.OPENING),
        RoundStarted(actor=facilitator, round_kind=RoundKind.CLOSING),
    ]
    if member is not None:
        events += [
            CheckedIn(actor=member, text="Here."),
            MeetingEvaluated(actor=member, rating=7, keep_or_change="Keep it short."),
        ]
    return events


def objection_events(state: Any) -> list[Event]:
    """Testing, withdrawing and referring objections, when there are any."""
    facilitator = state.facilitator
    events: list[Event] = []
    for objection in state.objections:
        member = objection.member
        others = [m for m in state.circle if m not in (member, facilitator)]
        events.append(ObjectionWithdrawn(actor=member, keep_as_concern=True))
        # The next test question to ask and to answer, so walks get to a verdict.
        unasked = [q for q in TestQuestion if not objection.was_asked(q)]
        unanswered = [
            q for q in TestQuestion if objection.was_asked(q) and not objection.answered(q)
        ]
        for asker in (facilitator, facilitator, *others[:1], *others[:1]):
            events += [
                TestQuestionAsked(actor=asker, objector=member, question=q) for q in unasked[:1]
            ]
        for answerer in (member, member, member, *others[:1]):
            events += [
                TestQuestionAnswered(actor=answerer, objector=member, question=q, answer="Yes.")
                for q in unanswered[:1]
            ]
        for verdict, keep in (
            (Verdict.QUALIFIED, False),
            (Verdict.NOT_QUALIFIED, False),
            (Verdict.NOT_QUALIFIED, True),
        ):
            events.append(
                ObjectionTested(
                    actor=facilitator,
                    objector=member,
                    verdict=verdict,
                    keep_as_concern=keep,
                    reason="Tested.",
                )
            )
    unresolved = (Phase.RESOLVE, Phase.REVIEW_DUE)
    if isinstance(state, DecisionState) and state.phase in unresolved:
        events += [
            DecisionReferred(actor=facilitator, to_circle="General circle", reason="Budget."),
            DecisionDeferred(
                actor=facilitator, owner=state.circle[0], on=DAY, until=REVIEW, reason="Data."
            ),
        ]
    return events


def phase_events(state: DecisionState) -> list[Event]:
    facilitator, proposer, member = state.facilitator, state.proposer, state.whose_turn
    amend = ProposalAmended(actor=proposer, text=f"Version {state.version + 1}.")
    rounds = [
        RoundStarted(actor=facilitator, round_kind=kind, start_with=start_with)
        for kind in (RoundKind.QUESTION, RoundKind.REACTION, RoundKind.CONSENT)
        for start_with in (None, state.circle[-1])
    ]
    answers = [
        QuestionAnswered(actor=proposer, asker=q.member, answer="Answer.")
        for q in state.questions
        if q.answer is None
    ]
    match state.phase:
        case Phase.PREPARED | Phase.OPENING:
            return [DriverChecked(actor=facilitator), ProposalPresented(actor=proposer)]
        case Phase.PICTURE_FORMING if member is not None:
            return [QuestionAsked(actor=member, question="Clarify?"), TurnPassed(actor=member)]
        case Phase.OPINION_FORMING if member is not None:
            return [ReactionGiven(actor=member, reaction="Reaction."), TurnPassed(actor=member)]
        case Phase.DECISION_FORMING if member is not None:
            return [
                ConsentAnswerGiven(actor=member, answer=ConsentAnswer.CONSENT),
                ConsentAnswerGiven(actor=member, answer=ConsentAnswer.CONSENT),
                ConsentAnswerGiven(actor=member, answer=ConsentAnswer.CONCERN, text="Concern."),
                ConsentAnswerGiven(actor=member, answer=ConsentAnswer.OBJECTION, text="Harm."),
            ]
        case Phase.TEST_OBJECTION:
            return objection_events(state)
        case Phase.REVIEW_CONSENT if member is not None:
            return [
                ConsentAnswerGiven(actor=member, answer=ConsentAnswer.CONSENT),
                ConsentAnswerGiven(actor=member, answer=ConsentAnswer.OBJECTION, text="Harm."),
            ]
        case Phase.REVIEW_CONSENT:
            return [
                ReviewConcluded(actor=facilitator, outcome=outcome) for outcome in ReviewOutcome
            ]
        case Phase.RESOLVE:
            suggestions = [AmendmentSuggested(actor=m, text="Suggestion.") for m in state.circle]
            return [*suggestions, amend]
        case Phase.AGREED:
            return [ReviewOpened(actor=facilitator, on=state.agreement.review_date)]
        case Phase.REVIEW_DUE:
            later = state.agreement.review_date + timedelta(days=365)
            member = state.circle[0]
            return [
                ReviewProposed(actor=member, outcome=ReviewOutcome.KEEP, next_review_date=later),
                ReviewProposed(actor=member, outcome=ReviewOutcome.AMEND, text=amend.text),
                ReviewProposed(actor=member, outcome=ReviewOutcome.DROP),
                RoundStarted(actor=facilitator, round_kind=RoundKind.REVIEW),
                ReviewConcluded(actor=facilitator, outcome=ReviewOutcome.DROP),
            ]
    return [*rounds, *answers, amend]


def guided_election(state: ElectionState) -> list[Event]:
    """Events the current phase will often accept, so random walks get somewhere."""
    facilitator = state.facilitator
    current = state.current_round
    rounds = [
        RoundStarted(actor=facilitator, round_kind=kind)
        for kind in (RoundKind.NOMINATION, RoundKind.REASONS, RoundKind.CHANGE, RoundKind.CONSENT)
    ]
    proposals = [
        CandidateProposed(actor=facilitator, candidate=nominee, reason="Reasons.")
        for nominee in state.nominees
    ]
    extra = [*meeting_events(state), *objection_events(state)]
    if state.phase is ElectionPhase.TEST_OBJECTION:
        return extra
    if current is None or current.complete:
        if state.phase is ElectionPhase.RESOLVE:
            later = state.role.term_end + timedelta(days=30)
            return [RoleAmended(actor=facilitator, term_end=later), *proposals, *extra]
        if state.candidate is not None and state.can_elect:
            return [CandidateAccepted(actor=state.candidate), *extra]
        return [*rounds, *proposals, *extra]
    if current.kind in (RoundKind.OPENING, RoundKind.CLOSING):
        return extra
    if current.kind is RoundKind.NOMINATION:
        return [
            NominationMade(actor=member, nominee=nominee)
            for member in current.open_members
            for nominee in (state.circle[0], None)
        ]
    member = current.open_members[0]
    match current.kind:
        case RoundKind.REASONS:
            return [ReasonGiven(actor=member, reason="Reason.")]
        case RoundKind.CHANGE:
            change = NominationChanged(actor=member, nominee=state.circle[-1], reason="Changed.")
            return [NominationKept(actor=member), change]
        case RoundKind.CONSENT:
            extra = [ObjectionWithdrawn(actor=o.member) for o in state.objections]
    return [
        ConsentAnswerGiven(actor=member, answer=ConsentAnswer.CONSENT),
        ConsentAnswerGiven(actor=member, answer=ConsentAnswer.OBJECTION, text="Harm."),
        ConsentAnswerGiven(actor=member, answer=ConsentAnswer.CONCERN, text="Concern."),
        *extra,
    ]


def run_random(
    data: st.DataObject, state: Any, guide: Callable[[Any], list[Event]], steps: int
) -> tuple[Any, list[Event]]:
    """Apply a random mix of guided and noise events; return the final state and what succeeded."""
    succeeded: list[Event] = [entry.event for entry in state.log]
    for _ in range(steps):
        if data.draw(st.integers(0, 9)) < 9:
            event = data.draw(st.sampled_from(guide(state)))
        else:
            event = data.draw(noise)
        before = state
        try:
            state = apply(state, event)
        except ProcessError:
            assert state is before
            continue
        succeeded.append(event)
        check_step(before, event, state)
    return state, succeeded


def check_step(before: Any, event: Event, after: Any) -> None:
    # What the engine accepts was announced as open to that member beforehand.
    assert event.kind in before.open_actions(event.actor), (event, before.phase)
    # The log only grows, one entry per accepted event.
    assert after.log[: len(before.log)] == before.log
    assert len(after.log) == len(before.log) + 1
    assert after.log[-1].event == event
    # Earlier rounds never change; only the latest one can have grown.
    assert after.rounds[: len(before.rounds) - 1] == before.rounds[:-1]
    if after.rounds:
        check_round(after, after.rounds[-1])
    if isinstance(after, DecisionState):
        check_decision_step(before, event, after)
    else:
        check_election_step(before, event, after)


def check_round(state: Any, round_: Round) -> None:
    spoken = [turn.member for turn in round_.turns]
    assert len(spoken) == len(set(spoken))  # one turn each
    assert sorted(round_.order) == sorted(state.circle)  # everyone in the circle
    if round_.in_order:
        assert spoken == list(round_.order[: len(spoken)])  # in circle order
    else:
        assert set(spoken) <= set(round_.order)
    if round_.complete:
        assert sorted(spoken) == sorted(state.circle)
    # Apart from who answers last, the order is the seating order from some start.
    last = answers_last(state, round_)
    seated = [m for m in state.circle if m not in last]
    ordered = [m for m in round_.order if m not in last]
    assert ordered in [seated[i:] + seated[:i] for i in range(max(len(seated), 1))]
    assert list(round_.order[len(ordered) :]) == [
        m for m in last_in_order(state, round_) if m in state.circle
    ]


def answers_last(state: Any, round_: Round) -> set[str]:
    return set(last_in_order(state, round_)) & set(state.circle)


def last_in_order(state: Any, round_: Round) -> list[str]:
    if round_.kind not in (RoundKind.CONSENT, RoundKind.REVIEW):
        return []
    last = [state.facilitator] if state.settings.facilitator_answers_last else []
    if isinstance(state, ElectionState):
        candidate = state.candidacies[round_.version - 1].candidate
        last = [m for m in last if m != candidate] + [candidate]
    return last


def check_decision_step(before: DecisionState, event: Event, after: DecisionState) -> None:
    if after.phase in (Phase.AGREED, Phase.REVIEW_DUE):
        # Nothing is agreed while an objection stands or a member is open, worked out
        # here from the raw record rather than from the engine's own answers.
        consent_rounds = [
            r for r in after.rounds if r.kind is RoundKind.CONSENT and r.version == after.version
        ]
        assert consent_rounds
        answered = {turn.member for turn in consent_rounds[-1].turns}
        assert answered == set(after.circle)
        on_version = [o for o in after.all_objections if o.version == after.version]
        standing = [
            o for o in on_version if not o.withdrawn and o.verdict is not Verdict.NOT_QUALIFIED
        ]
        assert standing == []
        check_objections_tested(after, on_version)
        assert after.agreement.version == after.version
    if isinstance(event, Agreed):
        assert before.can_agree
        assert before.open_members == () and before.standing_objections == ()
    if after.version > before.version:
        # A new version voids every consent answer given to earlier ones.
        assert after.answers == ()
        assert after.objections == () and after.concerns == ()
        assert all(r.version != after.version for r in after.rounds)
        assert not after.can_agree


def check_election_step(before: ElectionState, event: Event, after: ElectionState) -> None:
    if after.phase is ElectionPhase.ELECTED and before.phase is not ElectionPhase.ELECTED:
        consent_rounds = [
            r for r in after.rounds if r.kind is RoundKind.CONSENT and r.version == after.version
        ]
        assert consent_rounds
        turns = consent_rounds[-1].turns
        assert {turn.member for turn in turns} == set(after.circle)
        objections = [o for o in after.all_objections if o.version == after.version]
        assert all(o.withdrawn or o.verdict is Verdict.NOT_QUALIFIED for o in objections)
        check_objections_tested(after, objections)
        kept = {(o.member, o.argument) for o in objections if o.kept_as_concern}
        assert kept <= {(c.member, c.text) for c in after.result.concerns}
        assert after.result.person == after.candidate == event.actor
    if not after.nominations_complete:
        assert after.nominations == () and after.current_nominations == ()
    if after.version > before.version:
        assert after.answers == ()
        assert all(r.version != after.version for r in after.rounds)


def check_objections_tested(state: Any, objections: list) -> None:
    """No path ends in an agreement or election with an objection that was not tested with
    the objector and the circle: every test question answered, the objector heard, a reason."""
    for objection in objections:
        if objection.withdrawn:
            continue
        assert objection.verdict is not None
        assert all(objection.answered(question) for question in TestQuestion)
        assert objection.member in {a.member for a in objection.test_answers}
        assert objection.reason.strip()
        others = set(state.circle) - {objection.member, state.facilitator}
        if others:
            assert set(objection.tested_with) & others


def check_replay(state: Any, succeeded: list[Event]) -> None:
    # Statistics (pytest --hypothesis-show-statistics) show how far the walks get.
    event(f"ended in phase {state.phase}")
    event(f"reached {sorted({e.kind for e in succeeded} & REACHED)}")
    assert replay(succeeded) == state
    stored = [json.loads(json.dumps(event.to_dict())) for event in succeeded]
    assert replay(event_from_dict(data) for data in stored) == state


@PROPERTY_SETTINGS
@given(
    data=st.data(),
    circle=circles,
    facilitator=actors,
    proposer=actors,
    options=setting_choices,
    steps=st.integers(10, 100),
)
def test_random_decisions_keep_the_invariants(
    data: st.DataObject,
    circle: tuple[str, ...],
    facilitator: str,
    proposer: str,
    options: Settings,
    steps: int,
) -> None:
    state = start(
        DecisionPrepared(
            actor=proposer,
            circle=circle,
            facilitator=facilitator,
            proposer=proposer,
            driver="Driver.",
            shared_aim="Aim.",
            proposal="Version 1.",
            review_date=REVIEW,
            settings=options,
        )
    )

    state, succeeded = run_random(data, state, guided_decision, steps)

    check_replay(state, succeeded)


@PROPERTY_SETTINGS
@given(
    data=st.data(),
    circle=circles,
    facilitator=actors,
    options=setting_choices,
    steps=st.integers(10, 100),
)
def test_random_elections_keep_the_invariants(
    data: st.DataObject,
    circle: tuple[str, ...],
    facilitator: str,
    options: Settings,
    steps: int,
) -> None:
    state = start(
        RoleDefined(
            actor=facilitator,
            circle=circle,
            facilitator=facilitator,
            role="Secretary",
            tasks=("Minutes",),
            qualities=("Accurate",),
            term_start=DAY,
            term_end=REVIEW,
            settings=options,
        )
    )

    state, succeeded = run_random(data, state, guided_election, steps)

    check_replay(state, succeeded)


@PROPERTY_SETTINGS
@given(
    data=st.data(),
    circle=circles,
    facilitator=actors,
    proposer=actors,
    steps=st.integers(10, 80),
)
def test_random_objection_handling_never_agrees_with_an_untested_objection(
    data: st.DataObject,
    circle: tuple[str, ...],
    facilitator: str,
    proposer: str,
    steps: int,
) -> None:
    """Walks that start at the consent round, where objections are raised, tested, withdrawn,
    resolved, deferred or referred (the invariants are in `check_step`)."""
    state = start(
        DecisionPrepared(
            actor=proposer,
            circle=circle,
            facilitator=facilitator,
            proposer=proposer,
            driver="Driver.",
            shared_aim="Aim.",
            proposal="Version 1.",
            review_date=REVIEW,
        )
    )
    state = apply(state, ProposalPresented(actor=proposer))
    for kind in (RoundKind.QUESTION, RoundKind.REACTION):
        state = apply(state, RoundStarted(actor=facilitator, round_kind=kind))
        for member in state.current_round.order:
            state = apply(state, TurnPassed(actor=member))
    state = apply(state, RoundStarted(actor=facilitator, round_kind=RoundKind.CONSENT))

    state, succeeded = run_random(data, state, guided_decision, steps)

    check_replay(state, succeeded)
