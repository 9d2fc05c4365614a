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


def test_enrolling_twice_in_one_course_warns_and_lets_the_participant_choose(client):
    """Item 5: one date, a waiting list on another, the in-company group: never by accident."""
    from cohorts.models import Enrolment, EnrolmentStatus

    first = make_cohort(title="Utrecht")
    second = make_cohort(course=first.course, title="Zwolle", starts_in_days=40)
    mine = fill(first, 1)[0]
    participant = mine.participant
    client.force_login(participant)

    html = client.get(reverse("cohorts:cohort_detail", args=[second.pk])).content.decode()
    assert 'id="other-enrolments"' in html and "Utrecht" in html
    assert reverse("cohorts:enrolment_detail", args=[mine.pk]) in html

    # A plain post (the old form, a double click) writes nothing and says why.
    response = client.post(reverse("cohorts:enrol", args=[second.pk]), follow=True)
    assert not Enrolment.objects.filter(cohort=second).exists()
    assert "al ingeschreven" in response.content.decode()

    # Choosing "this date as well" enrols.
    client.post(reverse("cohorts:enrol", args=[second.pk]), {"also": "yes"})
    assert Enrolment.objects.get(cohort=second, participant=participant).status == (
        EnrolmentStatus.ENROLLED
    )

    # Someone without another enrolment sees no warning.
    other = make_cohort(title="Apeldoorn")
    newcomer = fill(other, 1)[0].participant
    client.force_login(newcomer)
    html = client.get(reverse("cohorts:cohort_detail", args=[second.pk])).content.decode()
    assert 'id="other-enrolments"' not in html
