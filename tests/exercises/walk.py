"""A facilitator who always decides right, to drive practice through a whole scenario."""

from datetime import date

from exercises.consent import apply
from exercises.practice import (
    NEXT,
    REFER,
    Answer,
    Step,
    StepKind,
    consent_contribution,
    decide,
)
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
        index = next((i for i, a in enumerate(script.amendments) if a.integrates), None)
        if step.free_text:
            return Answer(choice=NEXT, member=member, text=script.amendments[index].text)
        return Answer(choice=REFER if index is None else str(index), member=member)
    if step.kind is StepKind.AGREE:
        return Answer(choice="agree", review_date=state.proposed_review_date)
    if step.kind is StepKind.PROPOSE:
        return Answer(choice=scenario.candidate, text=scenario.candidate_feedback)
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


def naive_answer(scenario, state, step: Step, *, proposed: set[str]) -> Answer:
    """A facilitator who knows the order of the rounds but takes every contribution at face
    value: every question is a question, every objection is set aside, and the candidate is
    the one with the most nominations ("the most votes")."""
    member = step.member or ""
    if step.kind is StepKind.QUESTION:
        values = [value for value, _label in step.options]
        return Answer(choice="clarifying" if "clarifying" in values else NEXT, member=member)
    if step.kind is StepKind.CONSENT_ANSWER:
        kind = consent_contribution(scenario, state, member).kind.value
        return Answer(choice="objection" if kind == "preference" else kind, member=member)
    if step.kind is StepKind.TEST_OBJECTION:
        return Answer(choice="not_qualified", member=member)
    if step.kind is StepKind.PROPOSE:
        counts: dict[str, int] = {}
        for nomination in state.current_nominations:
            if nomination.nominee is not None:
                counts[nomination.nominee] = counts.get(nomination.nominee, 0) + 1
        ranked = sorted(counts, key=lambda name: (-counts[name], state.circle.index(name)))
        declined = {e.event.actor for e in state.log if e.kind == "candidate_declined"}
        candidate = next(name for name in ranked if name not in declined)
        reason = "Hij heeft de meeste stemmen."
        if candidate in proposed:  # turned down once for the count: now names the reasons
            reason = scenario.candidate_feedback
        proposed.add(candidate)
        return Answer(choice=candidate, text=reason)
    return right_answer(scenario, state, step)


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
