"""The trainer area: only their own cohorts, the register on a tablet, go/no-go, closing."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from cohorts.models import Attendance, CohortStatus, EnrolmentStatus
from cohorts.services.lifecycle import confirm_cohort
from tests.cohorts.factories import (
    fill,
    make_cohort,
    make_participant,
    make_trainer,
)
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


def test_participant_cannot_open_the_trainer_area(client):
    client.force_login(make_participant())

    assert client.get(reverse("cohorts:trainer_dashboard")).status_code == 403


def test_trainer_sees_only_their_own_cohorts(client):
    trainer, other = make_trainer(), make_trainer()
    mine = make_cohort(trainer=trainer)
    theirs = make_cohort(trainer=other)
    client.force_login(trainer)

    response = client.get(reverse("cohorts:trainer_dashboard"))

    html = response.content.decode()
    assert f'id="trainer-cohort-{mine.pk}"' in html
    assert f'id="trainer-cohort-{theirs.pk}"' not in html
    assert client.get(reverse("cohorts:trainer_cohort", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("cohorts:trainer_cohort_csv", args=[theirs.pk])).status_code == 404
    session = theirs.first_session
    assert client.get(reverse("cohorts:trainer_attendance", args=[session.pk])).status_code == 404


def test_cohort_page_shows_participants_intake_and_waitlist(client):
    cohort = make_cohort(min_participants=1, max_participants=2)
    enrolled = fill(cohort, 3)
    client.force_login(cohort.trainers.get())

    response = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk]))

    html = response.content.decode()
    assert f'id="participant-{enrolled[0].pk}"' in html
    assert 'id="waitlist"' in html
    assert [e.pk for e in response.context["waitlist"]] == [enrolled[2].pk]


def test_decision_warning_below_minimum_at_the_go_no_go_date(client):
    cohort = make_cohort(starts_in_days=5)  # go/no-go date already passed
    fill(cohort, 2)
    client.force_login(cohort.trainers.get())

    response = client.get(reverse("cohorts:trainer_dashboard"))

    assert 'id="decisions-needed"' in response.content.decode()


def test_going_ahead_anyway_without_reason_is_refused(client):
    cohort = make_cohort(starts_in_days=5)
    fill(cohort, 2)
    client.force_login(cohort.trainers.get())

    client.post(reverse("cohorts:trainer_go_ahead", args=[cohort.pk]), {"reason": ""})
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.PLANNED

    client.post(reverse("cohorts:trainer_go_ahead", args=[cohort.pk]), {"reason": "Kleine groep"})
    cohort.refresh_from_db()
    assert (cohort.status, cohort.status_reason) == (CohortStatus.CONFIRMED, "Kleine groep")


def test_cancel_preview_then_confirm(client):
    cohort = make_cohort(min_participants=1, max_participants=1)
    seat, waiting = fill(cohort, 2)
    client.force_login(cohort.trainers.get())
    url = reverse("cohorts:trainer_cancel_cohort", args=[cohort.pk])

    preview = client.get(url)
    unconfirmed = client.post(url, {"reason": "Trainer ziek"})

    assert [e.pk for e in preview.context["recipients"]] == [seat.pk, waiting.pk]
    assert unconfirmed.status_code == 200  # the confirmation box was not ticked
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.CONFIRMED

    client.post(url, {"reason": "Trainer ziek", "confirm": "on"})
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.CANCELLED
    seat.refresh_from_db()
    assert seat.status == EnrolmentStatus.CANCELLED


def test_attendance_register_saves_marks(client, monkeypatch):
    cohort = make_cohort(starts_in_days=1)
    enrolments = fill(cohort, 5)
    session = cohort.first_session
    client.force_login(cohort.trainers.get())
    url = reverse("cohorts:trainer_attendance", args=[session.pk])

    page = client.get(url)
    with monkeypatch.context() as patch:
        patch.setattr("django.utils.timezone.localdate", lambda *a, **k: session.date)
        response = client.post(
            url,
            {
                f"status_{enrolments[0].pk}": "present",
                f"status_{enrolments[1].pk}": "partly",
                f"note_{enrolments[1].pk}": "Om 14 uur weg",
            },
        )

    assert page.status_code == 200
    assert f'id="register-row-{enrolments[0].pk}"' in page.content.decode()
    assert response.status_code == 302
    marks = dict(Attendance.objects.values_list("enrolment_id", "status"))
    assert marks == {enrolments[0].pk: "present", enrolments[1].pk: "partly"}


def test_register_for_a_future_session_writes_nothing(client):
    cohort = make_cohort(starts_in_days=1)
    enrolments = fill(cohort, 5)
    client.force_login(cohort.trainers.get())

    response = client.post(
        reverse("cohorts:trainer_attendance", args=[cohort.first_session.pk]),
        {f"status_{enrolments[0].pk}": "present"},
    )

    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_trainer_takes_a_participant_off_the_list(client):
    cohort = make_cohort()
    enrolment = fill(cohort, 1)[0]
    client.force_login(cohort.trainers.get())

    client.post(reverse("cohorts:trainer_cancel_enrolment", args=[enrolment.pk]))

    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.cancelled_by) == ("cancelled", "trainer")


def test_other_trainer_cannot_take_a_participant_off(client):
    cohort = make_cohort()
    enrolment = fill(cohort, 1)[0]
    client.force_login(make_trainer())

    response = client.post(reverse("cohorts:trainer_cancel_enrolment", args=[enrolment.pk]))

    assert response.status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_csv_export_lists_participants_and_guards_formulas(client):
    cohort = make_cohort()
    participant = make_participant(organisation="=HYPERLINK(1)")
    from cohorts.services.enrolment import enrol

    enrol(cohort=cohort, participant=participant)
    client.force_login(cohort.trainers.get())

    response = client.get(reverse("cohorts:trainer_cohort_csv", args=[cohort.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == participant.email
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_close_cohort_through_the_site(client):
    cohort = make_cohort(starts_in_days=1)
    fill(cohort, 5)
    client.force_login(cohort.trainers.get())
    url = reverse("cohorts:trainer_close_cohort", args=[cohort.pk])

    client.post(url)  # too early: nothing changes
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.CONFIRMED


@pytest.mark.parametrize("count", [2, 20])
def test_trainer_dashboard_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    trainer = make_trainer()
    course = make_course()
    for n in range(count):
        cohort = make_cohort(course=course, trainer=trainer, starts_in_days=20 + n)
        fill(cohort, 2)
    client.force_login(trainer)
    client.get(reverse("cohorts:trainer_dashboard"))  # first visit: Wagtail's user profile

    with django_assert_max_num_queries(15):
        response = client.get(reverse("cohorts:trainer_dashboard"))

    assert len(response.context["upcoming"]) == count


@pytest.mark.parametrize("count", [2, 8])
def test_trainer_cohort_page_query_count_does_not_grow(
    client, django_assert_max_num_queries, count
):
    cohort = make_cohort(sessions=None, min_participants=1, max_participants=8, starts_in_days=1)
    for enrolment in fill(cohort, count):
        from cohorts.services.enrolment import submit_intake

        submit_intake(
            enrolment=enrolment,
            by=enrolment.participant,
            data={"role": "Raadslid", "experience": "none", "hopes_to_learn": "Veel"},
        )
    client.force_login(cohort.trainers.get())

    # 19, and one insert for the access log of the intakes shown, however many there are.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk]))

    assert len(response.context["participants"]) == count


def test_closed_cohort_lets_the_trainer_decide_the_unclear_ones(client):
    from cohorts.services.lifecycle import close_cohort

    cohort = make_cohort(starts_in_days=1)
    enrolment = fill(cohort, 5)[0]
    trainer = cohort.trainers.get()
    close_cohort(cohort=cohort, by=trainer, now=cohort.ends_at + timedelta(hours=1))
    client.force_login(trainer)

    client.post(reverse("cohorts:trainer_decide", args=[enrolment.pk]), {"outcome": "no_show"})

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.NO_SHOW


def test_confirm_cohort_by_trainer_service_path():
    cohort = make_cohort()
    fill(cohort, 5)
    cohort.refresh_from_db()
    with pytest.raises(Exception, match="Alleen een geplande uitvoering kan worden bevestigd"):
        confirm_cohort(cohort=cohort, by=cohort.trainers.get())
