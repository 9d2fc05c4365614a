"""Consent decision, steps 5-9: amend, consent round, test objection, resolve, agreed."""

from datetime import date

import pytest

from exercises.consent import (
    Agreed,
    AmendmentSuggested,
    ConsentAnswer,
    DecisionDeferred,
    ObjectionTested,
    Phase,
    ProposalAmended,
    ProposalWithdrawn,
    Responsibility,
    RoundKind,
    Verdict,
)

from .scenarios import (
    DECIDED_ON,
    FACILITATOR,
    PROPOSER,
    REVIEW_DATE,
    all_consent,
    answer,
    in_consent_round,
    in_opinion_forming,
    opinion_formed,
    put_test_questions,
    refuse,
    run,
    start_round,
    with_objection,
)

AGREED = Agreed(actor=FACILITATOR, decided_on=DECIDED_ON)


def qualified(objector: str = "bert") -> ObjectionTested:
    return ObjectionTested(
        actor=FACILITATOR,
        objector=objector,
        verdict=Verdict.QUALIFIED,
        reason="It harms the shared aim.",
    )


def not_qualified(objector: str = "bert", keep: bool = False) -> ObjectionTested:
    return ObjectionTested(
        actor=FACILITATOR,
        objector=objector,
        verdict=Verdict.NOT_QUALIFIED,
        keep_as_concern=keep,
        reason="A preference.",
    )


def heard(objector: str = "bert"):
    """Consent round done, `objector` objected and the test questions are answered."""
    return run(with_objection(objector), *put_test_questions(objector))


def resolving():
    return run(heard("bert"), qualified("bert"))


def amended_in_resolve():
    return run(
        resolving(),
        AmendmentSuggested(actor="bert", text="Only for meetings longer than an hour."),
        ProposalAmended(
            actor=PROPOSER,
            text="Meetings longer than an hour have a rotating timekeeper.",
            reason="Integrates Bert's objection.",
        ),
    )


# Optional amend after opinion forming


def test_proposer_may_amend_after_the_reaction_round() -> None:
    state = run(opinion_formed(), ProposalAmended(actor=PROPOSER, text="Version two."))

    assert state.phase is Phase.AMEND
    assert state.version == 2
    assert state.proposal == "Version two."
    assert state.text_of(1).startswith("Every meeting")


def test_amending_again_makes_a_third_version() -> None:
    state = run(
        opinion_formed(),
        ProposalAmended(actor=PROPOSER, text="Version two."),
        ProposalAmended(actor=PROPOSER, text="Version three."),
        start_round(RoundKind.CONSENT),
    )

    assert [v.number for v in state.versions] == [1, 2, 3]
    assert state.current_round.version == 3
    assert state.phase is Phase.DECISION_FORMING


def test_amending_waits_for_the_reaction_round() -> None:
    refuse(in_opinion_forming(), ProposalAmended(actor=PROPOSER, text="v2"), "round_not_complete")


def test_only_proposer_or_facilitator_writes_a_version() -> None:
    refuse(opinion_formed(), ProposalAmended(actor="bert", text="v2"), "not_allowed_to_amend")


def test_an_amendment_must_change_the_text() -> None:
    state = opinion_formed()

    refuse(state, ProposalAmended(actor=PROPOSER, text=state.proposal), "amendment_unchanged")
    refuse(state, ProposalAmended(actor=PROPOSER, text=" "), "proposal_empty")


# Consent round


def test_consent_needs_no_text() -> None:
    state = run(in_consent_round(), answer("anna"))

    assert state.answers[0].answer is ConsentAnswer.CONSENT


def test_a_concern_needs_text() -> None:
    refuse(in_consent_round(), answer("anna", ConsentAnswer.CONCERN), "concern_needs_text")


@pytest.mark.parametrize("argument", ["", "   "])
def test_an_objection_without_argument_is_refused(argument: str) -> None:
    error = refuse(
        in_consent_round(),
        answer("anna", ConsentAnswer.OBJECTION, argument),
        "objection_needs_argument",
    )

    assert "argument" in str(error)


def test_an_open_member_is_never_counted_as_consent() -> None:
    state = run(in_consent_round(), answer("anna"), answer("bert"), answer("carla"))

    assert state.open_members == (FACILITATOR,)
    assert not state.can_agree
    assert state.why_not_agreed == "Not everyone has answered: dirk still open."
    refuse(state, AGREED, "members_open")


def test_all_consent_can_be_agreed() -> None:
    state = all_consent(in_consent_round())

    assert state.phase is Phase.DECISION_FORMING
    assert state.can_agree
    assert state.why_not_agreed is None
    assert state.agreement_blocker() is None


def test_concerns_are_recorded_and_do_not_block() -> None:
    state = run(
        in_consent_round(),
        answer("anna"),
        answer("bert", ConsentAnswer.CONCERN, "Who reminds the timekeeper?"),
        answer("carla"),
        answer(FACILITATOR),
    )

    assert [(c.member, c.text) for c in state.concerns] == [("bert", "Who reminds the timekeeper?")]
    assert state.can_agree


