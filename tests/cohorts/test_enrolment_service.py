"""enrol(): open, future cohorts within the window; full means waiting list; never twice."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from cohorts.models import (
    CohortKind,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    EnrolmentStatusChange,
)
from cohorts.services.enrolment import EnrolmentError, enrol, waitlist_rank
from cohorts.services.lifecycle import cancel_cohort
from tests.cohorts.factories import fill, make_cohort, make_participant

pytestmark = pytest.mark.django_db


def test_enrol_takes_a_seat_and_logs_who_and_from_where():
    cohort = make_cohort()
    participant = make_participant()

    enrolment = enrol(cohort=cohort, participant=participant)

    assert enrolment.status == EnrolmentStatus.ENROLLED
    change = EnrolmentStatusChange.objects.get(enrolment=enrolment)
    assert (change.from_status, change.to_status, change.changed_by) == (
        "",
        "enrolled",
        participant,
    )


def test_ninth_participant_goes_on_the_waiting_list_in_order():
    cohort = make_cohort()
    fill(cohort, 8)

    ninth, tenth = fill(cohort, 2)

    assert cohort.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == 8
    assert (ninth.status, ninth.waitlist_position) == (EnrolmentStatus.WAITLISTED, 1)
    assert (tenth.status, tenth.waitlist_position) == (EnrolmentStatus.WAITLISTED, 2)
    assert waitlist_rank(tenth) == 2


def test_reaching_the_minimum_confirms_the_cohort():
    cohort = make_cohort()
    fill(cohort, 4)
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.PLANNED

    fill(cohort, 1)

    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.CONFIRMED


def test_enrolling_twice_is_refused_with_a_clear_message():
    cohort = make_cohort()
    participant = make_participant()
    enrol(cohort=cohort, participant=participant)

    with pytest.raises(
        EnrolmentError, match=r"U bent al ingeschreven voor deze uitvoering\. Zie Mijn leerkring"
    ):
        enrol(cohort=cohort, participant=participant)

    assert Enrolment.objects.filter(participant=participant).count() == 1


def test_waitlisted_participant_enrolling_again_is_told_they_wait():
    cohort = make_cohort(min_participants=1, max_participants=1)
    fill(cohort, 1)
    participant = make_participant()
    enrol(cohort=cohort, participant=participant)

    with pytest.raises(EnrolmentError, match="al op de wachtlijst"):
        enrol(cohort=cohort, participant=participant)


def test_enrolment_outside_the_window_is_refused_and_nothing_written():
    now = timezone.now()
    cohort = make_cohort(
        enrolment_opens_at=now + timedelta(days=2), enrolment_closes_at=now + timedelta(days=5)
    )
    participant = make_participant()

    with pytest.raises(EnrolmentError, match="De inschrijving opent op"):
        enrol(cohort=cohort, participant=participant)
    with pytest.raises(EnrolmentError, match="Kies een andere datum op de pagina van de training"):
        enrol(cohort=cohort, participant=participant, now=now + timedelta(days=6))

    assert not Enrolment.objects.exists()
    assert enrol(cohort=cohort, participant=participant, now=now + timedelta(days=3))


def test_a_started_cohort_takes_no_enrolments():
    cohort = make_cohort(starts_in_days=1)

    with pytest.raises(EnrolmentError, match="is al begonnen"):
        enrol(cohort=cohort, participant=make_participant(), now=timezone.now() + timedelta(days=3))

    assert not Enrolment.objects.exists()


def test_a_cancelled_cohort_takes_no_enrolments():
    cohort = make_cohort()
    cancel_cohort(cohort=cohort, by=cohort.trainers.get(), reason="Ziekte van de trainer")

    with pytest.raises(EnrolmentError, match="niet meer inschrijven"):
        enrol(cohort=cohort, participant=make_participant())


def test_in_company_cohort_needs_the_invitation_token():
    cohort = make_cohort(kind=CohortKind.IN_COMPANY, municipality="Gemeente Zwolle")
    participant = make_participant()

    with pytest.raises(
        EnrolmentError,
        match="alleen in via een uitnodiging",
    ):
        enrol(cohort=cohort, participant=participant, invitation_token="vervalst")  # noqa: S106
    assert not Enrolment.objects.exists()

    enrolment = enrol(
        cohort=cohort, participant=participant, invitation_token=cohort.invitation_token
    )
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_database_refuses_two_active_enrolments_for_one_participant():
    from django.db import IntegrityError, transaction

    cohort = make_cohort()
    participant = make_participant()
    enrol(cohort=cohort, participant=participant)

    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            cohort=cohort,
            participant=participant,
            status=EnrolmentStatus.WAITLISTED,
            waitlist_position=1,
        )


def test_database_refuses_a_waitlisted_row_without_position():
    from django.db import IntegrityError, transaction

    cohort = make_cohort()

    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            cohort=cohort, participant=make_participant(), status=EnrolmentStatus.WAITLISTED
        )


def test_a_cancelled_first_session_does_not_count_as_the_start():
    from cohorts.services.planning import cancel_session
    from tests.cohorts.factories import days_ahead, study_day

    cohort = make_cohort(sessions=[study_day(days_ahead(2)), study_day(days_ahead(9))])
    cancel_session(
        session=cohort.ordered_sessions[0], by=cohort.trainers.get(), reason="Zaal dicht"
    )

    enrolment = enrol(
        cohort=cohort, participant=make_participant(), now=timezone.now() + timedelta(days=4)
    )

    assert enrolment.status == EnrolmentStatus.ENROLLED


# --- round trips (issue 15): what enrol() costs, pinned so it cannot creep back -------------

# The production task backend: the email task is a row in the same database.
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def queued_emails():
    from django_tasks_db.models import DBTaskResult

    from cohorts.tasks import send_enrolment_email

    rows = DBTaskResult.objects.filter(task_path=send_enrolment_email.module_path)
    return [row.args_kwargs["args"] for row in rows.order_by("enqueued_at")]


def statements(*, postgresql: int, sqlite: int) -> int:
    from django.db import connection

    return postgresql if connection.vendor == "postgresql" else sqlite


@override_settings(TASKS=DATABASE_TASKS)
def test_enrolling_for_an_open_place_takes_four_statements(django_assert_num_queries):
    cohort = make_cohort()
    participant = make_participant()

    # savepoint, lock the cohort and read (counts, own enrolment, start) in one go, the
    # enrolment with its history row and the email task in one statement, release: the
    # commit is the test's transaction here. SQLite sends each of these on its own.
    with django_assert_num_queries(statements(postgresql=4, sqlite=7)):
        enrolment = enrol(cohort=cohort, participant=participant)

    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert queued_emails() == [[enrolment.pk, "enrolled"]]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_place_on_the_waiting_list_takes_four_statements(django_assert_num_queries):
    cohort = make_cohort(min_participants=1, max_participants=1)
    fill(cohort, 1)
    participant = make_participant()

    with django_assert_num_queries(statements(postgresql=4, sqlite=7)):
        enrolment = enrol(cohort=cohort, participant=participant)

    assert (enrolment.status, enrolment.waitlist_position) == (EnrolmentStatus.WAITLISTED, 1)
    assert queued_emails()[-1] == [enrolment.pk, "waitlisted"]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_refusal_takes_the_lock_and_one_read_and_writes_nothing(django_assert_num_queries):
    cohort = make_cohort()
    participant = make_participant()
    enrol(cohort=cohort, participant=participant)

    # savepoint, lock and read, rollback to and release the savepoint
    with (
        django_assert_num_queries(statements(postgresql=4, sqlite=5)),
        pytest.raises(EnrolmentError, match="al ingeschreven"),
    ):
        enrol(cohort=cohort, participant=participant)

    assert Enrolment.objects.filter(participant=participant).count() == 1
    assert len(queued_emails()) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_the_email_task_rolls_back_with_the_enrolment(monkeypatch):
    from cohorts.services import enrolment as service

    def fails_after_writing(cohort, **counts):
        raise RuntimeError("something fails after the rows and the task are written")

    monkeypatch.setattr(service, "_confirm_when_minimum_reached", fails_after_writing)

    with pytest.raises(RuntimeError, match="after the rows"):
        enrol(cohort=make_cohort(), participant=make_participant())

    assert not Enrolment.objects.exists()
    assert not EnrolmentStatusChange.objects.exists()
    assert queued_emails() == []


def test_enrol_is_always_the_outermost_transaction():
    """It holds the cohort's lock: a caller's transaction must not hold it longer."""
    from django.db import transaction

    cohort = make_cohort()

    with (
        pytest.raises(RuntimeError, match="durable atomic block cannot be nested"),
        transaction.atomic(),
    ):
        enrol(cohort=cohort, participant=make_participant())

    assert not Enrolment.objects.exists()


def test_the_rows_written_are_what_the_orm_would_write(django_capture_on_commit_callbacks):
    """On PostgreSQL the enrolment and its history row go in one plain-SQL statement; the
    rows, the instance returned and the post_save signals are the ORM's."""
    from django.db.models.signals import post_save

    cohort = make_cohort()
    participant, trainer = make_participant(), cohort.trainers.get()
    saved = []

    def receiver(sender, instance, created, **kwargs):
        saved.append((sender, instance.pk, created))

    post_save.connect(receiver, sender=Enrolment, weak=False)
    post_save.connect(receiver, sender=EnrolmentStatusChange, weak=False)
    try:
        before = timezone.now()
        enrolment = enrol(cohort=cohort, participant=participant, by=trainer)
        waiting = [enrol(cohort=cohort, participant=make_participant()) for _ in range(8)][-1]
    finally:
        post_save.disconnect(receiver, sender=Enrolment)
        post_save.disconnect(receiver, sender=EnrolmentStatusChange)

    stored = Enrolment.objects.get(pk=enrolment.pk)
    for name in ("cohort_id", "participant_id", "status", "waitlist_position", "cancelled_by"):
        assert getattr(stored, name) == getattr(enrolment, name)
    assert (stored.status, stored.waitlist_position, stored.offer_expires_at) == (
        EnrolmentStatus.ENROLLED,
        None,
        None,
    )
    assert before <= stored.created_at <= stored.updated_at <= timezone.now()
    assert (enrolment.created_at, enrolment.updated_at) == (stored.created_at, stored.updated_at)
    assert not enrolment._state.adding
    assert enrolment.cohort == cohort and enrolment.participant == participant
    change = EnrolmentStatusChange.objects.get(enrolment=enrolment)
    assert (change.from_status, change.to_status, change.changed_by, change.reason) == (
        "",
        EnrolmentStatus.ENROLLED,
        trainer,
        f"Ingeschreven door {trainer}.",
    )
    assert stored.created_at <= change.changed_at <= timezone.now()
    assert (waiting.status, waiting.waitlist_position) == (EnrolmentStatus.WAITLISTED, 1)
    assert Enrolment.objects.get(pk=waiting.pk).waitlist_position == 1
    assert (Enrolment, enrolment.pk, True) in saved
    assert (EnrolmentStatusChange, change.pk, True) in saved
    assert len(saved) >= 2 * 9


