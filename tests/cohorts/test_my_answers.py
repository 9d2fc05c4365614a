"""The participant's own intake and evaluation answers on the enrolment page (issue 10 item 6):
every answer under its question, nothing blank where an optional answer was left empty."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from cohorts.services.enrolment import submit_evaluation
from tests.cohorts.factories import fill, make_cohort

pytestmark = pytest.mark.django_db

BLANK = re.compile(r"<(li|dd)[^>]*>\s*</(li|dd)>")


def test_the_intake_answers_are_shown_after_sending(client):
    enrolment = fill(make_cohort(), 1)[0]
    client.force_login(enrolment.participant)
    data = {
        "role": "Beleidsadviseur",
        "experience": "some",
        "hopes_to_learn": "Beter besluiten in het MT",
        "own_situation": "",
    }

    response = client.post(reverse("cohorts:intake", args=[enrolment.pk]), data, follow=True)

    html = response.text
    section = html[html.index('id="my-intake"') :]
    section = section[: section.index("</dl>")]
    assert "Beleidsadviseur" in section and "Beter besluiten in het MT" in section
    assert "Eigen situatie" not in section  # left empty: not shown as a blank row
    assert BLANK.search(html) is None


def test_the_evaluation_answers_are_shown_after_the_course(client):
    enrolment = fill(make_cohort(starts_in_days=1), 1)[0]
    submit_evaluation(
        enrolment=enrolment,
        by=enrolment.participant,
        data={"rating": 8, "would_recommend": True, "keep": "De oefeningen", "change": ""},
        now=enrolment.cohort.ends_at + timedelta(hours=1),
    )
    client.force_login(enrolment.participant)

    html = client.get(reverse("cohorts:enrolment_detail", args=[enrolment.pk])).text

    section = html[html.index('id="my-evaluation"') :]
    section = section[: section.index("</section>")]
    assert "8 van de 10" in section and "De oefeningen" in section and ">ja<" in section
    assert "Veranderen" not in section
    assert BLANK.search(html) is None
