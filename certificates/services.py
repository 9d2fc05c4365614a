"""Issuing, revoking and correcting certificates.

Issuing renders the PDF *before* the transaction that writes the row: a PDF that fails to
render leaves nothing behind, and no lock is held while WeasyPrint works. Inside the
transaction the enrolment row is locked and the "one valid certificate" rule re-checked,
so issuing twice (or twice at once) returns the existing certificate.
"""

import logging
from dataclasses import dataclass, field, replace
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from certificates.codes import generate_code
from certificates.eligibility import Eligibility, elearning_eligibility, enrolment_eligibility
from certificates.models import Certificate
from certificates.permissions import can_issue_for_cohort, can_manage_certificate
from certificates.render import RenderError, render_certificate_pdf
from certificates.snapshot import CertificateSnapshot
from cohorts.models import Cohort, Enrolment, EnrolmentStatus
from courses.models import CourseFormat, CoursePage
from leerkring.notifications import notifications_enabled

logger = logging.getLogger(__name__)

DEFAULT_ISSUER = "Leerkring"


class CertificateError(Exception):
    """A rule refused the change; the message can be shown to the user as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def issuer_name() -> str:
    return getattr(settings, "CERTIFICATE_ISSUER", DEFAULT_ISSUER)


# --- what a certificate states ------------------------------------------------------------


def _format_label(course: CoursePage) -> str:
    # Printed in the document's language, frozen with the rest of the snapshot.
    with translation.override("nl"):
        return str(CourseFormat(course.format).label) if course.format else ""


def _trainer_name(user: User) -> str:
    profile = getattr(user, "trainer_profile", None)
    return (profile.name if profile else "") or user.get_full_name() or user.email


def snapshot_for_enrolment(enrolment: Enrolment) -> CertificateSnapshot:
    cohort = enrolment.cohort
    course = cohort.course
    sessions = cohort.ordered_sessions  # a cancelled session did not take place
    dates = tuple(sorted({session.date for session in sessions}))
    if cohort.is_in_company:
        location = cohort.municipality or cohort.location
    else:
        places = [session.place for session in sessions if session.place]
        location = cohort.location or (places[0] if places else "")
    trainers = sorted(cohort.trainers.all(), key=lambda user: (user.last_name, user.first_name))
    return CertificateSnapshot(
        participant_name=enrolment.participant.name_on_certificate.strip(),
        course_title=course.title,
        course_format=_format_label(course),
        contact_hours=course.contact_hours,
        session_dates=dates,
        location=location,
        trainer_names=tuple(_trainer_name(user) for user in trainers),
        issuer=issuer_name(),
    )


def snapshot_for_elearning(*, participant: User, course: CoursePage) -> CertificateSnapshot:
    return CertificateSnapshot(
        participant_name=participant.name_on_certificate.strip(),
        course_title=course.title,
        course_format=_format_label(course),
        contact_hours=course.contact_hours,
        session_dates=(timezone.localdate(),),
        location="",
        trainer_names=(),
        issuer=issuer_name(),
    )


# --- issuing --------------------------------------------------------------------------------


def _require(eligibility: Eligibility) -> None:
    if not eligibility:
        raise CertificateError(eligibility.reason)


def _new_code() -> str:
    # 60 random bits: a clash is all but impossible, but a unique column costs nothing to ask.
    while Certificate.objects.filter(code=(code := generate_code())).exists():
        pass
    return code


def _render(snapshot: CertificateSnapshot, *, code: str, issued_at, expires_on: date | None):
    try:
        return render_certificate_pdf(
            snapshot=snapshot, code=code, issued_at=issued_at, expires_on=expires_on
        )
    except RenderError as error:
        logger.exception("Certificate PDF failed to render")
        raise CertificateError(
            _(
                "The certificate could not be made (the PDF failed to render); nothing was "
                "issued. Try again later or contact %(contact)s."
            )
            % {"contact": settings.CONTACT_EMAIL}
        ) from error


def _store(certificate: Certificate, pdf) -> Certificate:
    """Write the PDF and the row together; if the row cannot be written, the file goes too."""
    certificate.pdf_sha256 = pdf.sha256
    certificate.pdf.save("certificate.pdf", ContentFile(pdf.content), save=False)
    try:
        with transaction.atomic():
            certificate.save(force_insert=True)
    except Exception:
        certificate.pdf.storage.delete(certificate.pdf.name)
        raise
    return certificate


def _notify_after_commit(certificate: Certificate) -> None:
    from certificates.tasks import send_certificate_email

    certificate_id = certificate.pk
    if notifications_enabled():
        transaction.on_commit(lambda: send_certificate_email.enqueue(certificate_id))


def issue_certificate(
    *, enrolment: Enrolment, issued_by: User, expires_on: date | None = None, notify: bool = True
) -> Certificate:
    """Issue the certificate of a completed enrolment, or return the one already in force."""
    if not can_issue_for_cohort(issued_by, enrolment.cohort):
        raise CertificateError(_("Only a trainer of this cohort can issue its certificates."))
    existing = Certificate.objects.not_revoked().filter(enrolment=enrolment).first()
    if existing:
        return existing
    _require(enrolment_eligibility(enrolment))

    snapshot = snapshot_for_enrolment(enrolment)
    issued_at = timezone.now()
    code = _new_code()
    pdf = _render(snapshot, code=code, issued_at=issued_at, expires_on=expires_on)

    with transaction.atomic():
        # The lock makes a second, simultaneous issue wait and then find this one.
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        existing = Certificate.objects.not_revoked().filter(enrolment=locked).first()
        if existing:
            return existing
        if locked.status != EnrolmentStatus.COMPLETED:
            raise CertificateError(enrolment_eligibility(locked).reason)
        certificate = _store(
            Certificate(
                code=code,
                participant=locked.participant,
                enrolment=locked,
                issued_at=issued_at,
                issued_by=issued_by,
                snapshot=snapshot.to_dict(),
                participant_name=snapshot.participant_name,
                course_title=snapshot.course_title,
                expires_on=expires_on,
            ),
            pdf,
        )
        if notify:
            _notify_after_commit(certificate)
    return certificate


def issue_elearning_certificate(
    *, participant: User, course: CoursePage, expires_on: date | None = None, notify: bool = True
) -> Certificate:
    """Issue the e-learning certificate of a participant who finished the course (they ask
    for it themselves), or return the one already in force."""
    existing = Certificate.objects.not_revoked().filter(participant=participant, course=course)
    if found := existing.first():
        return found
    _require(elearning_eligibility(participant=participant, course=course))

    snapshot = snapshot_for_elearning(participant=participant, course=course)
    issued_at = timezone.now()
    code = _new_code()
    pdf = _render(snapshot, code=code, issued_at=issued_at, expires_on=expires_on)
    try:
        with transaction.atomic():
            User.objects.select_for_update().get(pk=participant.pk)
            if found := existing.first():
                return found
            certificate = _store(
                Certificate(
                    code=code,
                    participant=participant,
                    course=course,
                    issued_at=issued_at,
                    issued_by=participant,
                    snapshot=snapshot.to_dict(),
                    participant_name=snapshot.participant_name,
                    course_title=snapshot.course_title,
                    expires_on=expires_on,
                ),
                pdf,
            )
            if notify:
                _notify_after_commit(certificate)
    except IntegrityError:
        # Another request won the race; its certificate is the one.
        return existing.get()
    return certificate


# --- a whole cohort ----------------------------------------------------------------------------


@dataclass
class CohortIssueResult:
    issued: list[Certificate] = field(default_factory=list)
    already_issued: list[Certificate] = field(default_factory=list)
    not_eligible: list[tuple[Enrolment, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "issued": [c.pk for c in self.issued],
            "already_issued": [c.pk for c in self.already_issued],
            "not_eligible": [(e.pk, reason) for e, reason in self.not_eligible],
        }


# Enrolments of people who were (meant to be) in the room; cancellations and the waiting
# list are not listed at all.
COHORT_STATUSES = [EnrolmentStatus.COMPLETED, EnrolmentStatus.ENROLLED, EnrolmentStatus.NO_SHOW]


def issue_for_cohort(*, cohort: Cohort, issued_by: User) -> CohortIssueResult:
    """Issue every eligible participant's certificate; list the others with the reason.

    Each certificate is its own transaction, so one failure does not undo the rest, and
    running it again issues only what is missing.
    """
    if not can_issue_for_cohort(issued_by, cohort):
        raise CertificateError(_("Only a trainer of this cohort can issue its certificates."))
    result = CohortIssueResult()
    enrolments = (
        Enrolment.objects.filter(cohort=cohort, status__in=COHORT_STATUSES)
        .select_related("participant", "cohort__course")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    existing = {
        c.enrolment_id: c
        for c in Certificate.objects.not_revoked().filter(enrolment__cohort=cohort)
    }
    for enrolment in enrolments:
        if enrolment.pk in existing:
            result.already_issued.append(existing[enrolment.pk])
            continue
        eligibility = enrolment_eligibility(enrolment)
        if not eligibility:
            result.not_eligible.append((enrolment, eligibility.reason))
            continue
        try:
            result.issued.append(issue_certificate(enrolment=enrolment, issued_by=issued_by))
        except CertificateError as error:
            result.not_eligible.append((enrolment, error.message))
    return result


# --- revoking and correcting ----------------------------------------------------------------


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking; it is kept with the certificate."))
    return reason


@transaction.atomic
def revoke_certificate(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Withdraw a certificate: it stays on record and its verification page says so."""
    reason = _clean_reason(reason)
    if not can_manage_certificate(by, certificate):
        raise CertificateError(_("You may not revoke this certificate."))
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.is_revoked:
        raise CertificateError(
            _("This certificate was already revoked on %(date)s.")
            % {"date": timezone.localtime(locked.revoked_at).strftime("%d-%m-%Y")}
        )
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revocation_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return locked


