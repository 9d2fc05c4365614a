import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EXPORT_VALID_DAYS = 7


def export_storage():
    """Exports are private files (leerkring.storage): only their owner downloads them."""
    return storages["private"]


def export_path(export: "DataExport", filename: str) -> str:
    return f"exports/{export.uuid}.zip"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")


class DataExport(models.Model):
    """Everything Leerkring holds about one person, as a ZIP built by a background task."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        max_length=20, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(upload_to=export_path, storage=export_storage, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    # Set when the link was mailed, so a task run twice mails once.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=ExportStatus.PENDING)
                | (~models.Q(file="") & models.Q(expires_at__isnull=False)),
                name="data_export_ready_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.requested_at:%Y-%m-%d}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @staticmethod
    def expiry_from(moment) -> "timezone.datetime":
        return moment + timedelta(days=EXPORT_VALID_DAYS)
