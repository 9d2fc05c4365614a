"""Absolute links follow the address the site is served on (issue 10.18): `make run
PORT=8100` gives emails, the certificate QR code and "controleer op" with port 8100."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from certificates.render import certificate_html, verification_url
from leerkring.site_url import SiteBaseUrlMiddleware, site_base_url
from tests.accounts.factories import UserFactory
from tests.bookings.factories import in_company_course
from tests.certificates.test_render import CODE, snapshot


def served_at(host: str, view):
    request = RequestFactory().get("/", HTTP_HOST=host)
    return SiteBaseUrlMiddleware(view)(request)


def test_inside_a_request_links_use_the_requests_address(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    seen = {}

    def view(request):
        seen["base"] = site_base_url()
        seen["verify"] = verification_url(CODE)
        seen["html"] = certificate_html(snapshot=snapshot(), code=CODE, issued_at=timezone.now())
        return HttpResponse()

    served_at("127.0.0.1:8100", view)

    assert seen["base"] == "http://127.0.0.1:8100"
    assert seen["verify"] == f"http://127.0.0.1:8100/certificaat/{CODE}/"
    # The QR code's text alternative and the "controleer op" line carry the same address.
    assert "http://127.0.0.1:8100/certificaat/" in seen["html"]
    assert ">127.0.0.1:8100/certificaat/<" in seen["html"]
    # Outside the request, the configured address again.
    assert site_base_url() == settings.WAGTAILADMIN_BASE_URL


def test_with_base_url_from_the_request_off_the_configured_address_is_used(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.BASE_URL_FROM_REQUEST = False
    settings.WAGTAILADMIN_BASE_URL = "https://leerkring.nl"
    seen = {}

    def view(request):
        seen["verify"] = verification_url(CODE)
        return HttpResponse()

    served_at("127.0.0.1:8100", view)

    assert seen["verify"] == f"https://leerkring.nl/certificaat/{CODE}/"


def test_production_uses_base_url_only():
    source = (settings.BASE_DIR / "leerkring/settings/production.py").read_text()
    assert 'BASE_URL_FROM_REQUEST = env.bool("BASE_URL_FROM_REQUEST", default=False)' in source


# Transactional: the email is queued on commit, which must happen inside the request.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_email_sent_during_a_request_links_to_that_address(client, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    course = in_company_course()
    contact = UserFactory()
    client.force_login(contact)
    day = timezone.localdate() + datetime.timedelta(days=40)

    response = client.post(
        reverse("bookings:create_for_course", args=[course.pk]),
        {
            "course": course.pk,
            "organisation": "Gemeente Deventer",
            "contact_name": "Anna de Vries",
            "contact_email": "anna@deventer.example",
            "participant_count": 6,
            "location": "Stadhuis",
            "learning_goals": "Consent leren.",
            "invoice_address": "Postbus 5000, Deventer",
            "date_1": day.isoformat(),
            "part_1": "morning",
        },
        HTTP_HOST="127.0.0.1:8100",
    )

    assert response.status_code == 302
    (email,) = mail.outbox
    assert "http://127.0.0.1:8100/incompany/aanvragen/" in email.body
    assert ":8000" not in email.body


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_the_port_to_the_server_and_to_base_url():
    commands = subprocess.run(  # noqa: S603 — fixed program and arguments
        ["make", "-n", "run", "PORT=8100"],  # noqa: S607
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert "BASE_URL=http://127.0.0.1:8100 " in commands
    # The server listens on that port, whichever server `make run` starts.
    assert re.search(r"(runserver 127\.0\.0\.1:|--port )8100\b", commands)
    assert "8000" not in commands
