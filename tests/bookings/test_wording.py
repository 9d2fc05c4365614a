"""A quote is an "Offerte" wherever a municipality meets it; "Citaat" is only a quotation in
a text (issue 10.2). The Dutch catalogue keeps the domain's words."""

import io
import re
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from courses.blocks import QuoteBlock
from tests.accounts.factories import UserFactory
from tests.bookings.factories import make_quote, make_request

pytestmark = pytest.mark.django_db


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_the_request_page_and_quote_editor_say_offerte(client):
    booking = make_request()
    make_quote(booking)
    client.force_login(booking.contact)

    page = client.get(reverse("bookings:detail", args=[booking.public_id])).content.decode()

    assert '<h2 id="quote-heading">Offerte</h2>' in page
    assert "Citaat" not in page

    client.force_login(UserFactory(roles=["Trainer"]))
    editor = client.get(reverse("bookings:quote_edit", args=[booking.public_id])).content.decode()
    assert _title(editor).startswith("Offerte")
    assert "Citaat" not in editor


def test_the_quote_pdf_says_offerte(client):
    booking = make_request()
    quote = make_quote(booking)
    client.force_login(booking.contact)

    response = client.get(reverse("bookings:quote_pdf", args=[booking.public_id, quote.version]))

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert "Offerte:" in text
    assert "Citaat" not in text
    assert reader.metadata.title.startswith("Offerte")


def test_a_quotation_in_a_course_text_is_still_a_citaat():
    with translation.override("nl"):
        assert str(QuoteBlock().meta.label) == "Citaat"
        assert str(translation.pgettext("sales offer", "Quote")) == "Offerte"


def test_the_dutch_catalogue_uses_the_domain_words():
    catalogue = Path(settings.BASE_DIR, "locale/nl/LC_MESSAGES/django.po").read_text()
    # DOMAIN.md: a tested objection is "overwegend bezwaar", the agreed state "besluit
    # genomen"; "gegrond" belongs to the municipal objection procedure.
    assert "gegrond" not in catalogue.lower()  # a Dutch word: only a msgstr can hold it
    # "Citaat" only where the context says it is a quotation.
    entry = r'((?:msgctxt "[^"]*"\n)?msgid "[^"]*"\n)msgstr "Citaat"'
    citaat_entries = re.findall(entry, catalogue)
    assert citaat_entries == ['msgctxt "quotation in a text"\nmsgid "Quote"\n']
