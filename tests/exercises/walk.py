"""A facilitator who always decides right, to drive practice through a whole scenario."""

from datetime import date

from exercises.consent import apply
from exercises.practice import NEXT, Answer, Step, StepKind, consent_contribution, decide
from exercises.scenario import AnswerKind

TODAY = date(2026, 3, 2)


def right_answer(scenario, state, step: Step) -> Answer:
    member = step.member or ""
    if step.kind is StepKind.CHOOSE:
        for value, _label in step.options:
            outcome = decide(scenario, state, step, Answer(choice=value), today=TODAY)
            if outcome.correct:
                return Answer(choice=value)
        raise AssertionError(f"no valid move in {state.phase}")
    if step.kind is StepKind.QUESTION:
        values = [value for value, _label in step.options]
        kind = scenario.question_of(member).kind.value
        return Answer(choice=kind if kind in values else NEXT, member=member)
    if step.kind is StepKind.CONSENT_ANSWER:
        kind = consent_contribution(scenario, state, member).kind.value
        return Answer(choice=kind, member=member)
    if step.kind is StepKind.TEST_OBJECTION:
        kind = consent_contribution(scenario, state, member).kind
        verdict = "qualified" if kind is AnswerKind.OBJECTION else "not_qualified"
        return Answer(choice=verdict, member=member)
    if step.kind is StepKind.AMEND:
        script = scenario.consent_round(state.version)
        index = next(i for i, a in enumerate(script.amendments) if a.integrates)
        return Answer(choice=str(index), member=member)
    if step.kind is StepKind.AGREE:
        return Answer(choice="agree", review_date=state.proposed_review_date)
    if step.kind is StepKind.PROPOSE:
        return Answer(choice=scenario.candidate, text="Op grond van de redenen.")
    return Answer(choice=NEXT, member=member)


def wrong_choice(step: Step, right: Answer) -> Answer | None:
    """Another option than the right one, if the step offers a choice."""
    others = [value for value, _label in step.options if value != right.choice]
    if not others or step.kind in (StepKind.PROPOSE,):
        return None
    return Answer(choice=others[0], member=right.member)


def play(scenario, state, next_step_fn, *, limit: int = 200):
    """Yield (step, outcome, state) while deciding right until the process is done."""
    last = None
    from exercises.practice import Decision

    for _ in range(limit):
        step = next_step_fn(scenario, state, last)
        if step.kind is StepKind.DONE:
            return
        answer = right_answer(scenario, state, step)
        outcome = decide(scenario, state, step, answer, today=TODAY)
        for event in outcome.events:
            state = apply(state, event)
        last = Decision(step=step.kind, choice=answer.choice, correct=outcome.correct)
        yield step, outcome, state
    raise AssertionError("practice did not finish")
