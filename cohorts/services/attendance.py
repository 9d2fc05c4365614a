"""The attendance register: the trainer marks who was there, per session."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import Attendance, AttendanceStatus, CohortStatus, Session
from cohorts.rules import REGISTER_STATUSES
from cohorts.services.enrolment import is_trainer_of, lock_cohort


class AttendanceError(Exception):
    """A refused register change; the message can be shown to the trainer."""


@dataclass(frozen=True)
class Mark:
    status: str
    note: str = ""


# Who is on the register: those holding a place, and (after closing) the settled ones.


@transaction.atomic
def record_attendance(
    *, session: Session, by, marks: dict[int, Mark], now: datetime | None = None
) -> list[Attendance]:
    """Store the marks by enrolment id. Ids not on this cohort's register are refused."""
    now = now or timezone.now()
    cohort = session.cohort
    if not is_trainer_of(by, cohort):
        raise AttendanceError(_("Only a trainer of this cohort can keep its register."))
    if cohort.status not in (CohortStatus.CONFIRMED, CohortStatus.COMPLETED):
        raise AttendanceError(
            _("The register opens once the cohort goes ahead. Confirm the cohort first.")
        )
    if timezone.localdate(now) < session.date:
        raise AttendanceError(
            _("This session has not taken place yet. Keep the register on the day itself.")
        )
    if any(mark.status not in AttendanceStatus.values for mark in marks.values()):
        raise AttendanceError(_("Choose present, partly present or absent for each participant."))
    on_register = set(
        cohort.enrolments.filter(status__in=REGISTER_STATUSES, pk__in=marks).values_list(
            "pk", flat=True
        )
    )
    if set(marks) - on_register:
        raise AttendanceError(
            _("Someone in this list is not a participant of this cohort. Reload the page.")
        )
    saved = []
    for enrolment_id, mark in marks.items():
        attendance, _created = Attendance.objects.update_or_create(
            enrolment_id=enrolment_id,
            session=session,
            defaults={"status": mark.status, "note": mark.note.strip(), "recorded_by": by},
        )
        saved.append(attendance)
    return saved


@transaction.atomic
def mark_everyone_present(*, session: Session, by, now: datetime | None = None) -> int:
    """ "Everyone present": every participant on the register without a mark yet becomes
    present; marks already given (the exceptions) stay. Returns how many were marked."""
    lock_cohort(session.cohort_id)
    session = Session.objects.select_related("cohort").get(pk=session.pk)
    on_register = session.cohort.enrolments.filter(status__in=REGISTER_STATUSES)
    unmarked = on_register.exclude(attendance__session=session).values_list("pk", flat=True)
    marks = {pk: Mark(AttendanceStatus.PRESENT) for pk in unmarked}
    if not marks:
        return 0
    return len(record_attendance(session=session, by=by, marks=marks, now=now))
