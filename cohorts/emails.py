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


# --- announcements: a changed plan, or a message to the group ---------------------------------


def render_announcement(entry, enrolment: Enrolment) -> EmailMessage:
    from cohorts.calendar import enrolment_calendar, session_calendar
    from cohorts.models import LogKind

    context = _context(enrolment) | {"entry": entry, "session": entry.session}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/cohorts/announcement_subject.txt", context).strip()
        body = render_to_string("emails/cohorts/announcement.txt", context)
    message = EmailMessage(subject=subject, body=body, to=[enrolment.participant.email])
    if entry.session is not None:
        message.attach("leerkring.ics", session_calendar(entry.session), "text/calendar")
    elif entry.kind == LogKind.EDITED:
        message.attach("leerkring.ics", enrolment_calendar(enrolment), "text/calendar")
    return message


def send_announcement(*, entry_id: int, enrolment_id: int) -> bool:
    """Once per entry and participant (a Delivery row), and only while still enrolled."""
    from cohorts.models import CohortLogEntry, Delivery

    with transaction.atomic():
        entry = CohortLogEntry.objects.select_related("session__cohort__course").get(pk=entry_id)
        enrolment = (
            Enrolment.objects.select_related("participant", "cohort__course")
            .prefetch_related("cohort__sessions")
            .get(pk=enrolment_id)
        )
        if enrolment.cohort_id != entry.cohort_id:
            return False
        allowed = {EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED}
        if entry.kind == "message":  # a message may go to the waiting list, too
            allowed = set(EnrolmentStatus.values) - {EnrolmentStatus.CANCELLED}
        if enrolment.status not in allowed:
            return False
        _sent, created = Delivery.objects.get_or_create(entry=entry, enrolment=enrolment)
        if not created:
            return False
        render_announcement(entry, enrolment).send()
    return True


def send_invitation(*, entry_id: int, enrolment_id: int) -> bool:
    """A person a trainer enrolled who had no account: how to log in and where to look."""
    from cohorts.models import CohortLogEntry, Delivery

    with transaction.atomic():
        entry = CohortLogEntry.objects.select_related("by").get(pk=entry_id)
        enrolment = Enrolment.objects.select_related("participant", "cohort__course").get(
            pk=enrolment_id
        )
        _sent, created = Delivery.objects.get_or_create(entry=entry, enrolment=enrolment)
        if not created:
            return False
        context = _context(enrolment) | {
            "entry": entry,
            "trainer": entry.by,
            "password_url": absolute(reverse("account_reset_password")),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("emails/cohorts/invitation_subject.txt", context).strip()
            body = render_to_string("emails/cohorts/invitation.txt", context)
        EmailMessage(subject=subject, body=body, to=[enrolment.participant.email]).send()
    return True


def go_no_go_recipients(cohort) -> list[tuple[str, str]]:
    """(email, link) per person: the trainers, and an in-company cohort's contact."""
    link = absolute(reverse("cohorts:trainer_cohort", args=[cohort.pk]))
    recipients = [(trainer.email, link) for trainer in cohort.trainers.all()]
    booking = getattr(cohort, "booking_request", None) if cohort.is_in_company else None
    if booking is not None and booking.contact_id:
        recipients.append(
            (booking.contact.email, absolute(reverse("bookings:detail", args=[booking.public_id])))
        )
    return recipients


def send_go_no_go_email(cohort) -> int:
    """The numbers and a link to decide, to each recipient (called once per cohort)."""
    from cohorts.rules import go_no_go_state

    enrolled = cohort.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    waiting = cohort.enrolments.filter(status=EnrolmentStatus.WAITLISTED).count()
    context = {
        "cohort": cohort,
        "course": cohort.course,
        "enrolled": enrolled,
        "waiting": waiting,
        "state": go_no_go_state(cohort, enrolled=enrolled),
        "contact_email": settings.CONTACT_EMAIL,
    }
    sent = 0
    for email, link in go_no_go_recipients(cohort):
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string(
                "emails/cohorts/go_no_go_subject.txt", context | {"link": link}
            ).strip()
            body = render_to_string("emails/cohorts/go_no_go.txt", context | {"link": link})
        EmailMessage(subject=subject, body=body, to=[email]).send()
        sent += 1
    return sent
