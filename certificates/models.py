"""Certificates: issued once, never edited, revoked (and possibly succeeded) instead of deleted.

The rules (who is eligible, issuing, revoking, correcting) live in certificates.services;
the constraints below are what the database guarantees whatever code runs.
"""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from certificates.codes import generate_code
from certificates.snapshot import CertificateSnapshot


def certificate_storage():
    """The private "certificates" storage (settings.STORAGES): outside MEDIA_ROOT, without
    a URL; certificates.views.download serves a PDF after checking access and revocation."""
    return storages["certificates"]


def pdf_path(certificate: "Certificate", filename: str) -> str:
    return f"certificates/{certificate.issued_at:%Y}/{certificate.uuid}.pdf"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True).exclude(expires_on__lt=timezone.localdate())

    def not_revoked(self):
        return self.filter(revoked_at__isnull=True)

    def for_participant(self, user):
        return self.filter(participant=user)


class Certificate(models.Model):
    """Proof that a participant completed a course: a cohort enrolment or, for e-learning,
    the participant × course pair."""

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(
        _("verification code"), max_length=20, unique=True, default=generate_code, editable=False
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("participant"),
    )
    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("enrolment"),
    )
    # Only for e-learning, which has no cohort and so no enrolment.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="elearning_certificates",
        verbose_name=_("e-learning course"),
    )

    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    # What the certificate states, frozen at issue time (see certificates.snapshot).
    snapshot = models.JSONField(_("what the certificate states"), editable=False)
    participant_name = models.CharField(_("name on certificate"), max_length=200, editable=False)
    course_title = models.CharField(_("course"), max_length=255, editable=False)

    pdf = models.FileField(
        _("PDF"), upload_to=pdf_path, storage=certificate_storage, max_length=200, editable=False
    )
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, editable=False)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    # Set when the participant's email went out, so a task run twice sends once.
    notified_at = models.DateTimeField(_("participant notified at"), null=True, editable=False)

    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    successor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessor",
        verbose_name=_("replaced by"),
        editable=False,
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # Either a cohort enrolment or an e-learning course, never both or neither.
            models.CheckConstraint(
                condition=(
                    Q(enrolment__isnull=False, course__isnull=True)
                    | Q(enrolment__isnull=True, course__isnull=False)
                ),
                name="certificate_enrolment_xor_course",
            ),
            # At most one certificate in force per completion; revoked ones may pile up.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(revoked_at__isnull=True, enrolment__isnull=False),
                name="certificate_one_valid_per_enrolment",
            ),
            models.UniqueConstraint(
                fields=["participant", "course"],
                condition=Q(revoked_at__isnull=True, course__isnull=False),
                name="certificate_one_valid_per_elearning",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(revoked_at__isnull=False),
                name="certificate_successor_only_when_revoked",
            ),
            models.CheckConstraint(
                condition=~Q(pdf="") & Q(pdf_sha256__regex=r"^[0-9a-f]{64}$"),
                name="certificate_has_pdf_and_hash",
            ),
        ]
        indexes = [models.Index(fields=["participant", "-issued_at"])]

    def __str__(self):
        return f"{self.code} — {self.participant_name}, {self.course_title}"

    @cached_property
    def stated(self) -> CertificateSnapshot:
        return CertificateSnapshot.from_dict(self.snapshot)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def status(self) -> str:
        if self.is_revoked:
            return CertificateStatus.REVOKED
        if self.is_expired:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    def get_status_display(self) -> str:
        return CertificateStatus(self.status).label

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID
