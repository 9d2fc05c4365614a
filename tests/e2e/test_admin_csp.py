"""The Wagtail admin works under the site's Content-Security-Policy (issue 10.1).

The live server runs the settings production uses, so /beheer/ gets SECURE_CSP_ADMIN and
the public site SECURE_CSP. Every test records the browser's `securitypolicyviolation`
events and its console, and fails on any violation: a blocked inline script is exactly
what made the chooser, the "add" buttons and the pickers dead.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from accounts.models import User
from courses.models import CoursePage

SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"  # ignored by git

WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation({
    page: location.pathname,
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    sample: event.sample,
  });
});
"""


@pytest.fixture
def violations(page):
    """CSP violations seen in this test: from the DOM event and from the console."""
    seen = []
    page.expose_binding("__reportCspViolation", lambda _source, v: seen.append(v))
    page.add_init_script(WATCH_CSP)
    page.on(
        "console",
        lambda message: (
            seen.append({"console": message.text})
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield seen
    assert seen == [], f"CSP violations: {seen}"


def log_in(page, site, email):
    """A session for the demo account, straight into the browser: these tests are about the
    admin, and the login form with its second factor has its own journey test."""
    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": site.url}]
    )


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"admin-{name}.png", full_page=True)


def test_the_admin_and_the_public_site_each_get_their_policy(page, site, violations):
    log_in(page, site, "beheer@leerkring.test")

    admin = page.goto("/beheer/")
    public = page.request.get("/cursussen/")

    admin_policy = admin.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in admin_policy
    assert "nonce-" not in admin_policy  # a nonce would switch 'unsafe-inline' off
    public_policy = public.headers["content-security-policy"]
    assert "'unsafe-inline'" not in public_policy.split("script-src")[1].split(";")[0]
    assert "'nonce-" in public_policy
    # Wagtail's own initials instead of Gravatar: no image from another site.
    expect(page.locator("img[src*='gravatar']")).to_have_count(0)


def test_a_trainer_plans_a_cohort_with_the_course_chooser_and_two_sessions(page, site, violations):
    log_in(page, site, "trainer@leerkring.test")
    page.goto("/beheer/cohorts/new/")

    page.get_by_role("button", name="Kies een pagina (Cursus)").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name="Leergang Sociocratie").click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_course")).not_to_have_value("")
    page.locator("#id_title").fill("Deventer")
    if page.locator("#id_trainers").count():  # only planners choose; a trainer plans their own
        page.locator("#id_trainers").select_option(index=0)

    page.get_by_role("button", name="Voeg Dagdelen toe").click()
    expect(page.locator("#id_sessions-1-date")).to_be_visible()
    # The date picker opens (it stayed shut while inline scripts were blocked).
    page.locator("#id_sessions-0-date").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    first = datetime.date.today() + datetime.timedelta(days=60)
    for number, day in enumerate([first, first + datetime.timedelta(days=14)]):
        page.locator(f"#id_sessions-{number}-date").fill(day.isoformat())
        page.locator(f"#id_sessions-{number}-start_time").fill("09:30")
        page.locator(f"#id_sessions-{number}-end_time").fill("12:30")
    page.locator("#id_title").click()  # closes the picker
    screenshot(page, "cohort-form")
    page.get_by_role("button", name="Toevoegen").click()

    page.wait_for_url("**/beheer/cohorts/")
    message = page.locator(".messages")
    expect(message).to_contain_text("Leergang Sociocratie — Deventer")
    screenshot(page, "cohort-list")
    message.get_by_role("link", name="Wijzig").click()
    expect(page.locator("#id_sessions-TOTAL_FORMS")).to_have_value("2")
    expect(page.locator("#id_sessions-1-date")).to_have_value(
        (first + datetime.timedelta(days=14)).isoformat()
    )


