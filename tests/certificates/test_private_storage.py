"""Certificate PDFs live in a private storage: never under MEDIA_ROOT, no URL, served only by
the view that checks access and revocation (issue 11, item 9)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from certificates.services import issue_certificate, revoke_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(enrolment, trainer):
    return issue_certificate(enrolment=enrolment, issued_by=trainer, notify=False)


def test_the_pdf_is_stored_outside_the_media_folder(certificate):
    path = Path(certificate.pdf.path).resolve()

    assert path.is_file()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_a_private_file_has_no_url(certificate):
    with pytest.raises(ValueError):
        certificate.pdf.url  # noqa: B018


@pytest.mark.urls("tests.certificates.media_urls")
def test_no_media_url_returns_the_certificate(certificate, trainer):
    name = certificate.pdf.name
    # Where it lay before, and a way out of the media folder into the private one.
    tries = [f"/media/{name}", f"/media/../private/{name}", f"/media/%2e%2e/private/{name}"]
    revoke_certificate(certificate=certificate, by=trainer, reason="Ten onrechte")
    client = Client(raise_request_exception=False)

    for url in tries:
        response = client.get(url)
        # 404, or 400 for a path that tries to leave the media folder.
        assert response.status_code in (400, 404), url
        assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_the_view_serves_it_to_its_owner_only_while_valid(client, certificate, trainer):
    client.force_login(certificate.participant)
    url = reverse("certificates:download", args=[certificate.uuid])

    valid = client.get(url)
    revoke_certificate(certificate=certificate, by=trainer, reason="Ten onrechte")
    revoked = client.get(url)

    assert valid.status_code == 200
    assert b"".join(valid.streaming_content).startswith(b"%PDF")
    assert revoked.status_code == 410
