"""Reads for the planning area: the calendar (a fixed number of queries however many
sessions it shows), one cohort's plan, and a trainer's calendar feed."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from accounts.roles import TRAINER
from cohorts.models import (
    SEAT_STATUSES,
    CalendarFeed,
    Cohort,
    CohortKind,
    CohortStatus,
    EnrolmentStatus,
    Session,
)
from cohorts.models.planning import CohortLogEntry
from cohorts.rules import go_no_go_state
from cohorts.services.planning import is_planner
from courses.models import CourseFormat, CoursePage


def course_choices():
    return CoursePage.objects.live().exclude(format=CourseFormat.E_LEARNING).order_by("title")


def trainer_choices():
    return (
        get_user_model()
        .objects.filter(groups__name=TRAINER, is_active=True)
        .order_by("last_name", "first_name", "email")
        .distinct()
    )


@dataclass
class Entry:
    """One session in the calendar, with what a planner needs at a glance."""

    session: Session
    seats_taken: int
    go_no_go: str

    @property
    def cohort(self) -> Cohort:
        return self.session.cohort

    @property
    def trainers(self) -> list:
        return list(self.session.cohort.trainers.all())


@dataclass
class Day:
    date: date
    in_range: bool
    is_today: bool
    entries: list


def _range(view: str, anchor: date) -> tuple[date, date, date, date]:
    """(first day shown, last day shown, previous anchor, next anchor)."""
    if view == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6), start - timedelta(days=7), start + timedelta(7)
    first = anchor.replace(day=1)
    last = first.replace(day=monthrange(first.year, first.month)[1])
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return start, end, previous, following


def planning_calendar(
    *,
    user,
    view: str,
    anchor: date,
    trainer_id=None,
    course_id=None,
    location: str = "",
    kind: str = "",
    today: date | None = None,
) -> dict:
    today = today or timezone.localdate()
    start, end, previous, following = _range(view, anchor)
    sessions = Session.objects.filter(date__range=(start, end)).exclude(
        cohort__status=CohortStatus.CANCELLED
    )
    planner = is_planner(user)
    if not planner:
        sessions = sessions.filter(cohort__trainers=user)
    elif trainer_id and str(trainer_id).isdigit():
        sessions = sessions.filter(cohort__trainers=trainer_id)
    if course_id and str(course_id).isdigit():
        sessions = sessions.filter(cohort__course_id=course_id)
    if location:
        sessions = sessions.filter(
            Q(location__icontains=location) | Q(location="", cohort__location__icontains=location)
        )
    if kind in CohortKind.values:
        sessions = sessions.filter(cohort__kind=kind)
    sessions = (
        sessions.select_related("cohort__course")
        .prefetch_related(
            Prefetch("cohort__trainers", queryset=trainer_choices().order_by("first_name"))
        )
        .annotate(
            taken=Count(
                "cohort__enrolments",
                filter=Q(cohort__enrolments__status__in=SEAT_STATUSES),
                distinct=True,
            ),
            enrolled=Count(
                "cohort__enrolments",
                filter=Q(cohort__enrolments__status=EnrolmentStatus.ENROLLED),
                distinct=True,
            ),
        )
        .order_by("date", "start_time", "pk")
        .distinct()
    )
    by_day: dict[date, list[Entry]] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(
            Entry(
                session=session,
                seats_taken=session.taken,
                go_no_go=go_no_go_state(session.cohort, enrolled=session.enrolled, today=today),
            )
        )
    days = []
    day = start
    while day <= end:
        in_range = view == "week" or day.month == anchor.month
        days.append(Day(day, in_range, day == today, by_day.get(day, [])))
        day += timedelta(days=1)
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    return {
        "view": view,
        "anchor": anchor,
        "start": start,
        "end": end,
        "previous": previous,
        "following": following,
        "today": today,
        "weeks": weeks,
        "days_with_entries": [d for d in days if d.entries and d.in_range],
        "entry_count": sum(len(d.entries) for d in days),
        "filters": {
            "trainer": str(trainer_id or ""),
            "course": str(course_id or ""),
            "location": location,
            "kind": kind if kind in CohortKind.values else "",
        },
        "courses": list(course_choices().only("pk", "title")),
        "trainers": list(trainer_choices()) if planner else [],
        "kinds": CohortKind.choices,
    }


def _status_label(value: str) -> str:
    return CohortStatus(value).label if value in CohortStatus.values else "—"


def planning_cohort(*, user, cohort_id: int) -> dict:
    """A cohort whose plan this user may change (a planner: any); 404 otherwise."""
    cohorts = Cohort.objects.all() if is_planner(user) else Cohort.objects.for_trainer(user)
    cohort = (
        cohorts.filter(pk=cohort_id)
        .select_related("course")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("date", "start_time")),
            "trainers",
        )
        .annotate(
            taken=Count(
                "enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES), distinct=True
            ),
            enrolled_count=Count(
                "enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED), distinct=True
            ),
            waitlisted_count=Count(
                "enrolments",
                filter=Q(enrolments__status=EnrolmentStatus.WAITLISTED),
                distinct=True,
            ),
        )
        .first()
    )
    if cohort is None:
        raise Http404
    return {
        "cohort": cohort,
        "sessions": list(cohort.sessions.all()),
        "trainers": list(cohort.trainers.all()),
        "go_no_go": go_no_go_state(cohort, enrolled=cohort.enrolled_count),
        "log": list(
            CohortLogEntry.objects.filter(cohort=cohort)
            .select_related("by")
            .order_by("-at", "-pk")[:50]
        ),
        "history": [
            {
                "at": change.changed_at,
                "from": _status_label(change.from_status),
                "to": _status_label(change.to_status),
                "reason": change.reason,
                "by": change.changed_by,
            }
            for change in cohort.status_changes.select_related("changed_by")
        ],
        "now": timezone.now(),
    }


def trainer_feed_sessions(*, token: str) -> list[Session]:
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None:
        raise Http404
    return list(
        Session.objects.filter(cohort__trainers=feed.user)
        .select_related("cohort__course")
        .order_by("date", "start_time")
    )
