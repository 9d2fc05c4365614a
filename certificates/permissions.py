"""Who may issue and manage certificates: object-level, in one place."""

from accounts.roles import TRAINER, has_role


def can_issue_for_cohort(user, cohort) -> bool:
    """Administrators, and trainers who teach this very cohort."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return has_role(user, TRAINER) and cohort.trainers.filter(pk=user.pk).exists()


def can_manage_certificate(user, certificate) -> bool:
    """Revoke or correct: administrators, anyone with the change permission in /beheer/,
    and the trainers of the certificate's cohort."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("certificates.change_certificate"):
        return True
    if certificate.enrolment_id:
        return can_issue_for_cohort(user, certificate.enrolment.cohort)
    return False
