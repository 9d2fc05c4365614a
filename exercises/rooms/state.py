"""The room's process state, replayed from its log.

Log entries are append-only and numbered, so the state at (room, sequence) never changes:
each process keeps the last few in memory, and a news message fanned out to eight members
replays the log once per process instead of eight times.
"""

from collections import OrderedDict
from threading import Lock

from exercises.rooms import engine
from exercises.rooms.models import Room, RoomEvent, Seat

_CACHE_SIZE = 256
_cache: OrderedDict[tuple[int, int], engine.State | None] = OrderedDict()
_lock = Lock()


def load_state(room_id: int, sequence: int) -> engine.State | None:
    """The process after the log entry `sequence` (None before the meeting has started)."""
    key = (room_id, sequence)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    events = list(
        RoomEvent.objects.filter(room_id=room_id, engine=True, sequence__lte=sequence)
        .order_by("sequence")
        .values_list("data", flat=True)
    )
    state = engine.replay_log(events)
    with _lock:
        _cache[key] = state
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return state


def names_of(room: Room, seats: list[Seat] | None = None) -> dict[str, str]:
    """Engine ids to the names members know each other by."""
    if seats is None:
        seats = list(room.seats.select_related("member"))
    names = {engine.FACILITATOR: _facilitator_label()}
    for seat in seats:
        names[seat.engine_id] = display_name(seat.member)
    return names


def display_name(user) -> str:
    full = f"{user.first_name} {user.last_name}".strip()
    return full or user.email.split("@")[0]


def _facilitator_label() -> str:
    from django.utils.translation import gettext

    return gettext("the facilitator")


def forget_states() -> None:
    """Empty this process's cache (tests: a rolled-back database reuses room ids)."""
    with _lock:
        _cache.clear()
