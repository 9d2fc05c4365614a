"""Cohorts (uitvoeringen) of a course and their sessions (dagdelen).

State changes go through cohorts.services.lifecycle; the models hold the data and the
invariants a database can guard.
"""

import secrets
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from accounts.roles import TRAINER

# An open study day is planned for 5–8 participants unless the course says otherwise.
DEFAULT_MIN_PARTICIPANTS = 5
DEFAULT_MAX_PARTICIPANTS = 8
GO_NO_GO_DAYS_BEFORE_START = 10
CANCELLATION_CUTOFF_DAYS_BEFORE_START = 3


def local_timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_moment(day: date, clock: time) -> datetime:
    """A session's date and clock time as a moment in the school's time zone."""
    return datetime.combine(day, clock, tzinfo=local_timezone())


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class CohortKind(models.TextChoices):
    OPEN = "open", _("Open enrolment")
    IN_COMPANY = "in_company", _("In-company")


class CohortStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Going ahead")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class CohortQuerySet(models.QuerySet):
    def for_trainer(self, user):
        return self.filter(trainers=user)

    def listed(self):
        """Open cohorts anyone may see on the course page (in-company ones never)."""
        return self.filter(
            kind=CohortKind.OPEN, status__in=[CohortStatus.PLANNED, CohortStatus.CONFIRMED]
        )


class Cohort(ClusterableModel):
    """One scheduled run of a course: a study day or a series of sessions (leergang)."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    title = models.CharField(
        _("label"),
        max_length=200,
        help_text=_("For example: Utrecht, spring 2027"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=CohortKind.choices, default=CohortKind.OPEN
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="trained_cohorts",
        blank=True,
        limit_choices_to={"groups__name": TRAINER},
    )
    min_participants = models.PositiveSmallIntegerField(
        _("minimum participants"), default=DEFAULT_MIN_PARTICIPANTS
    )
    max_participants = models.PositiveSmallIntegerField(
        _("maximum participants"), default=DEFAULT_MAX_PARTICIPANTS
    )
    go_no_go_date = models.DateField(
        _("go/no-go date"),
        null=True,
        blank=True,
        help_text=_("Leave empty for 10 days before the first session."),
    )
    enrolment_opens_at = models.DateTimeField(
        _("enrolment opens"), null=True, blank=True, help_text=_("Leave empty for: now.")
    )
    enrolment_closes_at = models.DateTimeField(
        _("enrolment closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty for: when the first session starts."),
    )
    cancellation_cutoff = models.DateTimeField(
        _("cancellation deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty for 3 days before the first session."),
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CohortStatus.choices, default=CohortStatus.PLANNED
    )
    status_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the cohort was cancelled or goes ahead below the minimum."),
    )
    invitation_token = models.CharField(
        _("invitation token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    municipality = models.CharField(_("municipality"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["go_no_go_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_participants__gte=1), name="cohort_min_participants_positive"
            ),
            models.CheckConstraint(
                condition=Q(min_participants__lte=F("max_participants")),
                name="cohort_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(kind=CohortKind.OPEN) | Q(invitation_token__isnull=False),
                name="cohort_in_company_has_invitation_token",
            ),
        ]

    def __str__(self):
        return f"{self.course.title} — {self.title}"

    # --- derived dates (sessions are prefetched by the selectors) --------------------------

    @property
    def ordered_sessions(self) -> list["Session"]:
        """The sessions that take place (a cancelled session is left out)."""
        return [s for s in self.all_sessions if s.cancelled_at is None]

    @property
    def all_sessions(self) -> list["Session"]:
        """Every session, cancelled ones too (calendars must tell about those)."""
        return sorted(self.sessions.all(), key=lambda s: (s.date, s.start_time))

    @property
    def first_session(self) -> "Session | None":
        sessions = self.ordered_sessions
        return sessions[0] if sessions else None

    @property
    def last_session(self) -> "Session | None":
        sessions = self.ordered_sessions
        return sessions[-1] if sessions else None

    @property
    def starts_at(self) -> datetime | None:
        first = self.first_session
        return first.starts_at if first else None

    @property
    def ends_at(self) -> datetime | None:
        last = self.last_session
        return last.ends_at if last else None

    @property
    def is_in_company(self) -> bool:
        return self.kind == CohortKind.IN_COMPANY

    @property
    def is_open_for_changes(self) -> bool:
        return self.status in (CohortStatus.PLANNED, CohortStatus.CONFIRMED)

    def default_go_no_go_date(self) -> date | None:
        first = self.first_session
        return first.date - timedelta(days=GO_NO_GO_DAYS_BEFORE_START) if first else None

    def default_cancellation_cutoff(self) -> datetime | None:
        starts = self.starts_at
        return starts - timedelta(days=CANCELLATION_CUTOFF_DAYS_BEFORE_START) if starts else None

    @property
    def effective_go_no_go_date(self) -> date | None:
        return self.go_no_go_date or self.default_go_no_go_date()

    @property
    def effective_cancellation_cutoff(self) -> datetime | None:
        return self.cancellation_cutoff or self.default_cancellation_cutoff()

    @property
    def effective_enrolment_closes_at(self) -> datetime | None:
        return self.enrolment_closes_at or self.starts_at


class CohortStatusChange(models.Model):
    """Append-only audit trail of a cohort's status (written by the services only)."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("cohort")
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("cohort status change")
        verbose_name_plural = _("cohort status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Status changes are append-only.")
        super().save(*args, **kwargs)


class Session(models.Model):
    """A dagdeel: one block of teaching on one date."""

    cohort = ParentalKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start"))
    end_time = models.TimeField(_("end"))
    location = models.CharField(
        _("location"), max_length=255, blank=True, help_text=_("Leave empty for the cohort's.")
    )
    online_url = models.URLField(_("online link"), blank=True)
    # Calendar clients recognise an event by its UID and take a higher SEQUENCE as an update.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # A cancelled session stays, so calendars can be told (METHOD:CANCEL) and history kept.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="session_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def starts_at(self) -> datetime:
        return local_moment(self.date, self.start_time)

    @property
    def ends_at(self) -> datetime:
        return local_moment(self.date, self.end_time)

    @property
    def place(self) -> str:
        return self.location or self.cohort.location

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def overlaps(self, other: "Session") -> bool:
        return (
            self.date == other.date
            and self.start_time < other.end_time
            and other.start_time < self.end_time
        )
