"""The rules of shared/DOMAIN.md the engine follows beyond the basic rounds: objections tested
with the objector and the circle, withdrawal, deferral and referral with the current policy
in force, the opening and closing rounds, a repeated question round, and the election's role
description, nominees and tested objections."""

from dataclasses import replace
from datetime import date

import pytest

from exercises.consent import (
    Agreed,
    CandidateAccepted,
    CheckedIn,
    ConsentAnswer,
    DecisionDeferred,
    DecisionReferred,
    ElectionPhase,
    MeetingEvaluated,
    NominationChanged,
    NominationMade,
    ObjectionTested,
    ObjectionWithdrawn,
    Phase,
    ProcessError,
    ProposalPresented,
    QuestionAnswered,
    QuestionAsked,
    RoundKind,
    TestQuestion,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    Verdict,
    start,
)

from .scenarios import (
    CIRCLE,
    DECIDED_ON,
    FACILITATOR,
    PROPOSER,
    all_consent,
    answer,
    in_election_consent_round,
    in_picture_forming,
    prepared,
    presented,
    put_test_questions,
    refuse,
    role_defined,
    role_defined_event,
    run,
    start_round,
    with_objection,
)

AGREED = Agreed(actor=FACILITATOR, decided_on=DECIDED_ON)


def verdict(objector="bert", kind=Verdict.QUALIFIED, reason="It harms the aim.", keep=False):
    return ObjectionTested(
        actor=FACILITATOR, objector=objector, verdict=kind, reason=reason, keep_as_concern=keep
    )


def ask(question, objector="bert", by=FACILITATOR):
    return TestQuestionAsked(actor=by, objector=objector, question=question)


def reply(question, objector="bert", by="bert", text="Yes, it does."):
    return TestQuestionAnswered(actor=by, objector=objector, question=question, answer=text)


def resolving(objector="bert"):
    return run(with_objection(objector), *put_test_questions(objector), verdict(objector))


# Testing an objection with the objector and the circle


def test_the_verdict_waits_for_every_test_question_asked_and_answered() -> None:
    state = with_objection("bert")
    error = refuse(state, verdict(), "test_questions_open")
    assert "shared aim" in str(error)

    state = run(state, ask(TestQuestion.AIM), reply(TestQuestion.AIM))
    state = run(state, ask(TestQuestion.HARM, by="carla"), reply(TestQuestion.HARM))
    refuse(state, verdict(), "test_questions_open")


def test_a_test_question_is_answered_only_once_asked_and_asked_once() -> None:
    state = with_objection("bert")
    refuse(state, reply(TestQuestion.AIM), "test_question_not_asked")
    state = run(state, ask(TestQuestion.AIM))
    refuse(state, ask(TestQuestion.AIM, by="carla"), "test_question_already_asked")
    refuse(state, reply(TestQuestion.AIM, text=" "), "answer_empty")
    refuse(state, ask(TestQuestion.HARM, by="eve"), "not_a_member")


def test_the_objector_must_be_heard() -> None:
    state = with_objection("bert")
    for question in TestQuestion:
        state = run(state, ask(question, by="carla"), reply(question, by="anna"))

    error = refuse(state, verdict(), "objector_not_heard")
    assert "bert" in str(error)


def test_the_facilitator_does_not_test_alone_with_the_objector() -> None:
    state = with_objection("bert")
    for question in TestQuestion:
        state = run(state, ask(question), reply(question))

    error = refuse(state, verdict(), "tested_without_circle")
    assert "anna" in str(error) and "carla" in str(error)


def test_the_verdict_needs_a_reason_and_records_who_took_part() -> None:
    state = run(with_objection("bert"), *put_test_questions("bert", member="carla"))
    refuse(state, verdict(reason=" "), "verdict_needs_reason")

    state = run(state, verdict(kind=Verdict.NOT_QUALIFIED, reason="A preference.", keep=True))

    (objection,) = state.objections
    assert objection.verdict is Verdict.NOT_QUALIFIED
    assert objection.reason == "A preference."
    assert set(objection.tested_with) == {FACILITATOR, "carla", "bert"}
    assert [c.member for c in state.concerns] == ["bert"]
    assert state.can_agree


