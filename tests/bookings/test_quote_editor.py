"""The quote editor without JavaScript: add and remove lines, totals, preview before
sending (issue 10.15). The browser version is in tests/e2e/test_quote_editor.py."""

import pytest
from django.urls import reverse

from accounts.roles import TRAINER
from bookings.models import QuoteStatus
from tests.accounts.factories import UserFactory
from tests.bookings.factories import future, make_quote, make_request

pytestmark = pytest.mark.django_db


def editor_data(lines, **extra):
    data = {
        "valid_until": future(30).isoformat(),
        "includes": "Intake en evaluatie",
        "excludes": "Locatie",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": str(len(lines)),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for index, line in enumerate(lines):
        for name, value in line.items():
            data[f"lines-{index}-{name}"] = value
    data.update(extra)
    return data


STUDY_DAY = {
    "description": "Studiedag",
    "quantity": "1",
    "unit_price": "2450,00",
    "vat_category": "21",
}
WORKBOOK = {"description": "Werkboek", "quantity": "8", "unit_price": "12,50", "vat_category": "9"}


@pytest.fixture
def editor(client):
    booking = make_request()
    client.force_login(UserFactory(roles=[TRAINER]))
    return booking, reverse("bookings:quote_edit", args=[booking.public_id])


def test_add_a_line_posts_back_with_one_more_line_and_the_totals(client, editor):
    booking, url = editor

    response = client.post(url, editor_data([STUDY_DAY, WORKBOOK], add_line="1"))

    assert response.status_code == 200
    lines = response.context["lines"]
    assert lines.total_form_count() == 3
    assert lines.forms[1].initial["description"] == "Werkboek"
    assert not lines.forms[2].errors  # the new line is empty, not wrong
    page = response.content.decode()
    assert "€\xa02.550,00" in page  # 2450 + 8 × 12,50 excl. VAT
    assert "€\xa0514,50" in page  # 21 % of 2450
    assert "€\xa09,00" in page  # 9 % of 100
    assert "€\xa03.073,50" in page
    assert not booking.quotes.exists()  # nothing saved yet


def test_an_added_line_left_empty_is_skipped_and_a_removed_line_is_dropped(client, editor):
    booking, url = editor
    empty = {"description": "", "quantity": "1", "unit_price": "", "vat_category": "21"}
    removed = {**WORKBOOK, "DELETE": "on"}

    response = client.post(url, editor_data([STUDY_DAY, removed, empty], save="1"))

    assert response.status_code == 302
    quote = booking.quotes.get()
    assert [line.description for line in quote.lines.all()] == ["Studiedag"]


def test_the_editor_cannot_send_only_the_preview_can(client, editor):
    booking, url = editor

    response = client.post(url, editor_data([STUDY_DAY], send="1"))

    assert response.status_code == 302
    assert booking.quotes.get().status == QuoteStatus.DRAFT


def test_the_preview_shows_the_pdf_and_the_send_button(client, editor):
    booking, url = editor
    client.post(url, editor_data([STUDY_DAY], preview="1"))
    quote = booking.quotes.get()

    page = client.get(reverse("bookings:quote_preview", args=[booking.public_id]))

    pdf_url = reverse("bookings:quote_pdf", args=[booking.public_id, quote.version])
    assert f'src="{pdf_url}?inline=1"' in page.text
    send_url = reverse("bookings:send_quote", args=[booking.public_id, quote.version])
    assert f'action="{send_url}"' in page.text
    inline = client.get(pdf_url + "?inline=1")
    assert inline["Content-Disposition"].startswith("inline")
    assert client.get(pdf_url)["Content-Disposition"].startswith("attachment")

    client.post(send_url)

    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SENT


def test_a_client_cannot_send_or_preview(client):
    booking = make_request()
    quote = make_quote(booking, send=False)
    client.force_login(booking.contact)

    preview = client.get(reverse("bookings:quote_preview", args=[booking.public_id]))
    send = client.post(reverse("bookings:send_quote", args=[booking.public_id, quote.version]))

    assert preview.status_code == 403
    assert send.status_code == 403
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT
