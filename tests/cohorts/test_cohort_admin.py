"""/beheer/ cohort management: list with filters, create with sessions inline, bad input refused."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.models import User
from cohorts.models import Cohort
from tests.cohorts.factories import days_ahead, make_cohort, make_trainer
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(email="beheer@example.nl", password="x-y-z-12345")
    client.force_login(admin)
    return client


def form(course, trainer, **overrides):
    data = {
        "course": course.pk,
        "title": "Utrecht najaar",
        "kind": "open",
        "municipality": "",
        "trainers": [trainer.pk],
        "min_participants": 5,
        "max_participants": 8,
        "location": "Stadhuis",
        "sessions": inline_formset(
            [
                {
                    "date": days_ahead(30).isoformat(),
                    "start_time": "09:30",
                    "end_time": "16:30",
                    "location": "",
                    "online_url": "",
                }
            ]
        ),
        "go_no_go_date": "",
        "enrolment_opens_at": "",
        "enrolment_closes_at": "",
        "cancellation_cutoff": "",
    }
    data.update(overrides)
    trainers = data.pop("trainers")
    # nested_form_data would flatten the list into trainers-0; a multi-select posts it as is.
    return {**nested_form_data(data), "trainers": trainers}


def test_list_with_filters(admin_client):
    cohort = make_cohort(title="Zwolle voorjaar")

    response = admin_client.get("/beheer/cohorts/", {"status": "planned"})

    assert response.status_code == 200
    assert "Zwolle voorjaar" in response.content.decode()
    assert cohort.pk


def test_create_cohort_with_sessions_fills_the_defaults(admin_client):
    course, trainer = make_course(), make_trainer()

    response = admin_client.post("/beheer/cohorts/new/", form(course, trainer))

    assert response.status_code == 302, response.context["form"].errors
    cohort = Cohort.objects.get()
    assert cohort.sessions.count() == 1
    assert cohort.go_no_go_date == days_ahead(20)
    assert cohort.cancellation_cutoff is not None


@pytest.mark.parametrize(
    "overrides",
    [
        {"min_participants": 9, "max_participants": 8},
        {"max_participants": 12},
        {
            "sessions": inline_formset(
                [
                    {
                        "date": days_ahead(-2).isoformat(),
                        "start_time": "09:30",
                        "end_time": "16:30",
                        "location": "",
                        "online_url": "",
                    }
                ]
            )
        },
        {
            "sessions": inline_formset(
                [
                    {
                        "date": days_ahead(3).isoformat(),
                        "start_time": "16:30",
                        "end_time": "09:30",
                        "location": "",
                        "online_url": "",
                    }
                ]
            )
        },
    ],
)
def test_bad_input_is_refused_and_nothing_written(admin_client, overrides):
    course, trainer = make_course(), make_trainer()

    response = admin_client.post("/beheer/cohorts/new/", form(course, trainer, **overrides))

    assert response.status_code == 200
    assert not Cohort.objects.exists()


def test_editing_a_session_in_beheer_raises_its_calendar_sequence(admin_client):
    cohort = make_cohort()
    session = cohort.first_session
    data = form(
        cohort.course,
        cohort.trainers.get(),
        sessions=inline_formset(
            [
                {
                    "id": session.pk,
                    "date": days_ahead(31).isoformat(),
                    "start_time": "10:00",
                    "end_time": "16:00",
                    "location": "",
                    "online_url": "",
                }
            ],
            initial=1,
        ),
    )

    response = admin_client.post(f"/beheer/cohorts/edit/{cohort.pk}/", data)

    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert (session.date, session.sequence) == (days_ahead(31), 1)


def test_a_trainer_schedules_a_cohort_in_beheer(client):
    # Trainers plan their own cohorts in /beheer/ (the role grants add/change, not delete).
    trainer = make_trainer()
    client.force_login(trainer)
    course = make_course()

    listing = client.get("/beheer/cohorts/")
    response = client.post("/beheer/cohorts/new/", form(course, trainer))

    assert listing.status_code == 200
    assert response.status_code == 302
    cohort = Cohort.objects.get(title="Utrecht najaar")
    assert list(cohort.trainers.all()) == [trainer]


def test_a_participant_cannot_reach_cohorts_in_beheer(client):
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory())

    response = client.get("/beheer/cohorts/")

    assert response.status_code == 302
    assert not Cohort.objects.exists()
