"""A facilitator who always decides right, to drive practice through a whole scenario."""

from datetime import date

from exercises.consent import apply
from exercises.practice import Answer, Step, StepKind, decide
from exercises.rehearsal import naive_answer, right_answer

__all__ = ["TODAY", "naive_answer", "play", "play_naively", "right_answer", "wrong_choice"]

TODAY = date(2026, 3, 2)


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


def play_naively(scenario, state, next_step_fn, *, limit: int = 200):
    """Like `play`, for the naive facilitator."""
    from exercises.practice import Decision

    last, proposed = None, set()
    for _ in range(limit):
        step = next_step_fn(scenario, state, last)
        if step.kind is StepKind.DONE:
            return
        answer = naive_answer(scenario, state, step, proposed=proposed)
        outcome = decide(scenario, state, step, answer, today=TODAY)
        for event in outcome.events:
            state = apply(state, event)
        last = Decision(step=step.kind, choice=answer.choice, correct=outcome.correct)
        yield step, outcome, state
    raise AssertionError("practice did not finish")
