"""Scheduling a cohort, the go/no-go decision, cancelling and closing it."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cohorts.models import (
    SEAT_STATUSES,
    CancelledBy,
    Cohort,
    CohortKind,
    CohortStatus,
    CohortStatusChange,
    Enrolment,
    EnrolmentStatus,
    NotificationKind,
    Session,
    local_timezone,
    new_invitation_token,
)
from cohorts.rules import attendance_outcome
from cohorts.services.enrolment import (
    is_trainer_of,
    lock_cohort,
    notify,
    notify_each,
    transition,
)
from courses.models import CourseFormat, CoursePage


class CohortError(Exception):
    """A refused cohort change; `field` names the form field it belongs to, if any."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class SessionPlan:
    date: date
    start_time: time
    end_time: time
    location: str = ""
    online_url: str = ""

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time, tzinfo=local_timezone())


# --- validation shared by the service, the trainer's form and the /beheer/ form -------------


def validate_group_size(*, course: CoursePage, min_participants: int, max_participants: int):
    if min_participants < 1:
        raise CohortError(
            _("A cohort needs at least 1 participant; enter 1 or more."), field="min_participants"
        )
    if min_participants > max_participants:
        raise CohortError(
            _(
                "The minimum (%(min)s) is above the maximum (%(max)s). Lower the minimum or "
                "raise the maximum."
            )
            % {"min": min_participants, "max": max_participants},
            field="min_participants",
        )
    if max_participants > course.max_participants:
        raise CohortError(
            _(
                "This course allows at most %(max)s participants per group. Lower the maximum to "
                "%(max)s or less."
            )
            % {"max": course.max_participants},
            field="max_participants",
        )


def validate_capacity(*, cohort: Cohort, max_participants: int) -> None:
    """A maximum below the seats already taken would overbook the cohort (call it under the
    cohort lock to be sure of the count)."""
    if cohort.pk is None:
        return
    taken = cohort.enrolments.filter(status__in=SEAT_STATUSES).count()
    if max_participants < taken:
        raise CohortError(
            _(
                "%(taken)s places are taken; the maximum cannot go below that. Take someone "
                "off the list first."
            )
            % {"taken": taken},
            field="max_participants",
        )


def validate_sessions(sessions: list, *, now: datetime, allow_past: bool = False) -> None:
    """Sessions are SessionPlan or Session objects (anything with date/start_time/end_time)."""
    if not sessions:
        raise CohortError(_("Add at least one session (date, start and end time)."))
    for session in sessions:
        if session.end_time <= session.start_time:
            raise CohortError(
                _("A session on %(date)s ends before it starts. Set the end after the start.")
                % {"date": date_format(session.date, "SHORT_DATE_FORMAT")}
            )
        starts_at = datetime.combine(session.date, session.start_time, tzinfo=local_timezone())
        if not allow_past and starts_at <= now:
            raise CohortError(
                _("The session on %(date)s is in the past. Choose a date in the future.")
                % {"date": date_format(session.date, "SHORT_DATE_FORMAT")}
            )
    ordered = sorted(sessions, key=lambda s: (s.date, s.start_time))
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.date == later.date and later.start_time < earlier.end_time:
            raise CohortError(
                _("Two sessions on %(date)s overlap. Let one end before the next starts.")
                % {"date": date_format(earlier.date, "SHORT_DATE_FORMAT")}
            )


def validate_dates(
    *,
    first_start: datetime,
    go_no_go_date: date | None,
    enrolment_opens_at: datetime | None,
    enrolment_closes_at: datetime | None,
    cancellation_cutoff: datetime | None,
) -> None:
    if go_no_go_date and go_no_go_date > first_start.date():
        raise CohortError(
            _("The go/no-go date must be on or before the first session."), field="go_no_go_date"
        )
    if enrolment_opens_at and enrolment_closes_at and enrolment_opens_at >= enrolment_closes_at:
        raise CohortError(
            _("Enrolment must open before it closes. Change one of the two moments."),
            field="enrolment_closes_at",
        )
    if enrolment_closes_at and enrolment_closes_at > first_start:
        raise CohortError(
            _("Enrolment must close no later than the start of the first session."),
            field="enrolment_closes_at",
        )
    if cancellation_cutoff and cancellation_cutoff > first_start:
        raise CohortError(
            _("The cancellation deadline must be before the first session starts."),
            field="cancellation_cutoff",
        )


