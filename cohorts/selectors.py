"""Shaped reads for the cohort screens: a fixed number of queries however many rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import mean

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from cohorts.models import (
    Attendance,
    CalendarFeed,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Intake,
    Session,
)
from cohorts.rules import REGISTER_STATUSES, GoNoGo, attendance_outcome, go_no_go_state

COUNTS = {
    "enrolled_count": Count(
        "enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED), distinct=True
    ),
    "offered_count": Count(
        "enrolments", filter=Q(enrolments__status=EnrolmentStatus.OFFERED), distinct=True
    ),
    "waitlisted_count": Count(
        "enrolments", filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED), distinct=True
    ),
}


def _with_counts(queryset):
    return (
        queryset.annotate(**COUNTS)
        .select_related("course")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("date", "start_time"))
        )
    )


@dataclass
class CohortCard:
    """A cohort as the course page and the trainer's overview show it."""

    cohort: Cohort
    enrolled: int
    offered: int
    waitlisted: int
    go_no_go: str = ""

    @property
    def places_left(self) -> int:
        return max(self.cohort.max_participants - self.enrolled - self.offered, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0 or self.waitlisted > 0

    @property
    def goes_ahead(self) -> bool:
        return self.cohort.status == CohortStatus.CONFIRMED

    @property
    def sessions(self) -> list[Session]:
        return list(self.cohort.sessions.all())


def _card(cohort: Cohort, *, today=None) -> CohortCard:
    return CohortCard(
        cohort=cohort,
        enrolled=cohort.enrolled_count,
        offered=cohort.offered_count,
        waitlisted=cohort.waitlisted_count,
        go_no_go=go_no_go_state(cohort, enrolled=cohort.enrolled_count, today=today),
    )


def upcoming_cohorts(
    *, course=None, now: datetime | None = None, limit: int | None = None
) -> list[CohortCard]:
    """Open cohorts (of this course, or of every course) that have not started, soonest
    first. Never in-company."""
    now = now or timezone.now()
    cohorts = Cohort.objects.listed().filter(sessions__date__gte=timezone.localdate(now))
    if course is not None:
        cohorts = cohorts.filter(course=course)
    cards = [
        _card(c) for c in _with_counts(cohorts).distinct() if c.starts_at and c.starts_at > now
    ]
    return sorted(cards, key=lambda card: card.cohort.starts_at)[:limit]


def public_cohort(*, cohort_id: int, invitation_token: str | None = None) -> CohortCard:
    """An open cohort, or an in-company one only with its exact token; 404 otherwise."""
    import secrets

    cohort = _with_counts(Cohort.objects.filter(pk=cohort_id)).first()
    if cohort is None:
        raise Http404
    if cohort.is_in_company and not (
        invitation_token
        and cohort.invitation_token
        and secrets.compare_digest(invitation_token.encode(), cohort.invitation_token.encode())
    ):
        raise Http404
    return _card(cohort)


# --- the participant ------------------------------------------------------------------------


@dataclass
class EnrolmentRow:
    enrolment: Enrolment
    waitlist_rank: int | None
    has_intake: bool
    has_evaluation: bool
    now: datetime

    @property
    def cohort(self) -> Cohort:
        return self.enrolment.cohort

    @property
    def status(self) -> str:
        return self.enrolment.status

    @property
    def intake_due(self) -> bool:
        starts_at = self.cohort.starts_at
        return (
            not self.has_intake
            and self.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.OFFERED)
            and starts_at is not None
            and self.now < starts_at
        )

    @property
    def evaluation_due(self) -> bool:
        ends_at = self.cohort.ends_at
        return (
            not self.has_evaluation
            and self.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)
            and ends_at is not None
            and self.now >= ends_at
        )

    @property
    def can_cancel_self(self) -> bool:
        if self.status in (EnrolmentStatus.WAITLISTED, EnrolmentStatus.OFFERED):
            return True
        cutoff = self.cohort.effective_cancellation_cutoff
        return self.status == EnrolmentStatus.ENROLLED and (cutoff is None or self.now < cutoff)

    @property
    def in_calendar(self) -> bool:
        return self.status in (EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED)


def _participant_enrolments(user):
    return (
        Enrolment.objects.filter(participant=user)
        .select_related("cohort__course")
        .prefetch_related(
            Prefetch("cohort__sessions", queryset=Session.objects.order_by("date", "start_time"))
        )
    )


def _rows(enrolments: list[Enrolment], *, now: datetime) -> list[EnrolmentRow]:
    ids = [e.pk for e in enrolments]
    waiting_cohorts = {e.cohort_id for e in enrolments if e.status == EnrolmentStatus.WAITLISTED}
    queue = defaultdict(list)
    for cohort_id, position in Enrolment.objects.filter(
        cohort_id__in=waiting_cohorts, status=EnrolmentStatus.WAITLISTED
    ).values_list("cohort_id", "waitlist_position"):
        queue[cohort_id].append(position)
    intakes = set(
        Intake.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", flat=True)
    )
    evaluations = set(
        Evaluation.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", flat=True)
    )
    rows = []
    for enrolment in enrolments:
        rank = None
        if enrolment.status == EnrolmentStatus.WAITLISTED:
            rank = sum(1 for p in queue[enrolment.cohort_id] if p < enrolment.waitlist_position) + 1
        rows.append(
            EnrolmentRow(
                enrolment=enrolment,
                waitlist_rank=rank,
                has_intake=enrolment.pk in intakes,
                has_evaluation=enrolment.pk in evaluations,
                now=now,
            )
        )
    return rows


