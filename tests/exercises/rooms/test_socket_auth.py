"""Authentication at the room's socket: only a session that is fully signed in (password
and, where the role requires it, the second factor) opens it or acts over it. The HTTP
pages have middleware for this; a WebSocket bypasses that middleware, so these tests go
through the whole ASGI stack with a real login."""

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.mfa import SETUP_PENDING_SESSION_KEY
from accounts.roles import TRAINER
from exercises.rooms.models import RoomEvent
from leerkring.asgi import application
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.totp import give_authenticator_app, totp_code
from tests.exercises.rooms.factories import make_room
from tests.exercises.rooms.sockets import Socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth remembers used codes and login attempts in the cache.
    cache.clear()
    yield
    cache.clear()


def password_login(user) -> Client:
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    return client


def connect(room, client: Client) -> dict:
    key = client.session.session_key
    socket = Socket(application, f"/ws/kamers/{room.pk}/", session_key=key)
    return async_to_sync(socket.connect)()


def room_led_by(trainer):
    c = make_room()
    c.room.trainer = trainer
    c.room.save(update_fields=["trainer"])
    return c


def test_a_login_waiting_for_its_second_factor_cannot_open_the_socket():
    trainer = UserFactory(roles=[TRAINER])
    secret, _codes = give_authenticator_app(trainer)
    c = room_led_by(trainer)
    client = password_login(trainer)
    # allauth holds the login back until the code is typed: no user in the session yet.
    assert client.session.get(SESSION_KEY) is None
    answer = connect(c.room, client)
    assert answer == {"type": "websocket.close", "code": 4403}

    # With the code the same trainer is in.
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.session.get(SESSION_KEY) == str(trainer.pk)
    assert connect(c.room, client)["type"] == "websocket.accept"


def test_a_trainer_who_still_has_to_set_up_the_second_factor_cannot_open_the_socket():
    trainer = UserFactory(roles=[TRAINER])
    c = room_led_by(trainer)
    client = password_login(trainer)
    # Signed in by the password, but kept on the set-up pages (accounts.middleware) ...
    assert client.session.get(SESSION_KEY) == str(trainer.pk)
    assert client.session.get(SETUP_PENDING_SESSION_KEY) is True
    assert (
        client.get(reverse("exercises:rooms:room", kwargs={"room_id": c.room.pk})).status_code
        == 302
    )
    # ... and at the socket too.
    assert connect(c.room, client) == {"type": "websocket.close", "code": 4403}
    # Once an authenticator app is active, the same session may enter.
    give_authenticator_app(trainer)
    assert connect(c.room, client)["type"] == "websocket.accept"


def test_a_socket_whose_session_logged_out_cannot_act():
    c = make_room()
    client = Client()
    client.force_login(c.proposer)
    key = client.session.session_key
    socket = Socket(application, f"/ws/kamers/{c.room.pk}/", session_key=key)

    async def scenario():
        assert (await socket.connect())["type"] == "websocket.accept"
        await socket.receive_json()
        await sync_to_async(client.logout)()  # in another tab
        await socket.send_json({"action": "proposal_presented", "seen": 1})
        return await socket.communicator.receive_output(5)

    answer = async_to_sync(scenario)()
    assert answer == {"type": "websocket.close", "code": 4403}
    assert RoomEvent.objects.filter(room=c.room).count() == 1
