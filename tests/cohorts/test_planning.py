"""Planning on the site: create, change, copy, move and cancel, with permissions."""

from datetime import date, time, timedelta

import pytest
from icalendar import Calendar

from accounts.roles import EDITOR
from cohorts.calendar import enrolment_calendar, personal_feed, session_uid
from cohorts.models import Cohort, CohortLogEntry, Delivery, LogKind, Session
from cohorts.selectors import feed_enrolments
from cohorts.services.enrolment import calendar_feed_for
from cohorts.services.lifecycle import CohortError, SessionPlan
from cohorts.services.planning import (
    CohortDetails,
    ConflictError,
    cancel_session,
    create_cohort,
    duplicate_cohort,
    move_session,
    update_cohort,
)
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


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def make_planner():
    return UserFactory(roles=[EDITOR], first_name="Petra")


def two_sessions(days=40):
    return [
        study_day(days_ahead(days), time(9), time(12)),
        study_day(days_ahead(days + 7), time(13), time(17)),
    ]


def leergang(trainer=None, **kwargs):
    return make_cohort(
        course=make_course(format="leergang"), trainer=trainer, sessions=two_sessions(), **kwargs
    )


# --- create ------------------------------------------------------------------------------------


def test_a_trainer_plans_a_cohort_for_themself():
    trainer, other = make_trainer(), make_trainer()
    course = make_course(format="leergang")

    cohort = create_cohort(
        by=trainer,
        course=course,
        details=CohortDetails(title="Zwolle", trainers=[other]),
        sessions=two_sessions(),
    )

    assert list(cohort.trainers.all()) == [trainer]  # a trainer cannot assign others
    assert cohort.min_participants == course.min_participants
    assert len(cohort.ordered_sessions) == 2
    assert cohort.log_entries.get().kind == LogKind.CREATED


def test_a_planner_assigns_trainers_and_must_choose_one():
    planner, trainer = make_planner(), make_trainer()
    course = make_course()
    with pytest.raises(CohortError) as error:
        create_cohort(
            by=planner, course=course, details=CohortDetails(title="X"), sessions=two_sessions()
        )
    assert error.value.field == "trainers"
    assert not Cohort.objects.exists()

    cohort = create_cohort(
        by=planner,
        course=course,
        details=CohortDetails(title="X", trainers=[trainer]),
        sessions=two_sessions(),
    )
    assert list(cohort.trainers.all()) == [trainer]


def test_a_participant_cannot_plan():
    with pytest.raises(CohortError):
        create_cohort(
            by=make_participant(),
            course=make_course(),
            details=CohortDetails(title="X"),
            sessions=two_sessions(),
        )
    assert not Cohort.objects.exists()


def test_a_bad_group_size_is_refused_on_its_field_and_nothing_is_saved():
    course = make_course(max_participants=8)
    with pytest.raises(CohortError) as error:
        create_cohort(
            by=make_trainer(),
            course=course,
            details=CohortDetails(title="X", max_participants=12),
            sessions=two_sessions(),
        )
    assert error.value.field == "max_participants"
    assert "8" in error.value.message
    assert not Cohort.objects.exists() and not Session.objects.exists()


# --- change and copy -------------------------------------------------------------------------


def test_only_own_cohorts_for_a_trainer_every_cohort_for_a_planner():
    cohort = leergang()
    details = CohortDetails(title="Nieuw", location=cohort.location)
    with pytest.raises(CohortError):
        update_cohort(cohort=cohort, by=make_trainer(), details=details)

    update_cohort(
        cohort=cohort,
        by=make_planner(),
        details=CohortDetails(
            title="Nieuw", location=cohort.location, trainers=list(cohort.trainers.all())
        ),
    )
    cohort.refresh_from_db()
    assert cohort.title == "Nieuw"
    assert cohort.log_entries.get(kind=LogKind.EDITED).text == "Gewijzigd: naam."


