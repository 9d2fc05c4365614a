"""Consent decision, steps 3-4 and the rules every round follows."""

import pytest

from exercises.consent import (
    ConsentAnswer,
    Phase,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    RoundKind,
    RoundStarted,
    TurnPassed,
)

from .scenarios import (
    CIRCLE,
    FACILITATOR,
    PROPOSER,
    answer,
    in_consent_round,
    in_opinion_forming,
    in_picture_forming,
    opinion_formed,
    picture_formed,
    presented,
    refuse,
    run,
    start_round,
)

# Question round (picture forming)


def test_question_round_opens_picture_forming_in_seating_order() -> None:
    state = in_picture_forming()

    assert state.phase is Phase.PICTURE_FORMING
    assert state.current_round.kind is RoundKind.QUESTION
    assert state.current_round.order == CIRCLE
    assert state.whose_turn == "anna"
    assert state.open_members == CIRCLE


def test_only_the_facilitator_starts_a_round() -> None:
    event = RoundStarted(actor="bert", round_kind=RoundKind.QUESTION)

    refuse(presented(), event, "only_facilitator")


def test_each_member_asks_or_passes_in_turn() -> None:
    state = run(
        in_picture_forming(),
        QuestionAsked(actor="anna", question="Does this include online meetings?"),
        TurnPassed(actor="bert"),
    )

    assert [t.member for t in state.current_round.turns] == ["anna", "bert"]
    assert state.current_round.turns[1].passed
    assert state.questions[0].text == "Does this include online meetings?"
    assert state.whose_turn == "carla"
    assert state.open_members == ("carla", "dirk")


def test_asking_out_of_turn_is_refused() -> None:
    error = refuse(
        in_picture_forming(), QuestionAsked(actor="carla", question="Why?"), "not_your_turn"
    )

    assert str(error) == "It is not carla's turn: anna is next."


def test_a_second_turn_in_the_same_round_is_refused() -> None:
    state = run(in_picture_forming(), TurnPassed(actor="anna"))

    refuse(state, QuestionAsked(actor="anna", question="And?"), "already_had_turn")


def test_someone_outside_the_circle_has_no_turn() -> None:
    refuse(in_picture_forming(), TurnPassed(actor="eve"), "not_a_member")


def test_an_empty_question_is_refused() -> None:
    refuse(in_picture_forming(), QuestionAsked(actor="anna", question="  "), "question_empty")


def test_the_proposer_answers_questions() -> None:
    state = run(
        in_picture_forming(),
        TurnPassed(actor="anna"),
        QuestionAsked(actor="bert", question="From when?"),
        QuestionAnswered(actor=PROPOSER, asker="bert", answer="From next month."),
    )

    assert state.questions[0].answer == "From next month."


def test_only_the_proposer_answers_questions() -> None:
    state = run(
        in_picture_forming(),
        QuestionAsked(actor="anna", question="From when?"),
    )

    refuse(state, QuestionAnswered(actor="bert", asker="anna", answer="Soon."), "only_proposer")


def test_answering_a_question_nobody_asked_is_refused() -> None:
    refuse(
        in_picture_forming(),
        QuestionAnswered(actor=PROPOSER, asker="bert", answer="Soon."),
        "no_open_question",
    )


def test_an_empty_answer_is_refused() -> None:
    state = run(in_picture_forming(), QuestionAsked(actor="anna", question="Why?"))

    refuse(state, QuestionAnswered(actor=PROPOSER, asker="anna", answer=""), "answer_empty")


def test_reaction_round_waits_for_the_question_round() -> None:
    state = run(in_picture_forming(), TurnPassed(actor="anna"))

    error = refuse(state, start_round(RoundKind.REACTION), "round_not_complete")
    assert "bert, carla, dirk" in str(error)


def test_reaction_round_waits_for_the_answers() -> None:
    state = run(
        in_picture_forming(),
        *(QuestionAsked(actor=m, question="Why?") for m in CIRCLE),
        QuestionAnswered(actor=PROPOSER, asker="anna", answer="Because."),
    )

    error = refuse(state, start_round(RoundKind.REACTION), "questions_unanswered")
    assert "bert, carla, dirk" in str(error)


def test_consent_round_cannot_skip_opinion_forming() -> None:
    refuse(picture_formed(), start_round(RoundKind.CONSENT), "wrong_phase")


def test_rounds_of_an_election_are_not_part_of_a_decision() -> None:
    refuse(presented(), start_round(RoundKind.NOMINATION), "round_kind_not_in_process")


