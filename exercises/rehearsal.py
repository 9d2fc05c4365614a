"""Two facilitators who play a scenario on their own, for the author's "Play this scenario"
preview and for the tests: one decides everything right, the other takes every contribution
at face value (every question is a question, every objection is set aside, the candidate is
the one with the most nominations). A scenario that reacts gives them different endings."""

import dataclasses
from datetime import date

from exercises.consent import Event, ProcessError, apply, replay
from exercises.practice import (
    ALONE,
    NEXT,
    REFER,
    Answer,
    Decision,
    Ending,
    Outcome,
    Step,
    StepKind,
    consent_contribution,
    decide,
    ending,
    expected_answer,
    learners_step,
    next_step,
)
from exercises.scenario import AnswerKind, Scenario


def right_answer(scenario, state, step: Step) -> Answer:
    member = step.member or ""
    if step.kind is StepKind.CHOOSE:
        for value, _label in step.options:
            outcome = decide(scenario, state, step, Answer(choice=value), today=state_day(state))
            if outcome.correct:
                return Answer(choice=value)
        raise ProcessError("process_closed", phase=state.phase.label)
    if step.kind is StepKind.QUESTION:
        values = [value for value, _label in step.options]
        kind = scenario.question_of(member).kind.value
        return Answer(choice=kind if kind in values else NEXT, member=member)
    if step.kind is StepKind.CONSENT_ANSWER:
        kind = consent_contribution(scenario, state, member).kind.value
        return Answer(choice=kind, member=member)
    if step.kind is StepKind.MEMBER_CONSENT:
        script = consent_contribution(scenario, state, member)
        return Answer(choice=expected_answer(script).value, member=member, text=script.text)
    if step.kind is StepKind.PROPOSER_ANSWER:
        return Answer(choice="answer", member=member)
    if step.kind is StepKind.CLARIFY:
        script = consent_contribution(scenario, state, member)
        return Answer(choice=NEXT, member=member, text=script.model_question)
    if step.kind is StepKind.TEST_OBJECTION:
        kind = consent_contribution(scenario, state, member).kind
        verdict = "qualified" if kind is AnswerKind.OBJECTION else "not_qualified"
        return Answer(choice=verdict, member=member)
    if step.kind is StepKind.AMEND:
        script = scenario.consent_round(state.version)
        index = next((i for i, a in enumerate(script.amendments) if a.integrates), None)
        if step.free_text and index is not None:
            return Answer(choice=NEXT, member=member, text=script.amendments[index].text)
        return Answer(choice=REFER if index is None else str(index), member=member)
    if step.kind is StepKind.AGREE:
        # After a review the first review date has passed: practice counts a new one.
        review_date = None if state.agreements else state.proposed_review_date
        return Answer(choice="agree", review_date=review_date)
    if step.kind is StepKind.REVIEW:
        right = next(i for i, o in enumerate(scenario.review.options) if o.right)
        return Answer(choice=str(right))
    if step.kind is StepKind.PROPOSE:
        return Answer(choice=scenario.candidate, text=scenario.candidate_feedback)
    return Answer(choice=NEXT, member=member)


