"""ICS files parse, carry one stable UID per session and cancel properly."""

from datetime import time

import pytest
from icalendar import Calendar

from cohorts.calendar import enrolment_calendar, personal_feed, session_uid
from cohorts.services.enrolment import cancel_enrolment
from cohorts.services.lifecycle import cancel_cohort
from cohorts.services.planning import move_session
from tests.cohorts.factories import days_ahead, fill, make_cohort, study_day
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


def events(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, list(calendar.walk("VEVENT"))


def leergang():
    return make_cohort(
        course=make_course(format="leergang"),
        sessions=[study_day(days_ahead(20)), study_day(days_ahead(27), time(13), time(17))],
    )


def test_cohort_file_has_one_event_per_session_with_stable_uids():
    cohort = leergang()
    enrolment = fill(cohort, 1)[0]

    calendar, vevents = events(enrolment_calendar(enrolment))

    assert calendar["METHOD"] == "PUBLISH"
    assert [str(e["UID"]) for e in vevents] == [session_uid(s) for s in cohort.ordered_sessions]
    assert vevents[1].decoded("DTSTART").hour == 13
    assert str(vevents[0]["LOCATION"]) == "Stadhuis Utrecht"
    _again, vevents_again = events(enrolment_calendar(enrolment))
    assert [e["UID"] for e in vevents_again] == [e["UID"] for e in vevents]


def test_changed_session_keeps_uid_and_raises_sequence():
    cohort = leergang()
    enrolment = fill(cohort, 1)[0]
    session = cohort.first_session
    move_session(
        session=session,
        by=cohort.trainers.get(),
        date=days_ahead(21),
        start_time=time(10),
        end_time=time(15),
    )
    enrolment.cohort.refresh_from_db()

    _calendar, vevents = events(enrolment_calendar(enrolment))

    first = next(e for e in vevents if str(e["UID"]) == session_uid(session))
    assert first["SEQUENCE"] == 1


def test_cancelled_enrolment_gives_method_cancel():
    cohort = leergang()
    enrolment = fill(cohort, 1)[0]
    cancel_enrolment(enrolment=enrolment, by=enrolment.participant)
    enrolment.refresh_from_db()

    calendar, vevents = events(enrolment_calendar(enrolment))

    assert calendar["METHOD"] == "CANCEL"
    assert all(e["STATUS"] == "CANCELLED" and e["SEQUENCE"] == 1 for e in vevents)


def test_cancelled_cohort_gives_method_cancel():
    cohort = leergang()
    enrolment = fill(cohort, 1)[0]
    cancel_cohort(cohort=cohort, by=cohort.trainers.get(), reason="Te weinig aanmeldingen")
    enrolment.refresh_from_db()

    calendar, _vevents = events(enrolment_calendar(enrolment))

    assert calendar["METHOD"] == "CANCEL"


def test_personal_feed_lists_each_session_once_even_after_re_enrolling():
    from cohorts.services.enrolment import enrol

    cohort = leergang()
    enrolment = fill(cohort, 1)[0]
    cancel_enrolment(enrolment=enrolment, by=enrolment.participant)
    again = enrol(cohort=cohort, participant=enrolment.participant)

    _calendar, vevents = events(personal_feed([enrolment, again]))

    assert len(vevents) == 2
    assert all(e["STATUS"] == "CONFIRMED" for e in vevents)
