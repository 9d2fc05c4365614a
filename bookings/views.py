from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bookings import selectors, services
from bookings.errors import BookingError
from bookings.forms import (
    AcceptQuoteForm,
    BookingRequestForm,
    MessageForm,
    QuoteForm,
    QuoteLineFormSet,
    ReasonForm,
    ScheduleForm,
    SessionFormSet,
)
from bookings.models import BookingStatus, QuoteStatus
from bookings.pdf import quote_pdf
from bookings.permissions import can_manage_bookings
from bookings.supplier import supplier
from bookings.vat import RATES
from courses.models import CoursePage, VatCategory
from leerkring.paging import window


def _staff_only(user):
    if not can_manage_bookings(user):
        raise PermissionDenied


@login_required
def request_create(request, course_id=None):
    course = None
    if course_id is not None:
        course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    user = request.user
    initial = {
        "organisation": user.organisation,
        "contact_name": user.get_full_name(),
        "contact_email": user.email,
        "contact_phone": user.phone,
    }
    form = BookingRequestForm(request.POST or None, course=course, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.submit_request(
                course=form.cleaned_data["course"],
                contact=user,
                details=form.details(),
                preferred_dates=form.preferred_dates(),
                audiences=form.cleaned_data["audiences"],
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("Thank you. We have received your request and will send a quote.")
            )
            return redirect("bookings:detail", public_id=booking.public_id)
    return render(request, "bookings/request_form.html", {"form": form, "course": course})


@login_required
def my_requests(request):
    return render(
        request,
        "bookings/my_requests.html",
        {
            "booking_requests": window(
                selectors.requests_of_contact(user=request.user),
                request=request,
                per_page=selectors.MY_REQUESTS_PAGE_SIZE,
            )
        },
    )


@login_required
def request_detail(request, public_id):
    booking = selectors.request_for_user(public_id=public_id, user=request.user)
    is_staff = can_manage_bookings(request.user)
    quotes = list(booking.quotes.all())
    visible_quotes = quotes if is_staff else [q for q in quotes if q.status != QuoteStatus.DRAFT]
    current = visible_quotes[0] if visible_quotes else None
    context = {
        "booking": booking,
        "is_staff": is_staff,
        "is_contact": booking.contact_id == request.user.pk,
        "quotes": visible_quotes,
        "current_quote": current,
        "current_totals": current.totals() if current else None,
        "supplier": supplier(),
        "can_answer": bool(
            current
            and current.status == QuoteStatus.SENT
            and booking.status == BookingStatus.QUOTED
            and current.valid_until >= timezone.localdate()
        ),
        "accept_form": AcceptQuoteForm(),
        "message_form": MessageForm(),
        "reason_form": ReasonForm(),
        "can_withdraw": booking.status in (BookingStatus.REQUESTED, BookingStatus.QUOTED),
        **selectors.group_status(request=booking, build_url=request.build_absolute_uri),
        "evaluations": selectors.evaluation_summary(request=booking)
        if booking.status in (BookingStatus.DELIVERED, BookingStatus.CLOSED)
        else None,
    }
    return render(request, "bookings/request_detail.html", context)


def _act(request, public_id, action):
    """Run one service for a POST on a request's page and go back to that page."""
    booking = selectors.request_for_user(public_id=public_id, user=request.user)
    try:
        notice = action(booking)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        if notice:
            messages.success(request, notice)
    return redirect("bookings:detail", public_id=booking.public_id)


def _contact_only(request, booking):
    if booking.contact_id != request.user.pk:
        raise PermissionDenied


@login_required
@require_POST
def accept_quote(request, public_id, version):
    form = AcceptQuoteForm(request.POST)
    form.is_valid()

    def action(booking):
        _contact_only(request, booking)
        services.accept_quote(
            quote=selectors.quote_of_request(request=booking, version=version),
            by=request.user,
            signed_name=form.cleaned_data.get("signed_name", ""),
            authorised=form.cleaned_data.get("authorised", False),
        )
        return _("You have accepted the quote. We will now plan the date(s) with you.")

    return _act(request, public_id, action)


@login_required
@require_POST
def decline_quote(request, public_id, version):
    form = ReasonForm(request.POST)
    form.is_valid()

    def action(booking):
        _contact_only(request, booking)
        services.decline_quote(
            quote=selectors.quote_of_request(request=booking, version=version),
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
        return _("You have declined the quote. The request is closed.")

    return _act(request, public_id, action)


@login_required
@require_POST
def post_message(request, public_id):
    form = MessageForm(request.POST)
    form.is_valid()

    def action(booking):
        services.post_message(
            request=booking, author=request.user, body=form.cleaned_data.get("body", "")
        )
        return _("Your message has been sent.")

    return _act(request, public_id, action)


@login_required
@require_POST
def withdraw_request(request, public_id):
    form = ReasonForm(request.POST)
    form.is_valid()

    def action(booking):
        _contact_only(request, booking)
        services.withdraw_request(
            request=booking, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
        return _("Your request has been withdrawn.")

    return _act(request, public_id, action)


# --- Trainers and editors -----------------------------------------------------------------


@login_required
def staff_overview(request):
    _staff_only(request.user)
    status = request.GET.get("status") or None
    counts = selectors.status_counts()
    return render(
        request,
        "bookings/staff_overview.html",
        {
            "booking_requests": window(
                selectors.requests_for_staff(status=status),
                request=request,
                per_page=selectors.STAFF_PAGE_SIZE,
            ),
            "status_filter": status,
            "status_options": [
                (value, label, counts.get(value, 0)) for value, label in BookingStatus.choices
            ],
        },
    )


def _posted_lines(lines) -> list:
    """The filled-in, not removed lines of a bound and valid line formset."""
    return [
        form.line() for form in lines if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@login_required
def quote_edit(request, public_id):
    """The quote editor. Works without JavaScript: "Add a line" posts the form back with one
    more empty line, a ticked "Remove" drops a line, and the totals are computed here;
    static/js/quote-editor.js does the same in the browser while typing. Sending happens
    only from the preview, so the PDF is seen before the client gets it."""
    _staff_only(request.user)
    booking = selectors.request_for_user(public_id=public_id, user=request.user)
    draft = next((q for q in booking.quotes.all() if q.status == QuoteStatus.DRAFT), None)
    initial, line_initial = selectors.quote_form_initial(request=booking, draft=draft)
    form = QuoteForm(request.POST or None, initial=initial)
    lines = QuoteLineFormSet(request.POST or None, initial=line_initial, prefix="lines")
    if request.method == "POST" and "add_line" in request.POST and lines.is_valid():
        # Nothing is saved: the same form again, with the lines as typed and one empty line.
        line_initial = [*selectors.posted_line_values(lines=lines), {}]
        lines = QuoteLineFormSet(initial=line_initial, prefix="lines")
    elif (
        request.method == "POST"
        and "add_line" not in request.POST
        and (form.is_valid() and lines.is_valid())
    ):
        try:
            services.save_quote_draft(
                request=booking,
                by=request.user,
                # Every filled-in line counts, changed or not; empty extra rows do not.
                lines=_posted_lines(lines),
                **form.cleaned_data,
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            if "preview" in request.POST:
                return redirect("bookings:quote_preview", public_id=booking.public_id)
            messages.success(request, _("The draft quote has been saved."))
            return redirect("bookings:detail", public_id=booking.public_id)
    totals = selectors.quote_editor_totals(lines=lines, line_initial=line_initial)
    return render(
        request,
        "bookings/quote_form.html",
        {
            "booking": booking,
            "form": form,
            "lines": lines,
            "draft": draft,
            "totals": totals,
            # For the totals the browser keeps while typing (static/js/quote-editor.js).
            # A list: the order of the rates, 21 % first, as the server shows them.
            "vat_rates": [
                {"category": category, "rate": str(rate), "label": str(VatCategory(category).label)}
                for category, rate in RATES.items()
            ],
        },
    )


@login_required
def quote_preview(request, public_id):
    """The draft as the client will get it, PDF included, with the one "Send" button."""
    _staff_only(request.user)
    booking = selectors.request_for_user(public_id=public_id, user=request.user)
    draft = next((q for q in booking.quotes.all() if q.status == QuoteStatus.DRAFT), None)
    if draft is None:
        messages.error(request, _("There is no draft quote to preview; draft one first."))
        return redirect("bookings:detail", public_id=booking.public_id)
    return render(
        request,
        "bookings/quote_preview.html",
        {"booking": booking, "quote": draft, "totals": draft.totals(), "supplier": supplier()},
    )


@login_required
@require_POST
def send_quote(request, public_id, version):
    _staff_only(request.user)

    def action(booking):
        services.send_quote(
            quote=selectors.quote_of_request(request=booking, version=version), by=request.user
        )
        return _("The quote has been sent to the client.")

    return _act(request, public_id, action)


@login_required
@require_POST
def revise_quote(request, public_id, version):
    _staff_only(request.user)

    def action(booking):
        services.revise_quote(
            quote=selectors.quote_of_request(request=booking, version=version), by=request.user
        )
        return _("A new draft version has been made; change it and send it.")

    return _act(request, public_id, action)


@login_required
@require_POST
def decline_request(request, public_id):
    _staff_only(request.user)
    form = ReasonForm(request.POST)
    form.is_valid()

    def action(booking):
        services.decline_request(
            request=booking, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
        return _("The request has been declined.")

    return _act(request, public_id, action)


@login_required
def schedule(request, public_id):
    _staff_only(request.user)
    booking = selectors.request_for_user(public_id=public_id, user=request.user)
    initial_sessions = services.proposed_sessions(request=booking)
    form = ScheduleForm(request.POST or None, initial={"trainers": [request.user.pk]})
    sessions = SessionFormSet(request.POST or None, initial=initial_sessions, prefix="sessions")
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        try:
            services.schedule_request(
                request=booking,
                by=request.user,
                sessions=[session.plan() for session in sessions],
                trainers=form.cleaned_data["trainers"],
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("The in-company cohort has been planned; the client can now share the link."),
            )
            return redirect("bookings:detail", public_id=booking.public_id)
    return render(
        request,
        "bookings/schedule_form.html",
        {"booking": booking, "form": form, "sessions": sessions},
    )


@login_required
@require_POST
def mark_delivered(request, public_id):
    _staff_only(request.user)

    def action(booking):
        services.mark_delivered(request=booking, by=request.user)
        return _("The request is marked as delivered.")

    return _act(request, public_id, action)


@login_required
@require_POST
def close(request, public_id):
    _staff_only(request.user)

    def action(booking):
        services.close_request(request=booking, by=request.user)
        return _("The request is closed.")

    return _act(request, public_id, action)


@login_required
def quote_download(request, public_id, version):
    booking = selectors.request_for_user(public_id=public_id, user=request.user)
    quote = selectors.quote_of_request(request=booking, version=version)
    if quote.status == QuoteStatus.DRAFT and not can_manage_bookings(request.user):
        raise Http404
    response = HttpResponse(quote_pdf(quote), content_type="application/pdf")
    # The organisation is typed by the client: slugify it before it goes into a header.
    filename = f"offerte-{slugify(booking.organisation)}-v{quote.version}.pdf"
    # ?inline: shown in the preview's frame rather than downloaded.
    as_attachment = "inline" not in request.GET
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    return response