def naive_answer(scenario, state, step: Step, *, proposed: set[str]) -> Answer:
    member = step.member or ""
    if step.kind is StepKind.QUESTION:
        values = [value for value, _label in step.options]
        return Answer(choice="clarifying" if "clarifying" in values else NEXT, member=member)
    if step.kind is StepKind.CONSENT_ANSWER:
        kind = consent_contribution(scenario, state, member).kind.value
        return Answer(choice="objection" if kind == "preference" else kind, member=member)
    if step.kind is StepKind.TEST_OBJECTION:
        return Answer(choice="not_qualified", member=member)
    if step.kind is StepKind.MEMBER_CONSENT:
        # Keeps the peace: an objection is voiced as a concern, a preference as an objection.
        script = consent_contribution(scenario, state, member)
        choice = {AnswerKind.OBJECTION: "concern", AnswerKind.PREFERENCE: "objection"}.get(
            script.kind, script.kind.value
        )
        return Answer(choice=choice, member=member, text=script.text)
    if step.kind is StepKind.PROPOSER_ANSWER:
        return Answer(choice="defend", member=member)
    if step.kind is StepKind.AMEND and step.free_text and ("amend", member) not in proposed:
        # The proposer first holds on to the proposal; told what it misses, amends it.
        proposed.add(("amend", member))
        return Answer(choice=NEXT, member=member, text=scenario.proposal)
    if step.kind is StepKind.CLARIFY and step.free_text and ("clarify", member) not in proposed:
        # A leading question first; told what it misses, the model question.
        proposed.add(("clarify", member))
        return Answer(choice=NEXT, member=member, text="Is dit niet gewoon uw voorkeur?")
    if step.kind is StepKind.REVIEW:
        # The habit: the facilitator concludes alone; refused, the status quo goes to the circle.
        if ALONE not in proposed:
            proposed.add(ALONE)
            return Answer(choice=ALONE)
        keep = next(i for i, o in enumerate(scenario.review.options) if o.outcome == "keep")
        return Answer(choice=str(keep))
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


def state_day(state) -> date:
    first = state.log[0].event
    return getattr(first, "term_start", None) or date.today()


@dataclasses.dataclass(frozen=True)
class Run:
    events: tuple[Event, ...]
    outcomes: tuple[Outcome, ...]
    ending: Ending | None
    error: str = ""  # why the run stopped, when the script does not play through

    @property
    def percent(self) -> int:
        weight = sum(o.weight for o in self.outcomes if o.correct is not None)
        points = sum(o.points for o in self.outcomes)
        return round(100 * points / weight) if weight else 0


def by_script(outcome: Outcome) -> Outcome:
    """A step the script decided for a participant who plays a member: not scored."""
    return dataclasses.replace(outcome, skill=None, correct=None, points=0, weight=0)


def script_turns(
    scenario: Scenario, state, last: Decision | None, *, today: date, limit: int = 200
) -> list[tuple[Step, Answer, Outcome]]:
    """When the participant plays a member or the proposer: the steps that are not theirs,
    decided by the script's right answers, up to the participant's next step (or the end).
    Each is an outcome of its own, so the attempt stores and replays it like any other."""
    played: list[tuple[Step, Answer, Outcome]] = []
    for _ in range(limit):
        step = next_step(scenario, state, last)
        if learners_step(scenario, step):
            return played
        answer = right_answer(scenario, state, step)
        outcome = decide(scenario, state, step, answer, today=today)
        for event in outcome.events:
            state = apply(state, event)
        played.append((step, answer, by_script(outcome)))
        last = Decision(step=step.kind, choice=answer.choice, correct=True)
    raise ProcessError("process_closed", phase=state.phase.label)


def rehearse(scenario: Scenario, *, today: date, naive: bool = False, limit: int = 200) -> Run:
    """Play `scenario` to its end as the right (or the naive) facilitator; when the scenario
    has the participant play a member or the proposer, as the right (or naive) member, with
    the script deciding everything else."""
    events: list[Event] = list(scenario.opening_events(today=today))
    state = replay(events)
    outcomes: list[Outcome] = []
    last, proposed = None, set()
    try:
        for _ in range(limit):
            step = next_step(scenario, state, last)
            if step.kind is StepKind.DONE:
                break
            own = learners_step(scenario, step)
            if naive and own:
                answer = naive_answer(scenario, state, step, proposed=proposed)
            else:
                answer = right_answer(scenario, state, step)
            outcome = decide(scenario, state, step, answer, today=today)
            if not own:
                outcome = by_script(outcome)
            for event in outcome.events:
                state = apply(state, event)
            events += outcome.events
            outcomes.append(outcome)
            correct = outcome.correct if own else True
            last = Decision(step=step.kind, choice=answer.choice, correct=correct)
    except (ProcessError, StopIteration, AttributeError, TypeError) as error:
        message = error.format() if isinstance(error, ProcessError) else str(error)
        return Run(tuple(events), tuple(outcomes), None, error=message)
    return Run(tuple(events), tuple(outcomes), ending(scenario, state))
