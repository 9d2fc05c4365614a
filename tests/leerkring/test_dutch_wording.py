"""Issue 10, items 9 and 11: the Dutch the site speaks. No gendered pronouns in generated
text (a participant, an enrolment or a cohort is not "haar" or "hem"), and "u", never "je",
in our catalogue and on every allauth account page and email."""

import re
from pathlib import Path

import allauth
import pytest
from django.conf import settings
from django.utils import translation

GENDERED = re.compile(r"\b(hij|hem|haar|zijn of haar)\b", re.IGNORECASE)
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf)\b", re.IGNORECASE)
OUR_PO = Path(settings.BASE_DIR) / "locale/nl/LC_MESSAGES/django.po"
ALLAUTH_PO = Path(allauth.__file__).parent / "locale/nl/LC_MESSAGES/django.po"


def unquote(lines: list[str]) -> str:
    text = "".join(re.findall(r'"(.*)"', "\n".join(lines)))
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def po_entries(path: Path):
    """(references, msgid, [msgstr...]) for every entry of a .po file."""
    for block in path.read_text().split("\n\n"):
        lines = block.splitlines()
        refs = " ".join(line[3:] for line in lines if line.startswith("#: "))
        fields: dict[str, list[str]] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r"(msgid|msgid_plural|msgstr(?:\[\d\])?) (.*)", line)
            if match:
                current = match.group(1)
                fields[current] = [match.group(2)]
            elif current and line.startswith('"'):
                fields[current].append(line)
        if "msgid" in fields and unquote(fields["msgid"]):
            strs = [unquote(v) for k, v in fields.items() if k.startswith("msgstr")]
            yield refs, unquote(fields["msgid"]), strs


def test_no_gendered_pronoun_in_the_dutch_catalogue():
    offenders = [
        (msgid, text)
        for _refs, msgid, texts in po_entries(OUR_PO)
        for text in texts
        if GENDERED.search(text)
    ]
    assert offenders == []


def test_the_dutch_catalogue_says_u_never_je():
    offenders = [
        (msgid, text)
        for _refs, msgid, texts in po_entries(OUR_PO)
        for text in texts
        if INFORMAL.search(text)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "msgid",
    [
        msgid
        for refs, msgid, texts in po_entries(ALLAUTH_PO)
        if "templates/account/" in refs or refs.startswith("account/")
        if any(INFORMAL.search(text) for text in texts)
    ],
)
def test_allauth_account_pages_and_emails_say_u(msgid):
    with translation.override("nl"):
        dutch = translation.gettext(msgid)
    assert not INFORMAL.search(dutch), dutch


def test_the_home_headline_says_u():
    with translation.override("nl"):
        headline = translation.gettext("Deciding together is learned by doing it")
    assert headline == "Samen besluiten leert u door het te doen"
