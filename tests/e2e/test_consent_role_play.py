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


ARGUMENT = (
    "Als de markt tien weken naar de Kerkstraat gaat, zonder stroom en water, verdwijnt de "
    "ontmoeting op het plein waar onze doelstelling om draait."
)


def test_a_member_gives_a_reasoned_objection_after_one_without_argument_is_refused(page):
    from tests.e2e.htmx import wait_until_settled
    from tests.e2e.test_accessibility import scan

    exercise = ExercisePage.objects.get(slug="oefening-marktplein-als-kringlid")
    log_in(page, "deelnemer@leerkring.test", "leerkring-deelnemer")
    page.goto(exercise.url)
    page.locator("#start-exercise").click()
    expect(page.locator("#learner-role")).to_contain_text("Joyce de Wit")
    scan(page, "practice as a member")
    attempt = Attempt.objects.get(participant__email="deelnemer@leerkring.test", exercise=exercise)
    refused_once = False
    for _ in range(40):
        practice = load_practice(attempt=attempt)
        if practice.step.kind is StepKind.DONE:
            break
        wait_until_settled(page)
        answer = right_answer(practice.scenario, practice.state, practice.step)
        if practice.step.kind is StepKind.MEMBER_CONSENT and answer.choice == "objection":
            page.locator('input[type="radio"][name="choice"][value="objection"]').check()
            if not refused_once:
                # No argument: refused, with the rule and its source, and nothing recorded.
                page.locator('textarea[name="text"]').fill("Nee.")
                page.locator("#practice-submit").click()
                error = page.locator("#practice-feedback .message--error")
                expect(error).to_contain_text("argument")
                expect(error).to_contain_text("SKM")
                wait_until_settled(page)
                scan(page, "an objection without argument refused")
                assert load_practice(attempt=attempt).next_sequence == practice.next_sequence
                refused_once = True
                continue
            page.locator('textarea[name="text"]').fill(ARGUMENT)
        else:
            choice = page.locator(f'input[type="radio"][name="choice"][value="{answer.choice}"]')
            if choice.count():
                choice.check()
            if answer.text:
                page.locator('textarea[name="text"]').fill(answer.text)
        page.locator("#practice-submit").click()
        expect(
            page.locator(f'input[name="sequence"][value="{practice.next_sequence}"]')
        ).to_have_count(0)
    else:
        raise AssertionError("the exercise did not end")

    assert refused_once
    expect(page.locator("#ending")).to_have_attribute("data-ending", "agreed")
    assert int(page.locator("#score-percent").get_attribute("data-score")) == 100
    scan(page, "practice as a member, after")
    final = load_practice(attempt=attempt).state
    joyce = next(o for o in final.all_objections if o.member == "Joyce de Wit")
    assert joyce.argument == ARGUMENT and joyce.verdict == "qualified"
    assert final.version == 2


def test_the_proposer_answers_a_clarifying_question_in_the_browser(page):
    from tests.e2e.test_accessibility import scan

    exercise = ExercisePage.objects.get(slug="oefening-groene-zoom-als-indiener")
    log_in(page, "deelnemer@leerkring.test", "leerkring-deelnemer")
    page.goto(exercise.url)
    page.locator("#start-exercise").click()
    expect(page.locator("#learner-role")).to_contain_text("Iris Bakker")
    attempt = Attempt.objects.get(participant__email="deelnemer@leerkring.test", exercise=exercise)
    practice = load_practice(attempt=attempt)
    while practice.step.kind is not StepKind.PROPOSER_ANSWER:
        play_in_the_browser_once(page, practice)
        practice = load_practice(attempt=attempt)
    expect(page.locator("#contribution")).to_contain_text(
        practice.scenario.question_of(practice.step.member).text
    )
    scan(page, "practice as the proposer: a question to answer")

    play_in_the_browser(page, attempt, lambda p: right_answer(p.scenario, p.state, p.step))

    expect(page.locator("#ending")).to_have_attribute("data-ending", "agreed")
    assert int(page.locator("#score-percent").get_attribute("data-score")) == 100


def play_in_the_browser_once(page, practice):
    answer = right_answer(practice.scenario, practice.state, practice.step)
    choice = page.locator(f'input[type="radio"][name="choice"][value="{answer.choice}"]')
    if choice.count():
        choice.check()
    if answer.text:
        page.locator('textarea[name="text"]').fill(answer.text)
    page.locator("#practice-submit").click()
    expect(page.locator(f'input[name="sequence"][value="{practice.next_sequence}"]')).to_have_count(
        0
    )
