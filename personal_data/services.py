"""A person's rights over their data: the export, deleting the account, and retention.

Deleting an account anonymises the person instead of removing rows other records need:
a certificate stays verifiable (its frozen snapshot keeps the name, unless the person asks
to revoke it), accepted bookings and their quotes stay for the 7-year fiscal retention,
and enrolments and attendance stay so counts and registers remain right.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.services import withdraw_at_participants_request
from cohorts.models import CalendarFeed, Enrolment, EnrolmentStatus, Evaluation, Intake
from cohorts.services.enrolment import EnrolmentError, cancel_enrolment
from courses.models import LessonProgress, ReflectionNote
from leerkring.deletion import deletion_blockers
from personal_data.export import export_zip
from personal_data.models import DataExport, ExportStatus
from privacy.models import AccessLog

# Requests kept whole for the fiscal retention: a quote was accepted.
FISCAL_BOOKING_STATUSES = ("accepted", "scheduled", "delivered", "closed")
WITHDRAWN_ON_REQUEST = "Ingetrokken op verzoek van de deelnemer"
MESSAGE_REMOVED_ON_REQUEST = "(Bericht verwijderd op verzoek van de afzender)"


class PersonalDataError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- export ----------------------------------------------------------------------------------


def request_export(*, user) -> DataExport:
    """Queue an export; one being prepared is not queued twice."""
    from personal_data.tasks import build_data_export

    pending = DataExport.objects.filter(user=user, status=ExportStatus.PENDING).first()
    if pending:
        return pending
    export = DataExport.objects.create(user=user)
    transaction.on_commit(lambda: build_data_export.enqueue(export.pk))
    return export


def build_export(*, export_id: int, now: datetime | None = None) -> DataExport | None:
    """Build the ZIP and mail the link. Safe to run twice: a built export is not rebuilt,
    a mailed link is not mailed again."""
    now = now or timezone.now()
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id)
            .first()
        )
        if export is None:
            return None
        if export.status == ExportStatus.PENDING:
            export.file.save("export.zip", ContentFile(export_zip(export.user)), save=False)
            export.status = ExportStatus.READY
            export.ready_at = now
            export.expires_at = DataExport.expiry_from(now)
            export.save()
        if export.emailed_at is None:
            from personal_data.emails import send_export_ready

            send_export_ready(export)
            export.emailed_at = now
            export.save(update_fields=["emailed_at"])
    return export


def downloadable_export(*, user, export_uuid) -> DataExport | None:
    """The person's own ready export within its 7 days; anything else is None."""
    export = DataExport.objects.filter(
        uuid=export_uuid, user=user, status=ExportStatus.READY
    ).first()
    if export is None or export.is_expired:
        return None
    return export


