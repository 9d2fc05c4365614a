"""Deleting in /beheer/ what kept records point to is refused with a message, not a 500;
a lesson someone worked on keeps its progress and private notes (issue 11, item 10)."""

import pytest
from django.contrib.messages import get_messages

from accounts.models import User
from cohorts.models import Enrolment
from courses.models import CourseIndexPage, LessonProgress, ReflectionNote
from courses.services.progress import mark_lesson_done
from exercises.models import ExercisePage
from exercises.services import start_attempt
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import fill, make_cohort
from tests.courses.factories_pages import course_index, make_course, make_lesson
from tests.exercises.factories import consent_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(email="beheer@example.nl", password="x-y-z-12345")
    client.force_login(admin)
    return client


def refusal(response) -> str:
    messages = [m.message for m in get_messages(response.wsgi_request)]
    assert messages, "no message shown"
    return messages[0]


def test_deleting_the_course_index_with_cohorts_below_is_refused(admin_client):
    cohort = make_cohort()
    fill(cohort, 1)
    index = course_index()

    response = admin_client.post(f"/beheer/pages/{index.pk}/delete/")

    assert response.status_code == 302
    assert "kan niet worden verwijderd" in refusal(response)
    assert CourseIndexPage.objects.filter(pk=index.pk).exists()
    assert Enrolment.objects.count() == 1


def test_the_confirmation_page_refuses_too(admin_client):
    make_cohort()
    index = course_index()

    response = admin_client.get(f"/beheer/pages/{index.pk}/delete/")

    assert response.status_code == 302


def test_deleting_an_exercise_with_attempts_is_refused(admin_client):
    exercise = consent_exercise()
    start_attempt(participant=UserFactory(), exercise=exercise)

    response = admin_client.post(f"/beheer/pages/{exercise.pk}/delete/")

    assert response.status_code == 302
    assert ExercisePage.objects.filter(pk=exercise.pk).exists()


def test_a_lesson_someone_worked_on_keeps_progress_and_notes(admin_client):
    from courses.models import CourseFormat

    course = make_course(format=CourseFormat.E_LEARNING)
    lesson = make_lesson(course)
    participant = UserFactory()
    mark_lesson_done(participant=participant, lesson=lesson)
    ReflectionNote.objects.create(
        participant=participant,
        lesson=lesson,
        block_id="q1",
        question="Wat?",
        answer="Mijn notitie",
    )

    response = admin_client.post(f"/beheer/pages/{lesson.pk}/delete/")

    assert response.status_code == 302
    assert "kan niet worden verwijderd" in refusal(response)
    assert LessonProgress.objects.filter(lesson=lesson).count() == 1
    assert ReflectionNote.objects.get().answer == "Mijn notitie"


def test_an_unused_page_is_deleted_as_before(admin_client):
    course = make_course()
    lesson = make_lesson(course)

    response = admin_client.post(f"/beheer/pages/{lesson.pk}/delete/")

    assert response.status_code == 302
    assert not type(lesson).objects.filter(pk=lesson.pk).exists()


def test_deleting_a_user_with_enrolments_is_refused(admin_client):
    cohort = make_cohort()
    (enrolment,) = fill(cohort, 1)

    response = admin_client.post(f"/beheer/users/delete/{enrolment.participant.pk}/")

    assert response.status_code == 302
    assert "kan niet worden verwijderd" in refusal(response)
    assert User.objects.filter(pk=enrolment.participant.pk).exists()


def test_bulk_deleting_users_with_enrolments_is_refused(admin_client):
    cohort = make_cohort()
    (enrolment,) = fill(cohort, 1)

    response = admin_client.post(
        f"/beheer/bulk/accounts/user/delete/?id={enrolment.participant.pk}&next=/beheer/users/"
    )

    assert response.status_code == 302
    assert User.objects.filter(pk=enrolment.participant.pk).exists()


def test_a_user_without_records_is_deleted_as_before(admin_client):
    user = UserFactory()

    response = admin_client.post(f"/beheer/users/delete/{user.pk}/")

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
