"""Lesson progress and private reflection notes: through HTTP and the services."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from courses.models import CourseFormat, LessonProgress, ReflectionNote
from courses.selectors.progress import my_courses
from courses.services.progress import ProgressError, mark_lesson_done, save_reflections
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course, make_lesson

pytestmark = pytest.mark.django_db

QUESTION = [("reflection", {"question": "Welk principe herkent u?", "hint": ""})]


@pytest.fixture
def course():
    return make_course(format=CourseFormat.E_LEARNING, price_amount=0)


@pytest.fixture
def lessons(course):
    return [make_lesson(course, body=QUESTION) for _ in range(3)]


def answer_field(lesson):
    return f"answer-{lesson.reflection_blocks()[0].id}"


def done_url(lesson):
    return reverse("courses:lesson_done", args=[lesson.pk])


def answers_url(lesson):
    return reverse("courses:lesson_answers", args=[lesson.pk])


def test_mark_done_saves_answer_and_goes_to_next_lesson(client, lessons):
    user = UserFactory()
    client.force_login(user)
    first, second, _third = lessons
    response = client.post(done_url(first), {answer_field(first): "Gelijkwaardigheid"})
    assert response.status_code == 302 and response.url == second.url
    progress = LessonProgress.objects.get(participant=user, lesson=first)
    assert progress.completed_at is not None
    assert ReflectionNote.objects.get(participant=user, lesson=first).answer == "Gelijkwaardigheid"


def test_last_lesson_done_returns_to_course_with_progress(client, course, lessons):
    user = UserFactory()
    client.force_login(user)
    for lesson in lessons[:2]:
        client.post(done_url(lesson))
    response = client.get(course.url)
    progress = response.context["progress"]
    assert (progress.completed, progress.total) == (2, 3)
    assert progress.next_lesson.pk == lessons[2].pk
    assert f'id="continue-link" href="{lessons[2].url}"' in response.content.decode()

    response = client.post(done_url(lessons[2]))
    assert response.url == course.url
    assert client.get(course.url).context["progress"].finished


def test_answers_are_editable_and_never_lost(client, lessons):
    user = UserFactory()
    client.force_login(user)
    lesson = lessons[0]
    client.post(answers_url(lesson), {answer_field(lesson): "Eerste gedachte"})
    client.post(answers_url(lesson), {answer_field(lesson): "Beter verwoord"})
    # Marking done without sending the field keeps what was written.
    client.post(done_url(lesson))
    note = ReflectionNote.objects.get(participant=user, lesson=lesson)
    assert note.answer == "Beter verwoord"
    assert note.question == "Welk principe herkent u?"
    assert ReflectionNote.objects.filter(participant=user).count() == 1
    response = client.get(lesson.url)
    assert "Beter verwoord" in response.content.decode()


def test_completion_time_is_kept_when_marked_again(lessons):
    user = UserFactory()
    first = mark_lesson_done(participant=user, lesson=lessons[0])
    again = mark_lesson_done(participant=user, lesson=lessons[0])
    assert again.completed_at == first.completed_at
    assert LessonProgress.objects.filter(participant=user).count() == 1


def test_other_users_never_see_my_notes_or_progress(client, course, lessons):
    me, other = UserFactory(), UserFactory()
    save_reflections(
        participant=me, lesson=lessons[0], answers={lessons[0].reflection_blocks()[0].id: "Geheim"}
    )
    mark_lesson_done(participant=me, lesson=lessons[0])

    client.force_login(other)
    html = client.get(lessons[0].url).content.decode()
    assert "Geheim" not in html
    assert client.get(course.url).context["progress"].completed == 0
    assert my_courses(user=other) == []
    assert "Geheim" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_dashboard_lists_my_courses_with_progress(client, course, lessons):
    user = UserFactory()
    mark_lesson_done(participant=user, lesson=lessons[0])
    client.force_login(user)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    [item] = response.context["my_courses"]
    assert item.course.pk == course.pk
    assert (item.progress.completed, item.progress.total) == (1, 3)
    assert 'id="my-courses"' in response.content.decode()


def test_anonymous_visitor_is_sent_to_login_and_nothing_is_written(client, lessons):
    response = client.get(lessons[0].url)
    assert response.status_code == 302 and reverse("account_login") in response.url
    response = client.post(done_url(lessons[0]))
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not LessonProgress.objects.exists()


def test_unknown_question_is_refused_and_nothing_written(lessons):
    user = UserFactory()
    with pytest.raises(ProgressError) as error:
        save_reflections(participant=user, lesson=lessons[0], answers={"verzonnen-id": "x"})
    assert str(error.value) == gettext(
        "This question is no longer part of the lesson. Reload the page and try again."
    )
    assert not ReflectionNote.objects.exists()
    assert not LessonProgress.objects.exists()


def test_lessons_of_a_study_day_are_closed_to_non_participants(client):
    course = make_course(format=CourseFormat.STUDY_DAY)
    lesson = make_lesson(course, body=QUESTION)
    user = UserFactory()
    client.force_login(user)
    assert client.get(lesson.url).status_code == 403
    response = client.post(done_url(lesson))
    assert response.status_code == 403
    assert not LessonProgress.objects.exists()
    with pytest.raises(ProgressError):
        mark_lesson_done(participant=user, lesson=lesson)
    assert not LessonProgress.objects.exists()


def test_unpublished_lesson_cannot_be_marked(client, lessons):
    lessons[1].unpublish()
    client.force_login(UserFactory())
    assert client.post(done_url(lessons[1])).status_code == 404
    assert not LessonProgress.objects.exists()


def test_get_is_not_allowed_on_mark_done(client, lessons):
    client.force_login(UserFactory())
    assert client.get(done_url(lessons[0])).status_code == 405
