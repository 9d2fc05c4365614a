"""Automated accessibility (issue 10): an axe-core scan of the pages every role sees, with
form error states and the exercise before, during and after, against WCAG 2.1 A and AA;
keyboard-only journeys; screenshots at 1280 and 390 px into test-results/ (ignored by git)
for a person to look at. Any axe violation fails the test and names the rule and element.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from bookings.models import BookingRequest
from certificates.models import Certificate
from cohorts.models import Cohort, Enrolment, Session, refresh_cohort_dates
from courses.models import CoursePage, LessonPage
from exercises.models import Attempt, ExercisePage
from exercises.practice import StepKind
from exercises.selectors import load_practice
from tests.e2e.htmx import wait_until_settled
from tests.exercises.walk import right_answer

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "screenshots"
AXE = Axe()
SCANNED: list[str] = []


def scan(page, label: str):
    """Fail on any WCAG 2.1 A/AA violation on the page as it is now."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]
    SCANNED.append(label)
    assert found == [], f"{label}: {found}"


def visit(page, path: str, label: str | None = None):
    response = page.goto(path)
    assert response is not None and response.status < 500, path
    scan(page, label or path)
    return page.title()


def shoot(page, name: str):
    """The page at 1280 and at 390 px, full length."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def as_user(page, site, email):
    """A session for a demo account, straight into the browser (the login form, with its
    second factor for staff, has its own journey tests)."""
    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": site.url}]
    )


def no_sideways_scroll(page, path):
    """WCAG 1.4.10: at 320 CSS px (1280 px at 400%) nothing but a table region scrolls."""
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 320, f"{path} is {width}px wide at 320px"


def study_day() -> CoursePage:
    return CoursePage.objects.get(slug="studiedag-sociocratie-voor-gemeenten")


def open_cohort(title: str) -> Cohort:
    return Cohort.objects.get(title=title, kind="open")


# --- visitors ----------------------------------------------------------------------------


def test_visitor_pages_and_form_errors(page, site):
    certificate = Certificate.objects.not_revoked().first()
    titles = [
        visit(page, "/"),
        visit(page, "/cursussen/"),
        visit(page, study_day().url),
        visit(page, CoursePage.objects.get(format="e-learning").url),
        visit(page, f"/uitvoeringen/{open_cohort('Utrecht').pk}/"),
        visit(page, "/certificaat/"),
        visit(page, f"/certificaat/{certificate.code}/"),
        visit(page, "/certificaat/LK-AAAA-BBBB-CCCC/"),
        visit(page, "/toegankelijkheid/"),
        visit(page, "/account/login/"),
        visit(page, "/account/signup/"),
    ]
    # Item 21: every page its own title.
    assert len(set(titles)) == len(titles), titles

    # Error states: the title says "Fout:", a summary takes focus and links to the field.
    page.goto("/account/signup/")
    submit_empty(page, "main form")
    assert page.title().startswith("Fout:"), page.title()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    first_link = summary.get_by_role("link").first
    target = first_link.get_attribute("href")
    first_link.click()
    expect(page.locator(target)).to_be_focused()
    scan(page, "signup with errors")

    page.goto("/account/login/")
    page.get_by_label("E-mail").fill("deelnemer@leerkring.test")
    page.get_by_label("Wachtwoord:", exact=True).fill("niet-het-wachtwoord")
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    assert page.title().startswith("Fout:")
    scan(page, "login with errors")

    page.goto(study_day().url)
    shoot(page, "course")
    page.goto("/")
    shoot(page, "home")

    # Item 24: under the English interface the Dutch CMS text keeps lang="nl".
    page.goto("/")
    page.locator(".language-switch button, .language-switch [type=submit]").first.click()
    page.goto(study_day().url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#course-title")).to_have_attribute("lang", "nl")
    scan(page, "course page in English")


def test_the_mobile_menu_is_a_disclosure_and_nothing_scrolls_sideways(page, site):
    """Items 19 and 26: a menu button at 390 px; at 320 px (200%-400% zoom) no page is
    wider than the screen, wide tables scroll in a labelled, focusable region."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/")
    toggle = page.get_by_role("button", name="Menu")
    nav = page.locator("#site-nav")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Cursussen")).to_be_visible()
    page.keyboard.press("Escape")
    expect(nav).to_be_hidden()

    for path in ("/", study_day().url, "/toegankelijkheid/", "/certificaat/"):
        no_sideways_scroll(page, path)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(study_day().url)
    region = page.locator(".table-scroll").first
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.get_attribute("aria-label")


# --- participants ------------------------------------------------------------------------