def test_with_an_immediate_backend_the_email_waits_for_the_commit(
    django_capture_on_commit_callbacks, mailoutbox
):
    cohort = make_cohort()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        enrol(cohort=cohort, participant=make_participant())
        assert mailoutbox == []

    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_the_one_read_under_the_lock_agrees_with_the_orm():
    """`_standing` is plain SQL (cheaper to build); these are the ORM's answers to the same
    questions, over every status, another cohort's rows and sessions in any order."""
    from datetime import time

    from django.db.models import Max

    from cohorts.models import ACTIVE_STATUSES, SEAT_STATUSES, Cohort
    from cohorts.services.enrolment import _standing, cancel_enrolment
    from cohorts.services.planning import cancel_session
    from tests.cohorts.factories import days_ahead, study_day
    from tests.courses.factories_pages import make_course

    cohort = make_cohort(
        course=make_course(format="leergang"),
        min_participants=1,
        max_participants=3,
        sessions=[
            study_day(days_ahead(9)),
            study_day(days_ahead(5), start=time(13, 0), end=time(16, 0)),
            study_day(days_ahead(5), start=time(9, 0), end=time(12, 0)),
        ],
    )
    empty = make_cohort()
    elsewhere = make_cohort()
    fill(elsewhere, 3)
    rows = fill(cohort, 6)  # 3 enrolled, 3 waiting
    cancel_enrolment(enrolment=rows[0], by=rows[0].participant)  # the first in line is offered
    cancel_enrolment(enrolment=rows[4], by=rows[4].participant)  # one leaves the list
    morning = cohort.ordered_sessions[0]
    cancel_session(session=morning, by=cohort.trainers.get(), reason="Zaal dicht")
    stranger = make_participant()

    for each in (cohort, empty):
        for person in [row.participant for row in rows] + [stranger]:
            enrolments = each.enrolments
            expected_own = (
                enrolments.filter(participant=person, status__in=ACTIVE_STATUSES)
                .values_list("status", flat=True)
                .first()
            )
            standing = _standing(each.pk, person)
            assert standing.taken == enrolments.filter(status__in=SEAT_STATUSES).count()
            assert standing.waiting == enrolments.filter(status=EnrolmentStatus.WAITLISTED).count()
            assert standing.enrolled == enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
            assert (
                standing.highest_position
                == enrolments.aggregate(top=Max("waitlist_position"))["top"]
            )
            assert standing.own_status == expected_own
            fresh = Cohort.objects.prefetch_related("sessions").get(pk=each.pk)
            assert standing.starts_at == fresh.starts_at
    assert _standing(cohort.pk, stranger).starts_at.hour == 13  # the morning was cancelled
    assert (_standing(cohort.pk, stranger).taken, _standing(cohort.pk, stranger).waiting) == (3, 1)


