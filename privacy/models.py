from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class AccessAction(models.TextChoices):
    PARTICIPANTS_CSV = "participants_csv", _("exported a cohort's participants (CSV)")
    INTAKE_VIEWED = "intake_viewed", _("viewed intake answers")
    OWN_DATA_EXPORTED = "own_data_exported", _("exported their own data")
    USER_CREATED = "user_created", _("created a user in the admin")
    USER_EDITED = "user_edited", _("edited a user in the admin")
    USER_DELETED = "user_deleted", _("deleted a user in the admin")


class AppendOnlyQuerySet(models.QuerySet):
    """The access log is evidence: rows are added, never changed or removed in bulk."""

    def update(self, **kwargs):
        raise TypeError("The access log is append-only.")

    def delete(self):
        raise TypeError("The access log is append-only.")

    def expire(self, *, before) -> int:
        """The one way entries leave: once past their retention period (apply_retention)."""
        return models.QuerySet.delete(self.filter(at__lt=before))[0]


class AccessLog(models.Model):
    """Who looked at or exported whose personal data, when, and through what.

    Names are copied next to the links, so an entry still says who and whom after an
    account is deleted or anonymised (the links then become empty).
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    actor_name = models.CharField(_("by"), max_length=300, editable=False)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose data"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="access_log_entries",
        editable=False,
    )
    subject_name = models.CharField(_("whose data"), max_length=300, editable=False)
    action = models.CharField(
        _("action"), max_length=30, choices=AccessAction.choices, editable=False
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True, editable=False)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, editable=False)
    object_repr = models.CharField(_("object"), max_length=300, blank=True, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "-at"], name="accesslog_subject_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} — {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The access log is append-only.")


class PrivacyPage(Page):
    """The privacy statement (privacyverklaring), written and kept up to date by editors.

    docs/privacy.md is the register of processing it is based on."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("text"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("privacy statement")
        verbose_name_plural = _("privacy statements")