def test_an_editor_extends_a_course_page_chooses_an_image_and_publishes(page, site, violations):
    course = CoursePage.objects.get(slug="masterclass-consentbesluitvorming")
    log_in(page, site, "beheer@leerkring.test")
    page.goto(f"/beheer/pages/{course.pk}/edit/")

    row = int(page.locator("#id_programme_items-TOTAL_FORMS").input_value())
    page.get_by_role("button", name="Voeg Programma toe").click()
    for field, value in (("starts_at", "16:00"), ("ends_at", "16:30")):
        # Typed without focusing: an open time picker would cover the next field (the
        # pickers themselves are tested with the cohort above).
        page.locator(f"#id_programme_items-{row}-{field}").evaluate(
            "(input, value) => { input.value = value;"
            " input.dispatchEvent(new Event('change', {bubbles: true})); }",
            value,
        )
    page.locator(f"#id_programme_items-{row}-title").fill("Slotronde en evaluatie")

    faq = int(page.locator("#id_faqs-TOTAL_FORMS").input_value())
    page.get_by_role("button", name="Voeg Veelgestelde vragen toe").click()
    page.locator(f"#id_faqs-{faq}-question").fill("Kan ik een gemist dagdeel inhalen?")
    page.locator(f"#inline_child_faqs-{faq}-panel-content [contenteditable=true]").click()
    page.keyboard.type("Ja, bij een volgende uitvoering van dezelfde cursus.")

    chooser = page.locator("#id_image-chooser")
    before = page.locator("#id_image").input_value()
    if before:
        chooser.get_by_role("button", name="Acties").click()
        chooser.get_by_role("button", name="Wijzig afbeelding").click()
    else:
        chooser.get_by_role("button", name="Kies een afbeelding").click()
    choices = page.locator(".modal-content a[data-chooser-modal-choice]")
    expect(choices.first).to_be_visible()
    other = next(
        link
        for link in choices.all()
        if not link.get_attribute("href").rstrip("/").endswith(f"/{before}")
    )
    other.click()
    expect(page.locator(".modal-content")).to_be_hidden()
    chosen = page.locator("#id_image").input_value()
    assert chosen and chosen != before
    screenshot(page, "course-edit")

    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator(".messages")).to_contain_text("gepubliceerd")

    page.goto(course.url)
    expect(page.get_by_text("Slotronde en evaluatie")).to_be_visible()
    expect(page.get_by_text("Kan ik een gemist dagdeel inhalen?")).to_be_visible()
    screenshot(page, "course-published")
    page.goto(f"/beheer/pages/{course.pk}/edit/")
    expect(page.locator("#id_image")).to_have_value(chosen)


def test_persona_fields_offer_the_scenarios_cast(page, site, violations):
    """Issue 13 §3: authors choose personas from the cast instead of retyping names."""
    from exercises.models import ExercisePage

    exercise = ExercisePage.objects.filter(learner_role="member").first()
    log_in(page, site, "beheer@leerkring.test")
    page.goto(f"/beheer/pages/{exercise.pk}/edit/")

    names = page.locator("#leerkring-cast option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert exercise.learner_persona in names
    expect(page.locator("input[name='learner_persona']")).to_have_attribute(
        "list", "leerkring-cast"
    )
    expect(page.locator("input[name='proposer']")).to_have_attribute("list", "leerkring-cast")


def test_the_cohort_listing_filters_by_course(page, site, violations):
    from cohorts.models import Cohort

    cohort = Cohort.objects.select_related("course").first()
    others = Cohort.objects.exclude(course=cohort.course)
    log_in(page, site, "beheer@leerkring.test")

    page.goto(f"/beheer/cohorts/?course={cohort.course.pk}")

    expect(page.locator("#id_course")).to_have_value(str(cohort.course.pk))
    expect(page.locator("#id_course option")).to_have_count(CoursePage.objects.count() + 1)
    expect(page.locator("main")).to_contain_text(cohort.title)
    for other in others:
        expect(page.locator("main")).not_to_contain_text(f"{other.course.title} — {other.title}")
    # The rows' actions (issue 15 writes them without Wagtail's templates): the dropdown
    # opens under the policy and leads where it says.
    toggle = page.get_by_role("button", name=f"Meer opties voor '{cohort}'")
    toggle.click()
    menu = page.locator("[data-w-dropdown-target='content']:visible")
    for action in ("Wijzig", "Inspecteer", "Verwijderen"):
        expect(menu.get_by_role("link", name=action)).to_be_visible()
    screenshot(page, "cohort-list-actions")
    menu.get_by_role("link", name="Inspecteer").click()
    page.wait_for_url(f"**/beheer/cohorts/inspect/{cohort.pk}/")
    expect(page.locator("main")).to_contain_text(cohort.title)