def test_objections_are_tested_one_at_a_time_in_the_order_raised() -> None:
    state = run(
        start_round_consent(),
        answer("anna", ConsentAnswer.OBJECTION, "Harms the aim."),
        answer("bert", ConsentAnswer.OBJECTION, "A better way exists."),
        answer("carla"),
        answer(FACILITATOR),
    )

    assert state.objection_under_test.member == "anna"
    refuse(state, ask(TestQuestion.AIM, objector="bert"), "no_untested_objection")


def start_round_consent():
    from .scenarios import in_consent_round

    return in_consent_round()


def test_a_verdict_of_overwegend_bezwaar_blocks_until_resolved() -> None:
    state = resolving()

    assert state.phase is Phase.RESOLVE
    refuse(state, AGREED, "objection_stands")


# Withdrawal by the objector


def test_the_objector_may_withdraw_before_testing_and_keep_it_as_a_concern() -> None:
    state = run(with_objection("bert"), ObjectionWithdrawn(actor="bert", keep_as_concern=True))

    assert state.phase is Phase.DECISION_FORMING
    assert state.objections[0].withdrawn
    assert [(c.member, c.from_objection) for c in state.concerns] == [("bert", True)]
    state = run(state, AGREED)
    assert state.agreement.concerns[0].member == "bert"


def test_the_objector_may_withdraw_a_qualified_objection_and_drop_it() -> None:
    state = run(resolving(), ObjectionWithdrawn(actor="bert"))

    assert state.phase is Phase.DECISION_FORMING
    assert state.concerns == ()
    assert state.can_agree


def test_only_the_objector_withdraws_and_only_what_stands() -> None:
    refuse(with_objection("bert"), ObjectionWithdrawn(actor="carla"), "no_standing_objection")
    state = run(
        with_objection("bert"),
        *put_test_questions("bert"),
        verdict(kind=Verdict.NOT_QUALIFIED, reason="Preference."),
    )
    refuse(state, ObjectionWithdrawn(actor="bert"), "no_standing_objection")


def test_an_objection_can_be_withdrawn_during_the_round() -> None:
    from .scenarios import in_consent_round

    state = run(
        in_consent_round(),
        answer("anna", ConsentAnswer.OBJECTION, "Harms the aim."),
        ObjectionWithdrawn(actor="anna"),
        answer("bert"),
        answer("carla"),
        answer(FACILITATOR),
    )

    assert state.phase is Phase.DECISION_FORMING
    assert state.can_agree


# Deferral and referral


def deferral(**changes):
    values = {"actor": FACILITATOR, "owner": "carla", "on": DECIDED_ON}
    return DecisionDeferred(**{"until": date(2026, 3, 1), **values, **changes})


def test_a_deferral_needs_a_future_date_and_an_owner() -> None:
    refuse(resolving(), deferral(on=None), "deferral_needs_date")
    refuse(resolving(), deferral(until=DECIDED_ON), "deferral_not_in_future")
    refuse(resolving(), deferral(owner=""), "deferral_needs_owner")

    state = run(resolving(), deferral(reason="Numbers first."))
    assert state.phase is Phase.DEFERRED
    assert state.deferral.on == DECIDED_ON
    assert state.policy_in_force is None  # nothing agreed before: the situation as it is


def test_an_unresolvable_objection_is_referred_to_the_higher_circle() -> None:
    event = DecisionReferred(
        actor=FACILITATOR, to_circle="Gemeenteraad", reason="The budget is the raad's to set."
    )

    state = run(resolving(), event)

    assert state.phase is Phase.REFERRED
    assert state.referral.objectors == ("bert",)
    assert state.referral.to_circle == "Gemeenteraad"
    refuse(state, AGREED, "process_closed")


def test_only_a_qualified_objection_is_referred_with_circle_and_reason() -> None:
    event = DecisionReferred(actor=FACILITATOR, to_circle="Raad", reason="Budget.")
    refuse(with_objection("bert"), event, "referral_without_objection")
    refuse(resolving(), replace(event, to_circle=" "), "referral_needs_circle")
    refuse(resolving(), replace(event, reason=""), "referral_needs_reason")
    refuse(resolving(), replace(event, actor="bert"), "only_facilitator")


