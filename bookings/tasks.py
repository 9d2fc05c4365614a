"""Emails about bookings. Tasks take primary keys and send each message once."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from bookings.models import BookingRequest, Quote
from leerkring.site_url import absolute_url as _absolute


def _mail(*, template: str, to: str, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/bookings/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/bookings/{template}.txt", context)
    send_mail(subject, body, None, [to])


@task
def send_request_received(request_id: int) -> None:
    claimed = BookingRequest.objects.filter(
        pk=request_id, confirmation_sent_at__isnull=True
    ).update(confirmation_sent_at=timezone.now())
    if not claimed:
        return
    request = BookingRequest.objects.select_related("course").get(pk=request_id)
    _mail(
        template="request_received",
        to=request.contact_email,
        context={
            "request": request,
            "url": _absolute(reverse("bookings:detail", args=[request.public_id])),
        },
    )


@task
def send_quote_sent(quote_id: int) -> None:
    claimed = Quote.objects.filter(pk=quote_id, notified_at__isnull=True).update(
        notified_at=timezone.now()
    )
    if not claimed:
        return
    quote = Quote.objects.select_related("request__course").get(pk=quote_id)
    _mail(
        template="quote_sent",
        to=quote.request.contact_email,
        context={
            "quote": quote,
            "request": quote.request,
            "url": _absolute(reverse("bookings:detail", args=[quote.request.public_id])),
        },
    )
