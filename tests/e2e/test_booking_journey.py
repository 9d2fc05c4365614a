"""A municipality books an in-company study day: request → quote → accept → schedule, and a
colleague enrols through the invitation link."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import BookingRequest
from courses.models import CoursePage
from tests.e2e.conftest import pass_second_factor


def log_in(page, email, password):
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord:", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    pass_second_factor(page, email)
    page.wait_for_url("**/mijn/")


def log_out(page):
    page.get_by_role("banner").get_by_role("button", name="Uitloggen").click()


def test_request_quote_accept_schedule_and_enrol(page):
    course = CoursePage.objects.get(slug="studiedag-sociocratie-voor-gemeenten")
    day = timezone.localdate() + timedelta(days=60)

    # The municipal contact asks for a study day for seven colleagues.
    log_in(page, "gemeente@leerkring.test", "leerkring-gemeente")
    page.goto(f"/incompany/aanvragen/nieuw/{course.pk}/")
    form = page.locator("#request-form")
    form.locator("#id_participant_count").fill("7")
    form.locator("#id_department").fill("Wijkteams")
    form.locator("#id_date_1").fill(day.isoformat())
    form.locator("#id_location").fill("Stadhuis Zwolle")
    form.locator("#id_learning_goals").fill("Bewonersavonden met consent leiden.")
    form.locator("#id_invoice_address").fill("Postbus 10007, 8000 GA Zwolle")
    form.locator("button[type=submit]").click()
    booking = BookingRequest.objects.get(department="Wijkteams")
    page.wait_for_url(f"**/incompany/aanvragen/{booking.public_id}/")
    log_out(page)

    # The trainer drafts the quote and sends it.
    log_in(page, "trainer@leerkring.test", "leerkring-trainer")
    page.goto(f"/incompany/beheer/{booking.public_id}/offerte/")
    page.locator("#id_lines-0-unit_price").fill("2450,00")
    page.locator("#quote-form button[name=preview]").click()
    page.locator("#send-quote-form button[type=submit]").click()
    expect(page.locator(".quote-lines")).to_be_visible()
    log_out(page)

    # The contact accepts it, with name and authorisation.
    log_in(page, "gemeente@leerkring.test", "leerkring-gemeente")
    page.goto(f"/incompany/aanvragen/{booking.public_id}/")
    expect(page.locator(".quote-lines")).to_contain_text("€\u00a02.964,50")
    page.locator("#id_signed_name").fill("Gerda Jansen")
    page.locator("#id_authorised").check()
    page.locator("#accept-form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    booking.refresh_from_db()
    assert booking.status == "accepted"
    log_out(page)

    # The trainer plans the day, which creates the private cohort.
    log_in(page, "trainer@leerkring.test", "leerkring-trainer")
    page.goto(f"/incompany/beheer/{booking.public_id}/plannen/")
    page.locator("#id_sessions-0-date").fill(day.isoformat())
    page.locator("#id_sessions-0-start_time").fill("09:30")
    page.locator("#id_sessions-0-end_time").fill("16:30")
    page.locator("#schedule-form button[type=submit]").click()
    expect(page.locator("#invitation-link")).to_be_visible()
    invitation = page.locator("#invitation-link").input_value()
    log_out(page)

    # A colleague follows the invitation link and enrols.
    log_in(page, "deelnemer@leerkring.test", "leerkring-deelnemer")
    page.goto(invitation)
    page.locator("#enrol-form button").click()
    expect(page.locator("#enrolment-status")).to_be_visible()
    booking.refresh_from_db()
    assert booking.cohort.enrolments.filter(participant__email="deelnemer@leerkring.test").exists()
    log_out(page)

    # The contact sees who enrolled.
    log_in(page, "gemeente@leerkring.test", "leerkring-gemeente")
    page.goto(f"/incompany/aanvragen/{booking.public_id}/")
    expect(page.get_by_role("main")).to_contain_text("Daan de Boer")
