"""Demo certificates for `manage.py load_demo`: every completed demo enrolment gets its
certificate, issued by the cohort's trainer. Issuing is idempotent, so loading again
changes nothing. Without a completed demo cohort there is nothing to issue."""

from certificates.models import Certificate
from certificates.services import CertificateError, issue_certificate
from cohorts.models import Enrolment, EnrolmentStatus


def load_demo_certificates() -> list[Certificate]:
    certificates = []
    completed = (
        Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
        .select_related("participant", "cohort__course")
        .prefetch_related("cohort__trainers")
    )
    for enrolment in completed:
        trainer = next(iter(enrolment.cohort.trainers.all()), None)
        if trainer is None:
            continue
        try:
            certificates.append(
                issue_certificate(enrolment=enrolment, issued_by=trainer, notify=False)
            )
        except CertificateError:
            continue  # not eligible (e.g. exercises still open): the demo shows why
    return certificates
