"""The emails about enrolments: rendered in Dutch, each kind sent at most once per enrolment."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cohorts.models import (
    Enrolment,
    EnrolmentStatus,
    NotificationKind,
    SentNotification,
)
from leerkring.site_url import absolute_url

# Some messages only make sense while the enrolment is still in a given state, e.g. an offer
# that was accepted or expired before the worker got to it must not be sent any more.
STILL_RELEVANT = {
    NotificationKind.ENROLLED: {EnrolmentStatus.ENROLLED},
    NotificationKind.WAITLISTED: {EnrolmentStatus.WAITLISTED},
    NotificationKind.OFFERED: {EnrolmentStatus.OFFERED},
    NotificationKind.CONFIRMED: {EnrolmentStatus.ENROLLED},
    NotificationKind.COHORT_CANCELLED: {EnrolmentStatus.CANCELLED},
    NotificationKind.REMINDER: {EnrolmentStatus.ENROLLED},
    NotificationKind.EVALUATION: {EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED},
}
WITH_CALENDAR = {NotificationKind.ENROLLED, NotificationKind.CONFIRMED, NotificationKind.REMINDER}


def absolute(path: str) -> str:
    # The address the visitor used while a request is served, else BASE_URL.
    return absolute_url(path)


def _context(enrolment: Enrolment) -> dict:
    cohort = enrolment.cohort
    last_change = enrolment.history.order_by("-changed_at", "-pk").first()
    return {
        "enrolment": enrolment,
        "participant": enrolment.participant,
        "cohort": cohort,
        "course": cohort.course,
        "sessions": cohort.ordered_sessions,
        "previous_status": last_change.from_status if last_change else "",
        "reason": last_change.reason if last_change else "",
        "my_url": absolute(reverse("cohorts:enrolment_detail", args=[enrolment.pk])),
        "accept_url": absolute(reverse("cohorts:offer_accept", args=[enrolment.pk])),
        "intake_url": absolute(reverse("cohorts:intake", args=[enrolment.pk])),
        "evaluation_url": absolute(reverse("cohorts:evaluation", args=[enrolment.pk])),
        "contact_email": settings.CONTACT_EMAIL,
    }


def render_enrolment_email(enrolment: Enrolment, kind: str) -> EmailMessage:
    context = _context(enrolment)
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/cohorts/{kind}_subject.txt", context).strip()
        body = render_to_string(f"emails/cohorts/{kind}.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[enrolment.participant.email])
    if kind in WITH_CALENDAR:
        from cohorts.calendar import enrolment_calendar

        message.attach("leerkring.ics", enrolment_calendar(enrolment), "text/calendar")
    return message


def send_enrolment_email(*, enrolment_id: int, kind: str) -> bool:
    """Send once: the SentNotification row is claimed in the same transaction as the send,
    so a failed send can be retried and a repeated task sends nothing."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_related("participant", "cohort__course")
            .prefetch_related("cohort__sessions")
            .get(pk=enrolment_id)
        )
        if enrolment.status not in STILL_RELEVANT[kind]:
            return False
        _sent, created = SentNotification.objects.get_or_create(enrolment=enrolment, kind=kind)
        if not created:
            return False
        render_enrolment_email(enrolment, kind).send()
    return True