# The question round may be held again


def test_the_facilitator_may_hold_another_question_round() -> None:
    state = run(
        in_picture_forming(),
        TurnPassed(actor="anna"),
        QuestionAsked(actor="bert", question="Online too?"),
    )
    refuse(state, start_round(RoundKind.QUESTION), "round_not_complete")
    state = run(state, TurnPassed(actor="carla"), TurnPassed(actor=FACILITATOR))
    refuse(state, start_round(RoundKind.QUESTION), "questions_unanswered")
    state = run(state, QuestionAnswered(actor=PROPOSER, asker="bert", answer="Yes."))

    state = run(state, start_round(RoundKind.QUESTION))

    assert state.phase is Phase.PICTURE_FORMING
    assert state.current_round.turns == ()
    assert [r.kind for r in state.rounds] == [RoundKind.QUESTION, RoundKind.QUESTION]


# Opening and closing rounds


def test_the_opening_round_gives_each_member_one_turn_before_the_presentation() -> None:
    state = run(prepared(), start_round(RoundKind.OPENING))

    assert state.phase is Phase.OPENING
    refuse(state, ProposalPresented(actor=PROPOSER), "round_not_complete")
    refuse(state, CheckedIn(actor="bert", text="Fine."), "not_your_turn")
    refuse(state, CheckedIn(actor="anna", text=" "), "checkin_empty")
    state = run(
        state,
        CheckedIn(actor="anna", text="Tired, but here."),
        TurnPassed(actor="bert"),
        CheckedIn(actor="carla", text="One urgent item: the key."),
        CheckedIn(actor=FACILITATOR, text="Good to see you."),
    )
    refuse(state, CheckedIn(actor="anna", text="Again."), "already_had_turn")

    state = run(state, ProposalPresented(actor=PROPOSER))
    assert state.phase is Phase.PRESENTED


def test_the_opening_round_comes_first() -> None:
    refuse(presented(), start_round(RoundKind.OPENING), "opening_round_too_late")
    state = run(prepared(), start_round(RoundKind.OPENING))
    state = run(state, *(TurnPassed(actor=m) for m in CIRCLE))
    refuse(state, start_round(RoundKind.OPENING), "opening_round_too_late")


def evaluated(member, rating=8):
    return MeetingEvaluated(actor=member, rating=rating, keep_or_change="Keep the rounds.")


def test_the_closing_round_follows_the_end_one_turn_each_once() -> None:
    from .scenarios import in_consent_round

    refuse(in_consent_round(), start_round(RoundKind.CLOSING), "closing_round_too_early")
    state = run(all_consent(in_consent_round()), AGREED, start_round(RoundKind.CLOSING))

    assert state.phase is Phase.AGREED
    assert state.whose_turn == "anna"
    refuse(state, evaluated("anna", rating=11), "rating_out_of_range")
    refuse(state, replace(evaluated("anna"), keep_or_change=""), "evaluation_empty")
    refuse(state, TurnPassed(actor="anna"), "wrong_phase")
    state = run(state, *(evaluated(m) for m in CIRCLE))
    assert state.current_round.complete
    refuse(state, start_round(RoundKind.CLOSING), "closing_round_held")


# Election: the role, the nominees, tested objections, concerns kept


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"tasks": ()}, "role_needs_task"),
        ({"tasks": (" ",)}, "role_needs_task"),
        ({"qualities": ()}, "role_needs_quality"),
        ({"review_date": date(2026, 1, 1)}, "review_date_before_term"),
    ],
)
def test_an_election_needs_a_role_description(changes, code) -> None:
    with pytest.raises(ProcessError) as caught:
        start(replace(role_defined_event(), **changes))
    assert caught.value.code == code


