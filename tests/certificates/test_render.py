import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
import segno
from django.utils import timezone

from certificates.render import (
    certificate_html,
    qr_svg,
    render_certificate_pdf,
    verification_url,
)
from certificates.snapshot import CertificateSnapshot
from leerkring.pdf import StaticFileFetcher

CODE = "LK-7Q4M-X2PD-9KTA"


def snapshot(**overrides) -> CertificateSnapshot:
    fields = {
        "participant_name": "Ingrid van der Meer-Özdemir",
        "course_title": "Besluiten met consent",
        "course_format": "leergang",
        "contact_hours": Decimal("12.0"),
        "session_dates": (date(2026, 9, 14), date(2026, 9, 28)),
        "location": "Gemeente Utrecht",
        "trainer_names": ("Annemiek Bos", "Jeroen de Wit"),
        "issuer": "Leerkring",
    }
    fields.update(overrides)
    return CertificateSnapshot(**fields)


@pytest.fixture(scope="module")
def rendered():
    return render_certificate_pdf(snapshot=snapshot(), code=CODE, issued_at=timezone.now())


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_opens_as_one_a4_landscape_page(rendered):
    reader = pypdf.PdfReader(io.BytesIO(rendered.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)


def test_the_pdf_states_name_course_and_code(rendered):
    text = pdf_text(rendered.content)
    assert "Ingrid van der Meer-Özdemir" in text
    assert "Besluiten met consent" in text
    assert CODE in text
    assert "Annemiek Bos" in text


def test_the_pdf_embeds_the_shipped_open_font(rendered):
    reader = pypdf.PdfReader(io.BytesIO(rendered.content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert names and all("Source-Sans-3" in name for name in names)


def test_the_hash_is_the_sha256_of_the_bytes(rendered):
    import hashlib

    assert rendered.sha256 == hashlib.sha256(rendered.content).hexdigest()


def test_the_qr_code_encodes_the_verification_url():
    url = verification_url(CODE)
    assert url == f"http://testserver/certificaat/{CODE}/"
    html = certificate_html(snapshot=snapshot(), code=CODE, issued_at=timezone.now())
    assert qr_svg(url) in html
    assert "<svg" in qr_svg(url)
    # The same symbol segno makes for that URL: same version and modules.
    expected = segno.make(url, error="m", micro=False)
    assert expected.designator in {"3-M", "4-M", "5-M"}


def test_the_qr_code_decodes_to_the_verification_url_where_a_decoder_is_installed(tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    url = verification_url(CODE)
    path = tmp_path / "qr.png"
    segno.make(url, error="m", micro=False).save(path, scale=8)
    (result,) = zxingcpp.read_barcodes(Image.open(path))
    assert result.text == url


def test_the_fetcher_reads_static_files_from_disk():
    fetcher = StaticFileFetcher()
    response = fetcher.fetch("http://testserver/static/img/logo.svg")
    assert b"<svg" in response.read()
    assert response.content_type == "image/svg+xml"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/static/img/logo.svg",
        "http://testserver/media/secret.pdf",
        "http://testserver/static/../leerkring/settings/base.py",
        "http://testserver/static/img/nothing-here.png",
        "file:///etc/passwd",
        f"{Path(__file__).resolve().as_uri()}",
        "ftp://testserver/static/img/logo.svg",
        "data:text/plain,hello",
    ],
)
def test_the_fetcher_refuses_everything_else(url):
    with pytest.raises(ValueError):
        StaticFileFetcher().fetch(url)


def test_a_remote_image_in_the_html_is_not_fetched(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("The renderer went to the network.")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    from leerkring.pdf import html_to_pdf

    pdf = html_to_pdf('<p>Hallo</p><img src="https://example.com/tracker.png">')
    assert pdf.startswith(b"%PDF")