def test_participant_pages_exercise_before_during_after(page, site):
    as_user(page, site, "deelnemer@leerkring.test")
    completed = Enrolment.objects.get(
        participant__email="deelnemer@leerkring.test", status="completed"
    )
    lesson = LessonPage.objects.live().first()
    visit(page, "/mijn/")
    visit(page, f"/inschrijvingen/{completed.pk}/")
    visit(page, "/certificaat/mijn/")
    visit(page, lesson.url)
    visit(page, lesson.course.url)

    # The evaluation, empty and then with its error state.
    visit(page, f"/inschrijvingen/{completed.pk}/evaluatie/")
    submit_empty(page, "main form")
    assert page.title().startswith("Fout:")
    expect(page.locator("#error-summary")).to_be_focused()
    scan(page, "evaluation with errors")

    # Enrol in Utrecht, then look at Zwolle: the "already enrolled" warning (item 5).
    utrecht, zwolle = open_cohort("Utrecht"), open_cohort("Zwolle")
    page.goto(f"/uitvoeringen/{utrecht.pk}/")
    page.locator("#enrol-form button").click()
    visit(page, f"/uitvoeringen/{zwolle.pk}/", "cohort page: already enrolled elsewhere")
    enrolment = Enrolment.objects.get(participant__email="deelnemer@leerkring.test", cohort=utrecht)
    visit(page, f"/inschrijvingen/{enrolment.pk}/intake/")
    submit_empty(page, "main form")
    scan(page, "intake with errors")

    # The exercise: before, during, after.
    exercise = ExercisePage.objects.get(slug="oefening-herinrichting-marktplein")
    visit(page, exercise.url, "exercise before")
    page.locator("#start-exercise").click()
    expect(page.locator("#practice-panel")).to_be_visible()
    scan(page, "exercise during")
    shoot(page, "exercise")
    attempt = Attempt.objects.get(participant__email="deelnemer@leerkring.test", exercise=exercise)
    finish_exercise(page, attempt)
    scan(page, "exercise after")

    page.goto("/mijn/")
    shoot(page, "dashboard")


def finish_exercise(page, attempt, *, keyboard=False):
    for _ in range(80):
        practice = load_practice(attempt=attempt)
        if practice.step.kind is StepKind.DONE:
            break
        answer = right_answer(practice.scenario, practice.state, practice.step)
        wait_until_settled(page)
        choice = page.locator(f'input[type="radio"][name="choice"][value="{answer.choice}"]')
        if choice.count():
            choice.focus()
            page.keyboard.press("Space")
            expect(choice).to_be_checked()
        if answer.text:
            page.locator('textarea[name="text"]').focus()
            page.keyboard.type(answer.text)
        page.locator("#practice-submit").focus()
        page.keyboard.press("Enter")
        expect(
            page.locator(f'input[name="sequence"][value="{practice.next_sequence}"]')
        ).to_have_count(0)
    expect(page.locator("#summary-heading")).to_be_visible()


def submit_empty(page, form: str):
    """Submit a form as it is, past the browser's own checks, to see the server's errors."""
    page.evaluate("(s) => { document.querySelector(s).noValidate = true; }", form)
    with page.expect_navigation():  # read the title of the answer, not of the page in between
        page.locator(f"{form} button[type=submit]").first.click()


def tab_to(page, selector: str, limit: int = 80):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_participant_enrols_and_finishes_an_exercise(page, site):
    as_user(page, site, "deelnemer@leerkring.test")
    utrecht = open_cohort("Utrecht")
    page.goto(study_day().url)
    tab_to(page, f"#cohort-{utrecht.pk} a.button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/uitvoeringen/{utrecht.pk}/")
    tab_to(page, "#enrol-form button")
    page.keyboard.press("Enter")
    expect(page.locator("#enrolment-status")).to_be_visible()
    assert Enrolment.objects.get(
        participant__email="deelnemer@leerkring.test", cohort=utrecht
    ).is_active

    exercise = ExercisePage.objects.get(slug="oefening-winteropvang")
    page.goto(exercise.url)
    tab_to(page, "#start-exercise")
    page.keyboard.press("Enter")
    expect(page.locator("#practice-panel")).to_be_visible()
    attempt = Attempt.objects.get(participant__email="deelnemer@leerkring.test", exercise=exercise)
    finish_exercise(page, attempt, keyboard=True)
    # Item 22: after each htmx step focus is on the new step's heading, never on <body>.
    # Focus moves once the swap has settled, a moment after the summary is visible.
    wait_until_settled(page)
    page.wait_for_function("document.activeElement && document.activeElement !== document.body")


# --- trainers ----------------------------------------------------------------------------


