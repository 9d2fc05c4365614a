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
from django.db.models.signals import post_save, pre_save
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
    that does not need them. enrol() locks in plain SQL instead (`_lock_and_read`).
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

# Test seam: how enrol() locks the cohort row it reads. The control test empties it to show
# the race without the lock. Production code never changes it.
ROW_LOCK = " FOR UPDATE"


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


def notify_each(enrolments: list[Enrolment], kind: str) -> None:
    """`notify` for several enrolments: with the tasks in the database, all their rows in one
    INSERT (the confirmation at the minimum writes one per participant under the lock)."""
    from django_tasks_db.models import DBTaskResult

    from cohorts.tasks import send_enrolment_email

    if not enrolments or not notifications_enabled():
        return
    if not _tasks_stored_with(send_enrolment_email, enrolments[0]):
        for enrolment in enrolments:
            notify(enrolment, kind)
        return
    rows = [_task_row(send_enrolment_email, enrolment.pk, kind) for enrolment in enrolments]
    DBTaskResult.objects.bulk_create(rows)
    _tasks_enqueued(send_enrolment_email, rows)


def _task_row(task, *args):
    """The unsaved row django_tasks_db's `DatabaseBackend.enqueue` would create for
    `task.enqueue(*args)`, its pre_save receivers applied (they fill `run_after`), so that it
    can be written in one statement with others. tests/cohorts/test_enrolment_service.py
    holds it to the backend's own row, so a change there fails a test, not the worker."""
    from django_tasks_db.compat import normalize_json
    from django_tasks_db.models import DBTaskResult

    backend = task.get_backend()
    backend.validate_task(task)
    row = DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json({"args": args, "kwargs": {}}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )
    pre_save.send(
        sender=DBTaskResult, instance=row, raw=False, using=connection.alias, update_fields=None
    )
    return row


def _tasks_enqueued(task, rows) -> None:
    """What `DatabaseBackend.enqueue` does once its row is written."""
    from django_tasks_db.compat import task_enqueued

    for row in rows:
        row._state.adding = False
        row._state.db = connection.alias
        task_enqueued.send(type(task.get_backend()), task_result=row.task_result)


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


def _standing_params(cohort_id: int, participant) -> list:
    return [
        *SEAT_STATUSES,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.ENROLLED,
        participant.pk,
        *ACTIVE_STATUSES,
        cohort_id,
        cohort_id,
        cohort_id,
    ]


def _standing_from_row(row) -> _Standing:
    taken, waiting, enrolled, highest, own_status, first_date, first_time = row
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


def _standing(cohort_id: int, participant) -> _Standing:
    """Counts, the participant's own enrolment and the start, in ONE query.

    It must be its own statement, after the lock: in PostgreSQL's READ COMMITTED a statement
    sees the rows committed when it began, so counts taken inside the locking SELECT of a
    request that waited for the lock would miss what the lock holder wrote (overbooking), and
    so would sessions a planning change moved under the lock.
    """
    with connection.cursor() as cursor:
        cursor.execute(_standing_sql(), _standing_params(cohort_id, participant))
        return _standing_from_row(cursor.fetchone())


