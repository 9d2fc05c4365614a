"""The room's state cache: a state built on from an earlier kept state, from the state the
acting process kept, or from the whole log, is the same state (the log is the authority)."""

import pytest

from exercises.rooms import engine
from exercises.rooms.models import RoomEvent
from exercises.rooms.state import forget_states, load_state, room_snapshot
from tests.exercises.rooms.factories import decide_with_one_objection, make_room

pytestmark = pytest.mark.django_db


def replayed_from_scratch(room, sequence):
    events = RoomEvent.objects.filter(room=room, engine=True, sequence__lte=sequence)
    return engine.replay_log(list(events.order_by("sequence").values_list("data", flat=True)))


def test_the_state_an_action_keeps_equals_a_full_replay(django_capture_on_commit_callbacks):
    c = make_room()
    with django_capture_on_commit_callbacks(execute=True):
        decide_with_one_objection(c)  # each action keeps its new state once committed
    c.room.refresh_from_db()
    last = c.room.last_sequence
    assert load_state(c.room.pk, last) == replayed_from_scratch(c.room, last)
    assert load_state(c.room.pk, last).phase.value == "agreed"


def test_every_state_built_on_from_a_kept_one_equals_a_full_replay():
    c = make_room()
    decide_with_one_objection(c)  # in a test transaction: nothing kept on commit
    c.room.refresh_from_db()
    last = c.room.last_sequence
    forget_states()
    # Each load builds on the one before it.
    kept = {n: load_state(c.room.pk, n) for n in range(1, last + 1)}
    forget_states()
    for n in range(1, last + 1):
        assert kept[n] == replayed_from_scratch(c.room, n), n
    # With nothing kept: from the start; then two entries on from sequence last - 2.
    assert load_state(c.room.pk, last - 2) == replayed_from_scratch(c.room, last - 2)
    assert load_state(c.room.pk, last) == replayed_from_scratch(c.room, last)
    assert load_state(c.room.pk, last).phase.value == "agreed"


def test_the_news_snapshot_carries_the_state_of_the_last_entry():
    c = make_room()
    decide_with_one_objection(c)
    c.room.refresh_from_db()
    forget_states()
    load_state(c.room.pk, 3)  # an early state kept: the snapshot builds on from it
    snapshot = room_snapshot(c.room.pk)
    assert snapshot["state"] == replayed_from_scratch(c.room, c.room.last_sequence)
    assert snapshot["revision"] == c.room.revision
