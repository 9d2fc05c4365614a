"""Lesson pages: order, previous/next navigation, and the reflection form."""

import pytest

from courses.models import CourseFormat
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client):
    client.force_login(UserFactory())
    return client


def test_previous_and_next_follow_course_order_and_skip_drafts(logged_in):
    course = make_course(format=CourseFormat.E_LEARNING)
    first, draft, third = (make_lesson(course) for _ in range(3))
    draft.unpublish()

    response = logged_in.get(first.url)
    assert response.context["previous_lesson"] is None
    assert response.context["next_lesson"].pk == third.pk
    assert response.context["position"] == 1

    response = logged_in.get(third.url)
    assert response.context["previous_lesson"].pk == first.pk
    assert response.context["next_lesson"] is None
    assert response.context["position"] == 2
    html = response.content.decode()
    assert 'id="previous-lesson"' in html and first.url in html


def test_reflection_question_has_a_labelled_answer_field(logged_in):
    course = make_course(format=CourseFormat.E_LEARNING)
    lesson = make_lesson(
        course,
        body=[("reflection", {"question": "Wat neemt u mee?", "hint": "Eén zin is genoeg."})],
    )
    block_id = lesson.reflection_blocks()[0].id
    html = logged_in.get(lesson.url).content.decode()
    assert f'<label for="id_answer-{block_id}"' in html
    assert f'name="answer-{block_id}"' in html
    assert 'id="save-answers"' in html and 'id="mark-done"' in html


def test_lesson_without_questions_has_only_the_done_button(logged_in):
    course = make_course(format=CourseFormat.E_LEARNING)
    lesson = make_lesson(course)
    html = logged_in.get(lesson.url).content.decode()
    assert 'id="mark-done"' in html and 'id="save-answers"' not in html


def test_an_invalid_post_to_a_locked_lesson_shows_nothing_of_it(logged_in):
    # Study-day lessons are for enrolled participants; an oversized answer must not make the
    # form-error page render the lesson for someone else.
    course = make_course(format=CourseFormat.STUDY_DAY)
    lesson = make_lesson(course, body=[("reflection", {"question": "Geheime vraag?", "hint": ""})])
    block_id = lesson.reflection_blocks()[0].id

    response = logged_in.post(
        f"/lessen/{lesson.pk}/antwoorden/", {f"answer-{block_id}": "x" * 20_000}
    )

    assert response.status_code == 403
    assert "Geheime vraag?" not in response.content.decode()
