"""Certificates and quotes are tagged PDF/UA documents a screen reader can read (issue 10.25).

`pdfinfo` (poppler-utils) is the check a person would run; pypdf looks inside for what
pdfinfo does not print: the language, the figure's text alternative and the artifacts.
"""

import io
import logging
import shutil
import subprocess

import pypdf
import pytest
from django.utils import timezone

from bookings.pdf import quote_pdf
from certificates.render import render_certificate_pdf, verification_url
from tests.bookings.factories import make_quote, make_request
from tests.certificates.test_render import CODE, snapshot


def pdfinfo(content: bytes, tmp_path) -> dict[str, str]:
    executable = shutil.which("pdfinfo")
    if executable is None:
        pytest.fail("pdfinfo not found: install poppler-utils (`make test` does so).")
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    output = subprocess.run(  # noqa: S603 — a fixed program on a file we wrote
        [executable, str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in output.splitlines())
    }


def structure_elements(reader: pypdf.PdfReader):
    """Every element of the structure tree, depth first."""
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        kids = kids if isinstance(kids, list) else [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
                yield kid
                stack.append(kid)


@pytest.fixture
def weasyprint_errors(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    return caplog


def test_the_certificate_is_tagged_with_title_and_language(tmp_path, weasyprint_errors):
    content = render_certificate_pdf(
        snapshot=snapshot(), code=CODE, issued_at=timezone.now()
    ).content

    info = pdfinfo(content, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"] == f"Certificaat {CODE}"
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    # No picture without a text alternative: the logos are artifacts, not figures.
    assert not [r for r in weasyprint_errors.records if "alt" in r.getMessage()]


def test_the_certificate_qr_code_has_a_text_alternative_and_logos_are_artifacts():
    content = render_certificate_pdf(
        snapshot=snapshot(), code=CODE, issued_at=timezone.now()
    ).content
    reader = pypdf.PdfReader(io.BytesIO(content))

    figures = [e for e in structure_elements(reader) if e["/S"] == "/Figure"]
    assert len(figures) == 1  # only the QR code; the decorative logos are not content
    assert verification_url(CODE) in figures[0]["/Alt"]
    assert "QR-code" in figures[0]["/Alt"]
    page = reader.pages[0].get_contents().get_data()
    assert b"/Artifact" in page
    headings = [e for e in structure_elements(reader) if e["/S"] == "/H1"]
    assert len(headings) == 1


@pytest.mark.django_db
def test_the_quote_is_tagged_with_title_language_and_a_table(tmp_path, weasyprint_errors):
    quote = make_quote(make_request())

    content = quote_pdf(quote)

    info = pdfinfo(content, tmp_path)
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Offerte")
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    kinds = {str(e["/S"]) for e in structure_elements(reader)}
    assert {"/Table", "/TH", "/TD", "/H1"} <= kinds
    assert "/Figure" not in kinds  # the logo is decorative
    assert not [r for r in weasyprint_errors.records if "alt" in r.getMessage()]
