"""Issue 10: what the pages say and offer (items 8, 10, 20, 21, 23, 24, 27's user bar).
The browser-side of these is pinned in tests/e2e/test_accessibility.py."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from cohorts.models import EnrolmentStatus
from courses.templatetags.content_lang import content_lang
from tests.certificates.factories import enrol_participant, make_completed_cohort, make_trainer
from tests.cohorts.factories import fill, make_cohort
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


def test_trainer_dashboard_counts_a_completed_cohort_like_its_page(client):
    """Item 8: the completed cohort read 0/8 on /trainer/ and "6 of 8" on its page."""
    trainer = make_trainer()
    cohort = make_completed_cohort(trainer=trainer, max_participants=8)
    for _ in range(5):
        enrol_participant(cohort)
    enrol_participant(cohort, status=EnrolmentStatus.NO_SHOW)
    client.force_login(trainer)
    dashboard = client.get(reverse("cohorts:trainer_dashboard"), {"archief": 1}).content.decode()
    page = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk])).content.decode()
    assert "6 van 8" in page or "6 of 8" in page
    if f"trainer-cohort-{cohort.pk}" in dashboard:
        assert "6 / 8" in dashboard


def test_the_trainer_cohort_page_states_the_status_once(client):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    fill(cohort, 5)
    client.force_login(trainer)
    html = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk])).content.decode()
    state = html.split('id="cohort-state"')[1].split("</p>")[0]
    assert state.count(str(cohort.get_status_display())) <= 1


def test_in_company_course_page_offers_the_request_form_not_mailto(client):
    """Item 10."""
    course = make_course(in_company=True)
    html = client.get(course.url).content.decode()
    button = html.split('id="in-company-button"')[1].split(">")[0]
    assert (
        reverse("bookings:create_for_course", args=[course.pk])
        in html.split('id="in-company-button"')[1][:200]
        or reverse("bookings:create_for_course", args=[course.pk]) in button
    )
    assert "mailto:" not in html.split('id="in-company"')[1].split("</section>")[0]


def test_taking_someone_off_the_list_asks_first(client):
    """Item 20: a disclosure with a danger-styled confirm button, not a one-click link."""
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    fill(cohort, 1)
    client.force_login(trainer)
    html = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk])).content.decode()
    assert '<details class="confirm">' in html and "button--danger" in html


def test_titles_name_the_page_and_say_fout_on_errors(client):
    """Items 21 and 23."""
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, title="Apeldoorn")
    public = client.get(reverse("cohorts:cohort_detail", args=[cohort.pk])).content.decode()
    client.force_login(trainer)
    own = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk])).content.decode()

    def title(html):
        return html.split("<title>")[1].split("</title>")[0]

    assert title(public) != title(own) and "Trainer" in title(own)
    lookup = title(client.get(reverse("certificates:lookup")).content.decode())
    unknown = title(client.get("/certificaat/LK-AAAA-BBBB-CCCC/").content.decode())
    assert lookup != unknown and "LK-AAAA-BBBB-CCCC" in unknown

    enrolment = fill(cohort, 1)[0]
    client.force_login(enrolment.participant)
    response = client.post(reverse("cohorts:intake", args=[enrolment.pk]), {"role": ""})
    html = response.content.decode()
    assert title(html).startswith("Fout:")
    assert 'id="error-summary"' in html and 'href="#id_role"' in html


def test_cms_text_keeps_lang_nl_under_the_english_interface(client):
    """Item 24."""
    with translation.override("en"):
        assert content_lang() == ' lang="nl"'
    with translation.override("nl"):
        assert content_lang() == ""
    course = make_course()
    client.cookies["django_language"] = "en"
    html = client.get(course.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    if '<html lang="en"' in html:
        assert 'id="course-title" lang="nl"' in html


@override_settings(WAGTAIL_ENABLE_UPDATE_CHECK=False)
def test_the_wagtail_user_bar_is_only_for_editors_of_the_page(client):
    """Item 27: no bird over the public site for trainers and participants."""
    course = make_course()
    client.force_login(make_trainer())
    assert "wagtail-userbar" not in client.get(course.url).content.decode()


def test_the_dashboard_shows_a_progress_ring_per_course(client):
    """Item 27: a progress ring on the dashboard, with the same number in the text."""
    from django.utils import timezone

    from courses.models import CourseFormat, LessonProgress
    from tests.accounts.factories import UserFactory
    from tests.courses.factories_pages import make_lesson

    course = make_course(format=CourseFormat.E_LEARNING)
    first, _second = make_lesson(course), make_lesson(course)
    participant = UserFactory()
    LessonProgress.objects.create(
        participant=participant, lesson=first, completed_at=timezone.now()
    )
    client.force_login(participant)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert 'class="progress-ring"' in html and 'stroke-dasharray="50 100"' in html
