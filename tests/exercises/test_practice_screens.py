"""What the practice and results screens say (issue 10 item 6), over HTTP: every chosen
option in words, a wrong move explained by where the meeting stands and what comes next, no
empty feedback bar, the proposer's answers in the step they follow, the trainer's view of an
attempt written for the trainer, and "no decisions yet" rather than "0 of 0"."""

import re

import pytest
from django.urls import reverse

from exercises.consent import Method
from exercises.practice import StepKind
from exercises.selectors import load_practice
from exercises.services import start_attempt
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import make_cohort, make_trainer
from tests.courses.factories_pages import make_course
from tests.exercises.factories import consent_exercise, election_exercise
from tests.exercises.scenarios import consent_scenario
from tests.exercises.test_results import enrolled_participants
from tests.exercises.test_views import form_data

pytestmark = pytest.mark.django_db

BLANK_ITEM = re.compile(r"<li[^>]*>\s*</li>")


def practise(client, exercise, participant=None):
    participant = participant or UserFactory()
    attempt = start_attempt(participant=participant, exercise=exercise)
    client.force_login(participant)
    return attempt, reverse("exercises:practice", args=[attempt.pk])


def advance(client, attempt, url, until: StepKind):
    """Decide right until the current step is of kind `until`."""
    for _ in range(100):
        if load_practice(attempt=attempt).step.kind is until:
            return
        client.post(url, form_data(attempt))
    raise AssertionError(f"never reached {until}")


def feedback_of(html: str) -> str:
    start = html.index('id="practice-feedback"')
    return html[start : html.index('class="practice__grid"')]


def test_a_wrong_first_move_says_where_the_meeting_stands_and_what_comes_next(client):
    attempt, url = practise(client, consent_exercise())

    client.post(url, {"sequence": 1, "member": "", "choice": "consent_round"})
    feedback = feedback_of(client.get(url).text)

    assert "Uw keuze: De consentronde starten." in feedback
    assert "De kring heeft het voorstel nog niet gehoord. Eerst licht de indiener het toe" in (
        feedback
    )
    assert "Dit kan niet in de fase" not in feedback
    assert "fase voorbereid" not in feedback


def test_an_election_points_to_its_own_rounds_after_a_wrong_move(client):
    attempt, url = practise(client, election_exercise())

    client.post(url, {"sequence": 1, "member": "", "choice": "reasons_round"})
    feedback = feedback_of(client.get(url).text)

    assert "Nu schrijft iedereen een nominatie op en ondertekent die." in feedback
    assert "Een verkiezing volgt vaste rondes" in feedback
    assert "presenteren, vragenronde" not in feedback  # the consent decision's order


def test_the_hint_after_two_misses_names_the_right_next_step(client):
    attempt, url = practise(client, consent_exercise())

    client.post(url, {"sequence": 1, "member": "", "choice": "consent_round"})
    client.post(url, {"sequence": 2, "member": "", "choice": "agree"})
    html = client.get(url).text

    hint = html[html.index('id="step-hint"') :]
    hint = hint[: hint.index("</p>")]
    assert "De volgende stap: De indiener het voorstel laten presenteren." in hint


def test_a_chosen_amendment_is_shown_in_words_not_as_its_number(client):
    attempt, url = practise(client, consent_exercise())
    advance(client, attempt, url, StepKind.AMEND)
    practice = load_practice(attempt=attempt)

    client.post(
        url,
        {"sequence": practice.next_sequence, "member": practice.step.member, "choice": "0"},
    )
    feedback = feedback_of(client.get(url).text)

    assert "Uw keuze: We vervangen de bestrating en plaatsen zes rode bankjes." in feedback
    assert "Uw keuze: 0." not in feedback


def test_the_proposers_answer_follows_the_question_it_answers(client):
    attempt, url = practise(client, consent_exercise())
    advance(client, attempt, url, StepKind.QUESTION)
    while load_practice(attempt=attempt).step.member != "Bram":
        client.post(url, form_data(attempt))

    client.post(url, form_data(attempt))  # Bram's question, let through as clarifying
    feedback = feedback_of(client.get(url).text)

    assert "Wanneer begint het werk?" in feedback
    assert "Anouk (indiener):</strong> “In maart.”" in feedback


