"""Certificate PDFs: a Django template rendered to HTML, and WeasyPrint turning it into A4.

The HTML-to-PDF step and its disk-only URL fetcher are shared with quotes: leerkring.pdf.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from certificates.fit import course_size, name_size
from certificates.snapshot import CertificateSnapshot
from leerkring.pdf import html_to_pdf, site_base_url

TEMPLATE = "certificates/pdf/certificate.html"
# Its fixed styles and fonts, parsed once per process (leerkring.pdf.shared_stylesheet).
STYLESHEET = "certificates/pdf/certificate.css"
# The document is always Dutch, whatever language the issuing trainer browses in.
DOCUMENT_LANGUAGE = "nl"


class RenderError(Exception):
    """The PDF could not be made; nothing was issued."""


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    sha256: str


def verification_url(code: str) -> str:
    return site_base_url() + reverse("certificates:verify", kwargs={"code": code})


def qr_svg(url: str) -> str:
    """The URL as an inline SVG QR code, sized by CSS (no width/height of its own).

    Its <title> is the text alternative the tagged PDF gives the figure (segno escapes it)."""
    import segno  # ~0.1 s to import: only where a certificate is made, not at start-up

    qr = segno.make(url, error="m", micro=False)
    title = _("QR code that opens the verification page: %(url)s") % {"url": url}
    return qr.svg_inline(
        scale=1, border=2, omitsize=True, dark="#123d33", light="#ffffff", title=title
    )


def certificate_html(
    *, snapshot: CertificateSnapshot, code: str, issued_at: datetime, expires_on: date | None = None
) -> str:
    url = verification_url(code)
    with translation.override(DOCUMENT_LANGUAGE):
        context = {
            "snapshot": snapshot,
            "code": code,
            "issued_at": issued_at,
            "expires_on": expires_on,
            "verification_url": url,
            "verification_host": urlsplit(url).netloc,
            "qr_svg": mark_safe(qr_svg(url)),  # noqa: S308 — segno's own markup, escaped
            # Long names and titles get smaller type, so the certificate stays one page.
            # (As text: a number would print with a Dutch decimal comma, which CSS ignores.)
            "name_size": str(name_size(snapshot.participant_name)),
            "course_size": str(course_size(snapshot.course_title)),
        }
        return render_to_string(TEMPLATE, context)


def render_certificate_pdf(
    *,
    snapshot: CertificateSnapshot,
    code: str,
    issued_at: datetime,
    expires_on: date | None = None,
) -> RenderedPdf:
    try:
        html = certificate_html(
            snapshot=snapshot, code=code, issued_at=issued_at, expires_on=expires_on
        )
        content = html_to_pdf(html, stylesheets=(STYLESHEET,))
    except Exception as error:
        raise RenderError(str(error)) from error
    return RenderedPdf(content=content, sha256=hashlib.sha256(content).hexdigest())
