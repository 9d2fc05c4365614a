"""schedule_cohort(): defaults from the course, and bad input refused with nothing written."""

from datetime import time, timedelta

import pytest

from cohorts.models import Cohort, CohortKind, Session
from cohorts.services.lifecycle import CohortError, SessionPlan
from cohorts.services.planning import move_session
from courses.models import CourseFormat
from tests.cohorts.factories import days_ahead, make_cohort, make_trainer, study_day
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


def test_group_size_defaults_from_the_course():
    cohort = make_cohort(course=make_course(min_participants=6, max_participants=10))

    assert (cohort.min_participants, cohort.max_participants) == (6, 10)


def test_leergang_has_several_sessions_in_order():
    later, earlier = days_ahead(40), days_ahead(30)

    cohort = make_cohort(
        course=make_course(format=CourseFormat.LEERGANG),
        sessions=[study_day(later), study_day(earlier)],
    )

    assert [s.date for s in cohort.ordered_sessions] == [earlier, later]
    assert cohort.go_no_go_date == earlier - timedelta(days=10)


def test_in_company_cohort_gets_a_secret_token():
    cohort = make_cohort(kind=CohortKind.IN_COMPANY, municipality="Gemeente Zwolle")

    assert len(cohort.invitation_token) >= 24


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_participants": 6, "max_participants": 5}, "is hoger dan het maximum"),
        ({"min_participants": 0, "max_participants": 5}, "minstens 1 deelnemer"),
        ({"max_participants": 12}, "hoogstens 8 deelnemers"),
        ({"sessions": [study_day(days_ahead(-1))]}, "ligt in het verleden"),
        (
            {"sessions": [study_day(days_ahead(5), time(12), time(11))]},
            "eindigt voordat het begint",
        ),
        (
            {
                "sessions": [
                    study_day(days_ahead(5), time(9), time(12)),
                    study_day(days_ahead(5), time(11), time(14)),
                ]
            },
            "overlap",
        ),
        ({"go_no_go_date": days_ahead(40)}, "go/no-go-datum"),
    ],
)
def test_bad_plans_are_refused_and_nothing_is_written(kwargs, message):
    course = make_course()
    before = Cohort.objects.count()

    with pytest.raises(CohortError, match=message):
        make_cohort(course=course, **kwargs)

    assert Cohort.objects.count() == before
    assert not Session.objects.exists()


def test_e_learning_has_no_cohorts():
    with pytest.raises(
        CohortError,
        match=r"E\-learning heeft geen uitvoeringen; deelnemers beginnen wanneer ze willen",
    ):
        make_cohort(course=make_course(format=CourseFormat.E_LEARNING, dagdelen=None))


def test_database_refuses_session_ending_before_start():
    from django.db import IntegrityError, transaction

    cohort = make_cohort()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            cohort=cohort, date=days_ahead(3), start_time=time(12), end_time=time(10)
        )


def test_rescheduling_raises_the_calendar_sequence():
    cohort = make_cohort()
    session = cohort.first_session

    move_session(
        session=session,
        by=cohort.trainers.get(),
        date=days_ahead(31),
        start_time=time(10),
        end_time=time(16),
    )

    session.refresh_from_db()
    assert (session.date, session.sequence) == (days_ahead(31), 1)


def test_rescheduling_by_another_trainer_is_refused():
    cohort = make_cohort()

    with pytest.raises(CohortError):
        move_session(
            session=cohort.first_session,
            by=make_trainer(),
            date=days_ahead(31),
            start_time=time(10),
            end_time=time(16),
        )
    assert cohort.first_session.sequence == 0


def test_session_plan_helper():
    plan = SessionPlan(date=days_ahead(3), start_time=time(9), end_time=time(12))
    assert plan.starts_at.hour == 9
