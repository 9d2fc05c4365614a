"""A participant enrols in the demo study day, the trainer keeps the register on the day and
closes the cohort afterwards."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cohorts.models import Cohort, Enrolment, Session, refresh_cohort_dates
from tests.e2e.conftest import pass_second_factor


def log_in(page, email, password):
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord:", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    pass_second_factor(page, email)
    expect(page.locator("#my-enrolments")).to_be_visible()


def log_out(page):
    page.get_by_role("banner").get_by_role("button", name="Uitloggen").click()


def test_participant_enrols_trainer_marks_attendance_and_closes(page):
    cohort = Cohort.objects.get(title="Utrecht", kind="open")
    log_in(page, "deelnemer@leerkring.test", "leerkring-deelnemer")

    # The course page shows the open dates with the places left.
    page.goto(cohort.course.url)
    card = page.locator(f"#cohort-{cohort.pk}")
    expect(card).to_be_visible()
    card.get_by_role("link").click()
    page.locator("#enrol-form button").click()

    expect(page.locator("#enrolment-status")).to_be_visible()
    enrolment = Enrolment.objects.get(participant__email="deelnemer@leerkring.test", cohort=cohort)
    assert enrolment.status == "enrolled"
    page.goto("/mijn/")
    expect(page.locator(f"#enrolment-{enrolment.pk}")).to_be_visible()
    log_out(page)

    # Time passes: the study day was yesterday.
    Session.objects.filter(cohort=cohort).update(date=timezone.localdate() - timedelta(days=1))
    refresh_cohort_dates([cohort.pk])

    log_in(page, "trainer@leerkring.test", "leerkring-trainer")
    page.goto("/trainer/")
    page.locator(f"#trainer-cohort-{cohort.pk}").get_by_role("link").click()
    page.locator(f"#register-{cohort.sessions.get().pk}").click()
    for row in page.locator("fieldset.register__row").all():
        row.locator("input[value=present]").check()
    page.locator("#attendance-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert cohort.enrolments.filter(attendance__status="present").count() == 8

    page.goto(f"/trainer/uitvoeringen/{cohort.pk}/")
    page.locator("#close-cohort-link").click()
    page.locator("#confirm-close").click()

    expect(page.locator("#cohort-state")).to_be_visible()
    cohort.refresh_from_db()
    enrolment.refresh_from_db()
    assert (cohort.status, enrolment.status) == ("completed", "completed")