def delete_expired_exports(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    expired = list(DataExport.objects.filter(expires_at__lte=now))
    for export in expired:
        _delete_export(export)
    return len(expired)


def _delete_export(export: DataExport) -> None:
    if export.file:
        export.file.storage.delete(export.file.name)
    export.delete()


# --- deleting an account ---------------------------------------------------------------------


@dataclass
class AnonymisationResult:
    cancelled_enrolments: int = 0
    withdrawn_certificates: int = 0
    kept_certificates: int = 0
    notes: list[str] = field(default_factory=list)


OPEN_ENROLMENT_STATUSES = (
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.WAITLISTED,
    EnrolmentStatus.OFFERED,
)


@transaction.atomic
def delete_account(*, user, withdraw_certificates: bool = False) -> AnonymisationResult:
    """The person asked to delete their account: cancel what is still open, remove what
    identifies them and keep what must be kept (see the module's docstring)."""
    result = AnonymisationResult()
    for enrolment in Enrolment.objects.filter(
        participant=user,
        status__in=OPEN_ENROLMENT_STATUSES,
        cohort__status__in=["planned", "confirmed"],
    ):
        try:
            cancel_enrolment(enrolment=enrolment, by=user, reason=_("Account deleted"))
        except EnrolmentError as error:
            raise PersonalDataError(
                _(
                    "You are enrolled in %(cohort)s and can no longer cancel: %(reason)s Delete "
                    "your account after the course, or ask your trainer to cancel."
                )
                % {"cohort": enrolment.cohort, "reason": error}
            ) from error
        result.cancelled_enrolments += 1
    for certificate in user.certificates.filter(revoked_at__isnull=True):
        if withdraw_certificates:
            withdraw_at_participants_request(certificate=certificate, reason=WITHDRAWN_ON_REQUEST)
            result.withdrawn_certificates += 1
        else:
            result.kept_certificates += 1
    anonymise_user(user)
    return result


def anonymise_user(user) -> None:
    """Remove what identifies the person; rows other records point to stay, nameless."""
    enrolments = Enrolment.objects.filter(participant=user)
    Intake.objects.filter(enrolment__in=enrolments).update(
        role="", hopes_to_learn="", own_situation=""
    )
    Evaluation.objects.filter(enrolment__in=enrolments).update(keep="", change="")
    ReflectionNote.objects.filter(participant=user).delete()
    LessonProgress.objects.filter(participant=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    for export in DataExport.objects.filter(user=user):
        _delete_export(export)
    _forget_booking_contact(user)
    _forget_login(user)
    placeholder = f"verwijderd-{uuid.uuid4().hex[:16]}@verwijderd.invalid"
    user.email = placeholder
    user.first_name = user.last_name = ""
    user.certificate_name = user.organisation = user.phone = user.job_title = ""
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _forget_login(user) -> None:
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


def _forget_booking_contact(user) -> None:
    """Requests without an accepted quote lose the contact's details; those with one are
    fiscal records and stay whole for seven years (then retention removes them)."""
    from bookings.models import BookingMessage, BookingRequest

    forgettable = BookingRequest.objects.filter(contact=user).exclude(
        status__in=FISCAL_BOOKING_STATUSES
    )
    # What the person wrote in the conversation goes too; the row stays, so the other
    # side's replies still read in order.
    BookingMessage.objects.filter(author=user, request__in=forgettable).update(
        body=MESSAGE_REMOVED_ON_REQUEST
    )
    forgettable.update(
        contact_name="—",
        contact_role="",
        contact_phone="",
        contact_email="verwijderd@verwijderd.invalid",
        current_situation="",
        accessibility_needs="",
    )


# --- retention -------------------------------------------------------------------------------


@dataclass
class RetentionResult:
    cancelled_enrolments_deleted: int = 0
    intakes_deleted: int = 0
    evaluations_anonymised: int = 0
    unverified_accounts_deleted: int = 0
    unverified_accounts_anonymised: int = 0
    exports_deleted: int = 0
    access_log_entries_deleted: int = 0


def apply_retention(*, now: datetime | None = None) -> RetentionResult:
    """Remove what has outlived its purpose. Safe to run any number of times."""
    now = now or timezone.now()
    result = RetentionResult()
    months = settings.RETENTION_MONTHS_AFTER_COHORT
    cutoff_day = timezone.localdate(now) - timedelta(days=round(months * 30.44))
    with transaction.atomic():
        old = Enrolment.objects.alias(last_day=Max("cohort__sessions__date")).filter(
            last_day__lt=cutoff_day
        )
        old_ids = list(old.values_list("pk", flat=True))
        cancelled = Enrolment.objects.filter(pk__in=old_ids, status=EnrolmentStatus.CANCELLED)
        result.cancelled_enrolments_deleted = len(cancelled.filter(certificates__isnull=True))
        cancelled.filter(certificates__isnull=True).delete()
        result.intakes_deleted, _ = Intake.objects.filter(enrolment_id__in=old_ids).delete()
        result.evaluations_anonymised = (
            Evaluation.objects.filter(enrolment_id__in=old_ids)
            .exclude(Q(keep="") & Q(change=""))
            .update(keep="", change="")
        )
    unverified_before = now - timedelta(days=settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS)
    users = (
        get_user_model()
        .objects.filter(date_joined__lt=unverified_before, is_active=True, is_staff=False)
        .exclude(emailaddress__verified=True)
    )
    for user in users:
        with transaction.atomic():
            if deletion_blockers([user]):
                anonymise_user(user)
                result.unverified_accounts_anonymised += 1
            else:
                user.delete()
                result.unverified_accounts_deleted += 1
    result.exports_deleted = delete_expired_exports(now=now)
    log_before = now - timedelta(days=round(settings.RETENTION_ACCESS_LOG_MONTHS * 30.44))
    result.access_log_entries_deleted = AccessLog.objects.expire(before=log_before)
    return result
