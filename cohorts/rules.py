"""The cohort rules that only read: where a cohort stands on go/no-go, what attendance
means for completion, who is on the register. Selectors show them, services act on them."""

from datetime import date

from django.utils import timezone

from cohorts.models import AttendanceStatus, Cohort, CohortStatus, EnrolmentStatus

# Who appears on a session's attendance register.
REGISTER_STATUSES = [EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NO_SHOW]


class GoNoGo:
    GOING_AHEAD = "going_ahead"
    ON_TRACK = "on_track"  # still before the go/no-go date
    DECISION_NEEDED = "decision_needed"  # at or past the date with fewer than the minimum
    CLOSED = "closed"


def go_no_go_state(cohort: Cohort, *, enrolled: int, today: date | None = None) -> str:
    today = today or timezone.localdate()
    if cohort.status == CohortStatus.CONFIRMED:
        return GoNoGo.GOING_AHEAD
    if cohort.status != CohortStatus.PLANNED:
        return GoNoGo.CLOSED
    decide_on = cohort.effective_go_no_go_date
    if enrolled < cohort.min_participants and decide_on and today >= decide_on:
        return GoNoGo.DECISION_NEEDED
    return GoNoGo.ON_TRACK


def attendance_outcome(
    statuses: list[str], *, session_count: int, needed: int | None = None
) -> str | None:
    """What the course's attendance rule says: completed, no-show, or None (trainer decides).

    `needed` is how many sessions complete the course (CoursePage.sessions_needed; default:
    every one). Partly present or a missing mark is for the trainer.
    """
    needed = session_count if needed is None else needed
    if session_count and statuses.count(AttendanceStatus.PRESENT) >= needed:
        return EnrolmentStatus.COMPLETED
    if session_count and statuses.count(AttendanceStatus.ABSENT) == session_count:
        return EnrolmentStatus.NO_SHOW
    return None
