"""Issue 10: what participants hit in the cohort forms and pages."""

import re

import pytest
from django.urls import reverse

from cohorts.forms import AttendanceForm, EvaluationForm, IntakeForm
from tests.cohorts.factories import fill, make_cohort

pytestmark = pytest.mark.django_db

RADIO = re.compile(r"<input[^>]*type=\"radio\"[^>]*>")


def radios(html: str) -> list[str]:
    return RADIO.findall(html)


def test_the_intake_page_has_no_placeholder_radio_and_nothing_pre_selected(client):
    """Item 4: "- Kies een optie -" was a pre-selected radio button."""
    enrolment = fill(make_cohort(), 1)[0]
    client.force_login(enrolment.participant)
    html = client.get(reverse("cohorts:intake", args=[enrolment.pk])).content.decode()
    buttons = radios(html)
    assert buttons, "the experience question is a radio group"
    assert not [b for b in buttons if 'value=""' in b or "checked" in b]
    assert "Kies een optie" not in html and "---------" not in html


@pytest.mark.parametrize("form_class", [IntakeForm, EvaluationForm])
def test_no_radio_group_offers_an_empty_choice(form_class):
    assert not [b for b in radios(str(form_class())) if 'value=""' in b]


def test_the_attendance_register_offers_no_empty_choice():
    enrolments = fill(make_cohort(), 2)
    form = AttendanceForm(rows=[(enrolment, None) for enrolment in enrolments])
    assert not [b for b in radios(str(form)) if 'value=""' in b]
