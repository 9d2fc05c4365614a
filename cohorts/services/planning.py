"""Planning on the site: create, change and copy a cohort, add, move or cancel a session.

Trainers plan their own cohorts; planners (editors and administrators) plan every cohort
and choose its trainers. Every change runs under the cohort lock, checks conflicts
(cohorts.services.conflicts) and writes one entry in the cohort's log. Participants are
told of what changes after they enrolled: one email each, with the updated calendar.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.roles import TRAINER, has_role, is_planner
from cohorts.models import (
    Cohort,
    CohortKind,
    EnrolmentStatus,
    Session,
    new_invitation_token,
)
from cohorts.models.planning import CohortLogEntry, LogKind
from cohorts.services.conflicts import (
    Conflict,
    PlannedSession,
    find_conflicts,
    lock_for_planning,
)
from cohorts.services.enrolment import (
    is_trainer_of,
    lock_cohort,
    promote_from_waitlist,
    seats_taken,
)
from cohorts.services.lifecycle import (
    CohortError,
    SessionPlan,
    fill_defaults,
    schedule_cohort,
    validate_dates,
    validate_group_size,
    validate_sessions,
)
from courses.models import CoursePage
from leerkring.notifications import notifications_enabled


class ConflictError(CohortError):
    """The plan clashes with another session; a planner may accept it with a reason."""

    def __init__(self, conflicts: list[Conflict], *, can_override: bool):
        if can_override:
            message = _(
                "This plan clashes with another session. Change it, or give a reason to plan "
                "it anyway."
            )
        else:
            message = _(
                "This plan clashes with another session. Choose another time or room, or ask "
                "a planner."
            )
        super().__init__(message, field="override_reason" if can_override else None)
        self.conflicts = conflicts
        self.can_override = can_override


# --- who may plan (planners: accounts.roles.is_planner) ----------------------------------------


def can_use_planning(user) -> bool:
    return is_planner(user) or has_role(user, TRAINER)


def can_plan(user, cohort: Cohort) -> bool:
    return is_planner(user) or is_trainer_of(user, cohort)


def _require_planning(user, cohort: Cohort) -> None:
    if not can_plan(user, cohort):
        raise CohortError(_("Only a trainer of this cohort or a planner can change its plan."))


def _require_open(cohort: Cohort) -> None:
    if not cohort.is_open_for_changes:
        raise CohortError(_("This cohort is closed or cancelled; its plan can no longer change."))


def _log(cohort: Cohort, kind: str, *, by, text: str, reason: str = "", session=None):
    return CohortLogEntry.objects.create(
        cohort=cohort,
        kind=kind,
        by=by if by is not None and by.is_authenticated else None,
        text=text,
        reason=reason,
        session=session,
    )


def _check_conflicts(
    *, by, planned: list[PlannedSession], trainers, cohort: Cohort | None, override_reason: str
) -> list[Conflict]:
    """Refuse a clash unless a planner accepts it with a reason; return what was accepted."""
    lock_for_planning(trainers=trainers, places=[session.place for session in planned])
    conflicts = find_conflicts(
        planned=planned, trainers=trainers, cohort_id=cohort.pk if cohort else None
    )
    if not conflicts:
        return []
    if is_planner(by) and override_reason.strip():
        return conflicts
    raise ConflictError(conflicts, can_override=is_planner(by))


def _log_overrides(cohort: Cohort, conflicts: list[Conflict], *, by, reason: str) -> None:
    if conflicts:
        _log(
            cohort,
            LogKind.CONFLICT_OVERRIDDEN,
            by=by,
            text=" ".join(conflict.message for conflict in conflicts),
            reason=reason.strip(),
        )


def session_when(session) -> str:
    """How a session's time reads in the plan's history and in emails."""
    return _("%(date)s %(start)s–%(end)s") % {
        "date": date_format(session.date, "SHORT_DATE_FORMAT"),
        "start": session.start_time.strftime("%H:%M"),
        "end": session.end_time.strftime("%H:%M"),
    }


def announce(entry: CohortLogEntry) -> int:
    """Email every enrolled participant about this entry, once the transaction commits."""
    from cohorts.tasks import send_announcement

    if not notifications_enabled():
        return 0
    ids = list(
        entry.cohort.enrolments.filter(status=EnrolmentStatus.ENROLLED).values_list("pk", flat=True)
    )
    for enrolment_id in ids:
        transaction.on_commit(
            lambda enrolment_id=enrolment_id: send_announcement.enqueue(entry.pk, enrolment_id)
        )
    return len(ids)


# --- create, change, copy --------------------------------------------------------------------


@dataclass
class CohortDetails:
    """What the planning form sets on a cohort (sessions apart)."""

    title: str
    kind: str = CohortKind.OPEN
    location: str = ""
    municipality: str = ""
    min_participants: int | None = None
    max_participants: int | None = None
    trainers: list = field(default_factory=list)
    go_no_go_date: date | None = None
    enrolment_opens_at: datetime | None = None
    enrolment_closes_at: datetime | None = None
    cancellation_cutoff: datetime | None = None


def _trainers_for(by, details: CohortDetails, *, current=None) -> list:
    """A planner chooses; a trainer plans for themself (and keeps any co-trainers)."""
    if is_planner(by):
        if not details.trainers:
            raise CohortError(_("Choose at least one trainer."), field="trainers")
        return list(details.trainers)
    keep = list(current or [])
    return keep if any(t.pk == by.pk for t in keep) else [*keep, by]


def _planned(plans: list[SessionPlan], *, location: str) -> list[PlannedSession]:
    return [
        PlannedSession(p.date, p.start_time, p.end_time, place=p.location or location)
        for p in plans
    ]


@transaction.atomic
def create_cohort(
    *,
    by,
    course: CoursePage,
    details: CohortDetails,
    sessions: list[SessionPlan],
    override_reason: str = "",
    now: datetime | None = None,
) -> Cohort:
    if not can_use_planning(by):
        raise CohortError(_("Only trainers and planners can plan cohorts."))
    trainers = _trainers_for(by, details)
    # The rules of schedule_cohort first, so a field error is not hidden behind a conflict.
    validate_sessions(sessions, now=now or timezone.now())
    accepted = _check_conflicts(
        by=by,
        planned=_planned(sessions, location=details.location),
        trainers=trainers,
        cohort=None,
        override_reason=override_reason,
    )
    cohort = schedule_cohort(
        course=course,
        title=details.title,
        sessions=sessions,
        by=by,
        kind=details.kind,
        trainers=trainers,
        min_participants=details.min_participants,
        max_participants=details.max_participants,
        location=details.location,
        municipality=details.municipality,
        go_no_go_date=details.go_no_go_date,
        enrolment_opens_at=details.enrolment_opens_at,
        enrolment_closes_at=details.enrolment_closes_at,
        cancellation_cutoff=details.cancellation_cutoff,
        now=now,
    )
    _log(
        cohort,
        LogKind.CREATED,
        by=by,
        text=ngettext(
            "Planned with %(count)s session.", "Planned with %(count)s sessions.", len(sessions)
        )
        % {"count": len(sessions)},
    )
    _log_overrides(cohort, accepted, by=by, reason=override_reason)
    return cohort


def _changes(cohort: Cohort, details: CohortDetails, trainers: list) -> list[str]:
    labels = {
        "title": _("label"),
        "kind": _("kind"),
        "location": _("location"),
        "municipality": _("municipality"),
        "min_participants": _("minimum participants"),
        "max_participants": _("maximum participants"),
        "go_no_go_date": _("go/no-go date"),
        "enrolment_opens_at": _("enrolment opens"),
        "enrolment_closes_at": _("enrolment closes"),
        "cancellation_cutoff": _("cancellation deadline"),
    }
    changed = [
        str(label)
        for name, label in labels.items()
        if getattr(details, name) is not None and getattr(details, name) != getattr(cohort, name)
    ]
    if {t.pk for t in trainers} != {t.pk for t in cohort.trainers.all()}:
        changed.append(str(_("trainers")))
    return changed


@transaction.atomic
def update_cohort(
    *,
    cohort: Cohort,
    by,
    details: CohortDetails,
    override_reason: str = "",
    now: datetime | None = None,
) -> Cohort:
    """Change a planned or confirmed cohort. A new place is announced to the participants."""
    cohort = lock_cohort(cohort.pk)
    _require_planning(by, cohort)
    _require_open(cohort)
    trainers = _trainers_for(by, details, current=list(cohort.trainers.all()))
    min_participants = details.min_participants or cohort.min_participants
    max_participants = details.max_participants or cohort.max_participants
    validate_group_size(
        course=cohort.course, min_participants=min_participants, max_participants=max_participants
    )
    taken = seats_taken(cohort)
    if max_participants < taken:
        raise CohortError(
            _(
                "%(taken)s places are taken; the maximum cannot go below that. Take someone "
                "off the list first."
            )
            % {"taken": taken},
            field="max_participants",
        )
    has_people = cohort.enrolments.exclude(status=EnrolmentStatus.CANCELLED).exists()
    if details.kind != cohort.kind and has_people:
        raise CohortError(
            _("People have already enrolled; the kind of cohort can no longer change."),
            field="kind",
        )
    active = cohort.ordered_sessions
    if active:
        validate_dates(
            first_start=active[0].starts_at,
            go_no_go_date=details.go_no_go_date,
            enrolment_opens_at=details.enrolment_opens_at,
            enrolment_closes_at=details.enrolment_closes_at,
            cancellation_cutoff=details.cancellation_cutoff,
        )
    planned = [
        PlannedSession(
            s.date, s.start_time, s.end_time, place=s.location or details.location, pk=s.pk
        )
        for s in active
        if s.starts_at > (now or timezone.now())
    ]
    accepted = _check_conflicts(
        by=by, planned=planned, trainers=trainers, cohort=cohort, override_reason=override_reason
    )
    changed = _changes(cohort, details, trainers)
    place_changed = details.location != cohort.location
    capacity_up = max_participants > cohort.max_participants
    cohort.title = details.title
    cohort.kind = details.kind
    cohort.location = details.location
    cohort.municipality = details.municipality
    cohort.min_participants = min_participants
    cohort.max_participants = max_participants
    cohort.go_no_go_date = details.go_no_go_date
    cohort.enrolment_opens_at = details.enrolment_opens_at
    cohort.enrolment_closes_at = details.enrolment_closes_at
    cohort.cancellation_cutoff = details.cancellation_cutoff
    if cohort.kind == CohortKind.IN_COMPANY and not cohort.invitation_token:
        cohort.invitation_token = new_invitation_token()
    fill_defaults(cohort)
    cohort.save()
    cohort.trainers.set(trainers)
    if place_changed:
        # Sessions that take the cohort's place change too: calendars must update them.
        for session in active:
            if not session.location:
                session.sequence += 1
                session.save(update_fields=["sequence"])
    if changed:
        entry = _log(
            cohort,
            LogKind.EDITED,
            by=by,
            text=_("Changed: %(what)s.") % {"what": ", ".join(changed)},
        )
        if place_changed:
            announce(entry)
    _log_overrides(cohort, accepted, by=by, reason=override_reason)
    if capacity_up:
        promote_from_waitlist(cohort=cohort, now=now)
    return cohort


@transaction.atomic
def duplicate_cohort(
    *,
    cohort: Cohort,
    by,
    first_date: date,
    title: str = "",
    override_reason: str = "",
    now: datetime | None = None,
) -> Cohort:
    """A new planned cohort like this one, every session shifted to start on `first_date`."""
    source = Cohort.objects.prefetch_related("sessions", "trainers").get(pk=cohort.pk)
    _require_planning(by, source)
    sessions = source.ordered_sessions
    if not sessions:
        raise CohortError(_("This cohort has no sessions to copy."))
    shift = first_date - sessions[0].date
    plans = [
        SessionPlan(
            date=s.date + shift,
            start_time=s.start_time,
            end_time=s.end_time,
            location=s.location,
            online_url=s.online_url,
        )
        for s in sessions
    ]
    try:
        validate_sessions(plans, now=now or timezone.now())
    except CohortError as error:
        raise CohortError(error.message, field="first_date") from error

    def shifted(value):
        return value + shift if value is not None else None

    details = CohortDetails(
        title=title.strip() or source.title,
        kind=source.kind,
        location=source.location,
        municipality=source.municipality,
        min_participants=source.min_participants,
        max_participants=source.max_participants,
        trainers=list(source.trainers.all()),
        go_no_go_date=shifted(source.go_no_go_date),
        cancellation_cutoff=shifted(source.cancellation_cutoff),
    )
    copy = create_cohort(
        by=by,
        course=source.course,
        details=details,
        sessions=plans,
        override_reason=override_reason,
        now=now,
    )
    _log(
        copy,
        LogKind.DUPLICATED,
        by=by,
        text=_("Copied from %(cohort)s, %(days)s days later.")
        % {"cohort": str(source), "days": shift.days},
    )
    return copy


# --- sessions --------------------------------------------------------------------------------


def _session_rules(cohort: Cohort, session_plans: list, *, changed, now: datetime) -> None:
    validate_sessions(session_plans, now=now, allow_past=True)
    validate_sessions([changed], now=now)


@transaction.atomic
def add_session(
    *, cohort: Cohort, by, plan: SessionPlan, override_reason: str = "", now=None
) -> Session:
    now = now or timezone.now()
    cohort = lock_cohort(cohort.pk)
    _require_planning(by, cohort)
    _require_open(cohort)
    _session_rules(cohort, [*cohort.ordered_sessions, plan], changed=plan, now=now)
    accepted = _check_conflicts(
        by=by,
        planned=_planned([plan], location=cohort.location),
        trainers=list(cohort.trainers.all()),
        cohort=cohort,
        override_reason=override_reason,
    )
    session = Session.objects.create(
        cohort=cohort,
        date=plan.date,
        start_time=plan.start_time,
        end_time=plan.end_time,
        location=plan.location,
        online_url=plan.online_url,
    )
    entry = _log(
        cohort,
        LogKind.SESSION_ADDED,
        by=by,
        text=_("Added: %(when)s.") % {"when": session_when(session)},
        session=session,
    )
    _log_overrides(cohort, accepted, by=by, reason=override_reason)
    announce(entry)
    return session


@transaction.atomic
def move_session(
    *,
    session: Session,
    by,
    date: date,
    start_time: time,
    end_time: time,
    location: str | None = None,
    online_url: str | None = None,
    override_reason: str = "",
    now: datetime | None = None,
) -> Session:
    """Move a session: same UID, SEQUENCE + 1, one email to each enrolled participant."""
    now = now or timezone.now()
    cohort = lock_cohort(session.cohort_id)
    _require_planning(by, cohort)
    _require_open(cohort)
    session = Session.objects.select_related("cohort").get(pk=session.pk)
    if session.is_cancelled:
        raise CohortError(_("This session has been cancelled; add a new one instead."))
    before = session_when(session)
    old = (session.date, session.start_time, session.end_time, session.location, session.online_url)
    session.date, session.start_time, session.end_time = date, start_time, end_time
    if location is not None:
        session.location = location.strip()
    if online_url is not None:
        session.online_url = online_url.strip()
    if old == (
        session.date,
        session.start_time,
        session.end_time,
        session.location,
        session.online_url,
    ):
        raise CohortError(_("Nothing changed. Choose a new date, time or place."), field="date")
    others = [s for s in cohort.ordered_sessions if s.pk != session.pk]
    try:
        _session_rules(cohort, [*others, session], changed=session, now=now)
    except CohortError as error:
        raise CohortError(error.message, field=error.field or "date") from error
    accepted = _check_conflicts(
        by=by,
        planned=[
            PlannedSession(
                session.date,
                session.start_time,
                session.end_time,
                place=session.location or cohort.location,
                pk=session.pk,
            )
        ],
        trainers=list(cohort.trainers.all()),
        cohort=cohort,
        override_reason=override_reason,
    )
    session.sequence += 1
    session.save()
    entry = _log(
        cohort,
        LogKind.SESSION_MOVED,
        by=by,
        text=_("Moved from %(before)s to %(after)s.")
        % {"before": before, "after": session_when(session)},
        session=session,
    )
    _log_overrides(cohort, accepted, by=by, reason=override_reason)
    announce(entry)
    return session


def record_admin_session_changes(
    cohort: Cohort, *, by, moved: list[tuple[Session, str]], added: list[Session]
) -> None:
    """Log and announce what /beheer/ changed in a cohort's sessions, as the planning screens
    do: one history entry and one email per moved or added session."""
    for session, before in moved:
        entry = _log(
            cohort,
            LogKind.SESSION_MOVED,
            by=by,
            text=_("Moved from %(before)s to %(after)s.")
            % {"before": before, "after": session_when(session)},
            session=session,
        )
        announce(entry)
    for session in added:
        entry = _log(
            cohort,
            LogKind.SESSION_ADDED,
            by=by,
            text=_("Added: %(when)s.") % {"when": session_when(session)},
            session=session,
        )
        announce(entry)


@transaction.atomic
def cancel_session(*, session: Session, by, reason: str, now: datetime | None = None) -> Session:
    """Cancel one session (not the whole cohort): calendars get METHOD:CANCEL."""
    now = now or timezone.now()
    cohort = lock_cohort(session.cohort_id)
    _require_planning(by, cohort)
    _require_open(cohort)
    session = Session.objects.get(pk=session.pk)
    if session.is_cancelled:
        raise CohortError(_("This session has already been cancelled."))
    if session.ends_at <= now:
        raise CohortError(_("This session has already taken place."))
    if not [s for s in cohort.ordered_sessions if s.pk != session.pk]:
        raise CohortError(
            _("This is the only session left. Cancel the whole cohort instead."), field="reason"
        )
    reason = reason.strip()
    if not reason:
        raise CohortError(
            _("Give a reason; the participants will read it in their email."), field="reason"
        )
    session.cancelled_at = now
    session.sequence += 1
    session.save(update_fields=["cancelled_at", "sequence"])
    entry = _log(
        cohort,
        LogKind.SESSION_CANCELLED,
        by=by,
        text=_("Cancelled: %(when)s.") % {"when": session_when(session)},
        reason=reason,
        session=session,
    )
    announce(entry)
    return session
