"""Enrolment, cancellation and the waiting list.

Capacity is held the pretix way: inside one short transaction, lock the cohort row, recount
from the enrolment rows, decide, write. Every function that changes who holds a seat locks
the cohort first, so two requests can never both take the last place.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, router, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cohorts.models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    CalendarFeed,
    CancelledBy,
    Cohort,
    CohortKind,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    EnrolmentStatusChange,
    Evaluation,
    Intake,
    NotificationKind,
    Session,
    local_moment,
    new_feed_token,
)
from leerkring.notifications import notifications_enabled

OFFER_VALIDITY = timedelta(hours=48)


class EnrolmentError(Exception):
    """A refused enrolment change; the message can be shown to the participant or trainer."""


# --- building blocks shared with cohorts.services.lifecycle -----------------------------------


def lock_cohort(cohort_id: int, *, with_sessions: bool = True) -> Cohort:
    """The cohort row, locked until the surrounding transaction ends.

    Its sessions are prefetched (one more query) unless `with_sessions=False`, for a caller
    that reads what it needs of them otherwise (enrol: `_standing`).
    """
    cohorts = Cohort.objects.select_for_update()
    if with_sessions:
        cohorts = cohorts.prefetch_related("sessions")
    return cohorts.get(pk=cohort_id)


def _no_pause() -> None:
    return None


# Test seam: the PostgreSQL control test widens the gap between counting and writing here to
# show that without the lock the race is real. Production code never changes it.
between_count_and_write: Callable[[], None] = _no_pause


def is_trainer_of(user, cohort: Cohort) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or cohort.trainers.filter(pk=user.pk).exists()


def record_change(
    enrolment: Enrolment, *, from_status: str, by, reason: str = ""
) -> EnrolmentStatusChange:
    return EnrolmentStatusChange.objects.create(
        enrolment=enrolment,
        from_status=from_status,
        to_status=enrolment.status,
        changed_by=by if by is not None and by.is_authenticated else None,
        reason=reason,
    )


def transition(enrolment: Enrolment, *, to: str, by, reason: str = "", **fields) -> Enrolment:
    """Move an enrolment to another status and log it in the append-only history."""
    from_status = enrolment.status
    enrolment.status = to
    for name, value in fields.items():
        setattr(enrolment, name, value)
    enrolment.save()
    record_change(enrolment, from_status=from_status, by=by, reason=reason)
    return enrolment


def notify(enrolment: Enrolment, kind: str) -> None:
    """Send the email of this kind once the transaction has committed (never on rollback).

    Where the task backend stores its tasks in the enrolment's own database (production:
    django_tasks_db), the task row is written inside the transaction: it commits with the
    change or not at all, the worker only sees it after the commit, and the commit is the one
    the change makes anyway (no second commit after it). Any other backend (tests and
    development: immediate, which sends right away) is queued after the commit.
    """
    from cohorts.tasks import send_enrolment_email

    if not notifications_enabled():
        return

    enrolment_id = enrolment.pk
    if _tasks_stored_with(send_enrolment_email, enrolment):
        send_enrolment_email.enqueue(enrolment_id, kind)
    else:
        transaction.on_commit(lambda: send_enrolment_email.enqueue(enrolment_id, kind))


def _tasks_stored_with(task, instance) -> bool:
    """Does `task`'s backend write its queue into the database `instance` was saved in?"""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    return isinstance(task.get_backend(), DatabaseBackend) and router.db_for_write(
        DBTaskResult
    ) == (instance._state.db or DEFAULT_DB_ALIAS)


def seats_taken(cohort: Cohort) -> int:
    return cohort.enrolments.filter(status__in=SEAT_STATUSES).count()


