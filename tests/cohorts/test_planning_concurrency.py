"""Two plans for the same trainer or room at the same moment: exactly one is saved.

PostgreSQL only (SQLite serialises every write transaction). The control takes the lock out
and shows both plans are saved without it, so the first tests can fail.
"""

import time
from datetime import time as clock

import pytest
from django.db import connection

from cohorts.models import Cohort
from cohorts.services import conflicts as conflict_service
from cohorts.services import planning
from cohorts.services.planning import CohortDetails, ConflictError, create_cohort
from tests.cohorts.factories import days_ahead, make_trainer, study_day
from tests.concurrency import run_at_once
from tests.courses.factories_pages import make_course

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run `make test-postgres`")


@pytest.fixture
def slow_conflict_check(monkeypatch):
    """Every plan pauses between looking for conflicts and saving, where a race would strike."""
    find = conflict_service.find_conflicts

    def find_then_wait(**kwargs):
        found = find(**kwargs)
        time.sleep(0.2)
        return found

    monkeypatch.setattr(planning, "find_conflicts", find_then_wait)


def plan(trainer, course, title, location):
    return lambda: create_cohort(
        by=trainer,
        course=course,
        details=CohortDetails(title=title, location=location),
        sessions=[study_day(days_ahead(40), clock(9), clock(12))],
    )


def test_one_trainer_cannot_be_planned_twice_at_the_same_moment(slow_conflict_check):
    trainer, course = make_trainer(), make_course()

    errors = run_at_once(
        [plan(trainer, course, "Zwolle", "Zwolle"), plan(trainer, course, "Assen", "Assen")]
    )

    assert Cohort.objects.count() == 1
    assert len(errors) == 1 and isinstance(errors[0], ConflictError)


def test_one_room_cannot_be_booked_twice_at_the_same_moment(slow_conflict_check):
    course = make_course()

    errors = run_at_once(
        [
            plan(make_trainer(), course, "Groep A", "Stadhuis, zaal 2"),
            plan(make_trainer(), course, "Groep B", "stadhuis,  Zaal 2"),
        ]
    )

    assert Cohort.objects.count() == 1
    assert len(errors) == 1 and isinstance(errors[0], ConflictError)


def test_control_without_the_lock_both_plans_are_saved(slow_conflict_check, monkeypatch):
    monkeypatch.setattr(planning, "lock_for_planning", lambda **kwargs: None)
    trainer, course = make_trainer(), make_course()

    errors = run_at_once(
        [plan(trainer, course, "Zwolle", "Zwolle"), plan(trainer, course, "Assen", "Assen")]
    )

    assert errors == []
    assert Cohort.objects.count() == 2
