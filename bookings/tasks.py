"""Emails about bookings. Tasks take primary keys and send each message once."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from bookings.models import BookingRequest, Quote
from leerkring.site_url import absolute_url as _absolute


def recipients(request: BookingRequest) -> list[str]:
    """Who gets mail about a request: the account that made it and every invited contact
    who accepted, each only at an address verified as theirs. Never the free-text
    contact_email of the form: anyone could type a stranger's address there."""
    users = [request.contact_id]
    users += request.contact_invitations.filter(
        accepted_at__isnull=False, user__isnull=False
    ).values_list("user_id", flat=True)
    verified = EmailAddress.objects.filter(user_id__in=users, verified=True).select_related("user")
    return sorted({address.email for address in verified if address.email == address.user.email})


def _mail(*, template: str, request: BookingRequest, context: dict) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/bookings/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/bookings/{template}.txt", context)
    for address in recipients(request):
        send_mail(subject, body, None, [address])


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
        request=request,
        context={
            "request": request,
            "url": _absolute(reverse("bookings:detail", args=[request.public_id])),
            # Links the requester passes on; the invited person is never mailed by us.
            "invitations": [
                (
                    invitation.email,
                    _absolute(reverse("bookings:invitation", args=[invitation.token])),
                )
                for invitation in request.contact_invitations.filter(accepted_at__isnull=True)
            ],
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
        request=quote.request,
        context={
            "quote": quote,
            "request": quote.request,
            "url": _absolute(reverse("bookings:detail", args=[quote.request.public_id])),
        },
    )