@override_settings(TASKS=DATABASE_TASKS)
def test_the_email_tasks_written_with_the_rows_are_the_task_backends_own():
    """On PostgreSQL enrol() writes the email task's row in its one INSERT, and reaching the
    minimum writes the confirmations in one more; each row must be what django_tasks_db's
    own enqueue writes, or its worker would not run it as that task."""
    from django.forms.models import model_to_dict
    from django_tasks_db.models import DBTaskResult

    from cohorts.models import NotificationKind
    from cohorts.tasks import send_enrolment_email

    cohort = make_cohort(min_participants=2, max_participants=2)
    first = enrol(cohort=cohort, participant=make_participant())
    second = enrol(cohort=cohort, participant=make_participant())  # confirms the cohort
    waiting = enrol(cohort=cohort, participant=make_participant())
    emails = DBTaskResult.objects.filter(task_path=send_enrolment_email.module_path)
    ours = list(emails.order_by("enqueued_at"))
    own = send_enrolment_email.enqueue(first.pk, NotificationKind.ENROLLED)

    assert [row.args_kwargs["args"] for row in ours] == [
        [first.pk, "enrolled"],
        [second.pk, "enrolled"],
        [first.pk, "confirmed"],
        [second.pk, "confirmed"],
        [waiting.pk, "waitlisted"],
    ]
    reference = model_to_dict(DBTaskResult.objects.get(pk=own.id), exclude=["id", "args_kwargs"])
    for row in ours:
        assert model_to_dict(row, exclude=["id", "args_kwargs"]) == reference
        assert row.args_kwargs["kwargs"] == {}
        assert row.task.func is send_enrolment_email.func
        assert row.enqueued_at is not None
    assert len({row.pk for row in ours}) == len(ours)
