"""Who may see and do what in a room. Object-level: a room's trainer (or a trainer of its
cohort), its seated members, and the cohort's participants as onlookers."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
    load_backend,
)
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils.crypto import constant_time_compare

from accounts.mfa import SETUP_PENDING_SESSION_KEY, needs_setup
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


def _access_sql() -> str:
    """`rooms_with_access` for one room as plain SQL (the same three tests): building the
    ORM query with its three EXISTS costs more than running it, and a poll every 2 s by
    hundreds of members, or news to eight sockets at once, asks it all the time."""
    teaches = Cohort.trainers.through._meta
    statuses = ", ".join(["%s"] * len(_COHORT_STATUSES))
    # Only table names from the models' metadata go into the text; every value is a parameter.
    return (
        f"SELECT r.*, (r.trainer_id = %s OR EXISTS (SELECT 1 FROM {teaches.db_table} t"  # noqa: S608
        f" WHERE t.cohort_id = r.cohort_id AND t.user_id = %s)) AS is_trainer,"
        f" EXISTS (SELECT 1 FROM {Seat._meta.db_table} s"
        f" WHERE s.room_id = r.id AND s.member_id = %s) AS is_seated,"
        f" EXISTS (SELECT 1 FROM {Enrolment._meta.db_table} e WHERE e.cohort_id = r.cohort_id"
        f" AND e.participant_id = %s AND e.status IN ({statuses})) AS in_cohort"
        f" FROM {Room._meta.db_table} r WHERE r.id = %s"
    )


def room_with_access(room_id: int, user) -> Room | None:
    """One room with the user's access annotated as `rooms_with_access` does, in one cheap
    query (no cohort or trainer joined: for the live panel, its polls and the socket)."""
    params = [user.pk, user.pk, user.pk, user.pk, *_COHORT_STATUSES, room_id]
    room = next(iter(Room.objects.raw(_access_sql(), params)), None)
    if room is not None:
        room.is_trainer, room.is_seated = bool(room.is_trainer), bool(room.is_seated)
        room.in_cohort = bool(room.in_cohort)
    return room


def access_of(room: Room) -> str | None:
    """The access of a room from `rooms_with_access`."""
    if room.is_trainer:
        return TRAINER
    if room.is_seated:
        return MEMBER
    if room.in_cohort:
        return ONLOOKER
    return None


def signed_in(user, session) -> bool:
    """Whether a socket's session is fully signed in as `user`: past the password *and* the
    second factor. The HTTP side has middleware for this (accounts.middleware); a WebSocket
    bypasses it, so the room asks itself. A login waiting for its second factor (allauth.mfa)
    has no user yet; one that still has to set up the second factor its role requires is
    kept on the set-up pages, so it may not enter a room either."""
    if user is None or not user.is_authenticated or session is None:
        return False
    return not (session.get(SETUP_PENDING_SESSION_KEY) and needs_setup(user))


def session_user(store):
    """The session's user as Django's `get_user` finds it, read only (None: not signed in).
    A session whose hash matches only under an old key (SECRET_KEY_FALLBACKS) counts as not
    signed in here: Django's `get_user` would renew it, and a poll or a socket has no cookie
    to send the new key with, so the member would be signed out; their next page load (or the
    poll that falls through to Django) renews it properly."""
    user_id = store.get(SESSION_KEY)
    backend_path = store.get(BACKEND_SESSION_KEY)
    if user_id is None or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    user = load_backend(backend_path).get_user(get_user_model()._meta.pk.to_python(user_id))
    session_hash = store.get(HASH_SESSION_KEY)
    if user is None or not session_hash:
        return None
    if not constant_time_compare(session_hash, user.get_session_auth_hash()):
        return None
    return user


def still_signed_in(user, session_key: str | None) -> bool:
    """The same, on the session as stored now (logged out, or the password changed, in
    another tab since the socket opened: its actions are refused)."""
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    current = session_user(store)
    return current is not None and current.pk == user.pk and signed_in(current, store)
