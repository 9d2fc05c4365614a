"""The participant's screens: course page block, enrol, cancel, offers, intake, evaluation,
calendars. Someone else's enrolment id is a 404; a forged invitation token too."""

from datetime import timedelta

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cohorts.models import (
    CalendarFeed,
    CohortKind,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Intake,
)
from cohorts.services.enrolment import cancel_enrolment, enrol
from tests.cohorts.factories import fill, make_cohort, make_participant
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


def errors_shown(response):
    return [str(m) for m in response.context["messages"] if m.level == messages.ERROR]


def test_course_page_lists_open_cohorts_with_places_but_never_in_company(client):
    course = make_course()
    open_cohort = make_cohort(course=course, title="Utrecht voorjaar")
    full = make_cohort(course=course, title="Zwolle", starts_in_days=40)
    fill(full, 9)
    private = make_cohort(
        course=course, title="Gemeente Apeldoorn", kind=CohortKind.IN_COMPANY, municipality="X"
    )

    response = client.get(course.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="cohort-{open_cohort.pk}"' in html
    assert f'id="cohort-{full.pk}"' in html
    assert f'id="cohort-{private.pk}"' not in html
    assert reverse("cohorts:cohort_detail", args=[open_cohort.pk]) in html
    cards = list(response.context["cohort_cards"])
    assert [c.places_left for c in cards] == [8, 0]
    assert cards[1].is_full and cards[1].goes_ahead


def test_in_company_cohort_is_reachable_only_with_its_token(client):
    cohort = make_cohort(kind=CohortKind.IN_COMPANY, municipality="Gemeente Zwolle")

    assert client.get(reverse("cohorts:cohort_detail", args=[cohort.pk])).status_code == 404
    forged = reverse("cohorts:cohort_invitation", args=[cohort.pk, "vervalst-token"])
    assert client.get(forged).status_code == 404
    real = reverse("cohorts:cohort_invitation", args=[cohort.pk, cohort.invitation_token])
    assert client.get(real).status_code == 200


def test_enrol_through_the_site(client):
    cohort = make_cohort()
    participant = make_participant()
    client.force_login(participant)

    response = client.post(reverse("cohorts:enrol", args=[cohort.pk]))

    enrolment = Enrolment.objects.get(participant=participant)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert response.url == reverse("cohorts:enrolment_detail", args=[enrolment.pk])


def test_anonymous_visitor_is_sent_to_log_in_and_nothing_is_written(client):
    cohort = make_cohort()

    response = client.post(reverse("cohorts:enrol", args=[cohort.pk]))

    assert response.status_code == 302
    assert "/account/login/" in response.url
    assert not Enrolment.objects.exists()


def test_forged_invitation_token_on_enrol_is_a_404(client):
    cohort = make_cohort(kind=CohortKind.IN_COMPANY, municipality="Gemeente Zwolle")
    client.force_login(make_participant())

    response = client.post(reverse("cohorts:enrol", args=[cohort.pk]), {"token": "vervalst"})

    assert response.status_code == 404
    assert not Enrolment.objects.exists()


def test_in_company_enrol_with_the_token(client):
    cohort = make_cohort(kind=CohortKind.IN_COMPANY, municipality="Gemeente Zwolle")
    client.force_login(make_participant())

    client.post(reverse("cohorts:enrol", args=[cohort.pk]), {"token": cohort.invitation_token})

    assert Enrolment.objects.get().status == EnrolmentStatus.ENROLLED


def test_enrolling_twice_shows_a_message_not_a_duplicate(client):
    cohort = make_cohort()
    participant = make_participant()
    client.force_login(participant)
    client.post(reverse("cohorts:enrol", args=[cohort.pk]))

    response = client.post(reverse("cohorts:enrol", args=[cohort.pk]), follow=True)

    assert Enrolment.objects.filter(participant=participant).count() == 1
    assert response.redirect_chain[-1][0] == reverse("cohorts:cohort_detail", args=[cohort.pk])
    assert len(errors_shown(response)) == 1


def test_another_participants_enrolment_is_a_404(client):
    cohort = make_cohort()
    theirs = fill(cohort, 1)[0]
    client.force_login(make_participant())

    for name in ("enrolment_detail", "enrolment_cancel", "offer_accept", "intake", "evaluation"):
        assert client.get(reverse(f"cohorts:{name}", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("cohorts:enrolment_cancel", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("cohorts:enrolment_ics", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == EnrolmentStatus.ENROLLED


def test_participant_cancels_before_the_cutoff(client):
    cohort = make_cohort()
    enrolment = fill(cohort, 1)[0]
    client.force_login(enrolment.participant)

    page = client.get(reverse("cohorts:enrolment_cancel", args=[enrolment.pk]))
    response = client.post(reverse("cohorts:enrolment_cancel", args=[enrolment.pk]))

    assert page.status_code == 200
    assert response.url == reverse("accounts:dashboard")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_cancelling_after_the_cutoff_is_refused_with_the_cutoff_explained(client):
    cohort = make_cohort(starts_in_days=2)
    enrolment = fill(cohort, 1)[0]
    client.force_login(enrolment.participant)

    detail = client.get(reverse("cohorts:enrolment_detail", args=[enrolment.pk]))
    response = client.post(reverse("cohorts:enrolment_cancel", args=[enrolment.pk]), follow=True)

    assert 'id="cancel-link"' not in detail.content.decode()
    assert len(errors_shown(response)) == 1
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_accept_an_offered_place(client):
    cohort = make_cohort(min_participants=1, max_participants=1)
    first, waiting = fill(cohort, 2)
    cancel_enrolment(enrolment=first, by=first.participant)
    client.force_login(waiting.participant)

    assert client.get(reverse("cohorts:offer_accept", args=[waiting.pk])).status_code == 200
    client.post(reverse("cohorts:offer_accept", args=[waiting.pk]))

    waiting.refresh_from_db()
    assert waiting.status == EnrolmentStatus.ENROLLED


def test_intake_is_saved(client):
    enrolment = fill(make_cohort(), 1)[0]
    client.force_login(enrolment.participant)

    response = client.post(
        reverse("cohorts:intake", args=[enrolment.pk]),
        {
            "role": "Beleidsadviseur",
            "experience": "some",
            "hopes_to_learn": "Beter besluiten in het MT",
            "own_situation": "",
        },
    )

    assert response.status_code == 302
    assert Intake.objects.get(enrolment=enrolment).role == "Beleidsadviseur"


def test_incomplete_intake_is_refused_and_nothing_written(client):
    enrolment = fill(make_cohort(), 1)[0]
    client.force_login(enrolment.participant)

    response = client.post(reverse("cohorts:intake", args=[enrolment.pk]), {"role": ""})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Intake.objects.exists()


def test_evaluation_only_after_the_last_session(client):
    enrolment = fill(make_cohort(starts_in_days=1), 1)[0]
    client.force_login(enrolment.participant)
    data = {"rating": "8", "keep": "De oefeningen", "change": "", "would_recommend": "yes"}

    client.post(reverse("cohorts:evaluation", args=[enrolment.pk]), data)
    assert not Evaluation.objects.exists()

    from cohorts.services.enrolment import submit_evaluation

    submit_evaluation(
        enrolment=enrolment,
        by=enrolment.participant,
        data={"rating": 8, "would_recommend": True, "keep": "De oefeningen"},
        now=enrolment.cohort.ends_at + timedelta(hours=1),
    )
    assert Evaluation.objects.get().rating == 8


def test_evaluation_form_rejects_a_rating_of_eleven(client):
    enrolment = fill(make_cohort(starts_in_days=1), 1)[0]
    client.force_login(enrolment.participant)

    response = client.post(
        reverse("cohorts:evaluation", args=[enrolment.pk]),
        {"rating": "11", "would_recommend": "yes"},
    )

    assert response.status_code == 200
    assert "rating" in response.context["form"].errors


def test_ics_download_parses(client):
    enrolment = fill(make_cohort(), 1)[0]
    client.force_login(enrolment.participant)

    response = client.get(reverse("cohorts:enrolment_ics", args=[enrolment.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1


def test_calendar_feed_by_secret_address(client):
    enrolment = fill(make_cohort(), 1)[0]
    client.force_login(enrolment.participant)
    client.post(reverse("cohorts:calendar_subscription"))
    token = CalendarFeed.objects.get(user=enrolment.participant).token
    client.logout()

    response = client.get(reverse("cohorts:calendar_feed", args=[token]))
    forged = client.get(reverse("cohorts:calendar_feed", args=["geraden-token"]))

    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    assert forged.status_code == 404


def test_dashboard_shows_my_enrolments_and_waitlist_position(client):
    cohort = make_cohort(min_participants=1, max_participants=1)
    fill(cohort, 2)
    participant = make_participant()
    mine = enrol(cohort=cohort, participant=participant)
    client.force_login(participant)

    response = client.get(reverse("accounts:dashboard"))

    html = response.content.decode()
    assert f'id="enrolment-{mine.pk}"' in html
    rows = response.context["mine"]["current_enrolments"]
    assert rows[0].waitlist_rank == 2


@pytest.mark.parametrize("count", [2, 20])
def test_dashboard_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    course = make_course()
    participant = make_participant()
    for n in range(count):
        cohort = make_cohort(course=course, starts_in_days=20 + n)
        enrol(cohort=cohort, participant=participant)
    client.force_login(participant)

    # Constant: the dashboard also shows requests and trainer links (+3), whatever the size.
    with django_assert_max_num_queries(21):
        response = client.get(reverse("accounts:dashboard"))

    assert len(response.context["mine"]["current_enrolments"]) == count


def test_enrolment_window_closed_shows_message_and_writes_nothing(client):
    now = timezone.now()
    cohort = make_cohort(enrolment_opens_at=now + timedelta(days=1))
    client.force_login(make_participant())

    response = client.post(reverse("cohorts:enrol", args=[cohort.pk]), follow=True)

    assert len(errors_shown(response)) == 1
    assert not Enrolment.objects.exists()


def test_lessons_of_a_study_day_follow_enrolment(client):
    from courses.access import can_access_lessons

    course = make_course()
    cohort = make_cohort(course=course)
    participant = make_participant()

    assert not can_access_lessons(participant, course)
    enrolment = enrol(cohort=cohort, participant=participant)
    assert can_access_lessons(participant, course)
    cancel_enrolment(enrolment=enrolment, by=participant)
    assert not can_access_lessons(participant, course)
    assert can_access_lessons(cohort.trainers.get(), course)


def test_e_learning_lessons_stay_open_to_every_logged_in_user():
    from courses.access import can_access_lessons

    course = make_course(format="e-learning", dagdelen=None)

    assert can_access_lessons(make_participant(), course)


@pytest.mark.parametrize("token", ["é-vervalst", "a/b"])
def test_odd_invitation_tokens_give_a_404_not_an_error(client, token):
    cohort = make_cohort(kind=CohortKind.IN_COMPANY, municipality="Gemeente Zwolle")
    client.force_login(make_participant())

    page = client.get(f"/uitvoeringen/{cohort.pk}/uitnodiging/{token.replace('/', '%2F')}/")
    enrol = client.post(reverse("cohorts:enrol", args=[cohort.pk]), {"token": token})

    assert page.status_code == 404
    assert enrol.status_code == 404
    assert not Enrolment.objects.exists()


def test_open_cohort_with_an_odd_token_falls_back_to_its_page(client):
    cohort = make_cohort()
    client.force_login(make_participant())

    response = client.get(reverse("cohorts:enrol", args=[cohort.pk]), {"token": "a/b"})

    assert response.status_code == 302
    assert response.url == reverse("cohorts:cohort_detail", args=[cohort.pk])
