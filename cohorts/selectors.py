"""Shaped reads for the cohort screens: a fixed number of queries however many rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from statistics import mean

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from cohorts.models import (
    GO_NO_GO_DAYS_BEFORE_START,
    Attendance,
    CalendarFeed,
    Cohort,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Intake,
    Session,
    local_moment,
)
from cohorts.rules import REGISTER_STATUSES, attendance_outcome, go_no_go_state


def _count_of(*statuses: str):
    # A correlated subquery per count: no join that multiplies rows, and the database only
    # evaluates it for the rows a page shows (after ORDER BY ... LIMIT).
    return Coalesce(
        Subquery(
            Enrolment.objects.filter(cohort=OuterRef("pk"), status__in=statuses)
            .order_by()
            .values("cohort")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def _counts():
    return {
        # The people on the register: after closing, completed and absent count as
        # places taken too, so the dashboard says 6/8 where the cohort page says 6 of 8.
        "enrolled_count": _count_of(*REGISTER_STATUSES),
        "offered_count": _count_of(EnrolmentStatus.OFFERED),
        "waitlisted_count": _count_of(EnrolmentStatus.WAITLISTED),
    }


def _with_counts(queryset):
    return (
        queryset.annotate(**_counts())
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
        return self.cohort.ordered_sessions


def cohort_card(cohort: Cohort, *, today=None) -> CohortCard:
    return CohortCard(
        cohort=cohort,
        enrolled=cohort.enrolled_count,
        offered=cohort.offered_count,
        waitlisted=cohort.waitlisted_count,
        go_no_go=go_no_go_state(cohort, enrolled=cohort.enrolled_count, today=today),
    )


def upcoming_cohort_queryset(*, course=None, now: datetime | None = None):
    """Open cohorts (of this course, or of every course) whose first session is still
    ahead, soonest first, with their counts. Never in-company."""
    cohorts = Cohort.objects.listed()
    if course is not None:
        cohorts = cohorts.filter(course=course)
    # The stored first start (Cohort.first_start): an indexed column, no subquery per row.
    cohorts = cohorts.filter(first_start__gt=now or timezone.now()).order_by("first_start", "pk")
    return _with_counts(cohorts)


def upcoming_cohorts(
    *, course=None, now: datetime | None = None, limit: int | None = None
) -> list[CohortCard]:
    """The next `limit` upcoming cohorts as cards (selected and sliced in SQL)."""
    cohorts = upcoming_cohort_queryset(course=course, now=now)
    if limit is not None:
        cohorts = cohorts[:limit]
    return [cohort_card(c) for c in cohorts]


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
    return cohort_card(cohort)


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
        .annotate(
            has_intake=Exists(Intake.objects.filter(enrolment=OuterRef("pk"))),
            has_evaluation=Exists(Evaluation.objects.filter(enrolment=OuterRef("pk"))),
        )
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
    # Annotated by _participant_enrolments(); asked for only when a caller did not.
    annotated = all(hasattr(e, "has_intake") for e in enrolments)
    intakes = (
        {e.pk for e in enrolments if e.has_intake}
        if annotated
        else set(Intake.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", flat=True))
    )
    evaluations = (
        {e.pk for e in enrolments if e.has_evaluation}
        if annotated
        else set(
            Evaluation.objects.filter(enrolment_id__in=ids).values_list("enrolment_id", flat=True)
        )
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


TRAINER_PAGE_SIZE = 20
_COHORT_FIELDS = tuple(field.name for field in Cohort._meta.concrete_fields)


def trainer_cohort_overview(*, trainer, request=None, now: datetime | None = None) -> dict:
    """The cohorts this trainer trains, in three paged lists: upcoming (soonest first), to
    close (the last session is over), and the archive (completed and cancelled, newest
    first). Each list reads one page of rows; the number of queries is fixed."""
    from leerkring.paging import window

    now = now or timezone.now()
    today = timezone.localdate(now)
    # Filtered and sorted on the stored first start and last end (Cohort.first_start,
    # last_end): columns of the row, not a subquery on the sessions per cohort.
    cohorts = Cohort.objects.for_trainer(trainer)
    is_open = Q(status__in=[CohortStatus.PLANNED, CohortStatus.CONFIRMED])
    ended = Q(last_end__lt=now)
    not_ended = Q(last_end__isnull=True) | Q(last_end__gte=now)
    closed = Q(status__in=[CohortStatus.COMPLETED, CohortStatus.CANCELLED])

    def page(queryset, param, *order, **annotations):
        # The page's ids first (a sort of narrow rows), then those rows with their counts and
        # course title, in one query: the counts and joins are computed for one page, not for
        # every cohort the trainer ever had, and no course body is read or parsed per row.
        # The sessions of all three pages come in one prefetch below.
        def load(ids):
            return (
                Cohort.objects.filter(pk__in=ids)
                .annotate(**_counts(), **annotations)
                .select_related("course")
                .only(*_COHORT_FIELDS, "course__title")
                .order_by(*order)
            )

        return window(
            queryset.order_by(*order).values("pk"),
            request=request,
            per_page=TRAINER_PAGE_SIZE,
            param=param,
            load=load,
        )

    # Go/no-go decisions due: planned, at or past the (stored or default) date, too few.
    # They are all among the upcoming cohorts, so their number rides along with that query.
    decisions = (
        cohorts.filter(is_open & not_ended, status=CohortStatus.PLANNED)
        .filter(
            Q(go_no_go_date__lte=today)
            | Q(
                # The default date (10 days before the first session) is today or earlier.
                go_no_go_date__isnull=True,
                first_start__lt=local_moment(
                    today + timedelta(days=GO_NO_GO_DAYS_BEFORE_START + 1), time.min
                ),
            )
        )
        .annotate(enrolled_count=_count_of(EnrolmentStatus.ENROLLED))
        .filter(enrolled_count__lt=F("min_participants"))
        .order_by()
        .annotate(together=Value(1))
        .values("together")
        .annotate(n=Count("pk"))
        .values("n")
    )
    upcoming = page(
        cohorts.filter(is_open & not_ended),
        "pagina",
        "first_start",
        "pk",
        decisions_total=Coalesce(Subquery(decisions), 0),
    )
    to_close = page(
        cohorts.filter(ended, status=CohortStatus.CONFIRMED), "te_sluiten", "last_end", "pk"
    )
    done = page(
        cohorts.filter(closed | (Q(status=CohortStatus.PLANNED) & ended)),
        "archief",
        F("last_end").desc(nulls_last=True),
        "-pk",
    )
    everything = [*upcoming.items, *to_close.items, *done.items]
    prefetch_related_objects(
        everything, Prefetch("sessions", queryset=Session.objects.order_by("date", "start_time"))
    )
    for pager in (upcoming, to_close, done):
        pager.items = [cohort_card(cohort, today=today) for cohort in pager.items]
    return {
        "upcoming": upcoming,
        "to_close": to_close,
        "done": done,
        "decisions_needed": upcoming.items[0].cohort.decisions_total if upcoming else 0,
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
    card = cohort_card(cohort, today=timezone.localdate(now))
    sessions = cohort.ordered_sessions  # a cancelled session has no register
    held = {session.pk for session in sessions}
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
                    [m.status for m in marks.values() if m.session_id in held],
                    session_count=len(sessions),
                    needed=cohort.course.sessions_needed(len(sessions)),
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


def other_enrolments_in_course(*, user, cohort) -> list[Enrolment]:
    """The user's live enrolments (enrolled, waiting, offered) in other cohorts of the same
    course, so enrolling twice for one course is never an accident (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        Enrolment.objects.filter(
            participant=user,
            cohort__course_id=cohort.course_id,
            status__in=[
                EnrolmentStatus.ENROLLED,
                EnrolmentStatus.WAITLISTED,
                EnrolmentStatus.OFFERED,
            ],
        )
        .exclude(cohort=cohort)
        .select_related("cohort")
        .order_by("pk")
    )


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
