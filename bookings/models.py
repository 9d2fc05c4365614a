"""In-company bookings: a municipality's request, the quotes we send, and what happened."""

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from bookings.vat import QuoteTotals, quote_totals
from courses.models import VatCategory


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    QUOTED = "quoted", _("quote sent")
    ACCEPTED = "accepted", _("accepted")
    SCHEDULED = "scheduled", _("scheduled")
    DELIVERED = "delivered", _("delivered")
    CLOSED = "closed", _("closed")
    DECLINED = "declined", _("declined by us")
    WITHDRAWN = "withdrawn", _("withdrawn")
    EXPIRED = "expired", _("quote expired")


OPEN_STATUSES = (BookingStatus.REQUESTED, BookingStatus.QUOTED, BookingStatus.ACCEPTED)
WITH_COHORT_STATUSES = (BookingStatus.SCHEDULED, BookingStatus.DELIVERED, BookingStatus.CLOSED)
# Nothing more happens to these: the staff overview lists them last, as the archive.
ARCHIVED_STATUSES = (
    BookingStatus.CLOSED,
    BookingStatus.DECLINED,
    BookingStatus.WITHDRAWN,
    BookingStatus.EXPIRED,
)


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")
    WHOLE_DAY = "whole_day", _("whole day")


class BookingRequest(models.Model):
    """A request for an in-company course, followed by its contact person on "Mijn aanvragen"."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="booking_requests"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booking_requests"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )

    organisation = models.CharField(_("organisation"), max_length=200)
    department = models.CharField(_("department"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_role = models.CharField(_("role of the contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email address"))
    contact_phone = models.CharField(_("phone number"), max_length=30, blank=True)

    participant_count = models.PositiveSmallIntegerField(_("number of participants"))
    audiences = models.ManyToManyField(
        "courses.Audience", verbose_name=_("participants are"), blank=True
    )
    location = models.TextField(
        _("location"), help_text=_("Where the course takes place; you provide venue and catering.")
    )
    learning_goals = models.TextField(_("learning goals"))
    current_situation = models.TextField(_("current situation"), blank=True)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    purchase_order = models.CharField(_("purchase order number"), max_length=100, blank=True)
    invoice_address = models.TextField(_("invoice address"))

    cohort = models.OneToOneField(
        "cohorts.Cohort",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="booking_request",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept by the database from the status, so no service can forget it; indexed with
    # created_at, so the staff overview reads one page of its open-first list from the index
    # instead of sorting every request (issue 15).
    archived = models.GeneratedField(
        expression=Case(
            When(status__in=ARCHIVED_STATUSES, then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    # Set by the task that mails the confirmation, so a rerun sends nothing twice.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("in-company request")
        verbose_name_plural = _("in-company requests")
        ordering = ["-created_at"]
        indexes = [
            # The staff overview: open requests first, newest first; and per status.
            models.Index(fields=["archived", "-created_at", "-id"], name="booking_staff_order"),
            models.Index(fields=["status", "-created_at", "-id"], name="booking_status_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(participant_count__gte=1),
                name="booking_participants_positive",
                # Forms check this first; should one ever miss it, a sentence reaches the user.
                violation_error_message=_("Enter at least 1 participant."),
            ),
            models.CheckConstraint(
                condition=Q(cohort__isnull=True)
                | Q(
                    status__in=[
                        BookingStatus.SCHEDULED,
                        BookingStatus.DELIVERED,
                        BookingStatus.CLOSED,
                    ]
                ),
                name="booking_cohort_only_when_scheduled",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.course.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class PreferredDate(models.Model):
    request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="preferred_dates"
    )
    date = models.DateField(_("date"))
    part_of_day = models.CharField(_("part of day"), max_length=20, choices=PartOfDay.choices)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "date", "part_of_day"], name="preferred_date_once"
            )
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} ({self.get_part_of_day_display()})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class ContactInvitation(models.Model):
    """Another contact person named on a request. We never mail an address nobody has shown
    to be theirs: the requester passes this invitation's link on, and the person accepts it
    with an account whose email address is that one and verified. Only then do they follow
    the request and receive its mail."""

    request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="contact_invitations"
    )
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_invitations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contact invitation")
        verbose_name_plural = _("contact invitations")
        constraints = [
            models.UniqueConstraint(
                "request", Lower("email"), name="booking_invitation_once_per_address"
            ),
        ]

    def __str__(self):
        return self.email


class BookingStatusChange(models.Model):
    """Append-only: every transition of a request, who did it and why."""

    request = models.ForeignKey(
        BookingRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=BookingStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=BookingStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.request}: {self.from_status or '—'} → {self.to_status}"


class BookingMessage(models.Model):
    """The conversation on a request (e.g. the client asking for changes to a quote)."""

    request = models.ForeignKey(BookingRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} over {self.request}"


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    SUPERSEDED = "superseded", _("replaced by a newer version")
    EXPIRED = "expired", _("expired")


class Quote(models.Model):
    """One version of the quote for a request. Frozen once sent: changes make a new version."""

    request = models.ForeignKey(BookingRequest, on_delete=models.CASCADE, related_name="quotes")
    version = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=QuoteStatus.choices, default=QuoteStatus.DRAFT)
    valid_until = models.DateField(_("valid until"))
    includes = models.TextField(
        _("included"),
        default="Digitale intake en evaluatie, voorbereiding, reiskosten van de trainer.",
    )
    excludes = models.TextField(_("not included"), default="Locatie en catering.")
    purchase_order = models.CharField(_("purchase order number"), max_length=100, blank=True)
    vat_compensation_note = models.BooleanField(
        _("mention the BTW-compensatiefonds"),
        default=True,
        help_text=_("For public bodies, which can reclaim the VAT shown."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted_by_name = models.CharField(max_length=200, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["request", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["request", "version"], name="quote_version_once"),
            # One acceptance per request, whatever happens in the browser.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status="accepted"),
                name="quote_accepted_once_per_request",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(sent_at__isnull=False), name="quote_sent_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.request} — offerte versie {self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.status != QuoteStatus.DRAFT

    def totals(self) -> QuoteTotals:
        return quote_totals((line.amount, line.vat_category) for line in self.lines.all())


class QuoteLine(models.Model):
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("description"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=6, decimal_places=2, default=1)
    unit_price = models.DecimalField(_("price excl. VAT"), max_digits=10, decimal_places=2)
    vat_category = models.CharField(
        _("VAT"), max_length=10, choices=VatCategory.choices, default=VatCategory.HIGH
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_price__gte=0),
                name="quote_line_price_not_negative",
                violation_error_message=_("Enter an amount of 0 or more."),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gt=0),
                name="quote_line_quantity_positive",
                violation_error_message=_("Enter a quantity above 0."),
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price