def my_enrolments(*, user, now: datetime | None = None) -> dict:
    """ "My Leerkring": current enrolments (incl. waiting list and offers) and past ones."""
    now = now or timezone.now()
    enrolments = list(
        _participant_enrolments(user).exclude(
            status=EnrolmentStatus.CANCELLED, updated_at__lt=now - timedelta(days=60)
        )
    )
    rows = _rows(enrolments, now=now)
    current, past = [], []
    for row in rows:
        ends_at = row.cohort.ends_at
        finished = row.cohort.status in (CohortStatus.COMPLETED, CohortStatus.CANCELLED) or (
            ends_at is not None and ends_at < now
        )
        (past if finished or row.status == EnrolmentStatus.CANCELLED else current).append(row)
    current.sort(key=lambda r: r.cohort.starts_at or now)
    feed = CalendarFeed.objects.filter(user=user).first()
    return {"current_enrolments": current, "past_enrolments": past, "calendar_feed": feed}


def my_enrolment(*, user, enrolment_id: int, now: datetime | None = None) -> EnrolmentRow:
    """One of the user's own enrolments; someone else's id is a 404."""
    now = now or timezone.now()
    enrolment = _participant_enrolments(user).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    return _rows([enrolment], now=now)[0]


def feed_enrolments(*, token: str) -> list[Enrolment]:
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None:
        raise Http404
    return list(_participant_enrolments(feed.user))


# --- the trainer ----------------------------------------------------------------------------


def trainer_cohort_overview(*, trainer, now: datetime | None = None) -> dict:
    """The cohorts this trainer trains: upcoming first, with numbers and go/no-go state."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cards = [_card(c, today=today) for c in _with_counts(Cohort.objects.for_trainer(trainer))]
    upcoming = [
        c for c in cards if c.cohort.is_open_for_changes and (c.cohort.ends_at or now) >= now
    ]
    to_close = [
        c
        for c in cards
        if c.cohort.status == CohortStatus.CONFIRMED and c.cohort.ends_at and c.cohort.ends_at < now
    ]
    done = [c for c in cards if c not in upcoming and c not in to_close]
    upcoming.sort(key=lambda c: c.cohort.starts_at or now)
    return {
        "upcoming": upcoming,
        "to_close": to_close,
        "done": done,
        "decisions_needed": [c for c in upcoming if c.go_no_go == GoNoGo.DECISION_NEEDED],
    }


def trainer_cohort(*, trainer, cohort_id: int) -> Cohort:
    """A cohort this trainer trains (superusers see all); 404 otherwise."""
    cohorts = Cohort.objects.all() if trainer.is_superuser else Cohort.objects.for_trainer(trainer)
    cohort = _with_counts(cohorts.filter(pk=cohort_id)).first()
    if cohort is None:
        raise Http404
    return cohort


@dataclass
class ParticipantRow:
    enrolment: Enrolment
    intake: Intake | None
    evaluation: Evaluation | None
    marks: dict[int, Attendance] = field(default_factory=dict)
    predicted: str | None = None


def trainer_cohort_detail(*, trainer, cohort_id: int, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    cohort = trainer_cohort(trainer=trainer, cohort_id=cohort_id)
    card = _card(cohort, today=timezone.localdate(now))
    sessions = list(cohort.sessions.all())
    enrolments = list(
        cohort.enrolments.exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("participant", "intake", "evaluation")
        .prefetch_related("attendance")
        .order_by("participant__last_name", "participant__first_name")
    )
    participants, waitlist, offered = [], [], []
    for enrolment in enrolments:
        if enrolment.status == EnrolmentStatus.WAITLISTED:
            waitlist.append(enrolment)
            continue
        if enrolment.status == EnrolmentStatus.OFFERED:
            offered.append(enrolment)
            continue
        marks = {mark.session_id: mark for mark in enrolment.attendance.all()}
        participants.append(
            ParticipantRow(
                enrolment=enrolment,
                intake=getattr(enrolment, "intake", None),
                evaluation=getattr(enrolment, "evaluation", None),
                marks=marks,
                predicted=attendance_outcome(
                    [m.status for m in marks.values()], session_count=len(sessions)
                ),
            )
        )
    waitlist.sort(key=lambda e: e.waitlist_position)
    for row in participants:
        row.session_marks = [row.marks.get(s.pk) for s in sessions]
    evaluations = [row.evaluation for row in participants if row.evaluation]
    return {
        "cohort": cohort,
        "card": card,
        "sessions": sessions,
        "participants": participants,
        "waitlist": waitlist,
        "offered": offered,
        "cancelled_count": cohort.enrolments.filter(status=EnrolmentStatus.CANCELLED).count(),
        "evaluation_summary": {
            "count": len(evaluations),
            "average": round(mean(e.rating for e in evaluations), 1) if evaluations else None,
            "recommend": sum(1 for e in evaluations if e.would_recommend),
            "keep": [e.keep for e in evaluations if e.keep],
            "change": [e.change for e in evaluations if e.change],
        },
        "can_close": cohort.status == CohortStatus.CONFIRMED
        and cohort.ends_at is not None
        and cohort.ends_at <= now,
        "history": list(cohort.status_changes.select_related("changed_by")),
    }


def attendance_register(*, trainer, session_id: int) -> dict:
    session = Session.objects.filter(pk=session_id).select_related("cohort").first()
    if session is None:
        raise Http404
    cohort = trainer_cohort(trainer=trainer, cohort_id=session.cohort_id)

    enrolments = list(
        cohort.enrolments.filter(status__in=REGISTER_STATUSES)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name")
    )
    marks = {mark.enrolment_id: mark for mark in Attendance.objects.filter(session=session)}
    return {
        "cohort": cohort,
        "session": session,
        "rows": [(enrolment, marks.get(enrolment.pk)) for enrolment in enrolments],
    }
