"""Shaped reads for exercises: the practice panel, attempt histories, trainer results and
the completion rule other apps read (certificates)."""

import dataclasses

from django.apps import apps
from django.db.models import Count, Q, QuerySet, Sum
from wagtail.models import Page

from exercises.consent import Event, ProcessState, event_from_dict, replay
from exercises.models import Attempt, AttemptEvent, AttemptStatus
from exercises.practice import Decision, Ending, Step, StepKind, ending, next_step
from exercises.scenario import Scenario, scenario_from_dict
from exercises.scoring import Summary, summarise


@dataclasses.dataclass(frozen=True)
class Practice:
    """An attempt as the facilitator sees it now."""

    attempt: Attempt
    scenario: Scenario
    state: ProcessState
    decisions: tuple[AttemptEvent, ...]
    step: Step
    misses: int = 0  # wrong tries on the current step so far

    @property
    def ending(self) -> Ending | None:
        return ending(self.scenario, self.state)

    @property
    def next_sequence(self) -> int:
        return self.decisions[-1].sequence + 1 if self.decisions else 0

    @property
    def last(self) -> AttemptEvent | None:
        """The last decision the participant made (not the opening event, nor a step the
        script took for a participant who plays a member)."""
        own = [row for row in self.decisions if not row.by_script]
        last = own[-1] if own else None
        return last if last is not None and last.step != StepKind.START else None

    @property
    def summary(self) -> Summary:
        return summarise(self.decisions)

    @property
    def events(self) -> list[Event]:
        return [event_from_dict(data) for row in self.decisions for data in row.events]


def load_practice(*, attempt: Attempt, decisions: list[AttemptEvent] | None = None) -> Practice:
    """Rebuild the attempt's state by replaying its stored engine events."""
    if decisions is None:
        decisions = list(attempt.decisions.order_by("sequence"))
    scenario = scenario_from_dict(attempt.scenario)
    events = [event_from_dict(data) for row in decisions for data in row.events]
    state = replay(events)
    last = decisions[-1] if decisions else None
    previous = None
    if last is not None:
        # What the script decided was decided right.
        correct = True if last.by_script else last.correct
        previous = Decision(step=StepKind(last.step), choice=last.choice, correct=correct)
    step = next_step(scenario, state, previous)
    misses = _misses(decisions, step)
    if misses:
        step = next_step(scenario, state, previous, misses=misses)
    return Practice(
        attempt=attempt,
        scenario=scenario,
        state=state,
        decisions=tuple(decisions),
        step=step,
        misses=misses,
    )


def _misses(decisions: list[AttemptEvent], step: Step) -> int:
    """Wrong tries in a row that left the process where it is, on this kind of step."""
    misses = 0
    for row in reversed(decisions):
        if row.events or row.correct is not False:
            break
        same = row.step == step.kind or (
            # A wrong proposal sends the facilitator back to choosing what to do.
            row.step == StepKind.PROPOSE and step.kind is StepKind.CHOOSE
        )
        if not same:
            break
        misses += 1
    return misses


def _scored(queryset: QuerySet[Attempt]) -> QuerySet[Attempt]:
    return queryset.annotate(
        decisions_right=Count("decisions", filter=Q(decisions__correct=True)),
        decisions_scored=Count("decisions", filter=Q(decisions__correct__isnull=False)),
        points_earned=Sum("decisions__points", default=0),
        points_possible=Sum(
            "decisions__weight", filter=Q(decisions__correct__isnull=False), default=0
        ),
    )


def score_percent(attempt: Attempt) -> int:
    """The weighted score of an annotated attempt (see `_scored`), 0-100."""
    possible = getattr(attempt, "points_possible", 0) or 0
    earned = getattr(attempt, "points_earned", 0) or 0
    return round(100 * earned / possible) if possible else 0


def attempts_of(*, participant, exercise: Page) -> list[Attempt]:
    """The participant's attempts at one exercise, newest first, with their score."""
    return list(_scored(Attempt.objects.filter(participant=participant, exercise=exercise)))


def my_attempts(*, participant, limit: int = 20) -> list[Attempt]:
    """The participant's latest attempts over all exercises, for "My Leerkring"."""
    queryset = Attempt.objects.filter(participant=participant).exclude(
        status=AttemptStatus.ABANDONED
    )
    return list(_scored(queryset.select_related("exercise"))[:limit])


def trainer_attempts(*, trainer) -> QuerySet[Attempt]:
    """Attempts a trainer may read, newest first, with participant, exercise and score in one
    query (plus one for the trainer's courses): those of participants enrolled in one of the
    trainer's cohorts, on an exercise of that cohort's course. What the same person
    practises in another course or on their own is not this trainer's business. A superuser
    sees all."""
    queryset = Attempt.objects.exclude(status=AttemptStatus.ABANDONED)
    if not trainer.is_superuser:
        queryset = queryset.filter(_trainee_attempts(trainer))
    return _scored(queryset.select_related("participant", "exercise"))


def _trainee_attempts(trainer) -> Q:
    """Per course the trainer teaches a cohort of: its exercises (pages below the course),
    practised by that course's participants in the trainer's cohorts."""
    enrolment = apps.get_model("cohorts", "Enrolment")
    active = ["enrolled", "completed", "no_show"]
    enrolments = enrolment.objects.filter(cohort__trainers=trainer, status__in=active)
    courses = enrolments.values_list("cohort__course_id", "cohort__course__path").distinct()
    condition = Q(pk__in=[])
    for course_id, path in courses:
        condition |= Q(
            exercise__path__startswith=path,
            participant__in=enrolments.filter(cohort__course_id=course_id).values("participant"),
        )
    return condition


def trainer_can_see(*, trainer, attempt: Attempt) -> bool:
    return trainer_attempts(trainer=trainer).filter(pk=attempt.pk).exists()


def required_exercises(*, course: Page) -> list[Page]:
    """The live exercises under `course` that a participant must finish to complete it."""
    from exercises.models import ElectionExercisePage, ExercisePage

    pages: list[Page] = []
    for model in (ExercisePage, ElectionExercisePage):
        pages += model.objects.live().descendant_of(course).filter(required_for_completion=True)
    return sorted(pages, key=lambda page: page.path)


def minimum_score(*, exercise, course: Page) -> int:
    """The score from which a finished attempt at `exercise` counts: the exercise's own
    minimum, or else the course's (70 % unless the course sets another). `course`: the
    specific course page."""
    own = getattr(exercise, "minimum_score", None)
    if own is not None:
        return own
    course_minimum = getattr(course, "exercise_minimum_score", None)
    return DEFAULT_MINIMUM_SCORE if course_minimum is None else course_minimum


DEFAULT_MINIMUM_SCORE = 70


def missing_required_exercises(*, user, course: Page) -> list[Page]:
    """Required exercises of `course` that `user` has not finished yet with at least the
    exercise's minimum score (see `minimum_score`)."""
    required = required_exercises(course=course)
    attempts = _scored(
        Attempt.objects.filter(
            participant=user,
            status=AttemptStatus.FINISHED,
            exercise__in=[page.pk for page in required],
        )
    )
    best: dict[int, int] = {}
    for attempt in attempts:
        best[attempt.exercise_id] = max(best.get(attempt.exercise_id, 0), score_percent(attempt))
    course = course.specific if required else course
    return [
        page
        for page in required
        if page.pk not in best or best[page.pk] < minimum_score(exercise=page, course=course)
    ]


def required_exercises_completed(*, user, course: Page) -> bool:
    """True when `user` has finished every exercise `course` requires (read by certificates)."""
    return not missing_required_exercises(user=user, course=course)
