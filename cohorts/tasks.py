"""Background work for cohorts: emails and the periodic jobs. Tasks take primary keys."""

from datetime import datetime, timedelta

from django.tasks import task
from django.utils import timezone

from cohorts import emails
from cohorts.models import (
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    NotificationKind,
    SentNotification,
)
from cohorts.services.enrolment import expire_offers

REMINDER_DAYS_BEFORE_START = 3


@task
def send_enrolment_email(enrolment_id: int, kind: str) -> bool:
    return emails.send_enrolment_email(enrolment_id=enrolment_id, kind=kind)


@task
def expire_offers_task() -> int:
    return expire_offers()


def enrolments_due_a_reminder(*, now: datetime | None = None) -> list[Enrolment]:
    """Enrolled participants whose cohort starts within the reminder window and who have not
    had a reminder yet."""
    now = now or timezone.now()
    horizon = now + timedelta(days=REMINDER_DAYS_BEFORE_START)
    starting = Cohort.objects.filter(
        status__in=[CohortStatus.PLANNED, CohortStatus.CONFIRMED],
        first_start__gt=now,
        first_start__lte=horizon,
    ).values("pk")
    already = SentNotification.objects.filter(kind=NotificationKind.REMINDER).values("enrolment_id")
    return list(
        Enrolment.objects.filter(cohort_id__in=starting, status=EnrolmentStatus.ENROLLED).exclude(
            pk__in=already
        )
    )


def send_due_reminders(*, now: datetime | None = None) -> int:
    due = enrolments_due_a_reminder(now=now)
    for enrolment in due:
        send_enrolment_email.enqueue(enrolment.pk, NotificationKind.REMINDER)
    return len(due)


@task
def send_reminders_task() -> int:
    return send_due_reminders()


@task
def send_announcement(entry_id: int, enrolment_id: int) -> bool:
    return emails.send_announcement(entry_id=entry_id, enrolment_id=enrolment_id)


@task
def send_invitation(entry_id: int, enrolment_id: int) -> bool:
    return emails.send_invitation(entry_id=entry_id, enrolment_id=enrolment_id)


@task
def send_go_no_go_task() -> int:
    from cohorts.services.group import send_go_no_go_emails

    return send_go_no_go_emails()
