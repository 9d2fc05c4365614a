"""A cohort's stored first start and last end (Cohort.first_start, last_end) say what its
sessions say after every way sessions are written, and the lists that filter and sort on
them no longer ask the sessions per row (issue 15)."""

import importlib
from datetime import time, timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset

from benchmarks.dataset import build
from bookings.services import accept_quote, schedule_request
from cohorts.models import Cohort, CohortStatus, Session, local_moment, refresh_cohort_dates
from cohorts.selectors import trainer_cohort_overview, upcoming_cohort_queryset
from cohorts.services.planning import (
    add_session,
    cancel_session,
    duplicate_cohort,
    move_session,
)
from cohorts.tasks import enrolments_due_a_reminder
from courses.demo import ensure_home_page
from tests.bookings.factories import make_quote, make_request
from tests.cohorts.factories import days_ahead, fill, make_cohort, make_trainer, study_day
from tests.cohorts.test_cohort_admin import form
from tests.courses.factories_pages import course_index, make_course

pytestmark = pytest.mark.django_db


def stored(cohort) -> tuple:
    row = Cohort.objects.values_list("first_start", "last_end").get(pk=cohort.pk)
    return tuple(None if moment is None else timezone.localtime(moment) for moment in row)


def from_sessions(cohort) -> tuple:
    fresh = Cohort.objects.get(pk=cohort.pk)  # starts_at/ends_at read the sessions
    return fresh.starts_at, fresh.ends_at


def assert_dates_match(cohort):
    assert stored(cohort) == from_sessions(cohort)


def two_day_cohort(trainer=None):
    return make_cohort(
        course=make_course(format="leergang"),
        trainer=trainer,
        sessions=[
            study_day(days_ahead(40), time(9), time(12)),
            study_day(days_ahead(47), time(13), time(17)),
        ],
    )


def test_scheduling_stores_the_first_start_and_last_end():
    cohort = two_day_cohort()

    assert stored(cohort) == (
        local_moment(days_ahead(40), time(9)),
        local_moment(days_ahead(47), time(17)),
    )
    assert (cohort.first_start, cohort.last_end) == stored(cohort)  # the instance too


def test_adding_moving_and_cancelling_sessions_move_the_stored_dates():
    trainer = make_trainer()
    cohort = two_day_cohort(trainer)
    first, _last = cohort.ordered_sessions

    added = add_session(cohort=cohort, by=trainer, plan=study_day(days_ahead(50), time(9)))
    assert stored(cohort)[1] == local_moment(days_ahead(50), time(16, 30))
    assert_dates_match(cohort)

    move_session(
        session=first, by=trainer, date=days_ahead(35), start_time=time(10), end_time=time(12)
    )
    assert stored(cohort)[0] == local_moment(days_ahead(35), time(10))
    assert_dates_match(cohort)

    cancel_session(session=added, by=trainer, reason="De zaal is niet beschikbaar.")
    assert stored(cohort)[1] == local_moment(days_ahead(47), time(17))
    cancel_session(session=first, by=trainer, reason="Ziekte van de trainer.")
    assert stored(cohort) == (
        local_moment(days_ahead(47), time(13)),
        local_moment(days_ahead(47), time(17)),
    )
    assert_dates_match(cohort)


def test_duplicating_and_scheduling_a_booking_store_the_dates():
    trainer = make_trainer()
    copy = duplicate_cohort(cohort=two_day_cohort(trainer), by=trainer, first_date=days_ahead(90))
    assert stored(copy)[0] == local_moment(days_ahead(90), time(9))
    assert_dates_match(copy)

    booking = make_request()
    accept_quote(
        quote=make_quote(booking), by=booking.contact, signed_name="G. Jansen", authorised=True
    )
    booking.refresh_from_db()
    planner = make_trainer()
    schedule_request(request=booking, by=planner, sessions=[study_day(days_ahead(60))])
    booking.refresh_from_db()
    assert stored(booking.cohort)[0] == local_moment(days_ahead(60), time(9, 30))
    assert_dates_match(booking.cohort)


def test_a_session_written_on_its_own_moves_the_dates_and_bulk_writes_refresh_them():
    cohort = make_cohort(starts_in_days=30)
    extra = Session.objects.create(
        cohort_id=cohort.pk, date=days_ahead(20), start_time=time(9), end_time=time(11)
    )
    assert stored(cohort)[0] == local_moment(days_ahead(20), time(9))

    extra.delete()
    assert_dates_match(cohort)
    assert stored(cohort)[0] == local_moment(days_ahead(30), time(9, 30))

    # QuerySet.update() passes no save(): the one call after it puts the dates right.
    Session.objects.filter(cohort=cohort).update(date=days_ahead(10))
    assert stored(cohort)[0] == local_moment(days_ahead(30), time(9, 30))
    refresh_cohort_dates([cohort.pk])
    assert_dates_match(cohort)


def test_a_cohort_saved_from_a_stale_instance_keeps_the_dates_its_sessions_say():
    cohort = make_cohort(starts_in_days=30)
    stale = Cohort.objects.get(pk=cohort.pk)
    Session.objects.create(cohort=cohort, date=days_ahead(5), start_time=time(9), end_time=time(11))

    stale.title = "Utrecht (verplaatst)"
    stale.save()

    assert stored(cohort)[0] == local_moment(days_ahead(5), time(9))
    assert_dates_match(cohort)