def fill_defaults(cohort: Cohort) -> None:
    """Store the dates that default from the first session, and an in-company token."""
    if cohort.go_no_go_date is None:
        cohort.go_no_go_date = cohort.default_go_no_go_date()
    if cohort.cancellation_cutoff is None:
        cohort.cancellation_cutoff = cohort.default_cancellation_cutoff()
    if cohort.kind == CohortKind.IN_COMPANY and not cohort.invitation_token:
        cohort.invitation_token = new_invitation_token()


def _log(cohort: Cohort, *, from_status: str, by, reason: str = "") -> None:
    CohortStatusChange.objects.create(
        cohort=cohort,
        from_status=from_status,
        to_status=cohort.status,
        changed_by=by if by is not None and by.is_authenticated else None,
        reason=reason,
    )


def _require_trainer(cohort: Cohort, by) -> None:
    if not is_trainer_of(by, cohort):
        raise CohortError(_("Only a trainer of this cohort can do this."))


# --- scheduling -----------------------------------------------------------------------------


@transaction.atomic
def schedule_cohort(
    *,
    course: CoursePage,
    title: str,
    sessions: list[SessionPlan],
    by=None,
    kind: str = CohortKind.OPEN,
    trainers=(),
    min_participants: int | None = None,
    max_participants: int | None = None,
    location: str = "",
    municipality: str = "",
    go_no_go_date: date | None = None,
    enrolment_opens_at: datetime | None = None,
    enrolment_closes_at: datetime | None = None,
    cancellation_cutoff: datetime | None = None,
    now: datetime | None = None,
) -> Cohort:
    """Plan a new cohort with its sessions. Group size defaults from the course."""
    now = now or timezone.now()
    if course.format == CourseFormat.E_LEARNING:
        raise CohortError(_("E-learning has no cohorts; participants start whenever they like."))
    min_participants = course.min_participants if min_participants is None else min_participants
    max_participants = course.max_participants if max_participants is None else max_participants
    validate_group_size(
        course=course, min_participants=min_participants, max_participants=max_participants
    )
    validate_sessions(sessions, now=now)
    first_start = min(plan.starts_at for plan in sessions)
    validate_dates(
        first_start=first_start,
        go_no_go_date=go_no_go_date,
        enrolment_opens_at=enrolment_opens_at,
        enrolment_closes_at=enrolment_closes_at,
        cancellation_cutoff=cancellation_cutoff,
    )
    cohort = Cohort.objects.create(
        course=course,
        title=title,
        kind=kind,
        min_participants=min_participants,
        max_participants=max_participants,
        location=location,
        municipality=municipality,
        go_no_go_date=go_no_go_date,
        enrolment_opens_at=enrolment_opens_at,
        enrolment_closes_at=enrolment_closes_at,
        cancellation_cutoff=cancellation_cutoff,
        invitation_token=new_invitation_token() if kind == CohortKind.IN_COMPANY else None,
    )
    Session.objects.bulk_create(
        Session(
            cohort=cohort,
            date=plan.date,
            start_time=plan.start_time,
            end_time=plan.end_time,
            location=plan.location,
            online_url=plan.online_url,
        )
        for plan in sessions
    )
    if trainers:
        cohort.trainers.set(trainers)
    cohort = Cohort.objects.prefetch_related("sessions").get(pk=cohort.pk)
    fill_defaults(cohort)
    cohort.save()
    _log(cohort, from_status="", by=by)
    return cohort


# --- go / no-go -----------------------------------------------------------------------------


@transaction.atomic
def confirm_cohort(*, cohort: Cohort, by, reason: str = "") -> Cohort:
    """The cohort goes ahead. A trainer going ahead below the minimum must say why.

    `by=None` is the automatic confirmation when the minimum is reached.
    """
    return confirm_locked_cohort(cohort=lock_cohort(cohort.pk), by=by, reason=reason)


def confirm_locked_cohort(*, cohort: Cohort, by, reason: str = "") -> Cohort:
    """`confirm_cohort` for a caller whose transaction holds the cohort's lock and read the
    row under it (enrol() reaching the minimum): the row is not locked and read again."""
    if by is not None:
        _require_trainer(cohort, by)
    if cohort.status != CohortStatus.PLANNED:
        raise CohortError(_("Only a planned cohort can be confirmed."))
    enrolled = list(cohort.enrolments.filter(status=EnrolmentStatus.ENROLLED))
    reason = reason.strip()
    if len(enrolled) < cohort.min_participants and not reason:
        raise CohortError(
            _("Fewer than %(min)s participants are enrolled. Give a reason for going ahead anyway.")
            % {"min": cohort.min_participants},
            field="reason",
        )
    from_status = cohort.status
    cohort.status = CohortStatus.CONFIRMED
    if len(enrolled) < cohort.min_participants:
        cohort.status_reason = reason
    cohort.save(update_fields=["status", "status_reason", "updated_at"])
    _log(cohort, from_status=from_status, by=by, reason=reason)
    notify_each(enrolled, NotificationKind.CONFIRMED)
    return cohort


