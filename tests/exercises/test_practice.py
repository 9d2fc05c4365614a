"""The practice steps on the engine, without the database: a perfect facilitator ends agreed
(or elected); mistakes are scored and explained; input that does not fit is refused."""

import copy

import pytest

from exercises.consent import (
    DecisionState,
    ElectionPhase,
    Method,
    Phase,
    ProcessError,
    apply,
    replay,
    start,
)
from exercises.practice import (
    Answer,
    Decision,
    Move,
    PracticeError,
    Skill,
    StepKind,
    decide,
    next_step,
)
from exercises.scenario import ConsentScenario, ElectionScenario, scenario_from_dict
from tests.exercises.scenarios import consent_scenario, election_scenario
from tests.exercises.walk import TODAY, play, right_answer


def started(scenario):
    return start(scenario.start_event(today=TODAY))


def advance(scenario, state, until: StepKind):
    """Decide right until the step `until` comes up; return state and step there."""
    last = None
    for _ in range(100):
        step = next_step(scenario, state, last)
        if step.kind is until:
            return state, step
        answer = right_answer(scenario, state, step)
        outcome = decide(scenario, state, step, answer, today=TODAY)
        for event in outcome.events:
            state = apply(state, event)
        last = Decision(step.kind, answer.choice, outcome.correct)
    raise AssertionError(f"{until} never came")


@pytest.mark.parametrize("factory", [consent_scenario, election_scenario])
def test_scenarios_survive_a_round_trip_through_json(factory):
    scenario = factory()
    assert scenario_from_dict(scenario.to_dict()) == scenario


def test_a_perfect_facilitator_reaches_the_agreement_with_every_decision_right():
    scenario = consent_scenario()
    steps = list(play(scenario, started(scenario), next_step))

    final = steps[-1][2]
    assert final.phase is Phase.AGREED
    assert final.agreement.version == 2
    assert [c.text for c in final.agreement.concerns] == ["Let op de kosten."]
    scored = [outcome for _step, outcome, _state in steps if outcome.correct is not None]
    assert scored and all(outcome.correct for outcome in scored)
    kinds = [step.kind for step, _o, _s in steps]
    for kind in (StepKind.QUESTION, StepKind.TEST_OBJECTION, StepKind.AMEND, StepKind.AGREE):
        assert kind in kinds


def test_the_log_replays_to_the_same_state():
    scenario = consent_scenario()
    *_, (_step, _outcome, final) = play(scenario, started(scenario), next_step)

    assert replay(entry.event for entry in final.log) == final


def test_a_perfect_facilitator_elects_the_candidate():
    scenario = election_scenario()
    *_, (_step, _outcome, final) = play(scenario, started(scenario), next_step)

    assert final.phase is ElectionPhase.ELECTED
    assert final.result.person == "Chantal"


def test_skipping_the_question_round_is_a_scored_mistake_with_the_engines_reason():
    scenario = consent_scenario()
    state = apply(started(scenario), decide_events(scenario, started(scenario), Move.PRESENT)[0])
    step = next_step(scenario, state, None)

    outcome = decide(scenario, state, step, Answer(choice=Move.CONSENT_ROUND), today=TODAY)

    assert outcome.correct is False and outcome.skill is Skill.ORDER
    assert outcome.events == ()
    assert outcome.error.code == "wrong_phase"


def decide_events(scenario, state, move):
    step = next_step(scenario, state, None)
    return decide(scenario, state, step, Answer(choice=move), today=TODAY).events


def test_declaring_the_agreement_with_an_untested_objection_is_refused_by_the_engine():
    scenario = consent_scenario()
    state, step = advance(scenario, started(scenario), StepKind.CHOOSE)
    # Move on to the moment right after the first consent round.
    state, step = advance_to_phase(scenario, Phase.TEST_OBJECTION)

    outcome = decide(scenario, state, step, Answer(choice=Move.AGREE), today=TODAY)

    assert outcome.correct is False
    assert outcome.error.code == "objections_untested"


def advance_to_phase(scenario, phase):
    state, last = started(scenario), None
    for _ in range(100):
        step = next_step(scenario, state, last)
        if state.phase is phase:
            return state, step
        answer = right_answer(scenario, state, step)
        outcome = decide(scenario, state, step, answer, today=TODAY)
        for event in outcome.events:
            state = apply(state, event)
        last = Decision(step.kind, answer.choice, outcome.correct)
    raise AssertionError(phase)