def test_editing_sessions_in_beheer_stores_the_new_dates(admin_client):
    cohort = two_day_cohort()
    first, last = cohort.ordered_sessions
    rows = [
        # the first session removed, the last one moved later, a new one added
        {
            "id": first.pk,
            "date": first.date.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "location": "",
            "online_url": "",
            "DELETE": "on",
        },
        {
            "id": last.pk,
            "date": days_ahead(48).isoformat(),
            "start_time": "13:00",
            "end_time": "17:30",
            "location": "",
            "online_url": "",
        },
        {
            "date": days_ahead(44).isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "location": "",
            "online_url": "",
        },
    ]
    data = form(cohort.course, cohort.trainers.get(), sessions=inline_formset(rows, initial=2))

    response = admin_client.post(f"/beheer/cohorts/edit/{cohort.pk}/", data)

    assert response.status_code == 302, response.context["form"].errors
    assert cohort.sessions.count() == 2
    assert stored(cohort) == (
        local_moment(days_ahead(44), time(10)),
        local_moment(days_ahead(48), time(17, 30)),
    )
    assert_dates_match(cohort)


def test_creating_a_cohort_in_beheer_stores_its_dates(admin_client):
    response = admin_client.post("/beheer/cohorts/new/", form(make_course(), make_trainer()))

    assert response.status_code == 302, response.context["form"].errors
    cohort = Cohort.objects.get()
    assert stored(cohort) == (
        local_moment(days_ahead(30), time(9, 30)),
        local_moment(days_ahead(30), time(16, 30)),
    )


def test_the_benchmark_dataset_stores_the_dates():
    ensure_home_page()
    course_index()
    data = build(3)

    cohorts = Cohort.objects.filter(trainers=data.trainer)
    assert cohorts.count() == 3
    for cohort in cohorts:
        assert cohort.first_start is not None
        assert_dates_match(cohort)


def test_the_migration_fills_the_dates_of_existing_cohorts():
    cohort = two_day_cohort()
    empty = make_cohort()
    Session.objects.filter(cohort=empty).delete()  # a cohort without sessions stays empty
    Cohort.objects.update(first_start=None, last_end=None)
    migration = importlib.import_module("cohorts.migrations.0003_cohort_first_start_last_end")

    migration.fill_dates(apps, None)

    assert_dates_match(cohort)
    assert stored(cohort)[0] is not None
    assert stored(empty) == (None, None)


# --- the lists read the stored columns --------------------------------------------------------


def test_the_trainer_lists_ask_no_session_per_cohort():
    trainer = make_trainer()
    for days in (10, 20, 30):
        make_cohort(trainer=trainer, starts_in_days=days)

    with CaptureQueriesContext(connection) as queries:
        overview = trainer_cohort_overview(trainer=trainer)

    # Only the prefetch of the sessions the cards show (one for all three lists) reads the
    # sessions; the lists filter and sort on the cohort's own columns.
    on_sessions = [q["sql"] for q in queries if Session._meta.db_table in q["sql"]]
    assert len(on_sessions) == 1, on_sessions
    assert on_sessions[0].startswith("SELECT") and "IN (" in on_sessions[0]
    assert sum(1 for q in queries if '"first_start"' in q["sql"]) >= 1
    assert [card.cohort.starts_at for card in overview["upcoming"].items] == sorted(
        card.cohort.starts_at for card in overview["upcoming"].items
    )


def test_a_cohort_whose_last_session_ended_an_hour_ago_is_to_close_not_upcoming():
    trainer = make_trainer()
    today = timezone.localdate()
    cohort = make_cohort(trainer=trainer)
    Session.objects.filter(cohort=cohort).update(date=today, start_time=time(8), end_time=time(10))
    refresh_cohort_dates([cohort.pk])
    Cohort.objects.filter(pk=cohort.pk).update(status=CohortStatus.CONFIRMED)

    before = trainer_cohort_overview(trainer=trainer, now=local_moment(today, time(9, 59)))
    after = trainer_cohort_overview(trainer=trainer, now=local_moment(today, time(10, 1)))

    assert [c.cohort.pk for c in before["upcoming"].items] == [cohort.pk]
    assert not before["to_close"].items
    assert not after["upcoming"].items
    assert [c.cohort.pk for c in after["to_close"].items] == [cohort.pk]


def test_a_cancelled_first_session_no_longer_counts_as_the_start():
    trainer = make_trainer()
    cohort = two_day_cohort(trainer)
    first, _last = cohort.ordered_sessions
    between = local_moment(days_ahead(41), time(9))

    assert cohort.pk not in {c.pk for c in upcoming_cohort_queryset(now=between)}
    cancel_session(session=first, by=trainer, reason="Ziekte van de trainer.")
    assert cohort.pk in {c.pk for c in upcoming_cohort_queryset(now=between)}


def test_reminders_go_to_cohorts_starting_within_three_days():
    soon, later = make_cohort(starts_in_days=2), make_cohort(starts_in_days=10)
    (enrolled_soon,) = fill(soon, 1)
    (enrolled_later,) = fill(later, 1)

    assert enrolments_due_a_reminder() == [enrolled_soon]
    assert enrolments_due_a_reminder(now=timezone.now() + timedelta(days=8)) == [enrolled_later]
