"""State changes of practice attempts: start, record a decision (engine events appended),
finish, start again. Views call these; nothing else writes attempts."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exercises.consent import ProcessError, apply, replay
from exercises.models import Attempt, AttemptEvent, AttemptStatus, BaseExercisePage
from exercises.practice import Answer, Decision, PracticeError, StepKind, decide, next_step
from exercises.rehearsal import script_turns
from exercises.selectors import load_practice


def start_attempt(*, participant, exercise: BaseExercisePage) -> Attempt:
    """The participant's attempt in progress at `exercise`, or a new one with the scenario as
    it is now and the process prepared (a double click never makes two)."""
    existing = _open_attempt(participant, exercise)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _new_attempt(participant, exercise)
    except IntegrityError:
        # Another request started one at the same moment: continue with that one.
        existing = _open_attempt(participant, exercise)
        if existing is None:
            raise
        return existing


@transaction.atomic
def restart_attempt(*, attempt: Attempt, participant) -> Attempt:
    """Abandon `attempt` if it is still open and start afresh on the same exercise."""
    attempt = _locked(attempt, participant)
    if attempt.status == AttemptStatus.IN_PROGRESS:
        attempt.status = AttemptStatus.ABANDONED
        attempt.save(update_fields=["status"])
    # A double click (or Back and click again) already started the fresh attempt: use it.
    existing = _open_attempt(participant, attempt.exercise)
    if existing is not None:
        return existing
    return _new_attempt(participant, attempt.exercise.specific)


@transaction.atomic
def record_decision(
    *,
    attempt: Attempt,
    participant,
    expected_sequence: int,
    answer: Answer,
    today: date | None = None,
) -> AttemptEvent:
    """Check the participant's decision on the current step and append it with the engine
    events it adds. Raises PracticeError (nothing written) when the attempt is finished, the
    form is stale, or the input does not fit the step or the process."""
    attempt = _locked(attempt, participant)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise PracticeError(
            _("This attempt has ended. Start a new attempt to practise this exercise again.")
        )
    practice = load_practice(attempt=attempt)
    if expected_sequence != practice.next_sequence:
        raise PracticeError(
            _(
                "This step was already answered, perhaps in another tab or by a double click. "
                "Below is where the exercise stands now; continue from there."
            )
        )
    try:
        outcome = decide(
            practice.scenario,
            practice.state,
            practice.step,
            answer,
            today=today or timezone.localdate(),
            misses=practice.misses,
        )
    except ProcessError as error:
        raise PracticeError(error.format(gettext)) from error
    row = AttemptEvent.objects.create(
        attempt=attempt,
        sequence=practice.next_sequence,
        step=practice.step.kind,
        member=practice.step.member or "",
        choice=answer.choice[:60],
        skill=outcome.skill or "",
        correct=outcome.correct,
        expected=outcome.expected,
        feedback=outcome.feedback,
        error_code=outcome.error.code if outcome.error else "",
        error_params=_plain(outcome.error.params) if outcome.error else {},
        events=[event.to_dict() for event in outcome.events],
        weight=outcome.weight if outcome.correct is not None else 0,
        points=outcome.points,
        answer_text=outcome.text,
        model_answer=outcome.model_answer,
        reaction=outcome.reaction,
        hint=practice.step.hint,
    )
    if outcome.events:
        state = replay([*practice.events, *outcome.events])
        decision = Decision(step=practice.step.kind, choice=answer.choice, correct=outcome.correct)
        state, decision = _play_script(
            attempt, practice.scenario, state, decision, sequence=row.sequence + 1, today=today
        )
        # Finished once nothing is left to do: after the end and its slotronde.
        if next_step(practice.scenario, state, decision).kind is StepKind.DONE:
            attempt.status = AttemptStatus.FINISHED
            attempt.finished_at = timezone.now()
            attempt.save(update_fields=["status", "finished_at"])
    return row


def _play_script(attempt: Attempt, scenario, state, decision, *, sequence: int, today=None):
    """When the participant plays a member or the proposer: store the steps the script takes
    up to their next turn, one row each (unscored), so the attempt replays as it went."""
    try:
        turns = script_turns(scenario, state, decision, today=today or timezone.localdate())
    except ProcessError as error:
        raise PracticeError(error.format(gettext)) from error
    for offset, (step, answer, outcome) in enumerate(turns):
        AttemptEvent.objects.create(
            attempt=attempt,
            sequence=sequence + offset,
            step=step.kind,
            member=step.member or "",
            choice=answer.choice[:60],
            feedback=outcome.feedback,
            events=[event.to_dict() for event in outcome.events],
            weight=0,
            reaction=outcome.reaction,
            by_script=True,
        )
        for event in outcome.events:
            state = apply(state, event)
        decision = Decision(step=step.kind, choice=answer.choice, correct=True)
    return state, decision


def _new_attempt(participant, exercise: BaseExercisePage) -> Attempt:
    scenario = exercise.scenario()
    opening = scenario.opening_events(today=timezone.localdate())
    try:
        replay(opening)
    except ProcessError as error:
        raise PracticeError(error.format(gettext)) from error
    attempt = Attempt.objects.create(
        participant=participant, exercise=exercise, scenario=scenario.to_dict()
    )
    AttemptEvent.objects.create(
        attempt=attempt,
        sequence=0,
        step=StepKind.START,
        events=[event.to_dict() for event in opening],
    )
    _play_script(attempt, scenario, replay(opening), None, sequence=1)
    return attempt


def _open_attempt(participant, exercise) -> Attempt | None:
    return Attempt.objects.filter(
        participant=participant, exercise=exercise, status=AttemptStatus.IN_PROGRESS
    ).first()


def _locked(attempt: Attempt, participant) -> Attempt:
    """The attempt row, locked for this transaction; only its own participant may act."""
    locked = Attempt.objects.select_for_update().filter(pk=attempt.pk).first()
    if locked is None or locked.participant_id != participant.pk:
        raise PracticeError(_("This attempt does not exist. Start the exercise from its page."))
    return locked


def _plain(params: dict) -> dict:
    return {name: str(value) for name, value in params.items()}


@transaction.atomic
def give_trainer_feedback(*, trainer, attempt: Attempt, sequence: int, text: str) -> AttemptEvent:
    """A trainer's feedback on a participant's own words (an amendment, reasons); the
    participant sees it with the attempt. Only decisions with free text take feedback."""
    row = (
        AttemptEvent.objects.select_for_update()
        .filter(attempt=attempt, sequence=sequence)
        .exclude(answer_text="")
        .first()
    )
    if row is None:
        raise PracticeError(_("Feedback goes with an answer the participant wrote."))
    row.trainer_feedback = text.strip()
    row.trainer_feedback_by = trainer
    row.save(update_fields=["trainer_feedback", "trainer_feedback_by"])
    return row