def test_an_opinion_accepted_as_a_question_is_scored_wrong_and_explained():
    scenario = consent_scenario()
    state, step = advance(scenario, started(scenario), StepKind.QUESTION)
    while step.member != "Chantal":
        answer = right_answer(scenario, state, step)
        for event in decide(scenario, state, step, answer, today=TODAY).events:
            state = apply(state, event)
        step = next_step(scenario, state, None)

    outcome = decide(
        scenario, state, step, Answer(choice="clarifying", member="Chantal"), today=TODAY
    )

    assert outcome.correct is False and outcome.skill is Skill.QUESTIONS
    assert outcome.expected == "opinion"
    assert outcome.feedback == "Een verkapte mening."
    # What the facilitator decides happens: the opinion enters as a question and the
    # proposer answers it (cross-talk), where redirecting it would have passed the turn.
    assert [e.kind for e in outcome.events] == ["question_asked", "question_answered"]


def test_a_preference_classified_as_an_objection_is_scored_wrong():
    scenario = consent_scenario()
    state, step = advance(scenario, started(scenario), StepKind.CONSENT_ANSWER)
    while step.member != "Chantal":
        answer = right_answer(scenario, state, step)
        for event in decide(scenario, state, step, answer, today=TODAY).events:
            state = apply(state, event)
        step = next_step(scenario, state, None)

    outcome = decide(
        scenario, state, step, Answer(choice="objection", member="Chantal"), today=TODAY
    )

    assert outcome.correct is False and outcome.skill is Skill.OBJECTIONS
    assert outcome.expected == "preference"


def test_an_amendment_that_does_not_integrate_the_objection_leaves_it_standing():
    scenario = consent_scenario()
    state, step = advance(scenario, started(scenario), StepKind.AMEND)

    outcome = decide(scenario, state, step, Answer(choice="0", member="Bram"), today=TODAY)

    assert outcome.correct is False and outcome.skill is Skill.INTEGRATION
    assert outcome.events == ()
    assert next_step(scenario, state, None).kind is StepKind.AMEND


def test_acting_out_of_turn_is_refused_and_changes_nothing():
    scenario = consent_scenario()
    state, step = advance(scenario, started(scenario), StepKind.QUESTION)
    snapshot = copy.deepcopy(state)

    with pytest.raises(ProcessError) as refused:
        decide(scenario, state, step, Answer(choice="next", member="Bram"), today=TODAY)

    assert refused.value.code == "not_your_turn"
    assert state == snapshot


def test_a_choice_that_is_not_offered_is_refused():
    scenario = consent_scenario()
    state = started(scenario)
    step = next_step(scenario, state, None)

    with pytest.raises(PracticeError):
        decide(scenario, state, step, Answer(choice="shout"), today=TODAY)


def test_a_review_date_before_the_decision_is_refused_by_the_engine():
    scenario = consent_scenario()
    state, step = advance(scenario, started(scenario), StepKind.AGREE)

    with pytest.raises(ProcessError) as refused:
        decide(scenario, state, step, Answer(choice="agree", review_date=TODAY), today=TODAY)

    assert refused.value.code == "review_date_not_after_decision"


def test_proposing_a_candidate_without_reasons_is_refused():
    scenario = election_scenario()
    state, step = advance(scenario, started(scenario), StepKind.PROPOSE)

    with pytest.raises(ProcessError) as refused:
        decide(scenario, state, step, Answer(choice="Chantal", text=" "), today=TODAY)

    assert refused.value.code == "proposal_needs_reasons"


def test_proposing_the_wrong_candidate_is_explained_and_they_decline():
    scenario = election_scenario()
    state, step = advance(scenario, started(scenario), StepKind.PROPOSE)

    outcome = decide(scenario, state, step, Answer(choice="Bram", text="Hij wil."), today=TODAY)

    assert outcome.correct is False and outcome.skill is Skill.CANDIDATE
    assert outcome.feedback == "Kijk naar de redenen, niet naar het aantal."
    # The proposal is made and the candidate turns it down: the facilitator proposes again.
    assert [e.kind for e in outcome.events] == ["candidate_proposed", "candidate_declined"]
    for event in outcome.events:
        state = apply(state, event)
    assert state.candidate is None


def test_s3_asks_the_facilitator_to_check_the_driver_first():
    scenario = consent_scenario(method=Method.S3)
    state = started(scenario)
    step = next_step(scenario, state, None)

    refused = decide(scenario, state, step, Answer(choice=Move.PRESENT), today=TODAY)
    accepted = decide(scenario, state, step, Answer(choice=Move.CHECK_DRIVER), today=TODAY)

    assert refused.error.code == "driver_not_checked"
    assert accepted.correct is True


def test_the_scenario_types_are_told_apart():
    assert isinstance(scenario_from_dict(consent_scenario().to_dict()), ConsentScenario)
    assert isinstance(scenario_from_dict(election_scenario().to_dict()), ElectionScenario)
    assert isinstance(started(consent_scenario()), DecisionState)
