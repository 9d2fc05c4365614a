"""Attempts through the services: decisions are appended as engine events, the state is
replayed from them, and refused input writes nothing."""

import pytest

from exercises.consent import Phase
from exercises.models import Attempt, AttemptEvent, AttemptStatus
from exercises.practice import Answer, Move, PracticeError, StepKind
from exercises.selectors import load_practice
from exercises.services import record_decision, restart_attempt, start_attempt
from tests.accounts.factories import UserFactory
from tests.exercises.factories import consent_exercise, election_exercise
from tests.exercises.walk import right_answer

pytestmark = pytest.mark.django_db


def decide_right(attempt, participant):
    practice = load_practice(attempt=attempt)
    answer = right_answer(practice.scenario, practice.state, practice.step)
    return record_decision(
        attempt=attempt,
        participant=participant,
        expected_sequence=practice.next_sequence,
        answer=answer,
    )


def play_to_the_end(attempt, participant):
    for _ in range(200):
        if load_practice(attempt=attempt).step.kind is StepKind.DONE:
            return
        decide_right(attempt, participant)
    raise AssertionError("did not finish")


def test_starting_prepares_the_process_and_a_second_start_continues_it():
    participant, exercise = UserFactory(), consent_exercise()

    attempt = start_attempt(participant=participant, exercise=exercise)
    again = start_attempt(participant=participant, exercise=exercise)

    assert again == attempt
    assert attempt.status == AttemptStatus.IN_PROGRESS
    assert attempt.scenario["title"] == exercise.title
    first = attempt.decisions.get()
    assert (first.sequence, first.step) == (0, "start")
    assert first.events[0]["kind"] == "decision_prepared"


@pytest.mark.parametrize("make_exercise", [consent_exercise, election_exercise])
def test_a_whole_attempt_is_stored_as_decisions_and_finishes(make_exercise):
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=make_exercise())

    play_to_the_end(attempt, participant)

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.FINISHED and attempt.finished_at
    sequences = list(attempt.decisions.values_list("sequence", flat=True))
    assert sequences == list(range(len(sequences)))
    scored = attempt.decisions.exclude(correct=None)
    assert scored.exists() and not scored.filter(correct=False).exists()


def test_the_state_is_rebuilt_from_the_stored_events():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    play_to_the_end(attempt, participant)

    practice = load_practice(attempt=Attempt.objects.get(pk=attempt.pk))

    assert practice.state.phase is Phase.AGREED
    assert practice.state.agreement.version == 2


def test_a_stale_form_is_refused_and_nothing_is_written():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    decide_right(attempt, participant)
    before = AttemptEvent.objects.count()

    with pytest.raises(PracticeError):
        record_decision(
            attempt=attempt,
            participant=participant,
            expected_sequence=1,  # the step just answered
            answer=Answer(choice=Move.QUESTION_ROUND),
        )

    assert AttemptEvent.objects.count() == before


def test_skipping_a_phase_is_recorded_as_a_mistake_without_changing_the_state():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    before = load_practice(attempt=attempt).state

    row = record_decision(
        attempt=attempt,
        participant=participant,
        expected_sequence=1,
        answer=Answer(choice=Move.CONSENT_ROUND),
    )

    assert (row.correct, row.skill, row.events) == (False, "order", [])
    assert row.error_code == "wrong_phase"
    assert load_practice(attempt=attempt).state == before


def test_acting_out_of_turn_is_refused_with_a_dutch_message_and_nothing_written():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    for _ in range(3):  # present, start the question round: Anouk has the floor
        decide_right(attempt, participant)
    practice = load_practice(attempt=attempt)
    assert practice.step.member == "Bram"
    before = AttemptEvent.objects.count()

    with pytest.raises(PracticeError) as refused:
        record_decision(
            attempt=attempt,
            participant=participant,
            expected_sequence=practice.next_sequence,
            answer=Answer(choice="clarifying", member="Chantal"),
        )

    # The engine's not_your_turn message (Dutch once the catalogue is filled) names both.
    message = str(refused.value.message)
    assert "Chantal" in message and "Bram" in message
    assert AttemptEvent.objects.count() == before


def test_a_finished_attempt_takes_no_more_decisions():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    play_to_the_end(attempt, participant)
    before = AttemptEvent.objects.count()

    with pytest.raises(PracticeError):
        record_decision(
            attempt=attempt,
            participant=participant,
            expected_sequence=before,
            answer=Answer(choice=Move.AGREE),
        )

    assert AttemptEvent.objects.count() == before


def test_someone_elses_attempt_is_refused():
    attempt = start_attempt(participant=UserFactory(), exercise=consent_exercise())

    with pytest.raises(PracticeError):
        record_decision(
            attempt=attempt,
            participant=UserFactory(),
            expected_sequence=1,
            answer=Answer(choice=Move.PRESENT),
        )

    assert attempt.decisions.count() == 1


def test_starting_again_abandons_the_open_attempt_and_keeps_its_history():
    participant = UserFactory()
    first = start_attempt(participant=participant, exercise=consent_exercise())
    decide_right(first, participant)

    second = restart_attempt(attempt=first, participant=participant)

    first.refresh_from_db()
    assert first.status == AttemptStatus.ABANDONED
    assert first.decisions.count() == 2
    assert second != first and second.status == AttemptStatus.IN_PROGRESS


def test_restarting_twice_gives_the_same_fresh_attempt():
    # A double click on "practise again" must not hit the one-in-progress constraint.
    participant = UserFactory()
    first = start_attempt(participant=participant, exercise=consent_exercise())

    second = restart_attempt(attempt=first, participant=participant)
    again = restart_attempt(attempt=first, participant=participant)

    assert again == second
    assert Attempt.objects.filter(participant=participant, status="in_progress").count() == 1
