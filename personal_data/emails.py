from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from leerkring.site_url import absolute_url


def send_export_ready(export) -> None:
    """The link only: the data itself never travels by email."""
    context = {
        "user": export.user,
        "export": export,
        "download_url": absolute_url(reverse("personal_data:export_download", args=[export.uuid])),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/personal_data/export_ready_subject.txt", context).strip()
        body = render_to_string("emails/personal_data/export_ready.txt", context)
    EmailMessage(subject=subject, body=body, to=[export.user.email]).send()
