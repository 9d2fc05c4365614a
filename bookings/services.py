"""Every state change of an in-company booking, with its rules. Views call these only."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import MUNICIPAL_CONTACT, assign_role
from bookings.errors import BookingError
from bookings.models import (
    BookingMessage,
    BookingRequest,
    BookingStatus,
    BookingStatusChange,
    ContactInvitation,
    PreferredDate,
    Quote,
    QuoteLine,
    QuoteStatus,
)
from leerkring.notifications import notifications_enabled

QUOTE_VALID_DAYS = 30


@dataclass(frozen=True)
class RequestDetails:
    organisation: str
    contact_name: str
    contact_email: str
    participant_count: int
    location: str
    learning_goals: str
    invoice_address: str
    department: str = ""
    contact_role: str = ""
    contact_phone: str = ""
    current_situation: str = ""
    accessibility_needs: str = ""
    purchase_order: str = ""


@dataclass(frozen=True)
class LineInput:
    description: str
    unit_price: Decimal
    vat_category: str
    quantity: Decimal = Decimal("1")


def _log(request: BookingRequest, *, to: str, actor, note: str = "", source: str | None = None):
    BookingStatusChange.objects.create(
        request=request,
        from_status=request.status if source is None else source,
        to_status=to,
        actor=actor,
        note=note,
    )


def _transition(
    request: BookingRequest, *, to: str, actor, note: str = "", also_save: Sequence[str] = ()
) -> None:
    source = request.status
    request.status = to
    request.save(update_fields=["status", "updated_at", *also_save])
    _log(request, to=to, actor=actor, note=note, source=source)


def _locked(request: BookingRequest) -> BookingRequest:
    """Re-read the request under a row lock, so two clicks cannot both change it."""
    return BookingRequest.objects.select_for_update().get(pk=request.pk)


@transaction.atomic
def submit_request(
    *,
    course,
    contact,
    details: RequestDetails,
    preferred_dates: Sequence[tuple[datetime.date, str]],
    audiences: Iterable = (),
) -> BookingRequest:
    if not course.in_company:
        raise BookingError(_("This course cannot be booked in-company. Choose another course."))
    low, high = course.min_participants, course.max_participants
    if not low <= details.participant_count <= high:
        raise BookingError(
            _("For this course the group has %(min)s to %(max)s participants; adjust the number.")
            % {"min": low, "max": high}
        )
    if not 1 <= len(preferred_dates) <= 3:
        raise BookingError(_("Give one to three preferred dates."))
    today = timezone.localdate()
    if any(day <= today for day, _part in preferred_dates):
        raise BookingError(_("Preferred dates must lie in the future; choose a later date."))

    request = BookingRequest.objects.create(course=course, contact=contact, **details.__dict__)
    request.audiences.set(audiences)
    PreferredDate.objects.bulk_create(
        PreferredDate(request=request, date=day, part_of_day=part)
        for day, part in sorted(set(preferred_dates))
    )
    _log(request, to=BookingStatus.REQUESTED, actor=contact, source="")
    assign_role(contact, MUNICIPAL_CONTACT)
    if details.contact_email.strip().lower() != contact.email.lower():
        # Someone else's address: invited through the requester, never mailed by us.
        ContactInvitation.objects.create(request=request, email=details.contact_email.strip())
    from bookings.tasks import send_request_received

    if notifications_enabled():
        transaction.on_commit(lambda: send_request_received.enqueue(request.pk))
    return request


def _next_version(request: BookingRequest) -> int:
    latest = request.quotes.order_by("-version").values_list("version", flat=True).first()
    return (latest or 0) + 1


def _check_lines(lines: Sequence[LineInput]) -> None:
    if not lines:
        raise BookingError(_("A quote needs at least one line."))
    for line in lines:
        if line.unit_price < 0:
            raise BookingError(
                _("“%(line)s” has a negative amount; enter an amount of 0 or more.")
                % {"line": line.description}
            )
        if line.quantity <= 0:
            raise BookingError(
                _("“%(line)s” needs a quantity above 0.") % {"line": line.description}
            )


@transaction.atomic
def save_quote_draft(
    *,
    request: BookingRequest,
    by,
    lines: Sequence[LineInput],
    valid_until: datetime.date,
    includes: str,
    excludes: str,
    purchase_order: str = "",
    vat_compensation_note: bool = True,
) -> Quote:
    """Create or replace the draft quote. A sent quote is never edited: see `revise_quote`."""
    request = _locked(request)
    if request.status not in (BookingStatus.REQUESTED, BookingStatus.QUOTED):
        raise BookingError(_("A quote can only be drafted for an open request."))
    _check_lines(lines)
    if valid_until <= timezone.localdate():
        raise BookingError(_("The quote must be valid until a date in the future."))
    quote = request.quotes.filter(status=QuoteStatus.DRAFT).first()
    fields = {
        "valid_until": valid_until,
        "includes": includes,
        "excludes": excludes,
        "purchase_order": purchase_order or request.purchase_order,
        "vat_compensation_note": vat_compensation_note,
    }
    if quote is None:
        quote = Quote.objects.create(
            request=request, version=_next_version(request), created_by=by, **fields
        )
    else:
        Quote.objects.filter(pk=quote.pk).update(**fields)
        quote.refresh_from_db()
        quote.lines.all().delete()  # lines of a draft that was never sent
    QuoteLine.objects.bulk_create(
        QuoteLine(
            quote=quote,
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            vat_category=line.vat_category,
            sort_order=index,
        )
        for index, line in enumerate(lines)
    )
    return quote


@transaction.atomic
def send_quote(*, quote: Quote, by) -> Quote:
    request = _locked(quote.request)
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status != QuoteStatus.DRAFT:
        raise BookingError(_("This quote has already been sent; make a new version to change it."))
    if not quote.lines.exists():
        raise BookingError(_("A quote needs at least one line."))
    # An earlier sent version stops counting the moment a newer one goes out.
    request.quotes.filter(status=QuoteStatus.SENT).update(status=QuoteStatus.SUPERSEDED)
    quote.status = QuoteStatus.SENT
    quote.sent_at = timezone.now()
    quote.save(update_fields=["status", "sent_at"])
    if request.status == BookingStatus.REQUESTED:
        _transition(
            request,
            to=BookingStatus.QUOTED,
            actor=by,
            note=_("Quote version %(version)s sent.") % {"version": quote.version},
        )
    else:
        _log(
            request,
            to=request.status,
            actor=by,
            note=_("Quote version %(version)s sent.") % {"version": quote.version},
        )
    from bookings.tasks import send_quote_sent

    if notifications_enabled():
        transaction.on_commit(lambda: send_quote_sent.enqueue(quote.pk))
    return quote


@transaction.atomic
def revise_quote(*, quote: Quote, by) -> Quote:
    """A new draft version with the same lines, to change what was sent."""
    request = _locked(quote.request)
    if request.status not in (BookingStatus.REQUESTED, BookingStatus.QUOTED):
        raise BookingError(_("A quote can only be changed while the request is open."))
    if request.quotes.filter(status=QuoteStatus.DRAFT).exists():
        raise BookingError(_("There is already a draft version; change that one."))
    draft = Quote.objects.create(
        request=request,
        version=_next_version(request),
        created_by=by,
        valid_until=max(quote.valid_until, timezone.localdate() + datetime.timedelta(days=1)),
        includes=quote.includes,
        excludes=quote.excludes,
        purchase_order=quote.purchase_order,
        vat_compensation_note=quote.vat_compensation_note,
    )
    QuoteLine.objects.bulk_create(
        QuoteLine(
            quote=draft,
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            vat_category=line.vat_category,
            sort_order=line.sort_order,
        )
        for line in quote.lines.all()
    )
    return draft


def _answerable_quote(quote: Quote, request: BookingRequest) -> Quote:
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status == QuoteStatus.ACCEPTED:
        raise BookingError(_("You have already accepted this quote."))
    if quote.status == QuoteStatus.SUPERSEDED:
        raise BookingError(
            _("There is a newer version of this quote; look at that version and answer there.")
        )
    if quote.status == QuoteStatus.EXPIRED or (
        quote.status == QuoteStatus.SENT and quote.valid_until < timezone.localdate()
    ):
        raise BookingError(
            _("This quote expired on %(date)s. Send us a message to ask for a new quote.")
            % {"date": quote.valid_until.strftime("%d-%m-%Y")}
        )
    if quote.status != QuoteStatus.SENT or request.status != BookingStatus.QUOTED:
        raise BookingError(_("This quote cannot be answered (any more)."))
    return quote


@transaction.atomic
def accept_quote(*, quote: Quote, by, signed_name: str, authorised: bool) -> Quote:
    request = _locked(quote.request)
    if not signed_name.strip():
        raise BookingError(_("Type your name to accept the quote."))
    if not authorised:
        raise BookingError(
            _("Confirm that you are authorised to accept this quote for your organisation.")
        )
    quote = _answerable_quote(quote, request)
    quote.status = QuoteStatus.ACCEPTED
    quote.answered_at = timezone.now()
    quote.accepted_by = by
    quote.accepted_by_name = signed_name.strip()
    try:
        with transaction.atomic():
            quote.save(update_fields=["status", "answered_at", "accepted_by", "accepted_by_name"])
    except IntegrityError as error:
        raise BookingError(_("This request already has an accepted quote.")) from error
    _transition(
        request,
        to=BookingStatus.ACCEPTED,
        actor=by,
        note=_("Quote version %(version)s accepted by %(name)s.")
        % {"version": quote.version, "name": quote.accepted_by_name},
    )
    return quote


@transaction.atomic
def decline_quote(*, quote: Quote, by, reason: str = "") -> Quote:
    """The client says no to the quote (the request then ends as withdrawn)."""
    request = _locked(quote.request)
    quote = _answerable_quote(quote, request)
    quote.status = QuoteStatus.DECLINED
    quote.answered_at = timezone.now()
    quote.save(update_fields=["status", "answered_at"])
    _transition(request, to=BookingStatus.WITHDRAWN, actor=by, note=reason)
    return quote


@transaction.atomic
def post_message(*, request: BookingRequest, author, body: str) -> BookingMessage:
    if not body.strip():
        raise BookingError(_("Write a message before sending it."))
    message = BookingMessage.objects.create(request=request, author=author, body=body.strip())
    return message


@transaction.atomic
def withdraw_request(*, request: BookingRequest, by, reason: str = "") -> BookingRequest:
    request = _locked(request)
    if request.status not in (BookingStatus.REQUESTED, BookingStatus.QUOTED):
        raise BookingError(
            _("This request can no longer be withdrawn here; send us a message instead.")
        )
    request.quotes.filter(status__in=[QuoteStatus.DRAFT, QuoteStatus.SENT]).update(
        status=QuoteStatus.SUPERSEDED
    )
    _transition(request, to=BookingStatus.WITHDRAWN, actor=by, note=reason)
    return request


@transaction.atomic
def decline_request(*, request: BookingRequest, by, reason: str) -> BookingRequest:
    request = _locked(request)
    if not reason.strip():
        raise BookingError(_("Give the reason, so the client knows why."))
    if request.status not in (BookingStatus.REQUESTED, BookingStatus.QUOTED):
        raise BookingError(_("Only an open request can be declined."))
    request.quotes.filter(status__in=[QuoteStatus.DRAFT, QuoteStatus.SENT]).update(
        status=QuoteStatus.SUPERSEDED
    )
    _transition(request, to=BookingStatus.DECLINED, actor=by, note=reason.strip())
    return request


@transaction.atomic
def expire_quotes(*, today: datetime.date | None = None) -> int:
    """Sent quotes past their validity expire; their requests end as expired. Safe to rerun."""
    today = today or timezone.localdate()
    expired = 0
    for quote in Quote.objects.select_related("request").filter(
        status=QuoteStatus.SENT, valid_until__lt=today
    ):
        request = _locked(quote.request)
        quote.status = QuoteStatus.EXPIRED
        quote.save(update_fields=["status"])
        if request.status == BookingStatus.QUOTED:
            _transition(
                request,
                to=BookingStatus.EXPIRED,
                actor=None,
                note=_("Quote version %(version)s was not accepted before %(date)s.")
                % {"version": quote.version, "date": quote.valid_until.strftime("%d-%m-%Y")},
            )
        expired += 1
    return expired


def proposed_sessions(*, request: BookingRequest) -> list[dict]:
    """A first proposal for the schedule form: the client's first preferred date, one row
    per dagdeel for a leergang, a single day otherwise."""
    from courses.models import CourseFormat

    first = request.preferred_dates.first()
    if first is None:
        return [{}]
    count = (request.course.dagdelen or 1) if request.course.format == CourseFormat.LEERGANG else 1
    start, end = {
        "morning": (datetime.time(9, 0), datetime.time(12, 30)),
        "afternoon": (datetime.time(13, 30), datetime.time(17, 0)),
        "evening": (datetime.time(19, 0), datetime.time(22, 0)),
    }.get(first.part_of_day, (datetime.time(9, 30), datetime.time(16, 30)))
    return [
        {"date": first.date + datetime.timedelta(weeks=week), "start_time": start, "end_time": end}
        for week in range(count)
    ]


@transaction.atomic
def schedule_request(
    *, request: BookingRequest, by, sessions: Sequence, trainers=()
) -> BookingRequest:
    """Plan the accepted request: a private (in-company) cohort with an invitation link."""
    from cohorts.models import CohortKind
    from cohorts.services.lifecycle import CohortError, schedule_cohort

    request = _locked(request)
    if request.status != BookingStatus.ACCEPTED:
        raise BookingError(_("Only a request with an accepted quote can be scheduled."))
    if not sessions:
        raise BookingError(_("Give at least one date with start and end time."))
    try:
        cohort = schedule_cohort(
            course=request.course,
            title=request.organisation,
            sessions=list(sessions),
            by=by,
            kind=CohortKind.IN_COMPANY,
            trainers=trainers,
            location=request.location.splitlines()[0] if request.location else "",
            municipality=request.organisation,
        )
    except CohortError as error:
        raise BookingError(error.message) from error
    request.cohort = cohort
    _transition(request, to=BookingStatus.SCHEDULED, actor=by, also_save=["cohort"])
    return request


@transaction.atomic
def mark_delivered(*, request: BookingRequest, by) -> BookingRequest:
    from cohorts.models import CohortStatus

    request = _locked(request)
    if request.status != BookingStatus.SCHEDULED or request.cohort is None:
        raise BookingError(_("Only a scheduled request can be marked as delivered."))
    if request.cohort.status != CohortStatus.COMPLETED:
        raise BookingError(
            _("Close the cohort first (after its last session); then mark it delivered.")
        )
    _transition(request, to=BookingStatus.DELIVERED, actor=by)
    return request


@transaction.atomic
def close_request(*, request: BookingRequest, by, note: str = "") -> BookingRequest:
    request = _locked(request)
    if request.status != BookingStatus.DELIVERED:
        raise BookingError(_("Only a delivered request can be closed."))
    _transition(request, to=BookingStatus.CLOSED, actor=by, note=note)
    return request


@transaction.atomic
def accept_contact_invitation(*, token: str, user) -> ContactInvitation:
    """The invited person accepts with their own account; its verified address must be the
    one the requester named. From then on they follow the request and receive its mail."""
    from allauth.account.models import EmailAddress

    try:
        invitation = ContactInvitation.objects.select_for_update().get(token=token)
    except ContactInvitation.DoesNotExist as error:
        raise BookingError(_("This invitation does not exist (any more).")) from error
    if invitation.accepted_at and invitation.user_id == user.pk:
        return invitation
    if invitation.accepted_at:
        raise BookingError(_("This invitation has already been accepted."))
    if invitation.email.lower() != user.email.lower():
        raise BookingError(
            _(
                "This invitation is for another email address than the one you are logged in "
                "with. Log in with the account for the address the invitation was sent for."
            )
        )
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        raise BookingError(_("Confirm your email address first, then open the invitation again."))
    invitation.user = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["user", "accepted_at"])
    assign_role(user, MUNICIPAL_CONTACT)
    return invitation
