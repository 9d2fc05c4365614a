"""Issue 10, item 12: plain-text emails are not HTML: "Jan d'Hont" and "'s-Hertogenbosch"
arrive as typed, never as "d&#x27;Hont". HTML stays escaped."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from cohorts.services.enrolment import enrol
from tests.cohorts.factories import make_cohort, make_participant

EMAILS = Path(settings.BASE_DIR) / "templates/emails"


@pytest.mark.parametrize(
    "template", sorted(str(p.relative_to(EMAILS)) for p in EMAILS.rglob("*.txt")), ids=str
)
def test_every_text_email_template_turns_autoescape_off(template):
    text = (EMAILS / template).read_text()
    assert "{% autoescape off %}" in text and "{% endautoescape %}" in text


@pytest.mark.django_db
def test_an_enrolment_email_keeps_apostrophes_and_ampersands(django_capture_on_commit_callbacks):
    cohort = make_cohort(title="'s-Hertogenbosch & omstreken", location="Markt 1, 's-Hertogenbosch")
    participant = make_participant(first_name="D'Arcy", last_name="d'Hont")
    with django_capture_on_commit_callbacks(execute=True):
        enrol(cohort=cohort, participant=participant)
    body = mail.outbox[0].body
    assert "D'Arcy" in body and "'s-Hertogenbosch & omstreken" in body
    assert "&#x27;" not in body and "&amp;" not in body + mail.outbox[0].subject


@pytest.mark.django_db
def test_html_pages_still_escape(client):
    cohort = make_cohort(title="<b>'s-Hertogenbosch</b>")
    html = client.get(f"/uitvoeringen/{cohort.pk}/").content.decode()
    assert "&lt;b&gt;&#x27;s-Hertogenbosch&lt;/b&gt;" in html
    assert "<b>'s-Hertogenbosch</b>" not in html