def test_nominees_are_members_of_the_circle_self_or_nobody() -> None:
    state = run(role_defined(), start_round(RoundKind.NOMINATION))

    refuse(state, NominationMade(actor="anna", nominee="eve"), "nominee_not_member")
    state = run(
        state,
        NominationMade(actor="anna", nominee="anna"),  # self
        NominationMade(actor="bert", nominee=None),  # nobody
    )
    assert state.nominated_members == ("anna", "bert")


def test_a_change_names_a_member_too() -> None:
    from .scenarios import nominated

    state = run(nominated(), start_round(RoundKind.REASONS))
    from exercises.consent import ReasonGiven

    state = run(state, *(ReasonGiven(actor=m, reason="Careful.") for m in CIRCLE))
    state = run(state, start_round(RoundKind.CHANGE))
    refuse(
        state,
        NominationChanged(actor="anna", nominee="eve", reason="Why not."),
        "nominee_not_member",
    )


def election_objection(text="I would rather have Bert."):
    state = in_election_consent_round("carla")
    for member in state.current_round.order:
        if member == "anna":
            state = run(state, answer(member, ConsentAnswer.OBJECTION, text))
        elif member == "bert":
            state = run(state, answer(member, ConsentAnswer.CONCERN, "Carla is very busy."))
        else:
            state = run(state, answer(member))
    return state


def test_an_objection_to_a_candidate_is_tested_before_anything_else() -> None:
    state = election_objection()

    assert state.phase is ElectionPhase.TEST_OBJECTION
    refuse(state, CandidateAccepted(actor="carla"), "objections_untested")


def test_a_preference_for_someone_else_does_not_block_and_is_kept_as_a_concern() -> None:
    state = run(
        election_objection(),
        *put_test_questions("anna", member="bert"),
        verdict("anna", Verdict.NOT_QUALIFIED, "A preference for Bert, no harm named.", True),
    )

    assert state.phase is ElectionPhase.CONSENT
    state = run(state, CandidateAccepted(actor="carla"))

    concerns = {(c.member, c.from_objection) for c in state.result.concerns}
    assert concerns == {("bert", False), ("anna", True)}


def test_a_qualified_objection_in_an_election_must_be_resolved() -> None:
    state = run(
        election_objection("Carla chairs the budget circle: the two roles conflict."),
        *put_test_questions("anna", member="bert"),
        verdict("anna", Verdict.QUALIFIED, "A conflict of roles harms the aim."),
    )

    assert state.phase is ElectionPhase.RESOLVE
    refuse(state, CandidateAccepted(actor="carla"), "objection_stands")
    state = run(state, ObjectionWithdrawn(actor="anna", keep_as_concern=True))
    assert state.phase is ElectionPhase.CONSENT
    assert run(state, CandidateAccepted(actor="carla")).phase is ElectionPhase.ELECTED


def test_the_candidate_accepts_and_nobody_else() -> None:
    state = in_election_consent_round("carla")
    state = run(state, *(answer(m) for m in state.current_round.order))

    refuse(state, CandidateAccepted(actor="bert"), "only_candidate")
    assert run(state, CandidateAccepted(actor="carla")).result.person == "carla"


def test_the_election_has_an_opening_and_a_closing_round() -> None:
    state = run(role_defined(), start_round(RoundKind.OPENING))
    assert state.phase is ElectionPhase.OPENING
    state = run(state, *(CheckedIn(actor=m, text="Here.") for m in CIRCLE))
    state = run(state, start_round(RoundKind.NOMINATION))
    assert state.phase is ElectionPhase.NOMINATION


# Which actions are open to whom


def test_open_actions_follow_the_turn_and_the_roles() -> None:
    from .scenarios import in_consent_round

    state = in_consent_round()
    assert state.open_actions("anna") == {"consent_answer_given", "proposal_withdrawn"}
    assert state.open_actions("bert") == set()
    assert "decision_deferred" in state.open_actions(FACILITATOR)

    state = with_objection("bert")
    assert "test_question_asked" in state.open_actions("carla")
    assert "objection_withdrawn" in state.open_actions("bert")
    assert "objection_withdrawn" not in state.open_actions("carla")
    assert "objection_tested" in state.open_actions(FACILITATOR)
    assert "agreed" not in state.open_actions(FACILITATOR)
