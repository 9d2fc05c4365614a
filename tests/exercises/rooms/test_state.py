"""The room's state cache: a state built on from an earlier kept state, from the state the
acting process kept, from the news of an action, or from the whole log, is the same state
(the log is the authority)."""

import copy

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from exercises.rooms import engine, selectors, services
from exercises.rooms.models import RoomEvent
from exercises.rooms.state import (
    advance,
    cached_snapshot,
    forget_states,
    load_state,
    room_row,
    room_snapshot,
)
from tests.exercises.rooms.factories import act, decide_with_one_objection, make_room

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


def panel(room_id: int, revision: int, user) -> str:
    """A member's live panel as a socket consumer makes it on news of `revision`."""
    row = copy.copy(room_row(room_id, revision))
    row.is_trainer, row.is_seated, row.in_cohort = False, True, True
    with translation.override("nl"):
        view = selectors.room_view(room=row, user=user)
        context = {"view": view, "error": None, "csrf_token": "token"}
        return render_to_string("exercises/rooms/_live.html", context)


@pytest.mark.parametrize("acting_process", [True, False], ids=["acted-here", "acted-elsewhere"])
def test_a_process_that_heard_an_action_shows_what_the_database_shows(
    monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries, acting_process
):
    c = make_room()
    heard = []
    monkeypatch.setattr(services, "publish", lambda room_id, **news: heard.append(news))
    if not acting_process:  # the other process did not keep the state after the action
        monkeypatch.setattr(services, "keep_state", lambda *args: None)
    real_act = services.act
    checked = []

    def act_and_compare(*, room, user, **kwargs):
        room.refresh_from_db()
        for person in c.everyone:
            panel(room.pk, room.revision, person)  # this process knows the revision before
        room_snapshot(room.pk)  # and the JSON news of it
        with django_capture_on_commit_callbacks(execute=True):
            entry = real_act(room=room, user=user, **kwargs)
        news = {"type": "room.news", **heard[-1]}
        assert news["entry"]["sequence"] == entry.sequence
        with django_assert_num_queries(0):  # built from the news alone
            advance(room.pk, news)
            heard_panels = [panel(room.pk, news["revision"], p) for p in c.everyone]
            heard_snapshot = cached_snapshot(room.pk, news["revision"])
        forget_states()
        read_panels = [panel(room.pk, news["revision"], p) for p in c.everyone]
        assert heard_panels == read_panels, entry.kind
        assert heard_snapshot == room_snapshot(room.pk), entry.kind
        checked.append((entry.kind, heard_panels[0]))
        return entry

    monkeypatch.setattr(services, "act", act_and_compare)
    decide_with_one_objection(c)
    c.room.refresh_from_db()
    kinds = [kind for kind, _ in checked]
    assert "consent_answer_given" in kinds and kinds[-1] == "agreed"
    assert f'data-sequence="{c.room.last_sequence}"' in checked[-1][1]


@pytest.mark.parametrize("acting_process", [True, False], ids=["acted-here", "acted-elsewhere"])
def test_a_process_with_only_json_readers_builds_their_news_from_the_news(
    monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries, acting_process
):
    """No HTML panel was made in this process (every member on JSON): the snapshot of the
    revision before is enough to build the next without reading the room."""
    c = make_room()
    heard = []
    monkeypatch.setattr(services, "publish", lambda room_id, **news: heard.append(news))
    if not acting_process:
        monkeypatch.setattr(services, "keep_state", lambda *args: None)
    real_act = services.act
    built = []

    def act_and_compare(*, room, user, **kwargs):
        forget_states()  # nothing of the panels kept, only the JSON news' snapshot
        room_snapshot(room.pk)
        with django_capture_on_commit_callbacks(execute=True):
            entry = real_act(room=room, user=user, **kwargs)
        news = {"type": "room.news", **heard[-1]}
        with django_assert_num_queries(0):
            panel_kept = advance(room.pk, news)
            heard_snapshot = cached_snapshot(room.pk, news["revision"])
        assert heard_snapshot is not None, entry.kind
        assert panel_kept is False, entry.kind  # the snapshot alone was built on
        forget_states()
        assert heard_snapshot == room_snapshot(room.pk), entry.kind
        built.append(entry.kind)
        return entry

    monkeypatch.setattr(services, "act", act_and_compare)
    decide_with_one_objection(c)
    assert built[-1] == "agreed" and len(built) > 10


def test_news_that_skips_a_revision_is_read_from_the_database(
    monkeypatch, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    c = make_room()
    heard = []
    monkeypatch.setattr(services, "publish", lambda room_id, **news: heard.append(news))
    c.room.refresh_from_db()
    panel(c.room.pk, c.room.revision, c.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        act(c.room, c.proposer, "proposal_presented")
        seat = c.room.seats.get(member=c.members[-1])
        services.mark_absent(room=c.room, by=c.trainer, seat=seat, absent=True)
        act(c.room, c.facilitator, "round_started", round_kind="question")
    news = {"type": "room.news", **heard[-1]}
    advance(c.room.pk, news)  # two revisions behind: nothing built
    shown = panel(c.room.pk, news["revision"], c.facilitator)
    assert "is-absent" in shown and f'data-sequence="{news["sequence"]}"' in shown


def test_once_on_the_event_loop_does_not_wait_for_a_thread_building_the_same():
    """A worker thread reading the database for a value holds up no socket: on the loop,
    `once` says so at once, and the caller makes what it needs on a thread."""
    import asyncio
    import threading

    from exercises.rooms.state import BuildingElsewhere, _building, once

    started, finish = threading.Event(), threading.Event()

    def slow_build():
        started.set()
        finish.wait(5)
        return "built"

    builder = threading.Thread(target=once, args=(("test-key",), slow_build))
    builder.start()
    started.wait(5)

    async def on_the_loop():
        return once(("test-key",), lambda: "not this")

    try:
        with pytest.raises(BuildingElsewhere):
            asyncio.run(on_the_loop())
    finally:
        finish.set()
        builder.join(5)
    assert asyncio.run(on_the_loop()) == "built"
    assert once(("test-key",), lambda: "not this") == "built"
    assert ("test-key",) not in _building


def test_a_build_that_fails_leaves_no_lock_behind():
    from exercises.rooms.state import _building, once

    def failing():
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        once(("failing-key",), failing)
    assert ("failing-key",) not in _building
    assert once(("failing-key",), lambda: "second try") == "second try"