# Reaction round (opinion forming)


def test_reaction_round_gives_each_member_one_turn_in_order() -> None:
    state = in_opinion_forming()
    assert state.phase is Phase.OPINION_FORMING
    assert state.whose_turn == "anna"

    state = opinion_formed()

    assert [t.member for t in state.current_round.turns] == list(CIRCLE)
    assert state.current_round.complete
    assert state.whose_turn is None
    assert state.open_members == ()


def test_an_empty_reaction_is_refused() -> None:
    refuse(in_opinion_forming(), ReactionGiven(actor="anna", reaction=""), "reaction_empty")


def test_passing_in_the_reaction_round_is_allowed_by_default_and_recorded() -> None:
    state = run(in_opinion_forming(), TurnPassed(actor="anna"))

    assert state.current_round.turns[0].passed
    assert state.log[-1].kind == "turn_passed"
    assert state.log[-1].actor == "anna"


def test_passing_in_the_reaction_round_can_be_switched_off() -> None:
    state = in_opinion_forming(pass_allowed_in_reaction_round=False)

    error = refuse(state, TurnPassed(actor="anna"), "pass_not_allowed")
    assert str(error) == "Passing is not allowed in the reaction round."


def test_reacting_after_the_round_is_refused() -> None:
    refuse(opinion_formed(), ReactionGiven(actor="anna", reaction="More."), "already_had_turn")


# Rotating the start


def test_a_round_may_start_with_a_chosen_member() -> None:
    state = run(presented(), start_round(RoundKind.QUESTION, start_with="carla"))

    assert state.current_round.order == ("carla", "dirk", "anna", "bert")
    assert state.whose_turn == "carla"


def test_the_start_must_be_in_the_circle() -> None:
    refuse(presented(), start_round(RoundKind.QUESTION, start_with="eve"), "start_with_not_member")


def test_rotating_start_moves_one_seat_each_round() -> None:
    state = picture_formed(rotate_start=True)
    assert state.current_round.order == CIRCLE  # first round

    state = run(state, start_round(RoundKind.REACTION))

    assert state.current_round.order == ("bert", "carla", "dirk", "anna")


# Consent round order


def test_facilitator_answers_last_by_default() -> None:
    state = run(opinion_formed(), start_round(RoundKind.CONSENT, start_with="carla"))

    assert state.current_round.order == ("carla", "anna", "bert", FACILITATOR)


def test_facilitator_answers_in_turn_when_set() -> None:
    state = run(
        opinion_formed(facilitator_answers_last=False),
        start_round(RoundKind.CONSENT, start_with="carla"),
    )

    assert state.current_round.order == ("carla", FACILITATOR, "anna", "bert")


def test_the_round_cannot_start_with_the_one_who_answers_last() -> None:
    refuse(
        opinion_formed(),
        start_round(RoundKind.CONSENT, start_with=FACILITATOR),
        "start_with_answers_last",
    )


def test_consent_round_opens_decision_forming_with_everyone_open() -> None:
    state = in_consent_round()

    assert state.phase is Phase.DECISION_FORMING
    assert state.whose_turn == "anna"
    assert state.open_members == ("anna", "bert", "carla", FACILITATOR)


def test_passing_in_the_consent_round_is_refused() -> None:
    refuse(in_consent_round(), TurnPassed(actor="anna"), "pass_not_allowed")


def test_answering_out_of_turn_in_the_consent_round_is_refused() -> None:
    refuse(in_consent_round(), answer(FACILITATOR, ConsentAnswer.CONSENT), "not_your_turn")


def test_the_turn_is_checked_before_what_is_said() -> None:
    refuse(in_consent_round(), answer("bert", ConsentAnswer.OBJECTION, ""), "not_your_turn")
    refuse(in_picture_forming(), QuestionAsked(actor="bert", question=""), "not_your_turn")


@pytest.mark.parametrize("member", ["anna", "bert", "carla"])
def test_the_facilitator_cannot_answer_before_the_others(member: str) -> None:
    state = in_consent_round()
    for earlier in state.current_round.order[: state.current_round.order.index(member)]:
        state = run(state, answer(earlier))

    refuse(state, answer(FACILITATOR), "not_your_turn")


def test_a_consent_round_is_held_once_per_version() -> None:
    state = run(in_consent_round(), *(answer(m) for m in ("anna", "bert", "carla", "dirk")))

    refuse(state, start_round(RoundKind.CONSENT), "consent_round_already_held")