@transaction.atomic
def withdraw_at_participants_request(*, certificate: Certificate, reason: str) -> Certificate:
    """The participant deletes their account and asks that the certificate no longer carry
    their name: it is revoked, its verification page shows the reason instead of the name,
    and the PDF (which shows the name) is removed."""
    reason = _clean_reason(reason)
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.pdf and locked.pdf.storage.exists(locked.pdf.name):
        locked.pdf.storage.delete(locked.pdf.name)
    locked.revoked_at = locked.revoked_at or timezone.now()
    locked.revocation_reason = locked.revocation_reason or reason
    locked.participant_name = ""
    locked.snapshot = {**locked.snapshot, "participant_name": ""}
    locked.save(update_fields=["revoked_at", "revocation_reason", "participant_name", "snapshot"])
    return locked


def correct_certificate(
    *, certificate: Certificate, by: User, reason: str, notify: bool = True
) -> Certificate:
    """Replace a certificate with one stating today's data (e.g. a corrected name): the old
    one is revoked and points to its successor."""
    reason = _clean_reason(reason)
    if not can_manage_certificate(by, certificate):
        raise CertificateError(_("You may not correct this certificate."))
    if certificate.is_revoked:
        raise CertificateError(
            _("A revoked certificate cannot be corrected; issue a new one instead.")
        )
    if certificate.enrolment_id:
        # Today's profile and course, not whatever the caller's objects remember.
        enrolment = Enrolment.objects.select_related("participant", "cohort__course").get(
            pk=certificate.enrolment_id
        )
        _require(enrolment_eligibility(enrolment))
        snapshot = snapshot_for_enrolment(enrolment)
    else:
        snapshot = snapshot_for_elearning(
            participant=User.objects.get(pk=certificate.participant_id),
            course=CoursePage.objects.get(pk=certificate.course_id),
        )
        snapshot = replace(snapshot, session_dates=certificate.stated.session_dates)
    issued_at = timezone.now()
    code = _new_code()
    pdf = _render(snapshot, code=code, issued_at=issued_at, expires_on=certificate.expires_on)

    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.is_revoked:
            raise CertificateError(
                _("A revoked certificate cannot be corrected; issue a new one instead.")
            )
        old.revoked_at = issued_at
        old.revoked_by = by
        old.revocation_reason = reason
        old.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        new = _store(
            Certificate(
                code=code,
                participant=old.participant,
                enrolment=old.enrolment,
                course=old.course,
                issued_at=issued_at,
                issued_by=by,
                snapshot=snapshot.to_dict(),
                participant_name=snapshot.participant_name,
                course_title=snapshot.course_title,
                expires_on=old.expires_on,
            ),
            pdf,
        )
        old.successor = new
        old.save(update_fields=["successor"])
        if notify:
            _notify_after_commit(new)
    return new
