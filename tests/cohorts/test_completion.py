"""Closing a cohort: attendance decides completed / no-show; the unclear cases wait for the
trainer."""

from datetime import timedelta

import pytest

from cohorts.models import AttendanceStatus, CohortStatus, EnrolmentStatus
from cohorts.services.attendance import Mark, record_attendance
from cohorts.services.lifecycle import CohortError, close_cohort, decide_completion
from tests.cohorts.factories import (
    days_ahead,
    fill,
    make_cohort,
    moment,
    study_day,
)
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


def two_session_cohort():
    course = make_course(format="leergang")
    cohort = make_cohort(
        course=course, sessions=[study_day(days_ahead(2)), study_day(days_ahead(9))]
    )
    enrolments = fill(cohort, 6)
    cohort.refresh_from_db()
    return cohort, enrolments


def register(cohort, marks_per_session):
    trainer = cohort.trainers.get()
    for session, marks in zip(cohort.ordered_sessions, marks_per_session, strict=True):
        record_attendance(
            session=session,
            by=trainer,
            marks={pk: Mark(status) for pk, status in marks.items()},
            now=moment(session.date, 17),
        )


def test_closing_sets_completed_no_show_and_leaves_the_unclear_ones():
    cohort, (full, absent, partly, missing, *_rest) = two_session_cohort()
    P, A, H = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT, AttendanceStatus.PARTLY
    register(
        cohort,
        [
            {full.pk: P, absent.pk: A, partly.pk: P, missing.pk: P},
            {full.pk: P, absent.pk: A, partly.pk: H},
        ],
    )
    after = cohort.ends_at + timedelta(hours=1)

    close_cohort(cohort=cohort, by=cohort.trainers.get(), now=after)

    for enrolment in (full, absent, partly, missing):
        enrolment.refresh_from_db()
    assert full.status == EnrolmentStatus.COMPLETED
    assert absent.status == EnrolmentStatus.NO_SHOW
    assert partly.status == EnrolmentStatus.ENROLLED
    assert missing.status == EnrolmentStatus.ENROLLED
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.COMPLETED

    decide_completion(enrolment=partly, by=cohort.trainers.get(), outcome="completed")
    partly.refresh_from_db()
    assert partly.status == EnrolmentStatus.COMPLETED


def test_closing_before_the_last_session_is_refused():
    cohort, _enrolments = two_session_cohort()

    with pytest.raises(CohortError, match="als het laatste dagdeel voorbij is"):
        close_cohort(
            cohort=cohort, by=cohort.trainers.get(), now=moment(cohort.first_session.date, 18)
        )

    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.CONFIRMED


def test_a_planned_cohort_must_be_decided_before_closing():
    cohort = make_cohort(starts_in_days=2)
    fill(cohort, 2)

    with pytest.raises(
        CohortError,
        match="Besluit eerst of deze uitvoering doorgaat en sluit de uitvoering na het laatste",
    ):
        close_cohort(cohort=cohort, by=cohort.trainers.get(), now=cohort.ends_at + timedelta(1))


def test_waiting_list_lapses_when_the_cohort_closes():
    cohort = make_cohort(starts_in_days=2, min_participants=1, max_participants=1)
    _seat, waiting = fill(cohort, 2)

    close_cohort(cohort=cohort, by=cohort.trainers.get(), now=cohort.ends_at + timedelta(1))

    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.CANCELLED
