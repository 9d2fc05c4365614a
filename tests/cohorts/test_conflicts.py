"""Conflicts: a trainer in two places, a room twice booked; warn, refuse, or accept with a
reason (planners only)."""

from datetime import date, time

import pytest

from accounts.roles import EDITOR
from cohorts.models import Cohort, LogKind
from cohorts.services.conflicts import PlannedSession, find_conflicts
from cohorts.services.planning import (
    CohortDetails,
    ConflictError,
    cancel_session,
    create_cohort,
)
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import days_ahead, make_cohort, make_trainer, study_day
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    return days_ahead(45)


def plan(on, start, end, place=""):
    return PlannedSession(on, start, end, place=place)


def test_a_trainer_cannot_teach_two_overlapping_sessions(day):
    trainer = make_trainer()
    make_cohort(trainer=trainer, sessions=[study_day(day, time(9), time(12))])

    conflicts = find_conflicts(
        planned=[plan(day, time(11), time(13), "Elders")], trainers=[trainer]
    )

    assert [c.kind for c in conflicts] == ["trainer"]
    assert "Tineke" in conflicts[0].message


def test_back_to_back_in_the_same_place_is_fine(day, settings):
    settings.LEERKRING_TRAVEL_BUFFER_MINUTES = 30
    trainer = make_trainer()
    make_cohort(trainer=trainer, sessions=[study_day(day, time(9), time(12))], location="Zaal 1")

    assert (
        find_conflicts(planned=[plan(day, time(12), time(15), "Zaal 1")], trainers=[trainer]) == []
    )


def test_back_to_back_elsewhere_needs_the_travel_buffer(day, settings):
    trainer = make_trainer()
    make_cohort(trainer=trainer, sessions=[study_day(day, time(9), time(12))], location="Utrecht")
    elsewhere = [plan(day, time(12, 15), time(15), "Amersfoort")]

    settings.LEERKRING_TRAVEL_BUFFER_MINUTES = 30
    assert [c.kind for c in find_conflicts(planned=elsewhere, trainers=[trainer])] == ["trainer"]
    settings.LEERKRING_TRAVEL_BUFFER_MINUTES = 0
    assert find_conflicts(planned=elsewhere, trainers=[trainer]) == []


def test_a_room_cannot_hold_two_groups_at_once(day):
    make_cohort(sessions=[study_day(day, time(9), time(12))], location="Stadhuis, Zaal 2")

    conflicts = find_conflicts(
        planned=[plan(day, time(10), time(11), "  stadhuis,  zaal 2 ")], trainers=[make_trainer()]
    )

    assert [c.kind for c in conflicts] == ["room"]
    assert "Stadhuis, Zaal 2" in conflicts[0].message


def test_online_sessions_never_clash_on_a_room(day):
    make_cohort(sessions=[study_day(day, time(9), time(12))], location="")
    assert (
        find_conflicts(planned=[plan(day, time(9), time(12), "")], trainers=[make_trainer()]) == []
    )


def test_cancelled_sessions_and_cancelled_cohorts_do_not_conflict(day):
    from cohorts.services.lifecycle import cancel_cohort

    trainer = make_trainer()
    cohort = make_cohort(
        trainer=trainer,
        course=make_course(format="leergang"),
        sessions=[study_day(day, time(9), time(12)), study_day(days_ahead(52))],
    )
    cancel_session(session=cohort.ordered_sessions[0], by=trainer, reason="Zaal onbruikbaar")
    assert find_conflicts(planned=[plan(day, time(9), time(12))], trainers=[trainer]) == []

    other = make_cohort(trainer=trainer, sessions=[study_day(days_ahead(60))])
    cancel_cohort(cohort=other, by=trainer, reason="Te weinig deelnemers")
    assert (
        find_conflicts(planned=[plan(days_ahead(60), time(10), time(11))], trainers=[trainer]) == []
    )


def test_a_day_with_a_clock_change_compares_real_times(settings):
    # 28 March 2027: the clocks go forward in Amsterdam. Back-to-back stays back-to-back and a
    # real overlap is still found, however the offsets change that night.
    settings.LEERKRING_TRAVEL_BUFFER_MINUTES = 0
    dst = date(2027, 3, 28)
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, sessions=[study_day(days_ahead(30))])
    cohort.sessions.update(date=dst, start_time=time(1), end_time=time(4))  # across 02:00→03:00

    assert find_conflicts(planned=[plan(dst, time(4), time(6))], trainers=[trainer]) == []
    assert [
        c.kind for c in find_conflicts(planned=[plan(dst, time(3), time(5))], trainers=[trainer])
    ] == ["trainer"]


def test_late_evening_plus_buffer_reaches_past_midnight(day, settings):
    settings.LEERKRING_TRAVEL_BUFFER_MINUTES = 60
    trainer = make_trainer()
    make_cohort(trainer=trainer, sessions=[study_day(day, time(19), time(23, 30))], location="A")
    next_day = date.fromordinal(day.toordinal() + 1)
    assert find_conflicts(planned=[plan(next_day, time(0, 15), time(2), "B")], trainers=[trainer])


def test_planning_refuses_a_conflict_for_a_trainer_and_saves_nothing(day):
    trainer = make_trainer()
    make_cohort(trainer=trainer, sessions=[study_day(day, time(9), time(12))])
    before = Cohort.objects.count()

    with pytest.raises(ConflictError) as error:
        create_cohort(
            by=trainer,
            course=make_course(),
            details=CohortDetails(title="Dubbel"),
            sessions=[study_day(day, time(10), time(13))],
            override_reason="Ik kan dit echt.",
        )

    assert error.value.can_override is False and error.value.field is None
    assert Cohort.objects.count() == before


def test_a_planner_accepts_a_conflict_with_a_reason_kept_in_the_history(day):
    trainer = make_trainer()
    planner = UserFactory(roles=[EDITOR])
    make_cohort(trainer=trainer, sessions=[study_day(day, time(9), time(12))])
    details = CohortDetails(title="Dubbel", trainers=[trainer])
    sessions = [study_day(day, time(10), time(13))]

    with pytest.raises(ConflictError) as error:
        create_cohort(by=planner, course=make_course(), details=details, sessions=sessions)
    assert error.value.can_override and error.value.field == "override_reason"

    cohort = create_cohort(
        by=planner,
        course=make_course(),
        details=details,
        sessions=sessions,
        override_reason="Co-trainer neemt het eerste uur over.",
    )
    entry = cohort.log_entries.get(kind=LogKind.CONFLICT_OVERRIDDEN)
    assert entry.reason == "Co-trainer neemt het eerste uur over."
    assert entry.by == planner
    assert "Tineke" in entry.text