def test_trainer_pages(page, site):
    as_user(page, site, "trainer@leerkring.test")
    utrecht = open_cohort("Utrecht")
    amersfoort = open_cohort("Amersfoort")
    booking = BookingRequest.objects.filter(status="requested").first()
    visit(page, "/trainer/")
    visit(page, f"/trainer/uitvoeringen/{utrecht.pk}/")
    visit(page, f"/trainer/uitvoeringen/{amersfoort.pk}/")
    visit(page, f"/certificaat/uitvoering/{amersfoort.pk}/")
    visit(page, "/oefenen/trainer/")
    visit(page, "/incompany/beheer/")
    visit(page, f"/incompany/aanvragen/{booking.public_id}/", "request detail (trainer)")
    # Item 8: one number for one thing; the status once.
    page.goto("/trainer/")
    row = page.locator(f"#trainer-cohort-{amersfoort.pk}")
    expect(row).to_contain_text("6 / 8")
    page.goto(f"/trainer/uitvoeringen/{utrecht.pk}/")
    expect(page.locator("#cohort-state")).not_to_contain_text("Gaat door · ✓ Gaat door")
    # Item 20: taking someone off the list needs a second, explicit step.
    first = page.locator("details.confirm").first
    expect(first.locator("button.button--danger")).to_be_hidden()
    first.locator("summary").click()
    expect(first.locator("button.button--danger")).to_be_visible()
    scan(page, "trainer cohort page with a confirmation open")


def tab_into_row(page, index: int, limit: int = 120):
    """Tab until focus is on a radio button of the index-th register row."""
    inside = """(i) => { const row = document.querySelectorAll("fieldset.register__row")[i];
        return !!row && row.contains(document.activeElement)
            && document.activeElement.type === "radio"; }"""
    for _ in range(limit):
        if page.evaluate(inside, index):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached register row {index}")


def test_keyboard_trainer_saves_attendance(page, site):
    as_user(page, site, "trainer@leerkring.test")
    utrecht = open_cohort("Utrecht")
    Session.objects.filter(cohort=utrecht).update(date=timezone.localdate() - timedelta(days=1))
    refresh_cohort_dates([utrecht.pk])
    session = utrecht.sessions.get()
    page.goto(f"/trainer/uitvoeringen/{utrecht.pk}/")
    tab_to(page, f"#register-{session.pk}")
    page.keyboard.press("Enter")
    expect(page.locator("#attendance-form")).to_be_visible()
    scan(page, "attendance register")
    rows = page.locator("fieldset.register__row")
    for index in range(rows.count()):
        present = rows.nth(index).locator("input[value=present]")
        tab_into_row(page, index)
        # Arrow keys move within a radio group; Space selects the focused one.
        for _ in range(4):
            if page.evaluate("document.activeElement.value") == "present":
                break
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Space")
        expect(present).to_be_checked()
    tab_to(page, "#attendance-form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".message--success")).to_be_visible()
    assert utrecht.enrolments.filter(attendance__status="present").count() == rows.count()


# --- municipal contacts --------------------------------------------------------------------


def test_contact_pages_and_quote(page, site):
    as_user(page, site, "gemeente@leerkring.test")
    quoted = BookingRequest.objects.get(status="quoted")
    visit(page, "/mijn/")
    visit(page, "/incompany/aanvragen/")
    visit(page, f"/incompany/aanvragen/{quoted.public_id}/", "request with a quote")
    shoot(page, "quote")
    visit(page, f"/incompany/aanvragen/nieuw/{study_day().pk}/")
    submit_empty(page, "#request-form")
    assert page.title().startswith("Fout:")
    expect(page.locator("#error-summary")).to_be_focused()
    scan(page, "request form with errors")


def test_a_contact_with_many_requests_pages_through_them(page, site):
    from tests.bookings.factories import make_request

    contact = User.objects.get(email="gemeente@leerkring.test")
    for n in range(30):
        make_request(course=study_day(), contact=contact, department=f"Team {n}")
    as_user(page, site, contact.email)
    visit(page, "/incompany/aanvragen/", "my requests, page 1 of 2")
    nav = page.get_by_role("navigation", name="Aanvragen: pagina's")
    expect(nav).to_be_visible()
    nav.get_by_role("link", name="Volgende pagina").click()
    page.wait_for_url("**/incompany/aanvragen/?pagina=2")
    scan(page, "my requests, page 2")
    shoot(page, "my-requests-page-2")
    expect(page.locator("tbody tr").first).to_be_visible()


def test_keyboard_contact_requests_an_in_company_day(page, site):
    as_user(page, site, "gemeente@leerkring.test")
    page.goto(study_day().url)
    # Item 10: the course page's in-company button opens the request form.
    tab_to(page, "#in-company-button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/incompany/aanvragen/nieuw/{study_day().pk}/")
    day = (timezone.localdate() + timedelta(days=60)).isoformat()
    fields = {
        "#id_participant_count": "7",
        "#id_department": "Wijkteams",
        "#id_location": "Stadhuis Zwolle",
        "#id_learning_goals": "Bewonersavonden met consent leiden.",
        "#id_invoice_address": "Postbus 10007, 8000 GA Zwolle",
    }
    for selector, text in fields.items():
        tab_to(page, selector)
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
    page.locator("#id_date_1").fill(day)  # a date picker: typed as the browser allows
    tab_to(page, "#request-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/incompany/aanvragen/*/")
    assert BookingRequest.objects.filter(department="Wijkteams").exists()


# --- editors -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/beheer/cohorts/new/"])
def test_admin_cohort_form(page, site, path):
    as_user(page, site, "beheer@leerkring.test")
    visit(page, path, "beheer: cohort form")