def cancellation_recipients(cohort: Cohort) -> list[Enrolment]:
    """Who is told when this cohort is cancelled: everyone enrolled, offered or waiting."""
    return list(
        cohort.enrolments.filter(
            status__in=[
                EnrolmentStatus.ENROLLED,
                EnrolmentStatus.OFFERED,
                EnrolmentStatus.WAITLISTED,
            ]
        )
        .select_related("participant")
        .order_by("status", "waitlist_position", "created_at")
    )


@transaction.atomic
def cancel_cohort(*, cohort: Cohort, by, reason: str) -> Cohort:
    """Cancel the cohort and every active enrolment; each person gets one email."""
    cohort = lock_cohort(cohort.pk)
    _require_trainer(cohort, by)
    if not cohort.is_open_for_changes:
        raise CohortError(_("This cohort is already closed or cancelled."))
    reason = reason.strip()
    if not reason:
        raise CohortError(
            _("Give a reason; the participants will read it in their email."), field="reason"
        )
    for enrolment in cancellation_recipients(cohort):
        transition(
            enrolment,
            to=EnrolmentStatus.CANCELLED,
            by=by,
            reason=reason,
            cancelled_by=CancelledBy.COHORT,
            offer_expires_at=None,
        )
        notify(enrolment, NotificationKind.COHORT_CANCELLED)
    from_status = cohort.status
    cohort.status = CohortStatus.CANCELLED
    cohort.status_reason = reason
    cohort.save(update_fields=["status", "status_reason", "updated_at"])
    _log(cohort, from_status=from_status, by=by, reason=reason)
    return cohort


# --- completion -----------------------------------------------------------------------------


@transaction.atomic
def close_cohort(*, cohort: Cohort, by, now: datetime | None = None) -> Cohort:
    """After the last session: enrolments become completed or no-show by their attendance;
    the unclear ones stay enrolled for the trainer to decide."""
    now = now or timezone.now()
    cohort = lock_cohort(cohort.pk)
    _require_trainer(cohort, by)
    if cohort.status == CohortStatus.PLANNED:
        raise CohortError(
            _("Decide first whether this cohort goes ahead, then close it after the last session.")
        )
    if cohort.status != CohortStatus.CONFIRMED:
        raise CohortError(_("This cohort is already closed or cancelled."))
    ends_at = cohort.ends_at
    if ends_at is None or now < ends_at:
        raise CohortError(_("You can close the cohort after its last session has ended."))
    held = {session.pk for session in cohort.ordered_sessions}  # cancelled ones do not count
    session_count = len(held)
    enrolments = cohort.enrolments.filter(
        status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED, EnrolmentStatus.WAITLISTED]
    ).prefetch_related("attendance")
    for enrolment in enrolments:
        if enrolment.status != EnrolmentStatus.ENROLLED:
            transition(
                enrolment,
                to=EnrolmentStatus.CANCELLED,
                by=by,
                reason=_("The cohort has ended."),
                cancelled_by=CancelledBy.COHORT,
                offer_expires_at=None,
            )
            continue
        outcome = attendance_outcome(
            [mark.status for mark in enrolment.attendance.all() if mark.session_id in held],
            session_count=session_count,
            needed=cohort.course.sessions_needed(session_count),
        )
        if outcome is not None:
            transition(enrolment, to=outcome, by=by, reason=_("By the attendance register."))
        if outcome != EnrolmentStatus.NO_SHOW:
            notify(enrolment, NotificationKind.EVALUATION)
    from_status = cohort.status
    cohort.status = CohortStatus.COMPLETED
    cohort.save(update_fields=["status", "updated_at"])
    _log(cohort, from_status=from_status, by=by)
    return cohort


@transaction.atomic
def decide_completion(*, enrolment: Enrolment, by, outcome: str, reason: str = "") -> Enrolment:
    """The trainer settles an enrolment the attendance rule left open."""
    cohort = lock_cohort(enrolment.cohort_id)
    _require_trainer(cohort, by)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if cohort.status != CohortStatus.COMPLETED:
        raise CohortError(_("Close the cohort first."))
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise CohortError(_("This participant's result has already been decided."))
    if outcome not in (EnrolmentStatus.COMPLETED, EnrolmentStatus.NO_SHOW):
        raise CohortError(_("Choose completed or did not attend."))
    return transition(enrolment, to=outcome, by=by, reason=reason)
