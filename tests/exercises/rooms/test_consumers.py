"""The room's WebSocket through the whole ASGI stack (origin check, session auth, routing):
join, act, stale action, reconnect, unauthorised. Transactional, because the consumer reads
the database from Channels' worker threads."""

import threading

import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from cohorts.services.enrolment import enrol
from leerkring.asgi import application
from tests.cohorts.factories import make_participant
from tests.exercises.rooms.factories import act, make_election, make_room
from tests.exercises.rooms.sockets import Socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.session.session_key


def socket(room, user=None, query=""):
    key = session_of(user) if user is not None else None
    return Socket(application, f"/ws/kamers/{room.pk}/", session_key=key, query=query)


def test_join_act_and_news_for_everyone():
    c = make_room()
    proposer, member = socket(c.room, c.proposer), socket(c.room, c.members[0])

    async def scenario():
        assert (await proposer.connect())["type"] == "websocket.accept"
        assert (await member.connect())["type"] == "websocket.accept"
        joined = await proposer.receive_json()
        assert joined["sequence"] == 1
        assert [e["kind"] for e in joined["events"]] == ["decision_prepared"]
        assert "proposal_presented" in joined["open_actions"]
        seen_by_member = await member.receive_json()
        assert seen_by_member["open_actions"] == []

        await proposer.send_json({"action": "proposal_presented", "seen": 1})
        for client in (proposer, member):
            news = await client.receive_json()
            assert news["type"] == "news" and news["sequence"] == 2
            assert [e["sequence"] for e in news["events"]] == [2]
        await proposer.close()
        await member.close()

    async_to_sync(scenario)()


def test_a_stale_action_is_refused_with_the_fresh_state():
    c = make_room()
    proposer, facilitator = socket(c.room, c.proposer), socket(c.room, c.facilitator)

    async def scenario():
        await proposer.connect()
        await facilitator.connect()
        await proposer.receive_json()
        await facilitator.receive_json()
        await proposer.send_json({"action": "proposal_presented", "seen": 1})
        await facilitator.receive_json()  # the news of sequence 2
        await proposer.receive_json()
        await facilitator.send_json(
            {"action": "round_started", "round_kind": "question", "seen": 1}
        )
        refused = await facilitator.receive_json()
        assert refused["type"] == "refused"
        assert refused["message"].startswith("Iemand anders was u voor")
        assert refused["sequence"] == 2
        assert "round_started" in refused["open_actions"]
        assert await proposer.receive_nothing()  # only the one who tried hears it
        await proposer.close()
        await facilitator.close()

    async_to_sync(scenario)()
    c.room.refresh_from_db()
    assert c.room.last_sequence == 2


def test_nobody_acts_for_another_over_the_socket():
    c = make_room()
    member = socket(c.room, c.members[0])

    async def scenario():
        await member.connect()
        await member.receive_json()
        await member.send_json({"action": "proposal_presented", "seen": 1})
        refused = await member.receive_json()
        assert refused["type"] == "refused"
        assert refused["message"] == "Deze actie staat nu niet voor u open."
        await member.close()

    async_to_sync(scenario)()
    c.room.refresh_from_db()
    assert c.room.last_sequence == 1


def test_reconnecting_resumes_from_the_last_sequence_without_loss_or_duplicates():
    c = make_room()
    first = socket(c.room, c.members[0])
    proposer = socket(c.room, c.proposer)
    # Reconnects from where it was: after the first log entry, as a client that saw it.
    again = socket(c.room, c.members[0], query="after=1")

    async def scenario():
        await first.connect()
        state = await first.receive_json()
        last = state["sequence"]
        await first.close()  # the phone sleeps
        await proposer.connect()
        await proposer.receive_json()
        await proposer.send_json({"action": "proposal_presented", "seen": 1})
        await proposer.receive_json()
        await proposer.close()
        assert last == 1
        await again.connect()
        resumed = await again.receive_json()
        assert [e["sequence"] for e in resumed["events"]] == [2]
        assert resumed["events"][0]["kind"] == "proposal_presented"
        await again.close()

    async_to_sync(scenario)()


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_an_unauthorised_socket_is_closed(who):
    c = make_room()
    user = make_participant() if who == "outsider" else None
    outsider = socket(c.room, user)

    async def scenario():
        answer = await outsider.connect()
        assert answer["type"] == "websocket.close" and answer["code"] == 4403

    async_to_sync(scenario)()


