"""The role-play reacts: the same scenario played naively and correctly in the browser ends
differently, and the participant sees why."""

from playwright.sync_api import expect

from exercises.models import Attempt, ExercisePage
from exercises.practice import StepKind
from exercises.selectors import load_practice
from tests.e2e.test_exercise_journey import log_in
from tests.exercises.walk import naive_answer, right_answer


def play_in_the_browser(page, attempt, choose):
    for _ in range(80):
        practice = load_practice(attempt=attempt)
        if practice.step.kind is StepKind.DONE:
            return
        answer = choose(practice)
        choice = page.locator(f'input[type="radio"][name="choice"][value="{answer.choice}"]')
        if choice.count():
            choice.check()
        if answer.text:
            page.locator('textarea[name="text"]').fill(answer.text)
        page.locator("#practice-submit").click()
        expect(
            page.locator(f'input[name="sequence"][value="{practice.next_sequence}"]')
        ).to_have_count(0)
    raise AssertionError("the exercise did not end")


def test_a_naive_and_a_correct_facilitator_see_different_endings(page):
    exercise = ExercisePage.objects.get(slug="oefening-herinrichting-marktplein")
    log_in(page, "deelnemer@leerkring.test", "leerkring-deelnemer")
    page.goto(exercise.url)
    page.locator("#start-exercise").click()
    expect(page.locator("#practice-panel")).to_be_visible()
    naive = Attempt.objects.get(participant__email="deelnemer@leerkring.test")
    proposed: set[str] = set()

    play_in_the_browser(
        page, naive, lambda p: naive_answer(p.scenario, p.state, p.step, proposed=proposed)
    )

    ending = page.locator("#ending")
    expect(ending).to_have_attribute("data-ending", "agreed_objection_dismissed")
    expect(ending).to_contain_text("terzijde geschoven")
    expect(ending).to_contain_text("Joyce komt niet meer naar de wijkkring")
    naive_score = int(page.locator("#score-percent").get_attribute("data-score"))
    assert naive_score < 70
    page.get_by_role("button", name="Deze oefening opnieuw doen").click()
    expect(page.locator("#practice-panel")).to_be_visible()
    correct = Attempt.objects.exclude(pk=naive.pk).get(
        participant__email="deelnemer@leerkring.test"
    )

    play_in_the_browser(page, correct, lambda p: right_answer(p.scenario, p.state, p.step))

    expect(page.locator("#ending")).to_have_attribute("data-ending", "agreed")
    assert int(page.locator("#score-percent").get_attribute("data-score")) == 100
    naive_kinds = [e.kind for e in load_practice(attempt=naive).state.log]
    correct_kinds = [e.kind for e in load_practice(attempt=correct).state.log]
    assert naive_kinds != correct_kinds
