"""A course counts an exercise only from its minimum score on, and a trainer's feedback on
what the participant wrote reaches the participant."""

import pytest
from django.urls import reverse

from cohorts.models import EnrolmentStatus
from exercises import demo, selectors
from exercises.models import AttemptEvent
from exercises.selectors import (
    minimum_score,
    missing_required_exercises,
    required_exercises_completed,
    score_percent,
)
from exercises.services import start_attempt
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import fill, make_cohort, make_trainer
from tests.courses.factories_pages import make_course
from tests.exercises.factories import consent_exercise
from tests.exercises.test_services import play_to_the_end

pytestmark = pytest.mark.django_db


def test_a_finished_attempt_counts_only_from_the_minimum_score():
    course = make_course()
    required = consent_exercise(parent=course, required_for_completion=True, slug="verplicht")
    # Unless the exercise sets its own, the course's minimum counts: 70 % by default.
    assert required.minimum_score is None
    assert course.exercise_minimum_score == 70
    assert minimum_score(exercise=required, course=course) == 70
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=required)
    play_to_the_end(attempt, participant)
    assert required_exercises_completed(user=participant, course=course)

    # Half the points earned: finished, but below the minimum.
    scored = list(AttemptEvent.objects.filter(attempt=attempt, correct__isnull=False))
    for row in scored[: len(scored) // 2 + 1]:
        row.points = 0
        row.save(update_fields=["points"])

    assert missing_required_exercises(user=participant, course=course) == [required]
    required.minimum_score = 40
    required.save_revision().publish()
    assert required_exercises_completed(user=participant, course=course)


def test_the_course_sets_the_minimum_and_an_exercise_overrides_it():
    course = make_course()
    strict = consent_exercise(parent=course, required_for_completion=True, slug="streng")
    lenient = consent_exercise(
        parent=course, required_for_completion=True, slug="mild", minimum_score=30
    )
    participant = UserFactory()
    for exercise in (strict, lenient):
        attempt = start_attempt(participant=participant, exercise=exercise)
        play_to_the_end(attempt, participant)
        # Just over half the points: 50-ish %.
        scored = list(AttemptEvent.objects.filter(attempt=attempt, correct__isnull=False))
        for row in scored[: len(scored) // 2]:
            row.points = 0
            row.save(update_fields=["points"])
    percents = {
        a.exercise_id: score_percent(a)
        for a in selectors.attempts_of(participant=participant, exercise=strict)
        + selectors.attempts_of(participant=participant, exercise=lenient)
    }
    assert 30 <= percents[lenient.pk] < 70 and 30 <= percents[strict.pk] < 70

    # The course's default 70 %: the strict one is missing, the lenient one (30 %) counts.
    assert missing_required_exercises(user=participant, course=course) == [strict]

    # The course lowers its minimum: now both count; the exercise's own 30 % still rules.
    course.exercise_minimum_score = 25
    course.save_revision().publish()
    assert required_exercises_completed(user=participant, course=course)
    course.exercise_minimum_score = 100
    course.save_revision().publish()
    assert missing_required_exercises(user=participant, course=course) == [strict]
    # Left empty by the editor: 70 %.
    course.exercise_minimum_score = None
    assert minimum_score(exercise=strict, course=course) == 70
    assert minimum_score(exercise=lenient, course=course) == 30


def test_a_trainer_gives_feedback_on_a_written_amendment_and_the_participant_sees_it(client):
    trainer = make_trainer()
    course = make_course()
    exercise = consent_exercise(parent=course, scenario=demo.MARKTPLEIN)
    (participant,) = [
        e.participant
        for e in fill(make_cohort(course=course, trainer=trainer), 1)
        if e.status == EnrolmentStatus.ENROLLED
    ]
    attempt = start_attempt(participant=participant, exercise=exercise)
    play_to_the_end(attempt, participant)
    written = AttemptEvent.objects.filter(attempt=attempt).exclude(answer_text="").get()
    assert written.model_answer
    client.force_login(trainer)

    page = client.get(reverse("exercises:trainer_attempt", args=[attempt.pk]))
    assert written.answer_text[:40] in page.text
    response = client.post(
        reverse("exercises:trainer_attempt", args=[attempt.pk]),
        {"sequence": written.sequence, "feedback": "Mooi: de markt blijft én er komt stroom."},
    )

    assert response.status_code == 302
    written.refresh_from_db()
    assert written.trainer_feedback.startswith("Mooi")
    assert written.trainer_feedback_by == trainer
    client.force_login(participant)
    mine = client.get(reverse("exercises:practice", args=[attempt.pk]))
    assert "Mooi: de markt blijft" in mine.text


def test_a_participant_cannot_give_trainer_feedback(client):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    client.force_login(participant)

    response = client.post(
        reverse("exercises:trainer_attempt", args=[attempt.pk]), {"sequence": 1, "feedback": "x"}
    )

    assert response.status_code == 403
