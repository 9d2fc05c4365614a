"""The planning side of a cohort: the history of planning and group actions, and which
participant was emailed about which of them. Written only by cohorts.services."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cohorts.models.cohort import Cohort, Session
from cohorts.models.enrolment import Enrolment


class LogKind(models.TextChoices):
    CREATED = "created", _("Planned")
    EDITED = "edited", _("Changed")
    DUPLICATED = "duplicated", _("Copied from another cohort")
    SESSION_ADDED = "session_added", _("Session added")
    SESSION_MOVED = "session_moved", _("Session moved")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled")
    CONFLICT_OVERRIDDEN = "conflict_overridden", _("Conflict accepted")
    CAPACITY_RAISED = "capacity_raised", _("Capacity raised")
    WAITLIST = "waitlist", _("Waiting list")
    ENROLLED_ON_BEHALF = "enrolled_on_behalf", _("Enrolled on someone's behalf")
    MESSAGE = "message", _("Message to the group")
    GO_NO_GO_REMINDER = "go_no_go_reminder", _("Go/no-go email")


class CohortLogEntry(models.Model):
    """Append-only: who did what to a cohort's plan or group, and why."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="log_entries", verbose_name=_("cohort")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=LogKind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    text = models.TextField(_("what happened"))
    reason = models.TextField(_("reason"), blank=True)
    # A moved, added or cancelled session; the email to participants carries its calendar.
    session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="log_entries"
    )
    # A message to the group: its subject (the body is `text`).
    subject = models.CharField(_("subject"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("cohort log entry")
        verbose_name_plural = _("cohort log entries")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["cohort", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Log entries are append-only.")
        super().save(*args, **kwargs)


class Delivery(models.Model):
    """One row per log entry and participant told about it: an announcement (a moved
    session, a message) is mailed once, however often its task runs."""

    entry = models.ForeignKey(CohortLogEntry, on_delete=models.CASCADE, related_name="deliveries")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("email to a participant")
        verbose_name_plural = _("emails to participants")
        constraints = [models.UniqueConstraint(fields=["entry", "enrolment"], name="delivery_once")]

    def __str__(self):
        return f"{self.entry} → {self.enrolment}"
