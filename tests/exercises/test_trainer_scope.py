"""A trainer reads practice attempts only on their own courses' exercises, by participants of
their own cohorts (issue 11, item 7)."""

import pytest
from django.urls import reverse

from exercises.services import start_attempt
from tests.cohorts.factories import make_cohort, make_trainer
from tests.courses.factories_pages import make_course
from tests.exercises.factories import consent_exercise
from tests.exercises.test_results import enrolled_participants

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_and_participant():
    trainer = make_trainer()
    course = make_course()
    (participant,) = enrolled_participants(make_cohort(course=course, trainer=trainer), 1)
    return trainer, course, participant


def test_my_participants_practice_in_another_course_stays_hidden(client, trainer_and_participant):
    trainer, course, participant = trainer_and_participant
    other_course = make_course()
    make_cohort(course=other_course)  # someone else teaches it
    elsewhere = start_attempt(
        participant=participant, exercise=consent_exercise(parent=other_course)
    )
    own = start_attempt(participant=participant, exercise=consent_exercise(parent=course))
    client.force_login(trainer)

    listing = client.get(reverse("exercises:trainer_results"))
    opened = client.get(reverse("exercises:trainer_attempt", args=[elsewhere.pk]))

    assert [a.pk for a in listing.context["attempts"]] == [own.pk]
    assert opened.status_code == 404


def test_practice_outside_any_course_stays_hidden(client, trainer_and_participant):
    trainer, _course, participant = trainer_and_participant
    solo = start_attempt(participant=participant, exercise=consent_exercise())
    client.force_login(trainer)

    opened = client.get(reverse("exercises:trainer_attempt", args=[solo.pk]))

    assert opened.status_code == 404


def test_a_trainer_of_no_cohort_sees_nothing(client, trainer_and_participant):
    _trainer, course, participant = trainer_and_participant
    attempt = start_attempt(participant=participant, exercise=consent_exercise(parent=course))
    client.force_login(make_trainer())

    listing = client.get(reverse("exercises:trainer_results"))
    opened = client.get(reverse("exercises:trainer_attempt", args=[attempt.pk]))

    assert list(listing.context["attempts"]) == []
    assert opened.status_code == 404
