"""cancel_enrolment() and the waiting list: freed seats are offered first come, first served."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cohorts.models import CancelledBy, EnrolmentStatus, EnrolmentStatusChange
from cohorts.services.enrolment import (
    OFFER_VALIDITY,
    EnrolmentError,
    accept_offer,
    cancel_enrolment,
    enrol,
    expire_offers,
    waitlist_rank,
)
from tests.cohorts.factories import fill, make_cohort, make_participant

pytestmark = pytest.mark.django_db


def full_cohort_with_waitlist(waiting: int = 2, **kwargs):
    cohort = make_cohort(**kwargs)
    enrolled = fill(cohort, 8)
    waitlisted = fill(cohort, waiting)
    return cohort, enrolled, waitlisted


def refreshed(*objects):
    for obj in objects:
        obj.refresh_from_db()
    return objects


def test_participant_cancels_and_first_in_line_is_offered_the_seat():
    cohort, enrolled, (first, second) = full_cohort_with_waitlist()
    now = timezone.now()

    cancel_enrolment(enrolment=enrolled[0], by=enrolled[0].participant, now=now)

    refreshed(enrolled[0], first, second)
    assert enrolled[0].status == EnrolmentStatus.CANCELLED
    assert enrolled[0].cancelled_by == CancelledBy.PARTICIPANT
    assert first.status == EnrolmentStatus.OFFERED
    assert first.offer_expires_at == now + OFFER_VALIDITY
    assert second.status == EnrolmentStatus.WAITLISTED


def test_offer_never_runs_beyond_the_start():
    cohort, enrolled, (first, _second) = full_cohort_with_waitlist(starts_in_days=1)
    trainer = cohort.trainers.get()

    cancel_enrolment(enrolment=enrolled[0], by=trainer)

    first.refresh_from_db()
    assert first.offer_expires_at == cohort.starts_at


def test_accepting_the_offer_enrols():
    cohort, enrolled, (first, _second) = full_cohort_with_waitlist()
    cancel_enrolment(enrolment=enrolled[0], by=enrolled[0].participant)

    accept_offer(enrolment=first, by=first.participant)

    first.refresh_from_db()
    assert first.status == EnrolmentStatus.ENROLLED
    assert cohort.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == 8


def test_someone_else_cannot_accept_the_offer():
    cohort, enrolled, (first, second) = full_cohort_with_waitlist()
    cancel_enrolment(enrolment=enrolled[0], by=enrolled[0].participant)

    with pytest.raises(EnrolmentError, match="Alleen de deelnemer zelf kan deze plaats aannemen"):
        accept_offer(enrolment=first, by=second.participant)

    first.refresh_from_db()
    assert first.status == EnrolmentStatus.OFFERED


def test_an_expired_offer_passes_to_the_next_in_line():
    cohort, enrolled, (first, second) = full_cohort_with_waitlist()
    cancel_enrolment(enrolment=enrolled[0], by=enrolled[0].participant)
    later = timezone.now() + OFFER_VALIDITY + timedelta(minutes=1)

    with pytest.raises(EnrolmentError, match="Dit aanbod is verlopen"):
        accept_offer(enrolment=first, by=first.participant, now=later)
    assert expire_offers(now=later) == 1

    refreshed(first, second)
    assert (first.status, first.cancelled_by) == (
        EnrolmentStatus.CANCELLED,
        CancelledBy.OFFER_EXPIRED,
    )
    assert second.status == EnrolmentStatus.OFFERED
    assert expire_offers(now=later) == 0  # running again changes nothing


def test_expire_offers_command_passes_expired_offers_on():
    cohort, enrolled, (first, second) = full_cohort_with_waitlist()
    cancel_enrolment(enrolment=enrolled[0], by=enrolled[0].participant)
    first.refresh_from_db()
    first.offer_expires_at = timezone.now() - timedelta(minutes=1)
    first.save()
    out = io.StringIO()

    call_command("expire_offers", stdout=out)

    refreshed(first, second)
    assert (first.status, second.status) == ("cancelled", "offered")
    assert out.getvalue().startswith("1 ")


def test_newcomers_queue_behind_the_waiting_list_even_with_a_free_seat():
    cohort, enrolled, (first, _second) = full_cohort_with_waitlist()
    cancel_enrolment(enrolment=enrolled[0], by=enrolled[0].participant)

    newcomer = enrol(cohort=cohort, participant=make_participant())

    assert newcomer.status == EnrolmentStatus.WAITLISTED
    assert newcomer.waitlist_position == 3
    assert waitlist_rank(newcomer) == 2  # behind the second; the first holds the offer


def test_no_promotion_after_the_cohort_has_started():
    cohort, enrolled, (first, _second) = full_cohort_with_waitlist(starts_in_days=1)
    trainer = cohort.trainers.get()

    cancel_enrolment(enrolment=enrolled[0], by=trainer, now=cohort.starts_at + timedelta(minutes=5))

    first.refresh_from_db()
    assert first.status == EnrolmentStatus.WAITLISTED


def test_participant_cannot_cancel_after_the_cutoff_but_the_trainer_can():
    cohort = make_cohort(starts_in_days=10)
    enrolment = fill(cohort, 1)[0]
    after_cutoff = cohort.effective_cancellation_cutoff + timedelta(hours=1)

    with pytest.raises(
        EnrolmentError, match="Neem contact op met uw trainer als u niet kunt komen"
    ):
        cancel_enrolment(enrolment=enrolment, by=enrolment.participant, now=after_cutoff)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert EnrolmentStatusChange.objects.filter(enrolment=enrolment).count() == 1

    cancel_enrolment(enrolment=enrolment, by=cohort.trainers.get(), now=after_cutoff)
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.cancelled_by) == ("cancelled", CancelledBy.TRAINER)


def test_cutoff_defaults_to_three_days_before_the_start():
    cohort = make_cohort(starts_in_days=10)

    assert cohort.cancellation_cutoff == cohort.starts_at - timedelta(days=3)


def test_waitlisted_participant_may_leave_the_list_after_the_cutoff():
    cohort, _enrolled, (first, _second) = full_cohort_with_waitlist(starts_in_days=2)

    cancel_enrolment(enrolment=first, by=first.participant)

    first.refresh_from_db()
    assert first.status == EnrolmentStatus.CANCELLED


def test_another_participant_cannot_cancel_my_enrolment():
    cohort = make_cohort()
    mine, theirs = fill(cohort, 2)

    with pytest.raises(EnrolmentError, match="uw eigen inschrijving"):
        cancel_enrolment(enrolment=mine, by=theirs.participant)

    mine.refresh_from_db()
    assert mine.status == EnrolmentStatus.ENROLLED


def test_cancelled_participant_may_enrol_again():
    cohort = make_cohort()
    enrolment = fill(cohort, 1)[0]
    cancel_enrolment(enrolment=enrolment, by=enrolment.participant)

    again = enrol(cohort=cohort, participant=enrolment.participant)

    assert again.status == EnrolmentStatus.ENROLLED


def test_history_is_append_only():
    cohort = make_cohort()
    enrolment = fill(cohort, 1)[0]
    change = enrolment.history.get()

    change.reason = "gewijzigd"
    with pytest.raises(ValueError, match="append-only"):
        change.save()
