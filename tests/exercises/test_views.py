"""Solo practice over HTTP: plain forms with POST-redirect-GET, htmx partials, and refusals
that write nothing."""

import pytest
from django.urls import reverse

from exercises.models import Attempt, AttemptEvent, AttemptStatus
from exercises.practice import StepKind
from exercises.selectors import load_practice
from exercises.services import start_attempt
from tests.accounts.factories import UserFactory
from tests.exercises.factories import consent_exercise, election_exercise
from tests.exercises.walk import right_answer

pytestmark = pytest.mark.django_db


def form_data(attempt) -> dict:
    """What the practice form posts for the right decision on the current step."""
    practice = load_practice(attempt=attempt)
    answer = right_answer(practice.scenario, practice.state, practice.step)
    data = {
        "sequence": practice.next_sequence,
        "member": practice.step.member or "",
        "choice": answer.choice,
        "text": answer.text,
    }
    if answer.review_date:
        data["review_date"] = answer.review_date.isoformat()
    return data


def test_the_exercise_page_shows_the_scenario_and_a_start_button(client):
    exercise = consent_exercise()
    client.force_login(UserFactory())

    response = client.get(exercise.url)

    assert response.status_code == 200
    assert 'id="start-exercise"' in response.text
    assert "Anouk" in response.text and exercise.proposal in response.text


def test_visitors_are_asked_to_log_in_before_practising(client):
    exercise = consent_exercise()

    assert reverse("account_login") in client.get(exercise.url).text
    response = client.post(reverse("exercises:start", args=[exercise.pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not Attempt.objects.exists()


def test_starting_leads_to_the_practice_panel(client):
    exercise, participant = consent_exercise(), UserFactory()
    client.force_login(participant)

    response = client.post(reverse("exercises:start", args=[exercise.pk]), follow=True)

    attempt = Attempt.objects.get(participant=participant)
    assert response.redirect_chain[-1][0] == reverse("exercises:practice", args=[attempt.pk])
    html = response.text
    assert 'id="practice-panel"' in html
    assert 'role="status"' in html
    assert '<ol class="round-circle__list"' in html
    assert 'name="sequence" value="1"' in html


@pytest.mark.parametrize("make_exercise", [consent_exercise, election_exercise])
def test_a_participant_completes_the_exercise_with_plain_forms(client, make_exercise):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=make_exercise())
    client.force_login(participant)
    url = reverse("exercises:practice", args=[attempt.pk])

    for _ in range(100):
        if load_practice(attempt=attempt).step.kind is StepKind.DONE:
            break
        response = client.post(url, form_data(attempt))
        assert response.status_code == 302 and response["Location"] == url
    page = client.get(url)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED
    assert 'id="summary-heading"' in page.text
    assert not AttemptEvent.objects.filter(attempt=attempt, correct=False).exists()


def test_with_htmx_the_panel_comes_back_as_a_partial(client):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    client.force_login(participant)

    response = client.post(
        reverse("exercises:practice", args=[attempt.pk]), form_data(attempt), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="practice-panel"')
    assert "<html" not in response.text
    assert attempt.decisions.count() == 2


def test_a_wrong_move_gives_feedback_in_the_status_region(client):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    client.force_login(participant)
    url = reverse("exercises:practice", args=[attempt.pk])

    client.post(url, {"sequence": 1, "member": "", "choice": "agree"})
    html = client.get(url).text

    assert 'data-correct="false"' in html
    row = attempt.decisions.get(sequence=1)
    assert (row.correct, row.error_code) == (False, "no_consent_round")


def test_someone_elses_attempt_is_not_found(client):
    attempt = start_attempt(participant=UserFactory(), exercise=consent_exercise())
    client.force_login(UserFactory())
    url = reverse("exercises:practice", args=[attempt.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"sequence": 1, "choice": "present"}).status_code == 404
    assert client.get(reverse("exercises:practice", args=[987654])).status_code == 404
    assert attempt.decisions.count() == 1


def test_a_double_submission_is_refused_and_nothing_is_written(client):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    client.force_login(participant)
    url = reverse("exercises:practice", args=[attempt.pk])
    data = form_data(attempt)
    client.post(url, data)

    response = client.post(url, data, follow=True)

    assert attempt.decisions.count() == 2
    assert 'class="message message--error' in response.text


def test_a_choice_that_is_not_offered_shows_the_form_again_and_writes_nothing(client):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    client.force_login(participant)

    response = client.post(
        reverse("exercises:practice", args=[attempt.pk]), {"sequence": 1, "choice": "shout"}
    )

    assert response.status_code == 200
    assert 'id="choice-errors"' in response.text
    assert attempt.decisions.count() == 1


def test_a_finished_attempt_takes_no_answers_and_can_be_started_again(client):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    client.force_login(participant)
    url = reverse("exercises:practice", args=[attempt.pk])
    while load_practice(attempt=attempt).step.kind is not StepKind.DONE:
        client.post(url, form_data(attempt))
    count = attempt.decisions.count()

    client.post(url, {"sequence": count, "choice": "agree"})
    response = client.post(reverse("exercises:restart", args=[attempt.pk]))

    assert attempt.decisions.count() == count
    new = Attempt.objects.get(participant=participant, status=AttemptStatus.IN_PROGRESS)
    assert response["Location"] == reverse("exercises:practice", args=[new.pk])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED
