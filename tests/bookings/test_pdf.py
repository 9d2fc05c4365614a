import io

import pypdf
import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.bookings.factories import make_quote, make_request

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    # Words only: a description may wrap onto the next line of its table cell.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_quote_pdf_has_the_lines_and_totals(client):
    booking = make_request()
    quote = make_quote(booking)
    client.force_login(booking.contact)

    response = client.get(reverse("bookings:quote_pdf", args=[booking.public_id, quote.version]))

    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "Gemeente Utrecht" in text
    assert "Studiedag Sociocratie (8 deelnemers)" in text
    assert "2.450,00" in text
    assert "514,50" in text  # 21 % on the 21 % subtotal, rounded once
    assert "3.108,50" in text
    assert "BTW-compensatiefonds" in text


def test_someone_else_cannot_download_the_quote(client):
    booking = make_request()
    quote = make_quote(booking)
    client.force_login(UserFactory())

    response = client.get(reverse("bookings:quote_pdf", args=[booking.public_id, quote.version]))

    assert response.status_code == 404


def test_contact_cannot_download_a_draft(client):
    booking = make_request()
    quote = make_quote(booking, send=False)
    client.force_login(booking.contact)

    response = client.get(reverse("bookings:quote_pdf", args=[booking.public_id, quote.version]))

    assert response.status_code == 404