def test_a_new_location_is_announced_to_each_enrolled_participant(on_commit, mailoutbox):
    trainer = make_trainer()
    cohort = leergang(trainer)
    fill(cohort, 2)
    mailoutbox.clear()
    sequences = [s.sequence for s in cohort.ordered_sessions]

    with on_commit():
        update_cohort(
            cohort=cohort,
            by=trainer,
            details=CohortDetails(title=cohort.title, location="Gemeentehuis Zeist"),
        )

    assert len(mailoutbox) == 2
    assert "Gemeentehuis Zeist" in mailoutbox[0].body
    cohort.refresh_from_db()
    assert [s.sequence for s in cohort.ordered_sessions] == [n + 1 for n in sequences]


def test_the_maximum_cannot_go_below_the_places_taken():
    trainer = make_trainer()
    cohort = leergang(trainer)
    fill(cohort, 3)
    with pytest.raises(CohortError) as error:
        update_cohort(
            cohort=cohort,
            by=trainer,
            details=CohortDetails(
                title=cohort.title, location=cohort.location, min_participants=1, max_participants=2
            ),
        )
    assert error.value.field == "max_participants"


def test_duplicate_shifts_every_session_to_the_new_start():
    trainer = make_trainer()
    cohort = leergang(trainer)
    first = cohort.ordered_sessions[0].date

    copy = duplicate_cohort(cohort=cohort, by=trainer, first_date=first + timedelta(days=70))

    assert copy.pk != cohort.pk and copy.status == "planned"
    assert [s.date for s in copy.ordered_sessions] == [
        s.date + timedelta(days=70) for s in cohort.ordered_sessions
    ]
    assert [s.start_time for s in copy.ordered_sessions] == [time(9), time(13)]
    assert list(copy.trainers.all()) == [trainer]
    assert copy.log_entries.filter(kind=LogKind.DUPLICATED).exists()


def test_duplicate_into_the_past_is_refused_on_the_date_field():
    trainer = make_trainer()
    cohort = leergang(trainer)
    with pytest.raises(CohortError) as error:
        duplicate_cohort(cohort=cohort, by=trainer, first_date=date(2020, 1, 6))
    assert error.value.field == "first_date"
    assert Cohort.objects.count() == 1


# --- move and cancel a session ---------------------------------------------------------------


def parse(ics: bytes):
    calendar = Calendar.from_ical(ics)
    return calendar, list(calendar.walk("VEVENT"))


def test_moving_a_session_mails_each_participant_once_with_the_same_uid_and_next_sequence(
    on_commit, mailoutbox
):
    trainer = make_trainer()
    cohort = leergang(trainer)
    enrolments = fill(cohort, 3)
    mailoutbox.clear()
    session = cohort.ordered_sessions[1]
    new_day = session.date + timedelta(days=1)

    with on_commit():
        moved = move_session(
            session=session, by=trainer, date=new_day, start_time=time(10), end_time=time(14)
        )

    assert moved.sequence == session.sequence + 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(e.participant.email for e in enrolments)
    calendar, (event,) = parse(mailoutbox[0].attachments[0][1])
    assert calendar["METHOD"] == "PUBLISH"
    assert str(event["UID"]) == session_uid(session)
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").date() == new_day
    assert event.decoded("DTSTART").hour == 10
    entry = cohort.log_entries.get(kind=LogKind.SESSION_MOVED)
    assert Delivery.objects.filter(entry=entry).count() == 3

    # The personal feed shows the new time under the same UID.
    feed = calendar_feed_for(user=enrolments[0].participant)
    _calendar, events = parse(personal_feed(feed_enrolments(token=feed.token)))
    by_uid = {str(e["UID"]): e for e in events}
    assert by_uid[session_uid(session)].decoded("DTSTART").hour == 10
    assert by_uid[session_uid(session)]["SEQUENCE"] == 1


