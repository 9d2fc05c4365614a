"""Background work: issuing a cohort's certificates and telling participants.

Tasks take primary keys and are safe to run twice: issuing skips what exists, and an
email is claimed (notified_at) before it is sent.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from certificates.models import Certificate
from certificates.render import site_base_url, verification_url
from cohorts.models import Cohort


@task
def issue_cohort_certificates(cohort_id: int, issued_by_id: int) -> dict:
    from certificates.services import issue_for_cohort

    cohort = Cohort.objects.get(pk=cohort_id)
    issued_by = User.objects.get(pk=issued_by_id)
    return issue_for_cohort(cohort=cohort, issued_by=issued_by).as_dict()


@task
def send_certificate_email(certificate_id: int) -> None:
    claimed = Certificate.objects.filter(
        pk=certificate_id, notified_at__isnull=True, revoked_at__isnull=True
    ).update(notified_at=timezone.now())
    if not claimed:
        return
    certificate = Certificate.objects.select_related("participant").get(pk=certificate_id)
    context = {
        "certificate": certificate,
        "name": certificate.participant.first_name or certificate.participant_name,
        "download_url": site_base_url() + reverse("certificates:mine"),
        "verification_url": verification_url(certificate.code),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/certificates/issued_subject.txt", context).strip()
        body = render_to_string("emails/certificates/issued.txt", context)
    send_mail(subject, body, None, [certificate.participant.email])
