"""Trainer results, "My exercises" and the completion rule the certificates read."""

import pytest
from django.urls import reverse

from cohorts.models import EnrolmentStatus
from exercises.models import AttemptStatus
from exercises.selectors import (
    missing_required_exercises,
    required_exercises_completed,
    trainer_attempts,
)
from exercises.services import start_attempt
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import fill, make_cohort, make_trainer
from tests.courses.factories_pages import make_course
from tests.exercises.factories import consent_exercise, election_exercise
from tests.exercises.test_services import play_to_the_end

pytestmark = pytest.mark.django_db


def enrolled_participants(cohort, count):
    return [e.participant for e in fill(cohort, count) if e.status == EnrolmentStatus.ENROLLED]


def test_a_trainer_sees_the_attempts_of_participants_in_their_cohorts_only(client):
    trainer = make_trainer()
    course = make_course()
    exercise = consent_exercise(parent=course)
    mine = enrolled_participants(make_cohort(course=course, trainer=trainer), 2)
    elsewhere = enrolled_participants(make_cohort(course=course), 1)
    for participant in [*mine, *elsewhere]:
        start_attempt(participant=participant, exercise=exercise)
    client.force_login(trainer)

    response = client.get(reverse("exercises:trainer_results"))

    assert response.status_code == 200
    shown = {a.participant for a in response.context["attempts"]}
    assert shown == set(mine)
    assert elsewhere[0].email not in response.text


def test_a_trainer_opens_an_attempt_of_their_participant_but_not_of_others(client):
    trainer = make_trainer()
    course = make_course()
    exercise = consent_exercise(parent=course)
    (mine,) = enrolled_participants(make_cohort(course=course, trainer=trainer), 1)
    (other,) = enrolled_participants(make_cohort(course=course), 1)
    my_attempt = start_attempt(participant=mine, exercise=exercise)
    play_to_the_end(my_attempt, mine)
    other_attempt = start_attempt(participant=other, exercise=exercise)
    client.force_login(trainer)

    detail = client.get(reverse("exercises:trainer_attempt", args=[my_attempt.pk]))
    hidden = client.get(reverse("exercises:trainer_attempt", args=[other_attempt.pk]))

    assert detail.status_code == 200 and 'id="summary-heading"' in detail.text
    assert hidden.status_code == 404


def test_participants_cannot_open_the_trainer_results(client):
    client.force_login(UserFactory())

    assert client.get(reverse("exercises:trainer_results")).status_code == 403


@pytest.mark.parametrize("participants", [2, 6])
def test_the_trainer_results_take_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, participants
):
    trainer = make_trainer()
    course = make_course()
    exercise = consent_exercise(parent=course)
    cohort = make_cohort(course=course, trainer=trainer, max_participants=8)
    for participant in enrolled_participants(cohort, participants):
        start_attempt(participant=participant, exercise=exercise)
    client.force_login(trainer)

    with django_assert_max_num_queries(15):
        response = client.get(reverse("exercises:trainer_results"))

    assert len(response.context["attempts"]) == participants
    assert trainer_attempts(trainer=trainer).count() == participants


def test_my_exercises_appear_on_the_dashboard(client):
    participant = UserFactory()
    exercise = consent_exercise()
    attempt = start_attempt(participant=participant, exercise=exercise)
    client.force_login(participant)

    html = client.get(reverse("accounts:dashboard")).text

    assert 'id="my-exercises"' in html
    assert reverse("exercises:practice", args=[attempt.pk]) in html


def test_a_course_is_complete_only_when_its_required_exercises_are_finished():
    course = make_course()
    required = consent_exercise(parent=course, required_for_completion=True, slug="verplicht")
    election_exercise(parent=course, slug="vrij")  # optional: never blocks
    participant = UserFactory()

    assert missing_required_exercises(user=participant, course=course) == [required]
    attempt = start_attempt(participant=participant, exercise=required)
    assert not required_exercises_completed(user=participant, course=course)

    play_to_the_end(attempt, participant)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED
    assert required_exercises_completed(user=participant, course=course)


def test_a_course_without_required_exercises_is_complete():
    assert required_exercises_completed(user=UserFactory(), course=make_course())