def test_a_foreign_origin_is_refused():
    c = make_room()
    client = socket(c.room, c.members[0])
    client.communicator.scope["headers"][0] = (b"origin", b"https://elders.example")

    async def scenario():
        answer = await client.connect()
        assert answer["type"] == "websocket.close"

    async_to_sync(scenario)()


def test_an_election_over_the_sockets_keeps_nominations_hidden_until_all_are_in():
    e = make_election()
    candidate = e.members[0]
    sockets = [socket(e.room, person) for person in e.everyone]

    async def scenario():
        for client in sockets:
            assert (await client.connect())["type"] == "websocket.accept"
            joined = await client.receive_json()
            assert joined["phase"] == "role_defined"
        await sockets[0].send_json(
            {"action": "round_started", "round_kind": "nomination", "seen": 1}
        )
        for client in sockets:
            assert (await client.receive_json())["phase"] == "nomination"
        # Nominations are written at the same time; in reverse order here.
        sequence = 2
        for i, client in reversed(list(enumerate(sockets))):
            await client.send_json(
                {"action": "nomination_made", "nominee": f"m{candidate.pk}", "seen": sequence}
            )
            sequence += 1
            for other in sockets:
                news = await other.receive_json()
                assert news["sequence"] == sequence
            [entry] = news["events"]
            assert entry["kind"] == "nomination_made"
            if i > 0:
                assert "nominee" not in entry["data"]
                assert "nominations" not in news
        # The last one in: everyone hears who nominated whom.
        assert [n["nominee"] for n in news["nominations"]] == [f"m{candidate.pk}"] * 5
        assert news["phase"] == "nomination"
        for client in sockets:
            await client.close()

    async_to_sync(scenario)()

    # The rest of the election through the services; a member who reconnects sees it all.
    act(e.room, e.facilitator, "round_started", round_kind="reasons")
    for person in e.everyone:
        act(e.room, person, "reason_given", reason="Hij luistert goed.")
    act(e.room, e.facilitator, "round_started", round_kind="change")
    for person in e.everyone:
        act(e.room, person, "nomination_kept")
    act(e.room, e.facilitator, "candidate_proposed", candidate=f"m{candidate.pk}", reason="Rust.")
    act(e.room, e.facilitator, "round_started", round_kind="consent")
    for person in [p for p in e.everyone if p is not candidate] + [candidate]:
        act(e.room, person, "consent_answer_given", answer="consent")
    act(e.room, candidate, "candidate_accepted")
    again = socket(e.room, e.members[3], query="after=7")

    async def reconnect():
        await again.connect()
        resumed = await again.receive_json()
        await again.close()
        return resumed

    resumed = async_to_sync(reconnect)()
    assert resumed["phase"] == "elected"
    assert resumed["events"][0]["sequence"] == 8
    assert resumed["events"][-1]["kind"] == "candidate_accepted"


def test_the_projector_follows_the_room_over_its_socket():
    c = make_room()
    projector = socket(c.room, c.trainer, query="view=projector")
    proposer = socket(c.room, c.proposer)

    async def html_of(client) -> str:
        message = await client.communicator.receive_output(5)
        assert message["type"] == "websocket.send", message
        return message["text"]

    async def scenario():
        assert (await projector.connect())["type"] == "websocket.accept"
        first = await html_of(projector)
        assert 'id="room-projector"' in first and 'id="projector-phase"' in first
        assert (await proposer.connect())["type"] == "websocket.accept"
        await proposer.receive_json()
        await proposer.send_json({"action": "proposal_presented", "seen": 1})
        await proposer.receive_json()
        updated = await html_of(projector)
        assert 'id="room-projector"' in updated and updated != first
        assert 'data-revision="' + str(c.room.revision + 1) + '"' in updated
        # Read-only: what a projector sends is ignored.
        await projector.send_json({"action": "round_started", "round_kind": "question", "seen": 2})
        assert await projector.receive_nothing()
        await proposer.close()
        await projector.close()

    async_to_sync(scenario)()
    c.room.refresh_from_db()
    assert c.room.last_sequence == 2


