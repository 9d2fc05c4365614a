"""A certificate is one page whatever the name's length, and names in any script print with
real glyphs: the PDF's text holds the name and its fonts are ones that have the letters
(issue 11, item 16)."""

import io
import unicodedata

import pypdf
import pytest
from django.utils import timezone

from certificates.fit import name_size
from certificates.render import render_certificate_pdf
from tests.certificates.test_render import CODE, snapshot

NAMES = {
    "latin": "Ørjan Şükrü Ğüneş-Łukasiewicz Nguyễn Thị Ánh",
    "combining": "Ņ̄ame Wïth Çombining A̋ccents",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "cyrillic": "Анастасия Кузнецова",
    "arabic": "فاطمة الزهراء",
    "chinese": "王小明",
    "japanese": "山田 花子",
    "korean": "김민준",
}
# The font that must carry the script's letters, by the name PDF readers see.
FONT_FOR = {
    "greek": "NotoSans",
    "cyrillic": "NotoSans",
    "arabic": "NotoSansArabic",
    "chinese": "NotoSansCJK",
    "japanese": "NotoSansCJK",
    "korean": "NotoSansCJK",
}


def pdf_of(name: str, **fields) -> pypdf.PdfReader:
    rendered = render_certificate_pdf(
        snapshot=snapshot(participant_name=name, **fields), code=CODE, issued_at=timezone.now()
    )
    return pypdf.PdfReader(io.BytesIO(rendered.content))


def fonts_of(reader: pypdf.PdfReader) -> set[str]:
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


def plain(text: str) -> str:
    # pypdf gives some fonts' text as UTF-16 with NUL bytes in between.
    return "".join(unicodedata.normalize("NFC", text.replace("\x00", "")).split())


@pytest.mark.parametrize("script", NAMES)
def test_a_name_prints_with_real_glyphs(script):
    reader = pdf_of(NAMES[script])

    text = plain(reader.pages[0].extract_text())

    assert len(reader.pages) == 1
    name = plain(NAMES[script])
    if script == "arabic":
        # Extraction may give right-to-left text in visual order: compare the letters.
        assert name in text or name[::-1] in text or set(name) <= set(text)
    else:
        assert name in text
    if script in FONT_FOR:
        assert any(FONT_FOR[script] in font.replace("-", "") for font in fonts_of(reader)), (
            fonts_of(reader)
        )
    assert not any("DejaVu" in font or "Liberation" in font for font in fonts_of(reader))


@pytest.mark.parametrize(
    "name",
    [
        "Maximiliaan " * 16 + "van Oranje",  # 200 characters with spaces
        "X" * 200,  # no place to wrap
        "王" * 200,
    ],
)
def test_a_200_character_name_stays_on_one_page(name):
    name = name[:200]
    reader = pdf_of(name, course_title="Consent en de cirkelorganisatie: " + "verdieping " * 20)

    assert len(reader.pages) == 1
    assert plain(name)[:50] in plain(reader.pages[0].extract_text())


def test_short_names_keep_the_full_size_and_long_ones_shrink():
    assert name_size("Ingrid van der Meer") == 40
    assert name_size("a" * 200) < name_size("a" * 60) < 40