def test_an_announcement_task_run_twice_mails_once(on_commit, mailoutbox):
    from cohorts.emails import send_announcement

    trainer = make_trainer()
    cohort = leergang(trainer)
    enrolment = fill(cohort, 1)[0]
    session = cohort.ordered_sessions[0]
    with on_commit():
        move_session(
            session=session,
            by=trainer,
            date=session.date,
            start_time=time(9, 30),
            end_time=time(12),
        )
    mailoutbox.clear()
    entry = CohortLogEntry.objects.get(kind=LogKind.SESSION_MOVED)
    assert send_announcement(entry_id=entry.pk, enrolment_id=enrolment.pk) is False
    assert mailoutbox == []


def test_moving_into_the_past_is_refused_and_nothing_changes(mailoutbox):
    trainer = make_trainer()
    cohort = leergang(trainer)
    session = cohort.ordered_sessions[0]
    with pytest.raises(CohortError) as error:
        move_session(
            session=session,
            by=trainer,
            date=date(2020, 1, 1),
            start_time=time(9),
            end_time=time(12),
        )
    assert error.value.field == "date"
    session.refresh_from_db()
    assert session.sequence == 0 and session.date != date(2020, 1, 1)
    assert not CohortLogEntry.objects.filter(kind=LogKind.SESSION_MOVED).exists()


def test_cancelling_a_session_sends_method_cancel_and_the_feed_marks_it(on_commit, mailoutbox):
    trainer = make_trainer()
    cohort = leergang(trainer)
    enrolment = fill(cohort, 1)[0]
    mailoutbox.clear()
    session = cohort.ordered_sessions[0]

    with on_commit():
        cancel_session(session=session, by=trainer, reason="De trainer is ziek.")

    (mail,) = mailoutbox
    assert "De trainer is ziek." in mail.body
    calendar, (event,) = parse(mail.attachments[0][1])
    assert calendar["METHOD"] == "CANCEL"
    assert str(event["UID"]) == session_uid(session)
    assert event["SEQUENCE"] == 1
    assert str(event["STATUS"]) == "CANCELLED"

    cohort = Cohort.objects.prefetch_related("sessions").get(pk=cohort.pk)
    assert [s.pk for s in cohort.ordered_sessions] == [cohort.all_sessions[1].pk]
    enrolment.refresh_from_db()
    _calendar, events = parse(enrolment_calendar(enrolment))
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in events}
    assert statuses[session_uid(session)] == "CANCELLED"


def test_the_last_session_cannot_be_cancelled_and_a_reason_is_required():
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    with pytest.raises(CohortError) as error:
        cancel_session(session=cohort.ordered_sessions[0], by=trainer, reason="x")
    assert "hele uitvoering" in error.value.message

    cohort = leergang(trainer)
    with pytest.raises(CohortError) as error:
        cancel_session(session=cohort.ordered_sessions[0], by=trainer, reason="  ")
    assert error.value.field == "reason"


def test_a_trainer_may_not_move_someone_elses_session():
    cohort = leergang()
    session = cohort.ordered_sessions[0]
    with pytest.raises(CohortError):
        move_session(
            session=session,
            by=make_trainer(),
            date=session.date,
            start_time=time(8),
            end_time=time(11),
        )


def test_move_with_conflict_is_refused_for_a_trainer():
    trainer = make_trainer()
    first = leergang(trainer)
    second = make_cohort(
        trainer=trainer, sessions=[study_day(days_ahead(60), time(9), time(12))], title="Ander"
    )
    with pytest.raises(ConflictError) as error:
        move_session(
            session=second.ordered_sessions[0],
            by=trainer,
            date=first.ordered_sessions[0].date,
            start_time=time(10),
            end_time=time(11),
        )
    assert not error.value.can_override
    assert error.value.conflicts


def test_session_plan_defaults():
    plan = SessionPlan(date=days_ahead(3), start_time=time(9), end_time=time(10))
    assert plan.location == ""
