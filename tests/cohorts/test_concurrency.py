"""No overbooking under load: PostgreSQL only (SQLite serialises every write anyway).

Sixty participants press "enrol" at the same moment for a cohort of 8. With the row lock,
exactly 8 get a seat and the rest queue with distinct positions. The control runs the same
code with the lock taken out and shows the race is real, so the first test can fail.
"""

import time

import pytest
from django.db import connection

from cohorts.models import Cohort, Enrolment, EnrolmentStatus
from cohorts.services import enrolment as enrolment_service
from tests.cohorts.factories import make_cohort, make_participant
from tests.concurrency import run_at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARTICIPANTS = 60


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run `make test-postgres`")


def enrol_all_at_once(cohort, participants) -> list[BaseException]:
    return run_at_once(
        [
            lambda p=participant: enrolment_service.enrol(cohort=cohort, participant=p)
            for participant in participants
        ]
    )


def widen_the_race(monkeypatch):
    # Every request pauses between counting and writing, the moment a race would strike.
    monkeypatch.setattr(enrolment_service, "between_count_and_write", lambda: time.sleep(0.02))


def test_simultaneous_enrolments_never_overbook(monkeypatch):
    cohort = make_cohort(min_participants=5, max_participants=8)
    participants = [make_participant() for _ in range(PARTICIPANTS)]
    widen_the_race(monkeypatch)

    errors = enrol_all_at_once(cohort, participants)

    assert errors == []
    rows = Enrolment.objects.filter(cohort=cohort)
    assert rows.filter(status=EnrolmentStatus.ENROLLED).count() == 8
    positions = list(
        rows.filter(status=EnrolmentStatus.WAITLISTED).values_list("waitlist_position", flat=True)
    )
    assert len(positions) == PARTICIPANTS - 8
    assert sorted(positions) == list(range(1, PARTICIPANTS - 8 + 1))
    assert Cohort.objects.get(pk=cohort.pk).status == "confirmed"


def test_control_without_the_lock_the_cohort_is_overbooked(monkeypatch):
    cohort = make_cohort(min_participants=5, max_participants=8)
    participants = [make_participant() for _ in range(PARTICIPANTS)]
    widen_the_race(monkeypatch)
    monkeypatch.setattr(enrolment_service, "ROW_LOCK", "")
    # Only the capacity race is under test: without the lock the automatic go/no-go
    # confirmation would trip over itself too and hide it.
    monkeypatch.setattr(
        enrolment_service, "_confirm_when_minimum_reached", lambda cohort, **_counts: None
    )

    errors = enrol_all_at_once(cohort, participants)

    enrolled = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ENROLLED).count()
    assert enrolled > 8, f"no race shown; errors: {sorted({repr(e)[:200] for e in errors})}"
