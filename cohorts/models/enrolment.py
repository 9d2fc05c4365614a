"""Enrolment of a participant in a cohort, its audit trail, attendance, intake and evaluation.

Every state change goes through cohorts.services.enrolment (under a row lock on the
cohort); the constraints below are the database's last line of defence.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cohorts.models.cohort import Cohort, Session


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")
    NO_SHOW = "no_show", _("Did not attend")


# A participant has at most one of these per cohort; cancelled ones may pile up.
ACTIVE_STATUSES = [
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.WAITLISTED,
    EnrolmentStatus.OFFERED,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.NO_SHOW,
]
# These hold a seat: an offered place is kept free until the offer expires.
SEAT_STATUSES = [EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED]


class CancelledBy(models.TextChoices):
    PARTICIPANT = "participant", _("the participant")
    TRAINER = "trainer", _("the trainer")
    COHORT = "cohort", _("cancellation of the cohort")
    OFFER_EXPIRED = "offer_expired", _("the offer expired")


class Enrolment(models.Model):
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("cohort")
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices)
    waitlist_position = models.PositiveIntegerField(_("waiting list position"), null=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled by"), max_length=20, choices=CancelledBy.choices, blank=True
    )
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "cohort"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="enrolment_one_active_per_participant",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.WAITLISTED)
                | Q(waitlist_position__isnull=False, waitlist_position__gt=0),
                name="enrolment_waitlisted_has_position",
            ),
            models.UniqueConstraint(
                fields=["cohort", "waitlist_position"],
                condition=Q(status=EnrolmentStatus.WAITLISTED),
                name="enrolment_waitlist_position_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="enrolment_offer_has_expiry",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.participant} — {self.cohort}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class EnrolmentStatusChange(models.Model):
    """Append-only audit trail: who moved an enrolment from which state to which, and why."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="history", verbose_name=_("enrolment")
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
        verbose_name = _("enrolment status change")
        verbose_name_plural = _("enrolment status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Status changes are append-only.")
        super().save(*args, **kwargs)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    PARTLY = "partly", _("Partly present")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("enrolment")
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"], name="attendance_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.session}: {self.get_status_display()}"


class SociocracyExperience(models.TextChoices):
    NONE = "none", _("None yet")
    SOME = "some", _("I have taken part in consent decisions")
    EXPERIENCED = "experienced", _("I work with it regularly")
    FACILITATOR = "facilitator", _("I facilitate consent decisions myself")


class Intake(models.Model):
    """Filled in by the participant before the first session."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="intake", verbose_name=_("enrolment")
    )
    role = models.CharField(
        _("your role"),
        max_length=200,
        help_text=_("For example: council member, policy adviser, team leader"),
    )
    experience = models.CharField(
        _("experience with sociocracy"), max_length=20, choices=SociocracyExperience.choices
    )
    hopes_to_learn = models.TextField(_("what do you hope to learn?"))
    own_situation = models.TextField(
        _("a situation from your own work you would like to bring in"), blank=True
    )
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self):
        return str(self.enrolment)


class Evaluation(models.Model):
    """The closing round: filled in by the participant after the last session."""

    enrolment = models.OneToOneField(
        Enrolment,
        on_delete=models.CASCADE,
        related_name="evaluation",
        verbose_name=_("enrolment"),
    )
    rating = models.PositiveSmallIntegerField(
        _("rating (1–10)"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    keep = models.TextField(_("what should we keep?"), blank=True)
    change = models.TextField(_("what should we change?"), blank=True)
    would_recommend = models.BooleanField(_("would you recommend this course to others?"))
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=10), name="evaluation_rating_1_to_10"
            )
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.rating}"


class NotificationKind(models.TextChoices):
    ENROLLED = "enrolled", _("enrolled")
    WAITLISTED = "waitlisted", _("on the waiting list")
    OFFERED = "offered", _("place offered")
    CONFIRMED = "confirmed", _("cohort goes ahead")
    COHORT_CANCELLED = "cohort_cancelled", _("cohort cancelled")
    REMINDER = "reminder", _("reminder")
    EVALUATION = "evaluation", _("evaluation invitation")


class SentNotification(models.Model):
    """One row per email sent, so a task run twice never sends twice."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="notification_sent_once")
        ]

    def __str__(self):
        return f"{self.kind} → {self.enrolment}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a participant's personal calendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)
