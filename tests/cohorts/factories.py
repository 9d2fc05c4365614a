"""Helpers that build cohorts, sessions and enrolments for tests (through the services)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accounts.roles import TRAINER
from cohorts.models import Cohort, CohortKind, Enrolment
from cohorts.services.enrolment import enrol
from cohorts.services.lifecycle import SessionPlan, schedule_cohort
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course


def make_trainer(**kwargs):
    return UserFactory(roles=[TRAINER], first_name="Tineke", **kwargs)


def make_participant(**kwargs):
    return UserFactory(**kwargs)


def days_ahead(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def study_day(on: date, start: time = time(9, 30), end: time = time(16, 30)) -> SessionPlan:
    return SessionPlan(date=on, start_time=start, end_time=end)


def make_cohort(
    *,
    course=None,
    trainer=None,
    starts_in_days: int = 30,
    sessions: list[SessionPlan] | None = None,
    kind: str = CohortKind.OPEN,
    **kwargs,
) -> Cohort:
    """A planned open study day 30 days ahead (5–8 participants), trained by `trainer`."""
    course = course or make_course()
    trainer = trainer or make_trainer()
    kwargs.setdefault("title", "Utrecht")
    kwargs.setdefault("location", "Stadhuis Utrecht")
    return schedule_cohort(
        course=course,
        sessions=sessions or [study_day(days_ahead(starts_in_days))],
        kind=kind,
        trainers=[trainer],
        by=trainer,
        **kwargs,
    )


def fill(cohort: Cohort, count: int) -> list[Enrolment]:
    """`count` new participants enrol (some may land on the waiting list)."""
    return [enrol(cohort=cohort, participant=make_participant()) for _ in range(count)]


def moment(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())
