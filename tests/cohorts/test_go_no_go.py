"""Go/no-go: enough participants confirm the cohort; fewer at the date means the trainer decides."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import CancelledBy, CohortStatus, CohortStatusChange, EnrolmentStatus
from cohorts.rules import GoNoGo, go_no_go_state
from cohorts.services.enrolment import cancel_enrolment
from cohorts.services.lifecycle import (
    CohortError,
    cancel_cohort,
    cancellation_recipients,
    confirm_cohort,
)
from tests.cohorts.factories import fill, make_cohort, make_trainer

pytestmark = pytest.mark.django_db


def test_go_no_go_date_defaults_to_ten_days_before_the_first_session():
    cohort = make_cohort(starts_in_days=30)

    assert cohort.go_no_go_date == cohort.first_session.date - timedelta(days=10)


def test_below_minimum_at_the_date_needs_a_decision():
    cohort = make_cohort(starts_in_days=30)
    fill(cohort, 3)

    before = go_no_go_state(cohort, enrolled=3, today=cohort.go_no_go_date - timedelta(days=1))
    at = go_no_go_state(cohort, enrolled=3, today=cohort.go_no_go_date)

    assert (before, at) == (GoNoGo.ON_TRACK, GoNoGo.DECISION_NEEDED)


def test_going_ahead_anyway_needs_a_reason_and_records_it():
    cohort = make_cohort()
    fill(cohort, 3)
    trainer = cohort.trainers.get()

    with pytest.raises(CohortError, match="Geef een reden"):
        confirm_cohort(cohort=cohort, by=trainer, reason="  ")
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.PLANNED

    confirm_cohort(cohort=cohort, by=trainer, reason="Kleine groep, wel waardevol")

    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.CONFIRMED
    assert cohort.status_reason == "Kleine groep, wel waardevol"
    log = CohortStatusChange.objects.filter(cohort=cohort).last()
    assert (log.from_status, log.to_status, log.changed_by) == ("planned", "confirmed", trainer)


def test_only_the_cohorts_trainer_decides():
    cohort = make_cohort()
    other_trainer = make_trainer()

    with pytest.raises(CohortError, match="Alleen een trainer van deze uitvoering kan dit doen"):
        cancel_cohort(cohort=cohort, by=other_trainer, reason="Te weinig aanmeldingen")

    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.PLANNED


def test_cancel_cohort_cancels_everyone_active_with_the_reason():
    cohort = make_cohort(min_participants=2, max_participants=2)
    enrolled = fill(cohort, 2)
    waiting = fill(cohort, 2)
    cancel_enrolment(enrolment=enrolled[0], by=enrolled[0].participant)  # offers waiting[0]
    trainer = cohort.trainers.get()
    statuses = sorted(e.status for e in cancellation_recipients(cohort))
    assert statuses == ["enrolled", "offered", "waitlisted"]

    cancel_cohort(cohort=cohort, by=trainer, reason="Te weinig aanmeldingen")

    cohort.refresh_from_db()
    assert (cohort.status, cohort.status_reason) == ("cancelled", "Te weinig aanmeldingen")
    for enrolment in [enrolled[1], *waiting]:
        enrolment.refresh_from_db()
        assert (enrolment.status, enrolment.cancelled_by) == (
            EnrolmentStatus.CANCELLED,
            CancelledBy.COHORT,
        )
    assert enrolled[0].history.count() == 2  # the earlier own cancellation is untouched


def test_cancel_cohort_without_reason_is_refused():
    cohort = make_cohort()
    fill(cohort, 2)

    with pytest.raises(CohortError, match="Geef een reden"):
        cancel_cohort(cohort=cohort, by=cohort.trainers.get(), reason="")

    assert cohort.enrolments.filter(status="enrolled").count() == 2


def test_confirmed_state_is_going_ahead():
    cohort = make_cohort()
    fill(cohort, 5)
    cohort.refresh_from_db()

    assert go_no_go_state(cohort, enrolled=5, today=timezone.localdate()) == GoNoGo.GOING_AHEAD