def test_an_onlooker_gets_no_projector_socket():
    c = make_room()
    onlooker = make_participant()
    enrol(cohort=c.cohort, participant=onlooker)
    client = socket(c.room, onlooker, query="view=projector")

    async def scenario():
        return await client.connect()

    assert async_to_sync(scenario)() == {"type": "websocket.close", "code": 4403}


def _panels_made_on(monkeypatch, c, *, forget_the_row: bool = False, watch=None):
    """Plays two actions over HTML sockets (proposer, facilitator, a member and the trainer)
    and returns the event loop's thread, the threads each of `watch`'s panels were made on,
    by revision, its panel on the second news, and the panel a fresh socket then gets.
    `forget_the_row`: the room's row for the second news is dropped from the process's
    cache right after the news was built, so making the panel would need a query."""
    from exercises.rooms import consumers
    from exercises.rooms.state import _lock, _rendered

    watch = watch or c.members[0]
    clients = [
        socket(c.room, who, query="html=1")
        for who in (c.proposer, c.facilitator, c.members[0], c.trainer)
    ]
    proposer, facilitator = clients[0], clients[1]
    watched = clients[[c.proposer, c.facilitator, c.members[0], c.trainer].index(watch)]
    fresh = socket(c.room, watch, query="html=1")  # connects at the end
    made_on = []
    real_payload = consumers.RoomConsumer._payload
    real_advance = consumers.advance

    def recording_payload(consumer, error, revision=None):
        payload = real_payload(consumer, error, revision)
        if revision is not None and consumer.user.pk == watch.pk:
            made_on.append((revision, threading.get_ident()))
        return payload

    def advance_then_forget(room_id, news):
        built = real_advance(room_id, news)
        if forget_the_row:
            with _lock:
                _rendered.pop(("room-row", room_id, news["revision"]), None)
        return built

    monkeypatch.setattr(consumers.RoomConsumer, "_payload", recording_payload)
    monkeypatch.setattr(consumers, "advance", advance_then_forget)

    async def html_of(client) -> str:
        message = await client.communicator.receive_output(5)
        assert message["type"] == "websocket.send", message
        return message["text"]

    async def scenario():
        loop_thread = threading.get_ident()
        for client in clients:
            assert (await client.connect())["type"] == "websocket.accept"
            await html_of(client)
        await proposer.send_json({"action": "proposal_presented", "seen": 1})
        for client in clients:
            await html_of(client)  # this process read the revision: on a thread
        await facilitator.send_json(
            {"action": "round_started", "round_kind": "question", "seen": 2}
        )
        on_news = None
        for client in clients:
            html = await html_of(client)
            if client is watched:
                on_news = html
        assert (await fresh.connect())["type"] == "websocket.accept"
        from_database = await html_of(fresh)
        for client in (*clients, fresh):
            await client.close()
        return loop_thread, on_news, from_database

    loop_thread, on_news, from_database = async_to_sync(scenario)()
    c.room.refresh_from_db()
    assert f'data-sequence="{c.room.last_sequence}"' in on_news
    revisions = [revision for revision, _ in made_on]
    assert revisions == [c.room.revision - 1, c.room.revision]
    return loop_thread, [thread for _, thread in made_on], on_news, from_database


def test_a_members_panel_on_news_it_can_build_is_made_on_the_loop_and_is_the_same(monkeypatch):
    """Once a process knows a room's revision, the next action's news carries all a member's
    panel needs: it is made on the event loop (no hop to a thread per member), and is the
    panel a fresh socket gets from the database."""
    c = make_room()
    loop, (first, second), on_news, from_database = _panels_made_on(monkeypatch, c)
    assert first != loop  # read from the database, on a worker thread
    assert second == loop  # built from the news, on the loop
    assert on_news == from_database


def test_a_panel_that_would_need_a_query_on_the_loop_is_made_on_a_thread(monkeypatch):
    c = make_room()
    loop, (_, second), on_news, from_database = _panels_made_on(monkeypatch, c, forget_the_row=True)
    assert second != loop
    assert on_news == from_database


def test_the_trainers_panel_is_always_made_on_a_thread(monkeypatch):
    """It shows the private coaching notes, and the access is read each time."""
    c = make_room()
    loop, threads, on_news, from_database = _panels_made_on(monkeypatch, c, watch=c.trainer)
    assert loop not in threads
    assert 'id="coach-panel"' in on_news and on_news == from_database