def test_a_finished_attempt_shows_no_empty_feedback_bar_and_the_closing_round(client):
    attempt, url = practise(client, consent_exercise())
    advance(client, attempt, url, StepKind.DONE)

    html = client.get(url).text

    assert '<div id="practice-feedback" class="practice__feedback"></div>' in html
    assert 'id="closing-round-heading"' in html
    assert BLANK_ITEM.search(html) is None


def test_the_circle_says_whose_turn_it_is_and_who_has_spoken_in_words(client):
    attempt, url = practise(client, consent_exercise())
    advance(client, attempt, url, StepKind.QUESTION)
    client.post(url, form_data(attempt))  # Anouk passes

    html = client.get(url).text
    circle = html[html.index('class="round-circle"') : html.index("</ol>")]

    assert "Vragenronde: 1 van de 3 zijn aan de beurt geweest." in html
    assert circle.count('aria-current="step"') == 1
    assert "heeft het woord" in circle and "is aan de beurt geweest" in circle
    assert "nog aan de beurt" in circle


def trainer_with_attempt(client, *, finish: bool, make_exercise=consent_exercise):
    trainer = make_trainer()
    course = make_course()
    exercise = make_exercise(parent=course)
    (participant,) = enrolled_participants(make_cohort(course=course, trainer=trainer), 1)
    attempt = start_attempt(participant=participant, exercise=exercise)
    if finish:
        client.force_login(participant)
        url = reverse("exercises:practice", args=[attempt.pk])
        client.post(url, {"sequence": 1, "member": "", "choice": "consent_round"})
        advance(client, attempt, url, StepKind.DONE)
        assert load_practice(attempt=attempt).step.kind is StepKind.DONE
    client.force_login(trainer)
    return attempt


def test_the_trainers_view_of_an_attempt_in_progress(client):
    attempt = trainer_with_attempt(client, finish=False)

    html = client.get(reverse("exercises:trainer_attempt", args=[attempt.pk])).text
    listing = client.get(reverse("exercises:trainer_results")).text

    assert "Uw resultaten" not in html
    assert "Resultaten van" in html
    assert "0 van de 0" not in html and "Nog geen beoordeelde beslissingen" in html
    assert "0 / 0" not in listing and "nog geen beslissingen" in listing


def test_the_trainers_view_of_a_finished_attempt_is_written_for_the_trainer(client):
    attempt = trainer_with_attempt(client, finish=True)

    html = client.get(reverse("exercises:trainer_attempt", args=[attempt.pk])).text

    assert "Uw resultaten" not in html and "Wat u hierna" not in html
    assert BLANK_ITEM.search(html) is None
    assert "Koos: De consentronde starten." in html
    assert "De kring heeft het voorstel nog niet gehoord" in html
    assert "Anouk (indiener):</strong> “In maart.”" in html  # the proposer's answer, shown
    assert "8 van de 10" in html  # the closing round's ratings, not blank items


def test_an_attempt_without_decisions_on_the_dashboard_says_so(client):
    participant = UserFactory()
    practise(client, consent_exercise(), participant)

    html = client.get(reverse("accounts:dashboard")).text

    assert "nog geen beslissingen" in html
    assert "0 van de 0" not in html


def test_a_scenario_with_an_s3_driver_check_names_it_first(client):
    exercise = consent_exercise(scenario=consent_scenario(method=Method.S3))
    attempt, url = practise(client, exercise)

    client.post(url, {"sequence": 1, "member": "", "choice": "present"})
    feedback = feedback_of(client.get(url).text)

    assert "toetst de kring de aanleiding" in feedback
    assert "De stappen volgen elkaar op: de aanleiding toetsen" in feedback


def test_the_trainers_view_of_an_election_has_no_blank_steps(client):
    attempt = trainer_with_attempt(client, finish=True, make_exercise=election_exercise)

    html = client.get(reverse("exercises:trainer_attempt", args=[attempt.pk])).text

    assert BLANK_ITEM.search(html) is None
    assert "Nu schrijft iedereen een nominatie op" in html  # its own next step
    assert "Chantal kent de dossiers." in html  # a reason given, shown with its step
