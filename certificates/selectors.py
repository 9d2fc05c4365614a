"""Shaped reads for certificate pages: a fixed number of queries whatever the row count."""

from dataclasses import dataclass

from certificates.codes import normalise_code
from certificates.eligibility import Eligibility, enrolment_eligibility
from certificates.models import Certificate
from cohorts.models import Cohort, Enrolment


def certificates_of(*, user) -> list[Certificate]:
    """A participant's own certificates, newest first, revoked ones included (marked)."""
    return list(
        Certificate.objects.for_participant(user)
        .select_related("successor")
        .order_by("-issued_at", "-pk")
    )


def elearning_certificate_of(*, user, course) -> Certificate | None:
    """The participant's certificate in force for an e-learning course, if any (one query)."""
    if not user.is_authenticated:
        return None
    return Certificate.objects.not_revoked().filter(participant=user, course=course).first()


def certificate_by_code(code: str) -> Certificate | None:
    canonical = normalise_code(code)
    if canonical is None:
        return None
    return Certificate.objects.select_related("successor").filter(code=canonical).first()


@dataclass
class CohortCertificateRow:
    enrolment: Enrolment
    certificate: Certificate | None
    eligibility: Eligibility


def cohort_certificate_rows(*, cohort: Cohort) -> list[CohortCertificateRow]:
    """Everyone who was in the cohort, with the certificate in force or why there is none.

    Eligibility asks the exercises app per participant (one query each) where that app
    has required exercises; the rest is three queries.
    """
    from certificates.services import COHORT_STATUSES

    enrolments = list(
        Enrolment.objects.filter(cohort=cohort, status__in=COHORT_STATUSES)
        .select_related("participant", "cohort__course")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    certificates = {
        c.enrolment_id: c
        for c in Certificate.objects.not_revoked().filter(enrolment__cohort=cohort)
    }
    return [
        CohortCertificateRow(
            enrolment=enrolment,
            certificate=certificates.get(enrolment.pk),
            eligibility=(
                Eligibility(True)
                if enrolment.pk in certificates
                else enrolment_eligibility(enrolment)
            ),
        )
        for enrolment in enrolments
    ]


def valid_certificates_of_cohort(*, cohort: Cohort) -> list[Certificate]:
    return list(
        Certificate.objects.not_revoked()
        .filter(enrolment__cohort=cohort)
        .order_by("participant_name", "pk")
    )
