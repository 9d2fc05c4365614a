"""Issue 10, item 13: every TZID in our ICS files has its VTIMEZONE, so every calendar
program places the session at the right hour (validated with the icalendar parser)."""

from datetime import UTC, datetime, time

import pytest
from icalendar import Calendar

from cohorts.calendar import enrolment_calendar, personal_feed
from tests.cohorts.factories import days_ahead, fill, make_cohort, study_day

pytestmark = pytest.mark.django_db


def check_timezones(ics: bytes) -> Calendar:
    calendar = Calendar.from_ical(ics)
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    used = {
        event[prop].params["TZID"]
        for event in calendar.walk("VEVENT")
        for prop in ("DTSTART", "DTEND")
        if "TZID" in event[prop].params
    }
    assert used, "the sessions are written in local time with a TZID"
    assert used <= zones, f"TZIDs without VTIMEZONE: {used - zones}"
    # Each VTIMEZONE has its standard and daylight rules.
    for zone in calendar.walk("VTIMEZONE"):
        assert {sub.name for sub in zone.subcomponents} >= {"STANDARD", "DAYLIGHT"}
    return calendar


def test_enrolment_file_session_file_and_feed_carry_vtimezone():
    cohort = make_cohort(sessions=[study_day(days_ahead(20), time(9, 30), time(16, 30))])
    enrolment = fill(cohort, 1)[0]
    calendar = check_timezones(enrolment_calendar(enrolment))
    check_timezones(personal_feed([enrolment]))

    # A client that only knows the VTIMEZONE (not the Olson name) gets the same instant.
    event = next(iter(calendar.walk("VEVENT")))
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (9, 30)
    session = cohort.sessions.get()
    assert start.astimezone(UTC) == session.starts_at.astimezone(UTC)
    assert isinstance(start, datetime)