def _format_moment(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# --- enrol ----------------------------------------------------------------------------------


def _check_enrolment_open(
    cohort: Cohort, *, starts_at: datetime | None, invitation_token: str | None, now: datetime
) -> None:
    if cohort.kind == CohortKind.IN_COMPANY and not (
        invitation_token
        and cohort.invitation_token
        and secrets.compare_digest(invitation_token.encode(), cohort.invitation_token.encode())
    ):
        raise EnrolmentError(
            _(
                "This cohort is by invitation only. Use the link from your invitation, or ask "
                "your organisation's contact for it."
            )
        )
    if cohort.status not in (CohortStatus.PLANNED, CohortStatus.CONFIRMED):
        raise EnrolmentError(
            _(
                "This cohort is no longer open for enrolment. Choose another date on the "
                "course page."
            )
        )
    if starts_at is None or starts_at <= now:
        raise EnrolmentError(
            _("This cohort has already started. Choose another date on the course page.")
        )
    if cohort.enrolment_opens_at and now < cohort.enrolment_opens_at:
        raise EnrolmentError(
            _("Enrolment opens on %(moment)s. Please come back then.")
            % {"moment": _format_moment(cohort.enrolment_opens_at)}
        )
    closes_at = cohort.enrolment_closes_at or starts_at  # Cohort.effective_enrolment_closes_at
    if closes_at and now >= closes_at:
        raise EnrolmentError(
            _("Enrolment closed on %(moment)s. Choose another date on the course page.")
            % {"moment": _format_moment(closes_at)}
        )


def _already_enrolled_message(status: str) -> str:
    if status == EnrolmentStatus.WAITLISTED:
        return _("You are already on the waiting list for this cohort. See My Leerkring.")
    if status == EnrolmentStatus.OFFERED:
        return _("A place has already been offered to you. Accept it in My Leerkring.")
    return _("You are already enrolled in this cohort. See My Leerkring.")


@dataclass(frozen=True)
class _Standing:
    """What enrol() decides on, read in one query once the cohort is locked."""

    starts_at: datetime | None  # the first session that takes place
    taken: int  # seats held (enrolled or offered)
    waiting: int
    enrolled: int
    highest_position: int | None  # over every row: positions only ever grow
    own_status: str | None  # the participant's active enrolment here, if any


def _standing_sql() -> str:
    """The one read of `_standing` as plain SQL. Building the ORM form of it (conditional
    counts over a join, two subqueries) took about 6 ms of Python per enrolment, running it
    under 1 ms; under the cohort's lock that difference is what the next in line waits for."""
    enrolments, sessions = Enrolment._meta.db_table, Session._meta.db_table
    seat = ", ".join(["%s"] * len(SEAT_STATUSES))
    active = ", ".join(["%s"] * len(ACTIVE_STATUSES))
    first_session = (
        f"FROM {sessions} s WHERE s.cohort_id = %s AND s.cancelled_at IS NULL"
        " ORDER BY s.date, s.start_time LIMIT 1"
    )
    # Only table names from the models' metadata go into the text; every value is a parameter.
    # Without GROUP BY the aggregate gives one row even for a cohort nobody has enrolled in.
    return (
        f"SELECT COUNT(CASE WHEN e.status IN ({seat}) THEN 1 END),"  # noqa: S608
        " COUNT(CASE WHEN e.status = %s THEN 1 END),"
        " COUNT(CASE WHEN e.status = %s THEN 1 END),"
        " MAX(e.waitlist_position),"
        f" MAX(CASE WHEN e.participant_id = %s AND e.status IN ({active}) THEN e.status END),"
        f" (SELECT s.date {first_session}),"
        f" (SELECT s.start_time {first_session})"
        f" FROM {enrolments} e WHERE e.cohort_id = %s"
    )


def _standing(cohort_id: int, participant) -> _Standing:
    """Counts, the participant's own enrolment and the start, in ONE query.

    It must be its own statement, after the lock: in PostgreSQL's READ COMMITTED a statement
    sees the rows committed when it began, so counts taken inside the locking SELECT of a
    request that waited for the lock would miss what the lock holder wrote (overbooking), and
    so would sessions a planning change moved under the lock.
    """
    params = [
        *SEAT_STATUSES,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.ENROLLED,
        participant.pk,
        *ACTIVE_STATUSES,
        cohort_id,
        cohort_id,
        cohort_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_standing_sql(), params)
        taken, waiting, enrolled, highest, own_status, first_date, first_time = cursor.fetchone()
    # SQLite hands dates and times over as text; the fields read either.
    first_date = Session._meta.get_field("date").to_python(first_date)
    first_time = Session._meta.get_field("start_time").to_python(first_time)
    return _Standing(
        starts_at=local_moment(first_date, first_time) if first_date is not None else None,
        taken=taken,
        waiting=waiting,
        enrolled=enrolled,
        highest_position=highest,
        own_status=own_status,
    )


def enrol(
    *,
    cohort: Cohort,
    participant,
    invitation_token: str | None = None,
    now: datetime | None = None,
    by=None,
) -> Enrolment:
    """Enrol the participant, or put them on the waiting list when the cohort is full.

    `by`: who did it, when not the participant (a trainer enrolling someone on their behalf).

    Four statements on the way (lock, one read, two inserts), the email task's row when the
    tasks live in the database, and one commit: the cohort's lock is held for no more.
    """
    now = now or timezone.now()
    # Everything that does not need the lock is done before taking it.
    on_behalf = _("Enrolled by %(name)s.") % {"name": by} if by is not None else ""
    try:
        with transaction.atomic():
            return _enrol_locked(
                cohort_id=cohort.pk,
                participant=participant,
                invitation_token=invitation_token,
                now=now,
                by=by,
                reason=on_behalf,
            )
    except IntegrityError as error:
        # Only reachable if the database constraint catches a duplicate the lock did not.
        raise EnrolmentError(
            _("You are already enrolled in this cohort. See My Leerkring.")
        ) from error


def _enrol_locked(
    *, cohort_id: int, participant, invitation_token, now: datetime, by=None, reason: str = ""
) -> Enrolment:
    cohort = lock_cohort(cohort_id, with_sessions=False)
    standing = _standing(cohort_id, participant)
    _check_enrolment_open(
        cohort, starts_at=standing.starts_at, invitation_token=invitation_token, now=now
    )
    if standing.own_status is not None:
        raise EnrolmentError(_already_enrolled_message(standing.own_status))

    between_count_and_write()
    if standing.taken < cohort.max_participants and not standing.waiting:
        enrolment = Enrolment.objects.create(
            cohort=cohort, participant=participant, status=EnrolmentStatus.ENROLLED
        )
        record_change(enrolment, from_status="", by=by or participant, reason=reason)
        notify(enrolment, NotificationKind.ENROLLED)
        _confirm_when_minimum_reached(cohort, enrolled=standing.enrolled + 1)
    else:
        enrolment = Enrolment.objects.create(
            cohort=cohort,
            participant=participant,
            status=EnrolmentStatus.WAITLISTED,
            waitlist_position=(standing.highest_position or 0) + 1,
        )
        record_change(enrolment, from_status="", by=by or participant, reason=reason)
        notify(enrolment, NotificationKind.WAITLISTED)
    return enrolment


def _confirm_when_minimum_reached(cohort: Cohort, *, enrolled: int | None = None) -> None:
    """`enrolled`: how many are enrolled now, when the caller has counted under the lock."""
    from cohorts.services.lifecycle import confirm_cohort

    if cohort.status != CohortStatus.PLANNED:
        return
    if enrolled is None:
        enrolled = cohort.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    if enrolled >= cohort.min_participants:
        confirm_cohort(cohort=cohort, by=None, reason=_("Minimum number of participants reached."))


# --- waiting list ---------------------------------------------------------------------------


def waitlist_rank(enrolment: Enrolment) -> int | None:
    """1 for the first in line. Positions are never renumbered; the rank is what people see."""
    if enrolment.status != EnrolmentStatus.WAITLISTED:
        return None
    return (
        enrolment.cohort.enrolments.filter(
            status=EnrolmentStatus.WAITLISTED, waitlist_position__lt=enrolment.waitlist_position
        ).count()
        + 1
    )


def promote_from_waitlist(*, cohort: Cohort, now: datetime | None = None) -> list[Enrolment]:
    """Offer every free seat to the next in line, with an expiry (never beyond the start).

    Call inside a transaction that already holds the cohort lock.
    """
    now = now or timezone.now()
    cohort = lock_cohort(cohort.pk)
    starts_at = cohort.starts_at
    if cohort.status not in (CohortStatus.PLANNED, CohortStatus.CONFIRMED):
        return []
    if starts_at is None or starts_at <= now:
        return []  # no promotion once the cohort has started
    free = cohort.max_participants - seats_taken(cohort)
    offered = []
    if free <= 0:
        return offered
    waiting = cohort.enrolments.filter(status=EnrolmentStatus.WAITLISTED).order_by(
        "waitlist_position"
    )[:free]
    for enrolment in waiting:
        transition(
            enrolment,
            to=EnrolmentStatus.OFFERED,
            by=None,
            reason=_("A place became free."),
            offer_expires_at=min(now + OFFER_VALIDITY, starts_at),
        )
        notify(enrolment, NotificationKind.OFFERED)
        offered.append(enrolment)
    return offered


@transaction.atomic
def accept_offer(*, enrolment: Enrolment, by, now: datetime | None = None) -> Enrolment:
    now = now or timezone.now()
    cohort = lock_cohort(enrolment.cohort_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.participant_id != by.pk:
        raise EnrolmentError(_("Only the participant can accept this place."))
    if enrolment.status != EnrolmentStatus.OFFERED:
        raise EnrolmentError(_("There is no place on offer for you in this cohort."))
    if enrolment.offer_expires_at <= now:
        raise EnrolmentError(
            _(
                "This offer expired on %(moment)s. The place has gone to the next person on the "
                "waiting list; you can enrol again if there is room."
            )
            % {"moment": _format_moment(enrolment.offer_expires_at)}
        )
    transition(enrolment, to=EnrolmentStatus.ENROLLED, by=by, offer_expires_at=None)
    notify(enrolment, NotificationKind.ENROLLED)
    _confirm_when_minimum_reached(cohort)
    return enrolment


def expire_offers(*, now: datetime | None = None) -> int:
    """Cancel offers that ran out and pass the place on. Run periodically; safe to repeat."""
    now = now or timezone.now()
    cohort_ids = set(
        Enrolment.objects.filter(
            status=EnrolmentStatus.OFFERED, offer_expires_at__lte=now
        ).values_list("cohort_id", flat=True)
    )
    expired = 0
    for cohort_id in sorted(cohort_ids):
        with transaction.atomic():
            cohort = lock_cohort(cohort_id)
            for enrolment in cohort.enrolments.filter(
                status=EnrolmentStatus.OFFERED, offer_expires_at__lte=now
            ):
                transition(
                    enrolment,
                    to=EnrolmentStatus.CANCELLED,
                    by=None,
                    reason=_("The offer expired."),
                    cancelled_by=CancelledBy.OFFER_EXPIRED,
                )
                expired += 1
            promote_from_waitlist(cohort=cohort, now=now)
    return expired


# --- cancel ---------------------------------------------------------------------------------


@transaction.atomic
def cancel_enrolment(
    *, enrolment: Enrolment, by, reason: str = "", now: datetime | None = None
) -> Enrolment:
    """Cancel by the participant (before the cutoff) or by a trainer (any time)."""
    now = now or timezone.now()
    cohort = lock_cohort(enrolment.cohort_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    by_trainer = is_trainer_of(by, cohort)
    if not by_trainer and enrolment.participant_id != by.pk:
        raise EnrolmentError(_("You can only cancel your own enrolment."))
    if enrolment.status not in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.OFFERED,
    ):
        raise EnrolmentError(_("This enrolment can no longer be cancelled."))
    cutoff = cohort.effective_cancellation_cutoff
    if (
        not by_trainer
        and enrolment.status == EnrolmentStatus.ENROLLED
        and cutoff is not None
        and now >= cutoff
    ):
        raise EnrolmentError(
            _("You could cancel until %(moment)s. Please contact your trainer if you cannot come.")
            % {"moment": _format_moment(cutoff)}
        )
    held_a_seat = enrolment.status in SEAT_STATUSES
    transition(
        enrolment,
        to=EnrolmentStatus.CANCELLED,
        by=by,
        reason=reason,
        cancelled_by=CancelledBy.TRAINER if by_trainer else CancelledBy.PARTICIPANT,
        offer_expires_at=None,
    )
    if held_a_seat:
        promote_from_waitlist(cohort=cohort, now=now)
    return enrolment


# --- intake and evaluation ------------------------------------------------------------------


@transaction.atomic
def submit_intake(*, enrolment: Enrolment, by, data: dict, now: datetime | None = None) -> Intake:
    now = now or timezone.now()
    if enrolment.participant_id != by.pk:
        raise EnrolmentError(_("You can only fill in your own intake."))
    if enrolment.status not in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.OFFERED,
        EnrolmentStatus.WAITLISTED,
    ):
        raise EnrolmentError(_("The intake is only for active enrolments."))
    starts_at = enrolment.cohort.starts_at
    if starts_at is not None and now >= starts_at:
        raise EnrolmentError(
            _("The intake closed when the first session started. Tell your trainer in person.")
        )
    fields = ("role", "experience", "hopes_to_learn", "own_situation")
    intake, _created = Intake.objects.update_or_create(
        enrolment=enrolment, defaults={name: data.get(name, "") for name in fields}
    )
    return intake


@transaction.atomic
def submit_evaluation(
    *, enrolment: Enrolment, by, data: dict, now: datetime | None = None
) -> Evaluation:
    now = now or timezone.now()
    # Locked, so two submits at the same moment cannot both pass the "already filled in" check.
    enrolment = Enrolment.objects.select_for_update().select_related("cohort").get(pk=enrolment.pk)
    if enrolment.participant_id != by.pk:
        raise EnrolmentError(_("You can only fill in your own evaluation."))
    if enrolment.status not in (EnrolmentStatus.COMPLETED, EnrolmentStatus.ENROLLED):
        raise EnrolmentError(_("The evaluation is for participants of this cohort."))
    ends_at = enrolment.cohort.ends_at
    if ends_at is None or now < ends_at:
        raise EnrolmentError(_("The evaluation opens after the last session."))
    if Evaluation.objects.filter(enrolment=enrolment).exists():
        raise EnrolmentError(_("You have already filled in the evaluation. Thank you!"))
    return Evaluation.objects.create(
        enrolment=enrolment,
        rating=data["rating"],
        keep=data.get("keep", ""),
        change=data.get("change", ""),
        would_recommend=data["would_recommend"],
    )


# --- calendar feed --------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_for(*, user, renew: bool = False) -> CalendarFeed:
    """The user's secret feed address; renewing gives a new one and the old stops working."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if renew and not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
