"""The attendance register, kept by the cohort's own trainer on the day."""

from datetime import timedelta

import pytest

from cohorts.models import Attendance, AttendanceStatus
from cohorts.services.attendance import AttendanceError, Mark, record_attendance
from tests.cohorts.factories import fill, make_cohort, make_trainer, moment

pytestmark = pytest.mark.django_db


def confirmed_cohort(count: int = 5):
    cohort = make_cohort(starts_in_days=2)
    enrolments = fill(cohort, count)
    cohort.refresh_from_db()
    return cohort, enrolments


def test_trainer_records_attendance_on_the_day_and_can_correct_it():
    cohort, enrolments = confirmed_cohort()
    session = cohort.first_session
    on_the_day = moment(session.date, 17)
    trainer = cohort.trainers.get()

    record_attendance(
        session=session,
        by=trainer,
        marks={enrolments[0].pk: Mark(AttendanceStatus.PRESENT)},
        now=on_the_day,
    )
    record_attendance(
        session=session,
        by=trainer,
        marks={enrolments[0].pk: Mark(AttendanceStatus.PARTLY, "Na de lunch weg")},
        now=on_the_day,
    )

    mark = Attendance.objects.get()
    assert (mark.status, mark.note, mark.recorded_by) == ("partly", "Na de lunch weg", trainer)


def test_register_for_a_future_session_is_refused():
    cohort, enrolments = confirmed_cohort()
    session = cohort.first_session

    with pytest.raises(
        AttendanceError,
        match="Dit dagdeel heeft nog niet plaatsgevonden",
    ):
        record_attendance(
            session=session,
            by=cohort.trainers.get(),
            marks={enrolments[0].pk: Mark(AttendanceStatus.PRESENT)},
            now=moment(session.date - timedelta(days=1)),
        )
    assert not Attendance.objects.exists()


def test_another_trainer_cannot_keep_the_register():
    cohort, enrolments = confirmed_cohort()

    with pytest.raises(AttendanceError, match="Alleen een trainer van deze uitvoering"):
        record_attendance(
            session=cohort.first_session,
            by=make_trainer(),
            marks={enrolments[0].pk: Mark(AttendanceStatus.PRESENT)},
            now=moment(cohort.first_session.date, 17),
        )
    assert not Attendance.objects.exists()


def test_enrolment_of_another_cohort_is_refused():
    cohort, _enrolments = confirmed_cohort()
    stranger = fill(make_cohort(), 1)[0]

    with pytest.raises(
        AttendanceError,
        match="Iemand in deze lijst is geen deelnemer van deze uitvoering",
    ):
        record_attendance(
            session=cohort.first_session,
            by=cohort.trainers.get(),
            marks={stranger.pk: Mark(AttendanceStatus.PRESENT)},
            now=moment(cohort.first_session.date, 17),
        )
    assert not Attendance.objects.exists()


def test_unknown_mark_is_refused():
    cohort, enrolments = confirmed_cohort()

    with pytest.raises(
        AttendanceError, match="Kies per deelnemer aanwezig, deels aanwezig of afwezig"
    ):
        record_attendance(
            session=cohort.first_session,
            by=cohort.trainers.get(),
            marks={enrolments[0].pk: Mark("maybe")},
            now=moment(cohort.first_session.date, 17),
        )