def _cohort_sql() -> str:
    """The cohort row, every column, in plain SQL: the ORM's `select_for_update().get()`
    costs about 0.8 ms of Python to build and read back; this and `Model.from_db` a tenth."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in Cohort._meta.concrete_fields)
    pk = quote(Cohort._meta.pk.column)
    return f"SELECT {columns} FROM {quote(Cohort._meta.db_table)} WHERE {pk} = %s"  # noqa: S608


def _cohort_from_row(row) -> Cohort:
    fields = Cohort._meta.concrete_fields
    values = []
    for field, value in zip(fields, row, strict=True):
        # What the ORM does on reading (SQLite: datetimes come as text); none on PostgreSQL.
        converters = connection.ops.get_db_converters(field.get_col(Cohort._meta.db_table))
        for converter in converters + field.get_db_converters(connection):
            value = converter(value, field, connection)
        values.append(value)
    return Cohort.from_db(connection.alias, [field.attname for field in fields], values)


def _lock_and_read(cohort_id: int, participant) -> tuple[Cohort, _Standing]:
    """Lock the cohort row, then read `_standing`: two statements, one round trip.

    On PostgreSQL both go in one query string. Each statement of it still takes its own
    snapshot (READ COMMITTED: PostgreSQL snapshots per statement, not per message), so the
    read, which starts once the lock is granted, sees everything the previous holder
    committed; tests/cohorts/test_concurrency.py fails if it did not. SQLite has no row locks
    (its IMMEDIATE transaction already holds the database) and runs one statement per call.
    """
    lock = ROW_LOCK if connection.features.has_select_for_update else ""
    cohort_sql, cohort_params = _cohort_sql() + lock, [cohort_id]
    standing_sql, standing_params = _standing_sql(), _standing_params(cohort_id, participant)
    with connection.cursor() as cursor:
        if _several_statements_per_call():
            cursor.execute(f"{cohort_sql}; {standing_sql}", [*cohort_params, *standing_params])
            cohort_row = cursor.fetchone()
            cursor.nextset()
        else:
            cursor.execute(cohort_sql, cohort_params)
            cohort_row = cursor.fetchone()
            cursor.execute(standing_sql, standing_params)
        standing_row = cursor.fetchone()
    if cohort_row is None:
        raise Cohort.DoesNotExist(f"No cohort {cohort_id}.")
    return _cohort_from_row(cohort_row), _standing_from_row(standing_row)


def _several_statements_per_call() -> bool:
    """psycopg's client-side binding (Django's default) sends a query string as it is, so
    it may hold several statements; server-side binding (an option) may not."""
    return connection.vendor == "postgresql" and not connection.settings_dict.get(
        "OPTIONS", {}
    ).get("server_side_binding")


def _insert_enrolment(
    *,
    cohort: Cohort,
    participant,
    status: str,
    waitlist_position: int | None,
    by,
    reason: str,
    email: str,
) -> Enrolment:
    """The enrolment row, its first history row and the `email` (`notify`) for it.

    On PostgreSQL in ONE statement (a data-modifying WITH), the email task's row included
    when the tasks live in this database (production): one round trip under the cohort's
    lock instead of three, and none of the ORM's insert machinery (about 1 ms of Python a
    row). The models' signals are sent as the ORM and the task backend would (the page cache
    listens for enrolments). Elsewhere (SQLite) the ORM writes them one by one."""
    from cohorts.tasks import send_enrolment_email

    changed_by = by if by is not None and by.is_authenticated else None
    if connection.vendor != "postgresql":
        enrolment = Enrolment.objects.create(
            cohort=cohort,
            participant=participant,
            status=status,
            waitlist_position=waitlist_position,
        )
        record_change(enrolment, from_status="", by=by, reason=reason)
        notify(enrolment, email)
        return enrolment

    enrolment = Enrolment(
        cohort=cohort, participant=participant, status=status, waitlist_position=waitlist_position
    )
    change = EnrolmentStatusChange(
        enrolment=enrolment, from_status="", to_status=status, changed_by=changed_by, reason=reason
    )
    for instance in (enrolment, change):
        pre_save.send(
            sender=type(instance),
            instance=instance,
            raw=False,
            using=connection.alias,
            update_fields=None,
        )
    task = None
    if notifications_enabled() and _tasks_stored_with(send_enrolment_email, enrolment):
        # The enrolment's id is not known yet: the statement puts it in place of the 0.
        task = _task_row(send_enrolment_email, 0, email)
    with connection.cursor() as cursor:
        cursor.execute(*_insert_enrolment_sql(enrolment, change, task))
        enrolment.pk, change.pk = cursor.fetchone()
    change.enrolment_id = enrolment.pk
    for instance in (enrolment, change):
        instance._state.adding = False
        instance._state.db = connection.alias
        post_save.send(
            sender=type(instance),
            instance=instance,
            created=True,
            update_fields=None,
            raw=False,
            using=connection.alias,
        )
    if task is not None:
        task.args_kwargs["args"][0] = enrolment.pk
        _tasks_enqueued(send_enrolment_email, [task])
    else:
        notify(enrolment, email)  # after the commit, or not at all (notifications off)
    return enrolment


def _insert_enrolment_sql(
    enrolment: Enrolment, change: EnrolmentStatusChange, task=None
) -> tuple[str, list]:
    """Every concrete column of the rows but the generated keys, the values as the fields
    prepare them; only table and column names from the models' metadata go into the text."""
    quote = connection.ops.quote_name

    def columns_and_values(instance, skip=()):
        # A key the database generates (the enrolment's, the history row's) is left out.
        fields = [
            f
            for f in type(instance)._meta.concrete_fields
            if f.name not in skip and not (f.primary_key and instance.pk is None)
        ]
        columns = [quote(f.column) for f in fields]
        # pre_save: what the ORM's insert does (auto_now_add and auto_now fill the times).
        values = [f.get_db_prep_save(f.pre_save(instance, True), connection) for f in fields]
        return fields, columns, values

    _fields, e_columns, e_values = columns_and_values(enrolment)
    _fields, h_columns, h_values = columns_and_values(change, skip={"enrolment"})
    link = quote(EnrolmentStatusChange._meta.get_field("enrolment").column)
    e_table, h_table = quote(Enrolment._meta.db_table), quote(EnrolmentStatusChange._meta.db_table)
    e_pk, h_pk = quote(Enrolment._meta.pk.column), quote(EnrolmentStatusChange._meta.pk.column)

    def holes(values):
        return ", ".join(["%s"] * len(values))

    sql = (
        f"WITH e AS (INSERT INTO {e_table} ({', '.join(e_columns)})"  # noqa: S608
        f" VALUES ({holes(e_values)}) RETURNING {e_pk}),"
        f" h AS (INSERT INTO {h_table} ({link}, {', '.join(h_columns)})"
        f" SELECT {e_pk}, {holes(h_values)} FROM e RETURNING {h_pk})"
    )
    params = [*e_values, *h_values]
    if task is not None:
        t_fields, t_columns, t_values = columns_and_values(task)
        t_holes = [
            # The arguments' first place takes the enrolment's id.
            f"jsonb_set(%s::jsonb, '{{args,0}}', to_jsonb(e.{e_pk}))"
            if field.name == "args_kwargs"
            else "%s"
            for field in t_fields
        ]
        sql += (
            f", t AS (INSERT INTO {quote(task._meta.db_table)} ({', '.join(t_columns)})"  # noqa: S608
            f" SELECT {', '.join(t_holes)} FROM e)"
        )
        params += t_values
    sql += f" SELECT e.{e_pk}, h.{h_pk} FROM e, h"  # noqa: S608
    return sql, params


