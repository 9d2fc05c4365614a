"""A participant facilitates the demo consent scenario in the browser, from the exercise page
to the results; then the trainer of their cohort could look at it (covered over HTTP)."""

from playwright.sync_api import expect

from exercises.models import Attempt, AttemptStatus, ExercisePage
from exercises.practice import StepKind
from exercises.selectors import load_practice
from tests.e2e.htmx import wait_until_settled
from tests.exercises.walk import right_answer


def log_in(page, email, password):
    page.goto("/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord:", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()


def test_a_participant_facilitates_the_market_square_scenario(page):
    exercise = ExercisePage.objects.get(slug="oefening-herinrichting-marktplein")
    log_in(page, "deelnemer@leerkring.test", "leerkring-deelnemer")

    page.goto(exercise.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(exercise.title)
    page.locator("#start-exercise").click()
    expect(page.locator("#practice-panel")).to_be_visible()
    attempt = Attempt.objects.get(participant__email="deelnemer@leerkring.test")

    # First a wrong move: start the consent round before anything was presented.
    page.locator('input[name="choice"][value="consent_round"]').check()
    page.locator("#practice-submit").click()
    expect(page.locator('#practice-feedback [data-correct="false"]')).to_be_visible()

    for _ in range(60):
        practice = load_practice(attempt=attempt)
        if practice.step.kind is StepKind.DONE:
            break
        answer = right_answer(practice.scenario, practice.state, practice.step)
        wait_until_settled(page)
        choice = page.locator(f'input[type="radio"][name="choice"][value="{answer.choice}"]')
        if choice.count():
            # Keyboard only: focus the option, select it with Space, submit with Enter.
            choice.focus()
            page.keyboard.press("Space")
            expect(choice).to_be_checked()
        if answer.text:
            page.locator('textarea[name="text"]').fill(answer.text)
        page.locator("#practice-submit").focus()
        page.keyboard.press("Enter")
        expect(page.locator('input[name="sequence"], #summary-heading').first).to_be_attached()
        expect(
            page.locator(f'input[name="sequence"][value="{practice.next_sequence}"]')
        ).to_have_count(0)

    expect(page.locator("#summary-heading")).to_be_visible()
    expect(page.locator("table.scores tbody tr")).to_have_count(4)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED
    assert attempt.decisions.filter(correct=False).count() == 1
