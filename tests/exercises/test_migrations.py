"""Attempts stored before the engine tested objections with the circle still replay."""

import importlib

import pytest
from django.apps import apps

from exercises.consent import Phase, Verdict
from exercises.selectors import load_practice
from exercises.services import start_attempt
from tests.accounts.factories import UserFactory
from tests.exercises.factories import consent_exercise
from tests.exercises.test_services import decide_right

pytestmark = pytest.mark.django_db

migration = importlib.import_module("exercises.migrations.0002_objections_tested_with_the_circle")


def test_a_verdict_stored_without_test_questions_replays_after_the_migration():
    participant = UserFactory()
    attempt = start_attempt(participant=participant, exercise=consent_exercise())
    for _ in range(100):
        if load_practice(attempt=attempt).state.phase is Phase.RESOLVE:
            break
        decide_right(attempt, participant)
    # Rewrite the stored rows to the old shape: the verdict alone, without a reason.
    for row in attempt.decisions.all():
        if any(e["kind"] == "objection_tested" for e in row.events):
            row.events = [
                {k: v for k, v in e.items() if k != "reason"}
                for e in row.events
                if not e["kind"].startswith("test_question")
            ]
            row.save(update_fields=["events"])
    with pytest.raises(Exception, match="Test the objection"):
        load_practice(attempt=attempt)

    migration.forwards(apps, None)

    state = load_practice(attempt=attempt).state
    assert state.phase is Phase.RESOLVE
    tested = [o for o in state.all_objections if o.verdict is not None]
    assert tested and all(o.reason == migration.OLD_REASON for o in tested)
    assert any(o.verdict is Verdict.QUALIFIED for o in tested)
