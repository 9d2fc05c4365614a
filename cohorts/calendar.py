"""ICS calendars: one file per cohort for a participant, and a personal feed.

Each session keeps one UID for life; its SEQUENCE goes up when it changes (and once more
when it is cancelled), so calendar programs update the event instead of adding a copy.
"""

from django.utils import timezone
from icalendar import Calendar, Event

from cohorts.models import Cohort, CohortStatus, Enrolment, EnrolmentStatus, Session

PRODID = "-//Leerkring//Cohorts//NL"
UID_DOMAIN = "leerkring.nl"
# Statuses whose sessions belong in the participant's calendar.
IN_CALENDAR = {EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NO_SHOW}


def session_uid(session: Session) -> str:
    return f"session-{session.uid}@{UID_DOMAIN}"


def _is_cancelled_for(enrolment: Enrolment) -> bool:
    return (
        enrolment.status == EnrolmentStatus.CANCELLED
        or enrolment.cohort.status == CohortStatus.CANCELLED
    )


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add("x-wr-calname", "Leerkring")
    return calendar


def _ical(calendar: Calendar) -> bytes:
    """The file's bytes with a VTIMEZONE for every TZID its events use: without one, some
    calendar programs (Outlook among them) place the session at the wrong hour."""
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(session: Session, cohort: Cohort, *, cancelled: bool) -> Event:
    """`cancelled`: the enrolment or cohort is; a cancelled session raised its own SEQUENCE."""
    event = Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence + (1 if cancelled else 0))
    cancelled = cancelled or session.is_cancelled
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", f"{cohort.course.title} — {cohort.title}")
    place = session.location or cohort.location
    if place:
        event.add("location", place)
    if session.online_url:
        event.add("url", session.online_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def enrolment_calendar(enrolment: Enrolment) -> bytes:
    """The sessions of one cohort. A cancelled enrolment or cohort gives METHOD:CANCEL."""
    cancelled = _is_cancelled_for(enrolment)
    calendar = _calendar("CANCEL" if cancelled else "PUBLISH")
    cohort = enrolment.cohort
    for session in cohort.all_sessions:
        calendar.add_component(_event(session, cohort, cancelled=cancelled))
    return _ical(calendar)


def session_calendar(session: Session) -> bytes:
    """The one session that changed: its new time, or METHOD:CANCEL when it was cancelled."""
    calendar = _calendar("CANCEL" if session.is_cancelled else "PUBLISH")
    calendar.add_component(_event(session, session.cohort, cancelled=False))
    return _ical(calendar)


def trainer_feed(sessions: list[Session]) -> bytes:
    """A trainer's subscription feed: the sessions of the cohorts they train."""
    calendar = _calendar("PUBLISH")
    for session in sessions:
        cancelled = session.cohort.status == CohortStatus.CANCELLED
        calendar.add_component(_event(session, session.cohort, cancelled=cancelled))
    return _ical(calendar)


def personal_feed(enrolments: list[Enrolment]) -> bytes:
    """A subscription feed: every session of the participant's cohorts; cancelled ones stay
    in with STATUS:CANCELLED so subscribed calendars remove them."""
    calendar = _calendar("PUBLISH")
    # One enrolment per cohort: someone who cancelled and enrolled again has two rows, but
    # each session may appear only once (its UID is the same).
    per_cohort: dict[int, Enrolment] = {}
    for enrolment in enrolments:
        if enrolment.status in IN_CALENDAR or enrolment.cohort_id not in per_cohort:
            per_cohort[enrolment.cohort_id] = enrolment
    for enrolment in per_cohort.values():
        if enrolment.status not in IN_CALENDAR and not _is_cancelled_for(enrolment):
            continue  # waiting list and open offers are not in the calendar yet
        for session in enrolment.cohort.all_sessions:
            calendar.add_component(
                _event(session, enrolment.cohort, cancelled=_is_cancelled_for(enrolment))
            )
    return _ical(calendar)
