"""A trainer plans a cohort with two sessions on the site, a participant enrols, the trainer
moves session 2 (the participant's calendar file shows the new time), marks attendance with
"everyone present" and prints the sign-in sheet. Every page is scanned with axe and
photographed at 1280 and 390 px."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from cohorts.calendar import session_uid
from cohorts.models import Cohort, Enrolment, Session, refresh_cohort_dates
from courses.models import CoursePage
from tests.e2e.test_admin_csp import log_in

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"  # ignored by git


def look(page, name):
    """Axe finds nothing, and a person can look at the page on a desktop and a phone."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"planning-{name}-{width}.png", full_page=True)
    page.set_viewport_size(size)


def test_trainer_plans_moves_and_runs_a_cohort(page, site):
    course = CoursePage.objects.live().exclude(format="e-learning").order_by("pk").first()
    day1 = timezone.localdate() + timedelta(days=40)
    day2 = day1 + timedelta(days=7)

    # The trainer plans a cohort with two sessions, from the trainer area.
    log_in(page, site, "trainer@leerkring.test")
    page.goto("/trainer/")
    page.locator("#planning-link").click()
    expect(page.get_by_role("heading", level=1, name="Planning")).to_be_visible()
    look(page, "calendar")
    page.goto(f"/trainer/planning/nieuw/?cursus={course.pk}")
    if page.locator("#session-row-2").count() == 0:
        page.get_by_role("button", name="Nog een dagdeel").click()
    page.locator("#id_title").fill("Journey, najaar")
    page.locator("#id_location").fill("Wijkcentrum De Kring")
    page.locator("#id_sessions-0-date").fill(day1.isoformat())
    page.locator("#id_sessions-0-start_time").fill("09:30")
    page.locator("#id_sessions-0-end_time").fill("12:30")
    page.locator("#id_sessions-1-date").fill(day2.isoformat())
    page.locator("#id_sessions-1-start_time").fill("13:30")
    page.locator("#id_sessions-1-end_time").fill("16:30")
    look(page, "new-cohort")
    page.locator("#save-cohort").click()
    expect(page.locator("#plan-sessions li")).to_have_count(2)
    look(page, "cohort-plan")
    cohort = Cohort.objects.get(title="Journey, najaar")
    first, second = cohort.ordered_sessions

    # A participant enrols.
    page.context.clear_cookies()
    log_in(page, site, "deelnemer@leerkring.test")
    page.goto(f"/uitvoeringen/{cohort.pk}/")
    page.locator("#enrol-form button").click()
    expect(page.locator("#enrolment-status")).to_be_visible()
    enrolment = Enrolment.objects.get(participant__email="deelnemer@leerkring.test", cohort=cohort)

    # The trainer moves session 2 to the next day, 10:00–14:00.
    page.context.clear_cookies()
    log_in(page, site, "trainer@leerkring.test")
    page.goto(f"/trainer/planning/uitvoeringen/{cohort.pk}/")
    page.locator("#move-session-2").click()
    page.locator("#id_date").fill((day2 + timedelta(days=1)).isoformat())
    page.locator("#id_start_time").fill("10:00")
    page.locator("#id_end_time").fill("14:00")
    look(page, "move-session")
    page.locator("#save-session").click()
    expect(page.locator(".message--success")).to_contain_text("verplaatst")

    # The participant's calendar file has the new time under the same UID.
    page.context.clear_cookies()
    log_in(page, site, "deelnemer@leerkring.test")
    ics = page.request.get(f"/inschrijvingen/{enrolment.pk}/agenda.ics")
    events = {str(e["UID"]): e for e in Calendar.from_ical(ics.body()).walk("VEVENT")}
    moved = events[session_uid(second)]
    assert moved.decoded("DTSTART").date() == day2 + timedelta(days=1)
    assert moved.decoded("DTSTART").hour == 10
    assert moved["SEQUENCE"] == 1

    # Time passes: the first session was yesterday. The trainer goes ahead with one person,
    # marks everyone present and prints the sign-in sheet.
    Session.objects.filter(pk=first.pk).update(date=timezone.localdate() - timedelta(days=1))
    refresh_cohort_dates([cohort.pk])
    page.context.clear_cookies()
    log_in(page, site, "trainer@leerkring.test")
    page.goto(f"/trainer/uitvoeringen/{cohort.pk}/")
    page.locator("#go-no-go #id_reason").fill("Kleine groep, toch waardevol.")
    page.locator("#go-ahead").click()
    look(page, "cohort-run")
    page.locator(f"#register-{first.pk}").click()
    page.locator("#everyone-present").click()
    expect(page.locator(".message--success")).to_be_visible()
    look(page, "register")
    assert enrolment.attendance.get(session=first).status == "present"
    with page.expect_response(lambda r: "tekenlijst.pdf" in r.url) as info:
        page.locator("#signin-sheet").click()
    response = info.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
