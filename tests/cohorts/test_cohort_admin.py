"""/beheer/ cohort management: list with filters, create with sessions inline, bad input refused."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.models import User
from cohorts.models import Cohort, LogKind, Session
from tests.cohorts.factories import days_ahead, fill, make_cohort, make_trainer
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


def session_row(session, **changes):
    row = {
        "id": session.pk,
        "date": session.date.isoformat(),
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": session.end_time.strftime("%H:%M"),
        "location": session.location,
        "online_url": session.online_url,
    }
    return {**row, **changes}


def edit_sessions(cohort, rows, *, initial):
    return form(
        cohort.course,
        cohort.trainers.get(),
        title=cohort.title,
        sessions=inline_formset(rows, initial=initial),
    )


def test_a_session_moved_in_beheer_is_announced_and_kept_in_the_history(
    admin_client, django_capture_on_commit_callbacks, mailoutbox
):
    cohort = make_cohort()
    fill(cohort, 2)
    mailoutbox.clear()
    session = cohort.first_session

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/beheer/cohorts/edit/{cohort.pk}/",
            edit_sessions(
                cohort, [session_row(session, date=days_ahead(32).isoformat())], initial=1
            ),
        )

    assert response.status_code == 302, response.context["form"].errors
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        e.participant.email for e in cohort.enrolments.all()
    )
    entry = cohort.log_entries.get(kind=LogKind.SESSION_MOVED)
    assert entry.session == session
    assert entry.text.startswith("Verplaatst van")


def test_saving_in_beheer_without_changing_a_session_sends_nothing(
    admin_client, django_capture_on_commit_callbacks, mailoutbox
):
    cohort = make_cohort()
    fill(cohort, 2)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/beheer/cohorts/edit/{cohort.pk}/",
            edit_sessions(cohort, [session_row(cohort.first_session)], initial=1),
        )

    assert response.status_code == 302, response.context["form"].errors
    assert mailoutbox == []
    assert not cohort.log_entries.filter(kind=LogKind.SESSION_MOVED).exists()


def test_a_session_added_in_beheer_is_announced(
    admin_client, django_capture_on_commit_callbacks, mailoutbox
):
    cohort = make_cohort()
    fill(cohort, 1)
    mailoutbox.clear()
    new = {
        "date": days_ahead(37).isoformat(),
        "start_time": "09:30",
        "end_time": "12:30",
        "location": "",
        "online_url": "",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/beheer/cohorts/edit/{cohort.pk}/",
            edit_sessions(cohort, [session_row(cohort.first_session), new], initial=1),
        )

    assert response.status_code == 302, response.context["form"].errors
    assert len(mailoutbox) == 1
    assert cohort.log_entries.filter(kind=LogKind.SESSION_ADDED).count() == 1


def test_a_booked_session_cannot_be_deleted_in_beheer(admin_client):
    cohort = make_cohort()
    extra = Session.objects.create(
        cohort=cohort,
        date=days_ahead(40),
        start_time=cohort.first_session.start_time,
        end_time=cohort.first_session.end_time,
    )
    fill(cohort, 1)
    rows = [session_row(cohort.first_session), session_row(extra, DELETE="1")]

    response = admin_client.post(
        f"/beheer/cohorts/edit/{cohort.pk}/", edit_sessions(cohort, rows, initial=2)
    )

    assert response.status_code == 200
    assert "Annuleer het in de planning" in response.content.decode()
    assert Session.objects.filter(pk=extra.pk).exists()


def test_the_course_filter_lists_every_course_and_keeps_the_choice(admin_client):
    chosen = make_cohort(title="Zwolle voorjaar")
    other = make_course(title="Tom & Jerry in de raad")
    make_cohort(course=other, title="Assen najaar")

    html = admin_client.get("/beheer/cohorts/", {"course": chosen.course.pk}).content.decode()

    assert f'<option value="{chosen.course.pk}" selected>' in html
    assert f'<option value="{other.pk}">Tom &amp; Jerry in de raad</option>' in html
    assert "Zwolle voorjaar" in html and "Assen najaar" not in html
