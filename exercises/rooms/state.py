"""The room's process state, replayed from its log.

Log entries are append-only and numbered, so the state at (room, sequence) never changes:
each process keeps the last few in memory, and a news message fanned out to eight members
replays the log once per process instead of eight times. A state not yet kept is built
from the latest kept state of the same room and the entries after it (one action's news:
one entry), not from the whole log again, so a long meeting costs no more per action than
a short one.
"""

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

from exercises.rooms import engine
from exercises.rooms.models import Room, RoomEvent, Seat

_CACHE_SIZE = 256
_cache: OrderedDict[tuple[int, int], engine.State | None] = OrderedDict()
_lock = Lock()


def load_state(room_id: int, sequence: int) -> engine.State | None:
    """The process after the log entry `sequence` (None before the meeting has started)."""
    with _lock:
        if (room_id, sequence) in _cache:
            _cache.move_to_end((room_id, sequence))
            return _cache[(room_id, sequence)]
        since, base = _latest_kept(room_id, sequence)
    events = list(
        RoomEvent.objects.filter(
            room_id=room_id, engine=True, sequence__gt=since, sequence__lte=sequence
        )
        .order_by("sequence")
        .values_list("data", flat=True)
    )
    state = engine.continue_log(base, events)
    keep_state(room_id, sequence, state)
    return state


def _latest_kept(room_id: int, sequence: int) -> tuple[int, engine.State | None]:
    """The latest kept state of the room before `sequence`, and its sequence (0, None: none
    kept, replay from the start). Call with `_lock` held."""
    since, base = 0, None
    for (room, kept), state in _cache.items():
        if room == room_id and since < kept < sequence and state is not None:
            since, base = kept, state
    return since, base


def keep_state(room_id: int, sequence: int, state: engine.State | None) -> None:
    """Remember the state after `sequence` (the acting process knows it without a replay)."""
    with _lock:
        _cache[(room_id, sequence)] = state
        _cache.move_to_end((room_id, sequence))
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


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
        _snapshots.clear()
        _rendered.clear()


# What the WebSocket news of one revision needs, shared by every consumer in the process:
# the first member's consumer to hear of a revision reads it, the other seven reuse it.
_snapshots: OrderedDict[tuple[int, int], dict] = OrderedDict()


def cached_snapshot(room_id: int, revision: int) -> dict | None:
    with _lock:
        return _snapshots.get((room_id, revision))


def room_snapshot(room_id: int) -> dict | None:
    """The room's status, seats and log as of now (three queries), cached by revision."""
    room = Room.objects.filter(pk=room_id).values("last_sequence", "revision", "status").first()
    if room is None:
        return None
    key = (room_id, room["revision"])
    cached = cached_snapshot(*key)
    if cached is not None:
        return cached
    seats = {
        member: (role, absent)
        for member, role, absent in Seat.objects.filter(room_id=room_id).values_list(
            "member_id", "role", "absent"
        )
    }
    events = list(
        RoomEvent.objects.filter(room_id=room_id, sequence__lte=room["last_sequence"])
        .order_by("sequence")
        .values_list("sequence", "kind", "engine", "data")
    )
    with _lock:
        since, base = _latest_kept(room_id, room["last_sequence"] + 1)
    state = engine.continue_log(base, [d for s, _k, e, d in events if e and s > since])
    keep_state(room_id, room["last_sequence"], state)
    snapshot = {
        **room,
        "seats": seats,
        "events": [(s, k, d) for s, k, _e, d in events],
        "state": state,
    }
    with _lock:
        _snapshots[key] = snapshot
        while len(_snapshots) > _CACHE_SIZE:
            _snapshots.popitem(last=False)
    return snapshot


def forget_snapshots() -> None:
    with _lock:
        _snapshots.clear()


# What is the same for every viewer of a revision (the seats, the log lines, the projector
# panel): read or rendered once per process, not once per member.
_rendered: OrderedDict[tuple, Any] = OrderedDict()


def once(key: tuple, build: Callable[[], Any]) -> Any:
    """`build()` once per key in this process. The key must include the room's revision
    (and the language, for text), so an entry never goes stale; treat it as read-only.
    Eight members hearing the same news at once: the first builds, the others wait for it."""
    with _lock:
        value = _rendered.get(key)
        if value is not None:
            _rendered.move_to_end(key)
            return value
        building = _building.setdefault(key, Lock())
    with building:
        with _lock:
            value = _rendered.get(key)
        if value is None:
            value = build()
            with _lock:
                _rendered[key] = value
                while len(_rendered) > _CACHE_SIZE:
                    _rendered.popitem(last=False)
        with _lock:
            _building.pop(key, None)
    return value


_building: dict[tuple, Lock] = {}
