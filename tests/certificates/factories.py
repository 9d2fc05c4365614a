"""Completed cohorts and enrolments for certificate tests.

Rows are written directly (the cohort services have their own tests): a finished study day
with its sessions in the past, a trainer, and participants in the status a test needs.
"""

from datetime import date, time, timedelta

from django.utils import timezone

from accounts.roles import TRAINER
from cohorts.models import Cohort, CohortKind, CohortStatus, Enrolment, EnrolmentStatus, Session
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course


def make_trainer(**kwargs):
    kwargs.setdefault("first_name", "Tineke")
    kwargs.setdefault("last_name", "Visser")
    return UserFactory(roles=[TRAINER], **kwargs)


def make_completed_cohort(
    *, trainer=None, course=None, days: int = 1, kind: str = CohortKind.OPEN, **fields
) -> Cohort:
    course = course or make_course(title="Besluiten met consent")
    trainer = trainer or make_trainer()
    fields.setdefault("title", "Utrecht, najaar")
    fields.setdefault("location", "Stadhuis Utrecht")
    if kind == CohortKind.IN_COMPANY:
        fields.setdefault("invitation_token", f"token-{course.pk}-{fields['title']}")
    cohort = Cohort.objects.create(
        course=course, kind=kind, status=CohortStatus.COMPLETED, **fields
    )
    cohort.trainers.add(trainer)
    first = timezone.localdate() - timedelta(days=30)
    for n in range(days):
        Session.objects.create(
            cohort=cohort,
            date=first + timedelta(days=14 * n),
            start_time=time(9, 30),
            end_time=time(16, 30),
        )
    return cohort


def enrol_participant(cohort: Cohort, *, status=EnrolmentStatus.COMPLETED, **user_fields):
    participant = UserFactory(**user_fields)
    return Enrolment.objects.create(cohort=cohort, participant=participant, status=status)


def session_dates(cohort: Cohort) -> list[date]:
    return sorted(cohort.sessions.values_list("date", flat=True))
