"""The quote as a PDF, in the same look as the certificates (see leerkring.pdf)."""

from django.template.loader import render_to_string
from django.utils import translation

from bookings.models import Quote
from bookings.supplier import supplier
from leerkring.pdf import html_to_pdf

TEMPLATE = "bookings/pdf/quote.html"


def quote_pdf(quote: Quote) -> bytes:
    # Quotes are Dutch documents, whatever language the reader browses in.
    with translation.override("nl"):
        html = render_to_string(
            TEMPLATE,
            {
                "quote": quote,
                "request": quote.request,
                "totals": quote.totals(),
                "supplier": supplier(),
            },
        )
    return html_to_pdf(html)
