"""The room's process state, replayed from its log.

Log entries are append-only and numbered, so the state at (room, sequence) never changes:
each process keeps the last few in memory, and a news message fanned out to eight members
replays the log once per process instead of eight times. A state not yet kept is built
from the latest kept state of the same room and the entries after it (one action's news:
one entry), not from the whole log again, so a long meeting costs no more per action than
a short one.
"""

import asyncio
import copy
import dataclasses
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

from exercises.rooms import engine
from exercises.rooms.models import Room, RoomEvent, Seat

_CACHE_SIZE = 256
# Parts `once` keeps: a few per room and revision, for every room being played at once.
_RENDERED_SIZE = 4096
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
        _latest_rows.clear()
        _latest_shared.clear()
        _building.clear()


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


class BuildingElsewhere(Exception):
    """`once` on the event loop found a worker thread building the value: the caller should
    make what it needs on a thread rather than hold up every socket of the process."""


def once(key: tuple, build: Callable[[], Any]) -> Any:
    """`build()` once per key in this process. The key must include the room's revision
    (and the language, for text), so an entry never goes stale; treat it as read-only.
    Eight members hearing the same news at once: the first builds, the others wait for it
    (on the event loop none waits: `BuildingElsewhere`)."""
    with _lock:
        value = _rendered.get(key)
        if value is not None:
            _rendered.move_to_end(key)
            return value
        building = _building.setdefault(key, Lock())
    if not building.acquire(blocking=not _on_event_loop()):
        raise BuildingElsewhere(key)
    try:
        with _lock:
            value = _rendered.get(key)
        if value is None:
            value = build()
            with _lock:
                _rendered[key] = value
                while len(_rendered) > _RENDERED_SIZE:
                    _rendered.popitem(last=False)
    finally:
        with _lock:
            _building.pop(key, None)
        building.release()
    return value


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


_building: dict[tuple, Lock] = {}


def remember(key: tuple, value: Any) -> None:
    """Put a value `once` would build under `key` (one worked out without building it)."""
    with _lock:
        _rendered[key] = value
        _rendered.move_to_end(key)
        while len(_rendered) > _RENDERED_SIZE:
            _rendered.popitem(last=False)


# The live panel's shared part: the seats, the process and the last log entries of a room's
# revision. A member's action announces its log entry with the news (`advance`), so every
# process that knew the revision before builds the next one without reading the database.
LOG_LINES = 12
_ROOMS_KEPT = 1024


@dataclasses.dataclass(frozen=True)
class Entry:
    """A log entry as the live panel shows it: plain values, so news can carry it."""

    sequence: int
    kind: str
    engine: bool
    data: dict[str, Any]
    actor_name: str

    @classmethod
    def of(cls, event: RoomEvent) -> "Entry":
        return cls(event.sequence, event.kind, event.engine, event.data, display_name(event.actor))


@dataclasses.dataclass(frozen=True)
class Shared:
    """What every viewer of one revision of a room sees alike. Read-only."""

    revision: int
    sequence: int
    status: str
    seats: tuple[Seat, ...]
    state: engine.State | None
    entries: tuple[Entry, ...]  # the last LOG_LINES, oldest first


_latest_rows: OrderedDict[int, Room] = OrderedDict()
_latest_shared: OrderedDict[int, Shared] = OrderedDict()


def _note_latest(store: OrderedDict, room_id: int, value) -> None:
    """Keep `value` as the room's latest, unless a newer revision is kept already. Call with
    `_lock` held."""
    kept = store.get(room_id)
    if kept is not None and kept.revision > value.revision:
        return
    store[room_id] = value
    store.move_to_end(room_id)
    while len(store) > _ROOMS_KEPT:
        store.popitem(last=False)


def shared_of(room: Room) -> Shared:
    """The shared part of the room's revision: once per process (two queries), or built from
    the revision before by `advance`."""

    def read() -> Shared:
        entries = RoomEvent.objects.filter(room_id=room.pk, sequence__lte=room.last_sequence)
        latest = entries.select_related("actor").order_by("-sequence")[:LOG_LINES]
        return Shared(
            revision=room.revision,
            sequence=room.last_sequence,
            status=room.status,
            seats=tuple(Seat.objects.filter(room_id=room.pk).select_related("member")),
            state=load_state(room.pk, room.last_sequence),
            entries=tuple(Entry.of(e) for e in reversed(latest)),
        )

    shared = once(("shared", room.pk, room.revision, room.last_sequence), read)
    with _lock:
        _note_latest(_latest_shared, room.pk, shared)
    return shared


def room_row(room_id: int, revision: int) -> Room | None:
    """The room's row as of the news of `revision` (or newer): read once per process and
    revision, or worked out by `advance`. Shared by every viewer: copy it before annotating."""

    def read() -> Room | None:
        row = Room.objects.filter(pk=room_id).first()
        if row is not None:
            with _lock:
                _note_latest(_latest_rows, room_id, row)
        return row

    return once(("room-row", room_id, revision), read)


def advance(room_id: int, news: dict[str, Any]) -> bool:
    """Build the room's revision in the news from the revision just before it, when this
    process has that one and the news carries the one log entry in between (a member's
    action: seats and status stay as they were). Otherwise nothing: the revision is read.

    True when the live panel's row and shared part of the revision are kept (built here or
    by an earlier consumer in this process): a member's panel then needs no query."""
    entry = news.get("entry")
    if entry is None:
        return False
    revision, sequence = news["revision"], news["sequence"]

    def build() -> bool:
        with _lock:
            row = _latest_rows.get(room_id)
            shared = _latest_shared.get(room_id)
            snapshot = _snapshots.get((room_id, revision - 1))
            kept = _cache.get((room_id, sequence))  # the acting process knows the state
        before = (revision - 1, sequence - 1, news["status"])
        panel_known = (
            row is not None
            and shared is not None
            and (row.revision, row.last_sequence, row.status) == before
            and (shared.revision, shared.sequence, shared.status) == before
        )
        # The JSON news' snapshot is kept apart from the panel's part: a process whose
        # members all read JSON has only the snapshot, one with HTML readers only the part.
        snapshot_known = (
            snapshot is not None
            and (
                snapshot["revision"],
                snapshot["last_sequence"],
                snapshot["status"],
            )
            == before
        )
        if not (panel_known or snapshot_known):
            return False
        base = shared.state if panel_known else snapshot["state"]
        state = kept if kept is not None else engine.continue_log(base, [entry["data"]])
        keep_state(room_id, sequence, state)
        new = Entry(**entry)
        if panel_known:
            new_row = copy.copy(row)
            new_row.revision, new_row.last_sequence = revision, sequence
            new_shared = dataclasses.replace(
                shared,
                revision=revision,
                sequence=sequence,
                state=state,
                entries=(*shared.entries, new)[-LOG_LINES:],
            )
            remember(("room-row", room_id, revision), new_row)
            remember(("shared", room_id, revision, sequence), new_shared)
        with _lock:
            if panel_known:
                _note_latest(_latest_rows, room_id, new_row)
                _note_latest(_latest_shared, room_id, new_shared)
            if snapshot_known:
                _snapshots[(room_id, revision)] = {
                    **snapshot,
                    "revision": revision,
                    "last_sequence": sequence,
                    "events": [*snapshot["events"], (sequence, new.kind, new.data)],
                    "state": state,
                }
                while len(_snapshots) > _CACHE_SIZE:
                    _snapshots.popitem(last=False)
        return panel_known

    return once(("advance", room_id, revision), build)
