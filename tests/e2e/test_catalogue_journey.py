"""Catalogue → course → lesson → mark done, as a participant with a keyboard and a mouse."""

from playwright.sync_api import expect

from courses.models import LessonProgress, ReflectionNote

PARTICIPANT = "deelnemer@leerkring.test"
S3_COURSE = "/cursussen/sociocratie-3-0-introductie/"


def log_in_as_demo_participant(page):
    page.get_by_role("link", name="Inloggen").click()
    page.get_by_label("E-mail").fill(PARTICIPANT)
    page.get_by_label("Wachtwoord:", exact=True).fill("leerkring-deelnemer")
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()


def test_find_the_s3_course_and_complete_a_lesson(page):
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Cursussen").click()

    # The catalogue lists the demo courses, and the format filter works without JavaScript.
    courses = page.locator("#course-list")
    expect(courses.get_by_role("link", name="Studiedag Sociocratie voor gemeenten")).to_be_visible()
    page.locator("select[name=format]").select_option("e-learning")
    page.locator("form[role=search] button[type=submit]").click()
    expect(courses.get_by_role("link")).to_have_count(1)
    courses.get_by_role("link", name="Sociocratie 3.0 — introductie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociocratie 3.0 — introductie")
    expect(page.locator("#lesson-list li")).to_have_count(7)

    log_in_as_demo_participant(page)
    expect(page.get_by_role("heading", name="Mijn leerkring")).to_be_visible()
    page.goto(S3_COURSE)
    page.locator("#continue-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De zeven principes van S3")

    page.get_by_label("Welk van de zeven principes").fill("Transparantie gaat al goed.")
    page.locator("#mark-done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Drivers, waarde en verspilling")

    page.locator("nav.breadcrumb a").click()
    expect(page.locator("#course-progress")).to_contain_text("1")
    expect(page.locator("#continue-link")).to_contain_text("Drivers, waarde en verspilling")

    progress = LessonProgress.objects.get(participant__email=PARTICIPANT)
    assert progress.completed_at is not None
    note = ReflectionNote.objects.get(participant__email=PARTICIPANT)
    assert note.answer == "Transparantie gaat al goed."
