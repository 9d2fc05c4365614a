"""Cohorts (uitvoeringen) of a course and their sessions (dagdelen).

State changes go through cohorts.services.lifecycle; the models hold the data and the
invariants a database can guard.
"""

import secrets
import uuid
from collections.abc import Iterable
from contextvars import ContextVar
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


# The cohorts whose save() is writing their sessions (modelcluster commits the admin's
# inline panel after the cohort row): their sessions leave the dates to that save().
_saving_with_sessions: ContextVar[tuple["Cohort", ...]] = ContextVar(
    "saving_with_sessions", default=()
)


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
    # The first session's start and the last session's end (a cancelled session left out),
    # stored so lists filter and sort on an indexed column instead of asking the sessions
    # per row. Derived data, kept by the model itself (save() here and in Session, and
    # refresh_cohort_dates() for bulk writes); empty while a cohort has no sessions.
    first_start = models.DateTimeField(_("first session starts"), null=True, editable=False)
    last_end = models.DateTimeField(_("last session ends"), null=True, editable=False)
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
        indexes = [
            # What comes next: the home page, the course pages, reminders, the trainer's
            # upcoming list (soonest first).
            models.Index(fields=["first_start"], name="cohort_first_start_idx"),
            models.Index(fields=["course", "first_start"], name="cohort_course_first_start_idx"),
            # What is over: the trainer's "to close" list and archive.
            models.Index(fields=["status", "last_end"], name="cohort_status_last_end_idx"),
        ]

    def __str__(self):
        return f"{self.course.title} — {self.title}"

    def save(self, *args, **kwargs):
        # modelcluster saves and deletes the sessions held in memory (the admin's inline
        # panel) after the cohort row; they leave the dates to this one refresh.
        update_fields = kwargs.get("update_fields")
        token = _saving_with_sessions.set((*_saving_with_sessions.get(), self))
        try:
            super().save(*args, **kwargs)
        finally:
            _saving_with_sessions.reset(token)
        if update_fields is None:
            # The row was just written from memory, so memory says what the database holds.
            self.refresh_dates(known=True)
        elif "sessions" in update_fields:
            self.refresh_dates()

    def refresh_dates(self, *, known: bool = False) -> None:
        """Store first_start and last_end as the sessions in the database say. With
        `known`, the stored values are this instance's and are only written if they differ."""
        first, last = session_edges([self.pk])[self.pk]
        if known and (first, last) == (self.first_start, self.last_end):
            return
        self.first_start, self.last_end = first, last
        Cohort.objects.filter(pk=self.pk).update(first_start=first, last_end=last)

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

    # starts_at/ends_at read the (prefetched) sessions, as the pages showing them do;
    # first_start/last_end hold the same moments in the row, for filtering and sorting.
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


def session_edges(cohort_ids: Iterable[int]) -> dict[int, tuple[datetime | None, datetime | None]]:
    """Each cohort's first session start and last session end, a cancelled session left
    out (None, None without sessions): one query."""
    edges: dict[int, tuple[datetime | None, datetime | None]] = dict.fromkeys(
        cohort_ids, (None, None)
    )
    sessions = Session.objects.filter(cohort_id__in=edges, cancelled_at__isnull=True)
    for cohort_id, day, start, end in sessions.values_list(
        "cohort_id", "date", "start_time", "end_time"
    ):
        starts, ends = local_moment(day, start), local_moment(day, end)
        first, last = edges[cohort_id]
        edges[cohort_id] = (
            starts if first is None else min(first, starts),
            ends if last is None else max(last, ends),
        )
    return edges


def refresh_cohort_dates(cohort_ids: Iterable[int]) -> None:
    """Store first_start and last_end of these cohorts as their sessions say: one read and
    one write however many cohorts. For writes that bypass Session.save() and delete()
    (QuerySet.update(), bulk_create()); those two and Cohort.save() call it themselves."""
    edges = session_edges({pk for pk in cohort_ids if pk is not None})
    Cohort.objects.bulk_update(
        [Cohort(pk=pk, first_start=first, last_end=last) for pk, (first, last) in edges.items()],
        ["first_start", "last_end"],
    )


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

    # What a session's row says about its cohort's stored first start and last end.
    DATE_FIELDS = frozenset(
        {"cohort", "cohort_id", "date", "start_time", "end_time", "cancelled_at"}
    )

    # A session written on its own moves its cohort's stored dates (a cancelled one too).
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self.DATE_FIELDS.intersection(update_fields):
            self._refresh_cohort_dates()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._refresh_cohort_dates()
        return result

    def _refresh_cohort_dates(self) -> None:
        if any(saving.pk == self.cohort_id for saving in _saving_with_sessions.get()):
            return  # Cohort.save() refreshes once when all its sessions are written
        cohort = self.cohort if Session.cohort.is_cached(self) else None
        if cohort is not None and cohort.pk == self.cohort_id:
            cohort.refresh_dates()
        else:
            refresh_cohort_dates([self.cohort_id])

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
