import datetime
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bookings.models import BookingRequest, BookingStatus, ContactInvitation, Quote
from bookings.permissions import can_manage_bookings
from bookings.services import QUOTE_VALID_DAYS
from bookings.vat import QuoteTotals, quote_totals


def _followed_by(user) -> Q:
    """Requests this person made, or follows through an accepted contact invitation."""
    invited = ContactInvitation.objects.filter(user=user, accepted_at__isnull=False).values(
        "request_id"
    )
    return Q(contact=user) | Q(pk__in=invited)


# Rows per page of "Mijn aanvragen" (paged with leerkring.paging.window).
MY_REQUESTS_PAGE_SIZE = 25


def requests_of_contact(*, user) -> QuerySet[BookingRequest]:
    """ "Mijn aanvragen": what this contact person asked for or follows, newest first (the
    id breaks ties, so pages neither repeat nor skip a request)."""
    return (
        BookingRequest.objects.filter(_followed_by(user))
        .select_related("course")
        .order_by("-created_at", "-id")
    )


# Rows per page of the staff overview (paged with leerkring.paging.window).
STAFF_PAGE_SIZE = 25


def requests_for_staff(*, status: str | None = None) -> QuerySet[BookingRequest]:
    """Newest first; the view shows one page of them. What is still open comes first
    unless a status is chosen, so closed requests form the archive at the end.

    Each order is an index (`booking_staff_order`, `booking_status_order`), so the database
    reads one page of rows from it, however many requests there are: no sort of them all,
    no count per row (issue 15). Only the columns the overview shows are read."""
    requests = BookingRequest.objects.annotate(course_title=F("course__title")).only(
        "public_id",
        "organisation",
        "department",
        "participant_count",
        "created_at",
        "status",
    )
    if status in BookingStatus.values:
        return requests.filter(status=status).order_by("-created_at", "-pk")
    return requests.order_by("archived", "-created_at", "-pk")


def status_counts() -> dict[str, int]:
    rows = BookingRequest.objects.values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def request_for_user(*, public_id, user) -> BookingRequest:
    """The request with everything its page shows, if this user may see it; else 404.

    A contact sees only their own requests; trainers and editors see all."""
    requests = BookingRequest.objects.select_related(
        "course", "contact", "cohort"
    ).prefetch_related(
        "preferred_dates",
        "audiences",
        "status_changes__actor",
        "messages__author",
        Prefetch("quotes", queryset=Quote.objects.prefetch_related("lines")),
    )
    if not can_manage_bookings(user):
        requests = requests.filter(_followed_by(user))
    try:
        return requests.get(public_id=public_id)
    except BookingRequest.DoesNotExist as error:
        raise Http404 from error


def quote_of_request(*, request: BookingRequest, version: int) -> Quote:
    for quote in request.quotes.all():
        if quote.version == version:
            return quote
    raise Http404


def cohort_enrolments(*, request: BookingRequest):
    """Who enrolled through the invitation link: name, status and whether the intake is in.

    Read-only over the cohorts app's models; the contact sees their own group only."""
    if request.cohort_id is None:
        return []
    from cohorts.models import Enrolment

    return list(
        Enrolment.objects.filter(cohort_id=request.cohort_id)
        .select_related("participant", "intake")
        .order_by("status", "participant__last_name")
    )


def group_status(*, request: BookingRequest, build_url) -> dict:
    """What the contact sees of their scheduled group: link, enrolments, minimum warning."""
    enrolments = cohort_enrolments(request=request)
    if request.cohort is None:
        return {"enrolments": enrolments}
    from django.urls import reverse

    from cohorts.models import EnrolmentStatus

    enrolled = sum(1 for e in enrolments if e.status == EnrolmentStatus.ENROLLED)
    return {
        "enrolments": enrolments,
        "enrolled_count": enrolled,
        "below_minimum": enrolled < request.cohort.min_participants,
        "invitation_url": build_url(
            reverse(
                "cohorts:cohort_invitation",
                args=[request.cohort_id, request.cohort.invitation_token],
            )
        ),
    }


def evaluation_summary(*, request: BookingRequest) -> dict | None:
    """The group's evaluations without names: average rating, recommendations, comments."""
    if request.cohort_id is None:
        return None
    from django.db.models import Avg

    from cohorts.models import Evaluation

    evaluations = Evaluation.objects.filter(enrolment__cohort_id=request.cohort_id)
    count = evaluations.count()
    if not count:
        return None
    return {
        "count": count,
        "average": evaluations.aggregate(avg=Avg("rating"))["avg"],
        "recommend": evaluations.filter(would_recommend=True).count(),
        "keep": [text for text in evaluations.values_list("keep", flat=True) if text],
        "change": [text for text in evaluations.values_list("change", flat=True) if text],
    }


QUOTE_FIELDS = ("valid_until", "includes", "excludes", "purchase_order", "vat_compensation_note")
LINE_FIELDS = ("description", "quantity", "unit_price", "vat_category")


def quote_form_initial(*, request: BookingRequest, draft: Quote | None) -> tuple[dict, list]:
    """What the quote form shows: the draft as saved, or our standard terms with one line
    for the course and the client's PO number."""
    if draft is not None:
        initial = {name: getattr(draft, name) for name in QUOTE_FIELDS}
        lines = [{name: getattr(line, name) for name in LINE_FIELDS} for line in draft.lines.all()]
        return initial, lines
    initial = {
        "valid_until": timezone.localdate() + datetime.timedelta(days=QUOTE_VALID_DAYS),
        "includes": Quote._meta.get_field("includes").default,
        "excludes": Quote._meta.get_field("excludes").default,
        "purchase_order": request.purchase_order,
        "vat_compensation_note": True,
    }
    course_line = {
        "description": request.course.title,
        "quantity": Decimal("1"),
        "unit_price": None,
        "vat_category": request.course.vat_category,
    }
    return initial, [course_line]


def posted_line_values(*, lines) -> list[dict]:
    """The kept lines of a valid, bound line formset, as initial values for a new one."""
    return [
        {name: form.cleaned_data[name] for name in LINE_FIELDS}
        for form in lines
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


def quote_editor_totals(*, lines, line_initial: list[dict]) -> QuoteTotals:
    """Subtotal, VAT per rate and total of what the quote editor shows: the posted lines
    when they are valid, otherwise the lines it started with."""
    values = (
        posted_line_values(lines=lines) if lines.is_bound and lines.is_valid() else line_initial
    )
    rows = [
        (Decimal(line["quantity"]) * line["unit_price"], line["vat_category"])
        for line in values
        if line.get("unit_price") is not None and line.get("quantity") is not None
    ]
    return quote_totals(rows)
