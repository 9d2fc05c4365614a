"""What every logged-in page pays for (issue 15): the user bar's flag costs no query after the
first page, and the course page's cached fragments follow what they show."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from accounts.roles import EDITOR, assign_role
from courses.models import ProgrammeItem, Trainer
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_no_update_check")]


@pytest.fixture
def _no_update_check():
    with override_settings(WAGTAIL_ENABLE_UPDATE_CHECK=False):
        yield


def _tables(client, url) -> tuple[str, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, " ".join(q["sql"] for q in queries.captured_queries)


def test_a_participant_gets_no_user_bar_and_no_permission_queries(client):
    course = make_course()
    client.force_login(UserFactory())
    client.get(course.url)  # the first page asks once and keeps the answer in the session
    html, sql = _tables(client, course.url)
    assert "wagtail-userbar" not in html
    assert "wagtailcore_grouppagepermission" not in sql
    assert "auth_permission" not in sql


def test_an_editor_gets_the_user_bar(client):
    course = make_course()
    client.force_login(UserFactory(roles=[EDITOR]))
    client.get(course.url)
    assert "wagtail-userbar" in client.get(course.url).content.decode()


def test_someone_made_editor_gets_the_user_bar_on_their_next_page(client):
    course = make_course()
    user = UserFactory()
    client.force_login(user)
    assert "wagtail-userbar" not in client.get(course.url).content.decode()
    assign_role(user, EDITOR)  # a change of groups makes every session ask again
    assert "wagtail-userbar" in client.get(course.url).content.decode()
    user.groups.clear()
    assert "wagtail-userbar" not in client.get(course.url).content.decode()


def test_the_course_page_shows_a_renamed_trainer_and_a_newly_published_programme(client):
    trainer = Trainer.objects.create(name="Anna Visser", role="Trainer")
    course = make_course(trainers=[trainer])
    assert "Anna Visser" in client.get(course.url).content.decode()
    trainer.name = "Anna de Vries"
    trainer.save()
    html = client.get(course.url).content.decode()
    assert "Anna de Vries" in html and "Anna Visser" not in html

    course.programme_items.add(ProgrammeItem(title="Ronde van bezwaren"))
    course.save_revision().publish()
    assert "Ronde van bezwaren" in client.get(course.url).content.decode()


def test_the_course_page_fragments_are_per_language(client):
    trainer = Trainer.objects.create(name="Anna Visser")
    course = make_course(trainers=[trainer])
    assert "Uw trainer" in client.get(course.url).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": course.url})
    english = client.get(course.url).content.decode()
    assert '<html lang="en"' in english
    assert "Your trainer" in english and "Uw trainer" not in english


def test_cohorts_and_enrolments_leave_the_course_fragments_alone():
    """They change all day and are not in the fragments; trainers are."""
    from courses import content_cache
    from tests.cohorts.factories import make_cohort

    before = content_cache.generation()
    make_cohort()
    assert content_cache.generation() == before
    Trainer.objects.create(name="Nieuwe trainer")
    assert content_cache.generation() > before


def test_pages_are_still_found_and_missing_ones_are_404(client):
    """courses.routing serves Wagtail's pages; Wagtail's other URLs are untouched."""
    from django.urls import resolve, reverse
    from wagtail import views as wagtail_views

    from courses import routing
    from tests.courses.factories_pages import make_lesson

    course = make_course()
    lesson = make_lesson(course)
    assert reverse("wagtail_serve", args=[course.url.lstrip("/")]) == course.url
    assert resolve(course.url).func is routing.serve
    password_url = reverse("wagtailcore_authenticate_with_password", args=[1, 2])
    assert resolve(password_url).func is wagtail_views.authenticate_with_password
    assert client.get(course.url).status_code == 200
    assert client.get(course.url + "bestaat-niet/").status_code == 404
    assert client.get("/bestaat-niet/").status_code == 404
    assert client.get(lesson.url).status_code == 302  # lessons ask visitors to log in
