"""Planning conflicts: a trainer in two places at once, or a room holding two groups.

A trainer needs a travel buffer (setting `LEERKRING_TRAVEL_BUFFER_MINUTES`) between two
sessions in different places; back-to-back in the same place is fine. A room is the
session's place (its own location, or the cohort's); online sessions without a place never
clash on a room. Cancelled sessions and cancelled or completed cohorts never conflict.
Times are compared as real moments (UTC), so a day with a clock change is no exception.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cohorts.models import CohortStatus, Session, local_timezone

DEFAULT_TRAVEL_BUFFER_MINUTES = 30


def travel_buffer() -> timedelta:
    minutes = getattr(settings, "LEERKRING_TRAVEL_BUFFER_MINUTES", DEFAULT_TRAVEL_BUFFER_MINUTES)
    return timedelta(minutes=minutes)


def normalise_place(place: str) -> str:
    return " ".join(place.casefold().split())


def lock_for_planning(*, trainers: Iterable, places: Iterable[str]) -> None:
    """Serialise plans that could clash, until the transaction ends.

    Without it, two planners booking the same trainer or room at the same moment would both
    find no conflict and both save. The trainers' rows are locked; a room has no row, so on
    PostgreSQL its name takes an advisory lock. SQLite serialises every write transaction
    already. Locks are taken in a fixed order, so two plans never wait for each other."""
    pks = sorted({trainer.pk for trainer in trainers})
    if pks:
        list(get_user_model().objects.select_for_update().filter(pk__in=pks).order_by("pk"))
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for place in sorted({normalise_place(p) for p in places if p.strip()}):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ["room:" + place])


@dataclass(frozen=True)
class PlannedSession:
    """A session as it would be: new (pk None) or an existing one at its new time."""

    date: date
    start_time: time
    end_time: time
    place: str = ""
    pk: int | None = None

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time, tzinfo=local_timezone()).astimezone(UTC)

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.date, self.end_time, tzinfo=local_timezone()).astimezone(UTC)


@dataclass(frozen=True)
class Conflict:
    kind: str  # "trainer" or "room"
    planned: PlannedSession
    other: Session
    trainer: object | None = None

    @property
    def message(self) -> str:
        other = self.other
        when = _("%(date)s %(start)s–%(end)s") % {
            "date": date_format(other.date, "SHORT_DATE_FORMAT"),
            "start": other.start_time.strftime("%H:%M"),
            "end": other.end_time.strftime("%H:%M"),
        }
        cohort = f"{other.cohort.course.title} — {other.cohort.title}"
        if self.kind == "trainer":
            return _(
                "%(trainer)s already teaches %(cohort)s on %(when)s (including %(minutes)s "
                "minutes of travel time)."
            ) % {
                "trainer": self.trainer.get_full_name() or self.trainer.email,
                "cohort": cohort,
                "when": when,
                "minutes": int(travel_buffer().total_seconds() // 60),
            }
        return _("The room %(place)s is already in use by %(cohort)s on %(when)s.") % {
            "place": other.location or other.cohort.location,
            "cohort": cohort,
            "when": when,
        }


def _overlap(a_start, a_end, b_start, b_end, *, gap: timedelta) -> bool:
    return a_start < b_end + gap and b_start < a_end + gap


def find_conflicts(
    *,
    planned: Iterable[PlannedSession],
    trainers: Iterable,
    cohort_id: int | None = None,
) -> list[Conflict]:
    """Conflicts of these sessions with every other live session (two queries).

    Sessions of the same cohort are left out: their mutual overlap is a validation error of
    their own (`validate_sessions`).
    """
    planned = list(planned)
    if not planned:
        return []
    trainer_ids = {trainer.pk: trainer for trainer in trainers}
    days = {p.date for p in planned}
    # A day either side: a session late in the evening plus the buffer may reach past midnight.
    window = [day + timedelta(days=offset) for day in days for offset in (-1, 0, 1)]
    candidates = (
        Session.objects.filter(
            date__in=window,
            cancelled_at__isnull=True,
            cohort__status__in=[CohortStatus.PLANNED, CohortStatus.CONFIRMED],
        )
        .select_related("cohort__course")
        .prefetch_related("cohort__trainers")
        .order_by("date", "start_time", "pk")
    )
    if cohort_id is not None:
        candidates = candidates.exclude(cohort_id=cohort_id)
    excluded = {p.pk for p in planned if p.pk}
    buffer = travel_buffer()
    conflicts = []
    for other in candidates:
        if other.pk in excluded:
            continue
        other_start = other.starts_at.astimezone(UTC)
        other_end = other.ends_at.astimezone(UTC)
        other_place = normalise_place(other.place)
        other_trainers = [t for t in other.cohort.trainers.all() if t.pk in trainer_ids]
        for plan in planned:
            same_place = bool(other_place) and other_place == normalise_place(plan.place)
            if other_trainers:
                gap = timedelta(0) if same_place else buffer
                if _overlap(plan.starts_at, plan.ends_at, other_start, other_end, gap=gap):
                    conflicts.extend(
                        Conflict(kind="trainer", planned=plan, other=other, trainer=trainer)
                        for trainer in other_trainers
                    )
            if same_place and _overlap(
                plan.starts_at, plan.ends_at, other_start, other_end, gap=timedelta(0)
            ):
                conflicts.append(Conflict(kind="room", planned=plan, other=other))
    return conflicts
