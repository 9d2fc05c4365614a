"""The planning area over HTTP: permissions, Dutch field errors, the calendar and its queries."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from accounts.roles import EDITOR
from cohorts.models import Cohort, Session, refresh_cohort_dates
from cohorts.services.enrolment import calendar_feed_for
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import (
    days_ahead,
    fill,
    make_cohort,
    make_participant,
    make_trainer,
    study_day,
)
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db

NEW = reverse("cohorts:planning_new")
CALENDAR = reverse("cohorts:planning")


def form_data(course, **overrides):
    day1, day2 = days_ahead(40), days_ahead(47)
    data = {
        "course": course.pk,
        "title": "Amersfoort, voorjaar",
        "kind": "open",
        "location": "Eemhuis",
        "sessions-TOTAL_FORMS": "2",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-date": day1.isoformat(),
        "sessions-0-start_time": "09:30",
        "sessions-0-end_time": "12:30",
        "sessions-1-date": day2.isoformat(),
        "sessions-1-start_time": "13:30",
        "sessions-1-end_time": "16:30",
    }
    data.update(overrides)
    return data


def test_a_participant_gets_no_planning_area(client):
    client.force_login(make_participant())
    assert client.get(CALENDAR).status_code == 403
    assert client.get(NEW).status_code == 403


def test_a_trainer_plans_a_cohort_with_two_sessions(client):
    trainer = make_trainer()
    course = make_course(format="leergang", dagdelen=2)
    client.force_login(trainer)

    assert client.get(NEW + f"?cursus={course.pk}").status_code == 200
    response = client.post(NEW, form_data(course))

    cohort = Cohort.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cohorts:planning_cohort", args=[cohort.pk])
    assert [s.start_time for s in cohort.ordered_sessions] == [time(9, 30), time(13, 30)]
    assert list(cohort.trainers.all()) == [trainer]
    page = client.get(response["Location"])
    assert "Amersfoort, voorjaar" in page.content.decode()


def test_errors_are_dutch_on_their_field_and_nothing_is_saved(client):
    client.force_login(make_trainer())
    course = make_course(max_participants=8)

    response = client.post(NEW, form_data(course, max_participants="12"))
    assert response.status_code == 200
    assert (
        "hoogstens 8 deelnemers per groep"
        in (response.context["form"].errors["max_participants"][0])
    )
    response = client.post(NEW, form_data(course, **{"sessions-1-end_time": "08:00"}))
    assert "Het einde moet na het begin liggen." in response.content.decode()
    response = client.post(NEW, form_data(course, **{"sessions-0-date": "2020-01-06"}))
    assert "in het verleden" in response.content.decode()
    assert not Cohort.objects.exists() and not Session.objects.exists()


def test_one_more_session_row_keeps_what_was_typed(client):
    client.force_login(make_trainer())
    course = make_course()
    response = client.post(NEW, form_data(course, add_row="1"))
    assert response.status_code == 200
    assert len(response.context["formset"].forms) == 3
    assert not Cohort.objects.exists()


def test_a_trainer_opens_only_their_own_cohorts_plan_a_planner_every_one(client):
    cohort = make_cohort()
    url = reverse("cohorts:planning_cohort", args=[cohort.pk])
    client.force_login(make_trainer())
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(roles=[EDITOR]))
    assert client.get(url).status_code == 200


def test_a_conflict_shows_the_clash_and_a_planner_can_accept_it(client):
    trainer = make_trainer()
    make_cohort(trainer=trainer, sessions=[study_day(days_ahead(40), time(9), time(12))])
    course = make_course()
    data = form_data(course, trainers=[trainer.pk])

    client.force_login(trainer)
    response = client.post(NEW, data)
    assert "vraag een planner" in response.content.decode()
    assert Cohort.objects.count() == 1

    client.force_login(UserFactory(roles=[EDITOR]))
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert 'id="conflicts"' in response.content.decode()
    response = client.post(NEW, data | {"override_reason": "Twee trainers, één zaal."})
    assert response.status_code == 302
    assert Cohort.objects.count() == 2


def test_moving_a_session_over_http(client, mailoutbox, django_capture_on_commit_callbacks):
    trainer = make_trainer()
    cohort = make_cohort(
        trainer=trainer,
        course=make_course(format="leergang"),
        sessions=[study_day(days_ahead(30)), study_day(days_ahead(37))],
    )
    fill(cohort, 2)
    mailoutbox.clear()
    session = cohort.ordered_sessions[1]
    client.force_login(trainer)
    url = reverse("cohorts:planning_session_move", args=[session.pk])

    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "date": days_ahead(38).isoformat(),
                "start_time": "10:00",
                "end_time": "15:00",
                "location": "",
            },
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    session.refresh_from_db()
    assert session.date == days_ahead(38) and session.sequence == 1


def test_the_calendar_shows_seats_and_go_no_go_and_filters(client):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, starts_in_days=3, title="Filtertest")
    fill(cohort, 2)
    client.force_login(trainer)
    day = cohort.ordered_sessions[0].date

    response = client.get(CALENDAR, {"datum": day.isoformat()})
    html = response.content.decode()
    assert "Filtertest" in html
    assert "2/8 plaatsen bezet" in html
    response = client.get(CALENDAR, {"datum": day.isoformat(), "weergave": "week"})
    assert "Filtertest" in response.content.decode()
    response = client.get(CALENDAR, {"datum": day.isoformat(), "soort": "in_company"})
    assert "Filtertest" not in response.content.decode()


def _many_sessions(cohorts, count, first_day):
    Session.objects.bulk_create(
        Session(
            cohort=cohorts[n % len(cohorts)],
            date=first_day + timedelta(days=n % 27),
            start_time=time(8 + n % 8),
            end_time=time(9 + n % 8),
        )
        for n in range(count)
    )
    refresh_cohort_dates(cohort.pk for cohort in cohorts)


@pytest.mark.parametrize("factor", [1, 100])
def test_the_calendar_query_count_does_not_grow_with_sessions(
    client, django_assert_max_num_queries, factor
):
    planner = UserFactory(roles=[EDITOR])
    first_day = days_ahead(60).replace(day=1)
    cohorts = [make_cohort(starts_in_days=62 + n, title=f"Groep {n}") for n in range(3)]
    fill(cohorts[0], 3)
    _many_sessions(cohorts, 2 * factor, first_day)
    client.force_login(planner)

    # Page furniture (session, user, roles, Wagtail userbar) plus two queries for the sessions.
    with django_assert_max_num_queries(20):
        response = client.get(CALENDAR, {"datum": first_day.isoformat()})
    assert response.context["entry_count"] >= 2 * factor


def test_the_trainer_feed_lists_their_sessions(client):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    make_cohort(title="Van een ander")
    feed = calendar_feed_for(user=trainer)

    response = client.get(reverse("cohorts:planning_feed", args=[feed.token]))

    calendar = Calendar.from_ical(response.content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries == [f"{cohort.course.title} — {cohort.title}"]
    assert client.get(reverse("cohorts:planning_feed", args=["nope"])).status_code == 404