# Agreement


def test_agreement_records_version_date_concerns_review_and_tasks() -> None:
    state = run(
        in_consent_round(),
        answer("anna"),
        answer("bert", ConsentAnswer.CONCERN, "Who reminds the timekeeper?"),
        answer("carla"),
        answer(FACILITATOR),
        Agreed(
            actor=FACILITATOR,
            decided_on=DECIDED_ON,
            responsibilities=(Responsibility(member="carla", task="Draw up the rota"),),
        ),
    )

    assert state.phase is Phase.AGREED
    agreement = state.agreement
    assert agreement.version == 1
    assert agreement.text == state.proposal
    assert agreement.decided_on == DECIDED_ON
    assert agreement.review_date == REVIEW_DATE
    assert [c.member for c in agreement.concerns] == ["bert"]
    assert agreement.responsibilities == (Responsibility("carla", "Draw up the rota"),)


def test_agreement_may_set_its_own_review_date() -> None:
    event = Agreed(actor=FACILITATOR, decided_on=DECIDED_ON, review_date=date(2026, 3, 1))

    state = run(all_consent(in_consent_round()), event)

    assert state.agreement.review_date == date(2026, 3, 1)


def test_the_review_date_lies_after_the_decision() -> None:
    event = Agreed(actor=FACILITATOR, decided_on=DECIDED_ON, review_date=DECIDED_ON)

    refuse(all_consent(in_consent_round()), event, "review_date_not_after_decision")


def test_every_task_has_a_person_and_a_description() -> None:
    event = Agreed(
        actor=FACILITATOR, decided_on=DECIDED_ON, responsibilities=(Responsibility("carla", ""),)
    )

    refuse(all_consent(in_consent_round()), event, "responsibility_incomplete")


def test_only_the_facilitator_declares_the_agreement() -> None:
    event = Agreed(actor="bert", decided_on=DECIDED_ON)

    refuse(all_consent(in_consent_round()), event, "only_facilitator")


def test_agreeing_twice_is_refused() -> None:
    refuse(run(all_consent(in_consent_round()), AGREED), AGREED, "already_agreed")


def test_agreeing_before_any_consent_round_is_refused() -> None:
    refuse(opinion_formed(), AGREED, "no_consent_round")


# Testing objections


def test_objections_are_tested_after_the_round() -> None:
    state = run(
        in_consent_round(),
        answer("anna"),
        answer("bert", ConsentAnswer.OBJECTION, "Harms the aim."),
    )

    assert state.phase is Phase.DECISION_FORMING  # the round goes on first
    refuse(state, qualified("bert"), "wrong_phase")

    state = run(state, answer("carla"), answer(FACILITATOR))

    assert state.phase is Phase.TEST_OBJECTION
    assert [o.member for o in state.untested_objections] == ["bert"]
    assert [o.member for o in state.standing_objections] == ["bert"]


def test_an_untested_objection_blocks_the_agreement() -> None:
    state = with_objection("bert")

    assert not state.can_agree
    error = refuse(state, AGREED, "objections_untested")
    assert str(error) == "The objections of bert have not been tested yet."


def test_only_the_facilitator_tests_objections() -> None:
    event = ObjectionTested(actor="carla", objector="bert", verdict=Verdict.QUALIFIED)

    refuse(with_objection("bert"), event, "only_facilitator")


def test_testing_an_objection_nobody_made_is_refused() -> None:
    refuse(with_objection("bert"), qualified("carla"), "no_untested_objection")


def test_an_objection_is_tested_once() -> None:
    state = run(
        in_consent_round(),
        answer("anna", ConsentAnswer.OBJECTION, "Harms the aim."),
        answer("bert", ConsentAnswer.OBJECTION, "A better way exists."),
        answer("carla"),
        answer(FACILITATOR),
        *put_test_questions("anna"),
        not_qualified("anna"),
    )

    assert state.phase is Phase.TEST_OBJECTION  # one at a time: Bert's is still untested
    refuse(state, qualified("anna"), "no_untested_objection")


def test_a_qualified_objection_cannot_be_kept_as_concern() -> None:
    event = ObjectionTested(
        actor=FACILITATOR,
        objector="bert",
        verdict=Verdict.QUALIFIED,
        keep_as_concern=True,
        reason="Harms the aim.",
    )

    refuse(heard("bert"), event, "qualified_objection_not_a_concern")


def test_a_not_qualified_objection_may_stay_as_a_concern() -> None:
    state = run(heard("bert"), not_qualified("bert", keep=True))

    assert state.phase is Phase.DECISION_FORMING
    assert state.standing_objections == ()
    (concern,) = state.concerns
    assert (concern.member, concern.from_objection) == ("bert", True)
    assert state.can_agree
    assert run(state, AGREED).agreement.concerns == (concern,)


def test_a_not_qualified_objection_may_be_dropped() -> None:
    state = run(heard("bert"), not_qualified("bert"))

    assert state.concerns == ()
    assert state.objections[0].verdict is Verdict.NOT_QUALIFIED
    assert state.can_agree


