"""The practice screen and the results pages in a real browser (issue 10 items 6 and 27):
a wrong first move, the proposer's answer in the question round, the circle with whose turn
it is, the results, the trainer's view and the participant's evaluation answers. Every state
is scanned with axe and photographed at 1280 and 390 px into test-results/screenshots/
(ignored by git) for a person to look at."""

from playwright.sync_api import expect

from cohorts.models import Enrolment
from exercises.models import Attempt, ExercisePage
from exercises.practice import StepKind
from exercises.selectors import load_practice
from tests.e2e.htmx import wait_until_settled
from tests.e2e.test_accessibility import SCREENSHOTS, as_user, finish_exercise, scan
from tests.exercises.walk import right_answer


def shoot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"practice-{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def decide_right(page, attempt):
    practice = load_practice(attempt=attempt)
    answer = right_answer(practice.scenario, practice.state, practice.step)
    wait_until_settled(page)
    choice = page.locator(f'input[type="radio"][name="choice"][value="{answer.choice}"]')
    if choice.count():
        choice.check()
    if answer.text:
        page.locator('textarea[name="text"]').fill(answer.text)
    page.locator("#practice-submit").click()
    expect(page.locator(f'input[name="sequence"][value="{practice.next_sequence}"]')).to_have_count(
        0
    )
    wait_until_settled(page)


def test_the_practice_screen_before_during_and_after(page, site):
    as_user(page, site, "deelnemer@leerkring.test")
    exercise = ExercisePage.objects.get(slug="oefening-herinrichting-marktplein")
    page.goto(exercise.url)
    shoot(page, "before")
    page.locator("#start-exercise").click()
    expect(page.locator("#practice-panel")).to_be_visible()
    attempt = Attempt.objects.get(participant__email="deelnemer@leerkring.test", exercise=exercise)

    # Nothing to say yet: no feedback bar at all.
    expect(page.locator("#practice-feedback")).to_be_hidden()

    # A wrong first move: explained by where the meeting stands, pointing to the next step.
    page.locator('input[name="choice"][value="consent_round"]').check()
    page.locator("#practice-submit").click()
    feedback = page.locator("#practice-feedback")
    expect(feedback.locator('[data-correct="false"]')).to_be_visible()
    expect(feedback.locator("[data-next-step]")).to_contain_text("Eerst licht de indiener het toe")
    expect(feedback).not_to_contain_text("Dit kan niet in de fase")
    scan(page, "practice: a wrong first move")
    shoot(page, "wrong-move")

    # Into the question round: the circle says whose turn it is, in words.
    for _ in range(10):
        if load_practice(attempt=attempt).step.kind is StepKind.QUESTION:
            break
        decide_right(page, attempt)
    circle = page.locator(".round-circle")
    expect(circle.locator('[aria-current="step"]')).to_have_count(1)
    expect(circle.locator('[aria-current="step"]')).to_contain_text("heeft het woord")

    # Henk's clarifying question, let through: the proposer's answer follows it.
    while load_practice(attempt=attempt).step.member != "Henk Visser":
        decide_right(page, attempt)
    decide_right(page, attempt)
    expect(feedback.locator(".dialogue")).to_contain_text("Samira El Amrani (indiener)")
    expect(circle).to_contain_text("is aan de beurt geweest")
    scan(page, "practice: the question round")
    shoot(page, "question-round")

    finish_exercise(page, attempt)
    expect(page.locator("#practice-feedback")).to_be_hidden()  # never an empty bar
    expect(page.locator("#closing-round-heading")).to_be_visible()
    scan(page, "practice: the results")
    shoot(page, "results")

    # The trainer reads the same attempt, written for the trainer.
    as_user(page, site, "trainer@leerkring.test")
    page.goto(f"/oefenen/trainer/poging/{attempt.pk}/")
    expect(page.locator("#summary-heading")).to_contain_text("Resultaten van")
    expect(page.locator("main")).not_to_contain_text("Uw resultaten")
    expect(page.locator("main")).not_to_contain_text("Uw keuze: 1.")
    scan(page, "trainer: one attempt")
    shoot(page, "trainer-attempt")
    page.goto("/oefenen/trainer/")
    scan(page, "trainer: exercise results")
    shoot(page, "trainer-results")


def test_the_participants_evaluation_answers(page, site):
    enrolment = Enrolment.objects.get(
        participant__email="deelnemer@leerkring.test", status="completed"
    )
    as_user(page, site, "deelnemer@leerkring.test")
    page.goto(f"/inschrijvingen/{enrolment.pk}/evaluatie/")
    shoot(page, "evaluation-form")
    page.locator('label.choice:has(input[value="8"])').click()
    page.get_by_label("Wat moeten we zo houden?").fill("De oefeningen met de kring.")
    page.locator('input[name="would_recommend"]').first.check()
    page.locator("main form button[type=submit]").click()
    answers = page.locator("#my-evaluation")
    expect(answers).to_contain_text("8 van de 10")
    expect(answers).to_contain_text("De oefeningen met de kring.")
    expect(page.locator(".message--success")).to_be_visible()
    scan(page, "enrolment with the evaluation answers")
    shoot(page, "evaluation-answers")


def test_the_dashboard_shows_progress_as_a_ring_with_words(page, site):
    from courses.models import LessonPage

    as_user(page, site, "deelnemer@leerkring.test")
    lesson = LessonPage.objects.live().first()
    page.goto(lesson.url)
    page.locator("#mark-done").click()
    page.goto("/mijn/")
    course = page.locator("#my-courses .my-course").first
    expect(course.locator("svg.progress-ring")).to_be_visible()
    expect(course).to_contain_text("lessen afgerond")
    scan(page, "dashboard with a progress ring")
    shoot(page, "dashboard-progress")