def enrol(
    *,
    cohort: Cohort,
    participant,
    invitation_token: str | None = None,
    now: datetime | None = None,
    by=None,
) -> Enrolment:
    """Enrol the participant, or put them on the waiting list when the cohort is full.

    `by`: who did it, when not the participant (a trainer enrolling someone on their behalf:
    `cohorts.services.group.enrol_on_behalf`, which uses `enrol_within` in its own
    transaction).

    Its own transaction, always the outermost one (`durable`): it holds the cohort's lock, so
    it must not be held longer by a caller's. On PostgreSQL two round trips under the lock
    (the locking read with the counts; one statement for the enrolment, its history row and
    the email task's row) and the commit; see docs/performance.md.
    """
    try:
        with transaction.atomic(durable=True):
            return enrol_within(
                cohort=cohort,
                participant=participant,
                invitation_token=invitation_token,
                now=now,
                by=by,
            )
    except IntegrityError as error:
        # Only reachable if the database constraint catches a duplicate the lock did not.
        raise EnrolmentError(already_enrolled_message()) from error


def already_enrolled_message() -> str:
    return _("You are already enrolled in this cohort. See My Leerkring.")


def enrol_within(
    *,
    cohort: Cohort,
    participant,
    invitation_token: str | None = None,
    now: datetime | None = None,
    by=None,
) -> Enrolment:
    """`enrol()` inside a transaction the caller holds (and keeps short): the same rules and
    statements. A refusal raises EnrolmentError; the caller's transaction rolls back."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("enrol_within() needs a transaction.")
    now = now or timezone.now()
    # Everything that does not need the lock is done before taking it.
    reason = _("Enrolled by %(name)s.") % {"name": by} if by is not None else ""
    cohort, standing = _lock_and_read(cohort.pk, participant)
    _check_enrolment_open(
        cohort, starts_at=standing.starts_at, invitation_token=invitation_token, now=now
    )
    if standing.own_status is not None:
        raise EnrolmentError(_already_enrolled_message(standing.own_status))

    between_count_and_write()
    if standing.taken < cohort.max_participants and not standing.waiting:
        enrolment = _insert_enrolment(
            cohort=cohort,
            participant=participant,
            status=EnrolmentStatus.ENROLLED,
            waitlist_position=None,
            by=by or participant,
            reason=reason,
            email=NotificationKind.ENROLLED,
        )
        _confirm_when_minimum_reached(cohort, enrolled=standing.enrolled + 1)
    else:
        enrolment = _insert_enrolment(
            cohort=cohort,
            participant=participant,
            status=EnrolmentStatus.WAITLISTED,
            waitlist_position=(standing.highest_position or 0) + 1,
            by=by or participant,
            reason=reason,
            email=NotificationKind.WAITLISTED,
        )
    return enrolment


def _confirm_when_minimum_reached(cohort: Cohort, *, enrolled: int | None = None) -> None:
    """`cohort`: locked by the caller's transaction. `enrolled`: how many are enrolled now,
    when the caller has counted under the lock."""
    from cohorts.services.lifecycle import confirm_locked_cohort

    if cohort.status != CohortStatus.PLANNED:
        return
    if enrolled is None:
        enrolled = cohort.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()
    if enrolled >= cohort.min_participants:
        confirm_locked_cohort(
            cohort=cohort, by=None, reason=_("Minimum number of participants reached.")
        )


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