def test_a_qualified_objection_leads_to_resolve_and_blocks() -> None:
    state = resolving()

    assert state.phase is Phase.RESOLVE
    assert not state.can_agree
    error = refuse(state, AGREED, "objection_stands")
    assert str(error) == "The objection of bert stands and must be resolved first."


# Resolve


def test_the_objector_suggests_first() -> None:
    error = refuse(
        resolving(), AmendmentSuggested(actor="carla", text="Drop it."), "objector_suggests_first"
    )

    assert "bert" in str(error)


def test_after_the_objector_the_circle_suggests() -> None:
    state = run(
        resolving(),
        AmendmentSuggested(actor="bert", text="Only long meetings."),
        AmendmentSuggested(actor="carla", text="Only meetings over an hour."),
    )

    assert [(s.member, s.version) for s in state.suggestions] == [("bert", 1), ("carla", 1)]


def test_suggestions_come_from_the_circle_and_say_something() -> None:
    refuse(resolving(), AmendmentSuggested(actor="eve", text="Hm."), "not_a_member")
    refuse(resolving(), AmendmentSuggested(actor="bert", text=""), "suggestion_empty")


def test_amending_waits_for_a_suggestion() -> None:
    refuse(resolving(), ProposalAmended(actor=PROPOSER, text="v2"), "no_suggestion_yet")


def test_amendment_voids_all_earlier_consent() -> None:
    before = resolving()
    state = amended_in_resolve()

    assert before.answers != ()
    assert state.phase is Phase.DECISION_FORMING
    assert state.version == 2
    assert state.answers == ()
    assert state.objections == ()
    assert state.standing_objections == ()
    assert state.concerns == ()
    assert state.consent_round is None
    assert state.open_members == ("anna", "bert", "carla", FACILITATOR)
    assert not state.can_agree
    assert state.why_not_agreed == "No consent round has been held on version 2."


def test_after_amendment_a_new_consent_round_can_agree() -> None:
    state = run(amended_in_resolve(), start_round(RoundKind.CONSENT))
    state = run(all_consent(state), AGREED)

    assert state.agreement.version == 2
    assert state.agreement.text.startswith("Meetings longer than an hour")


def test_a_member_can_object_again_to_the_new_version() -> None:
    state = run(
        amended_in_resolve(),
        start_round(RoundKind.CONSENT),
        answer("anna"),
        answer("bert", ConsentAnswer.OBJECTION, "Still harms the aim."),
        answer("carla"),
        answer(FACILITATOR),
    )

    assert state.phase is Phase.TEST_OBJECTION
    assert [(o.member, o.version) for o in state.objections] == [("bert", 2)]


# Withdrawn and deferred


def test_the_proposer_may_withdraw() -> None:
    state = run(resolving(), ProposalWithdrawn(actor=PROPOSER, reason="No longer needed."))

    assert state.phase is Phase.WITHDRAWN
    assert state.withdrawal_reason == "No longer needed."
    error = refuse(state, AGREED, "process_closed")
    assert str(error) == "This process has ended: withdrawn."


def test_only_the_proposer_withdraws() -> None:
    refuse(resolving(), ProposalWithdrawn(actor="bert"), "only_proposer")


def test_deferring_names_an_owner_and_a_date() -> None:
    event = DecisionDeferred(
        actor=FACILITATOR,
        owner="carla",
        until=date(2026, 3, 1),
        reason="Needs numbers.",
        on=DECIDED_ON,
    )

    state = run(resolving(), event)

    assert state.phase is Phase.DEFERRED
    assert (state.deferral.owner, state.deferral.until) == ("carla", date(2026, 3, 1))
    refuse(state, AGREED, "process_closed")


def test_deferring_without_owner_is_refused() -> None:
    event = DecisionDeferred(actor=FACILITATOR, owner=" ", until=date(2026, 3, 1), on=DECIDED_ON)

    refuse(resolving(), event, "deferral_needs_owner")


def test_only_the_facilitator_defers() -> None:
    event = DecisionDeferred(actor="bert", owner="bert", until=date(2026, 3, 1), on=DECIDED_ON)

    refuse(resolving(), event, "only_facilitator")


def test_an_agreed_proposal_is_neither_withdrawn_nor_deferred() -> None:
    state = run(all_consent(in_consent_round()), AGREED)

    refuse(state, ProposalWithdrawn(actor=PROPOSER), "wrong_phase")
    refuse(
        state, DecisionDeferred(actor=FACILITATOR, owner="bert", until=REVIEW_DATE), "wrong_phase"
    )


def test_answering_before_the_consent_round_starts_is_refused() -> None:
    state = run(opinion_formed(), ProposalAmended(actor=PROPOSER, text="v2"))
    state = run(state, ProposalAmended(actor=PROPOSER, text="v3"))

    refuse(amended_in_resolve(), answer("anna"), "no_round_in_progress")
    refuse(state, answer("anna"), "wrong_phase")  # amend phase: the round has not begun
