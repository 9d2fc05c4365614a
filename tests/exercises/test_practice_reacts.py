"""Practice applies the participant's own decisions: what they let through, dismiss, write and
propose is what the circle does next, and the score weighs it."""

from exercises import demo
from exercises.consent import Phase, Verdict, apply, replay
from exercises.practice import (
    MISSES_BEFORE_HINT,
    NEXT,
    REFER,
    Answer,
    Decision,
    Skill,
    StepKind,
    decide,
    next_step,
)
from tests.exercises.walk import TODAY, right_answer


def advance_to(scenario, kind: StepKind, member: str | None = None):
    """Play right until the step of `kind` (for `member`) comes up."""
    state = replay([scenario.start_event(today=TODAY)])
    last = None
    for _ in range(200):
        step = next_step(scenario, state, last)
        if step.kind is kind and (member is None or step.member == member):
            return state, step
        answer = right_answer(scenario, state, step)
        outcome = decide(scenario, state, step, answer, today=TODAY)
        for event in outcome.events:
            state = apply(state, event)
        last = Decision(step=step.kind, choice=answer.choice, correct=outcome.correct)
    raise AssertionError(f"never reached {kind}")


def applied(state, outcome):
    for event in outcome.events:
        state = apply(state, event)
    return state


def test_an_opinion_let_through_as_a_question_starts_cross_talk():
    scenario = demo.MARKTPLEIN
    state, step = advance_to(scenario, StepKind.QUESTION, "Joyce de Wit")

    outcome = decide(
        scenario, state, step, Answer("clarifying", member="Joyce de Wit"), today=TODAY
    )

    assert outcome.correct is False and outcome.points == 0
    kinds = [e.kind for e in outcome.events]
    assert kinds == ["question_asked", "question_answered"]
    proposer = scenario.persona(scenario.proposer)
    assert outcome.reaction == proposer.reaction(demo.S.OPINION_LET_THROUGH) != ""
    assert outcome.events[1].answer == outcome.reaction


def test_the_participants_verdict_is_what_the_circle_records():
    scenario = demo.MARKTPLEIN
    state, step = advance_to(scenario, StepKind.TEST_OBJECTION, "Joyce de Wit")

    outcome = decide(
        scenario, state, step, Answer("not_qualified", member="Joyce de Wit"), today=TODAY
    )
    state = applied(state, outcome)

    joyce = next(o for o in state.objections if o.member == "Joyce de Wit")
    assert joyce.verdict is Verdict.NOT_QUALIFIED and joyce.kept_as_concern
    assert "Joyce de Wit" in joyce.tested_with and len(joyce.tested_with) >= 3
    assert outcome.reaction == "Goed. Dan zeg ik verder niets meer."
    assert outcome.correct is False and outcome.weight == 5


def test_a_written_amendment_is_compared_with_the_key_elements():
    scenario = demo.MARKTPLEIN
    state, step = advance_to(scenario, StepKind.AMEND)
    assert step.free_text and step.options == ()

    short = decide(
        scenario,
        state,
        step,
        Answer(NEXT, member=step.member, text="We geven de kraamhouders een vergoeding."),
        today=TODAY,
    )
    assert short.events == () and short.correct is False
    assert "stroom" in short.feedback  # names what is missing
    assert short.model_answer.startswith("We richten het Marktplein in twee fasen")
    assert short.reaction == scenario.persona("Joyce de Wit").reaction(demo.S.AMENDMENT_FALLS_SHORT)

    text = (
        "We werken in twee fasen; de markt blijft op de andere helft van het plein, met "
        "stroom en water voor de kramen."
    )
    good = decide(scenario, state, step, Answer(NEXT, member=step.member, text=text), today=TODAY)
    state = applied(state, good)
    assert good.correct is True and good.points == good.weight == 3
    assert state.version == 2 and state.proposal == text
    assert good.text == text


def test_after_two_misses_a_menu_and_a_hint_and_a_right_choice_earns_nothing():
    scenario = demo.MARKTPLEIN
    state, _step = advance_to(scenario, StepKind.AMEND)
    last = Decision(step=StepKind.AMEND, choice=NEXT, correct=False)

    step = next_step(scenario, state, last, misses=MISSES_BEFORE_HINT)

    assert not step.free_text and step.options and step.hint
    right = next(
        str(i) for i, a in enumerate(scenario.consent_rounds[0].amendments) if a.integrates
    )
    outcome = decide(
        scenario, state, step, Answer(right, member=step.member), today=TODAY, misses=2
    )
    assert outcome.correct is True and outcome.points == 0 and outcome.weight == 3


def test_an_unresolvable_objection_is_referred():
    scenario = demo.MILIEUSTRAAT
    state, step = advance_to(scenario, StepKind.AMEND)
    assert (REFER, step.options[-1][1]) == step.options[-1]

    outcome = decide(scenario, state, step, Answer(REFER, member=step.member), today=TODAY)
    state = applied(state, outcome)

    assert outcome.correct is True
    assert state.phase is Phase.REFERRED
    assert state.referral.to_circle == "de kring Bedrijfsvoering"


def test_a_candidate_proposed_by_the_count_is_not_right():
    scenario = demo.AFGEVAARDIGDE
    state, step = advance_to(scenario, StepKind.PROPOSE)

    by_count = decide(
        scenario,
        state,
        step,
        Answer("Joyce de Wit", text="Zij heeft de meeste stemmen."),
        today=TODAY,
    )
    assert by_count.correct is False and by_count.events == ()

    wrong = decide(
        scenario,
        state,
        step,
        Answer("Henk Visser", text="Hij heeft de meeste stemmen."),
        today=TODAY,
    )
    assert [e.kind for e in wrong.events] == ["candidate_proposed", "candidate_declined"]
    assert "dinsdagavond" in wrong.reaction
    state = applied(state, wrong)
    assert state.candidate is None  # the facilitator proposes again


def test_feedback_names_the_rule_and_its_source():
    for skill in Skill:
        assert skill.rule and ("SKM" in skill.source or "S3" in skill.source)
