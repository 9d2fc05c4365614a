"""Who may see and do what in a room. Object-level: a room's trainer (or a trainer of its
cohort), its seated members, and the cohort's participants as onlookers."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from cohorts.models import SEAT_STATUSES, Cohort, Enrolment, EnrolmentStatus
from exercises.rooms.models import Room, Seat

TRAINER = "trainer"
MEMBER = "member"
ONLOOKER = "onlooker"

# Participants of a cohort who may look on in its rooms.
_COHORT_STATUSES = [*SEAT_STATUSES, EnrolmentStatus.COMPLETED]


def rooms_with_access(user) -> QuerySet[Room]:
    """Rooms annotated with the user's access, in one query (`is_trainer`, `is_seated`,
    `in_cohort`); rooms the user may not enter have all three false."""
    seated = Seat.objects.filter(room=OuterRef("pk"), member=user)
    enrolled = Enrolment.objects.filter(
        cohort=OuterRef("cohort"), participant=user, status__in=_COHORT_STATUSES
    )
    teaches = Cohort.trainers.through.objects.filter(cohort=OuterRef("cohort"), user=user)
    return Room.objects.annotate(
        is_seated=Exists(seated),
        in_cohort=Exists(enrolled),
        is_trainer=ExpressionWrapper(
            Q(trainer=user) | Q(Exists(teaches)), output_field=BooleanField()
        ),
    )


def access_of(room: Room) -> str | None:
    """The access of a room from `rooms_with_access`."""
    if room.is_trainer:
        return TRAINER
    if room.is_seated:
        return MEMBER
    if room.in_cohort:
        return ONLOOKER
    return None
