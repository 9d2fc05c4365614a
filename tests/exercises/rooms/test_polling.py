"""`polling.NotModifiedPolls`: a room poll that has not changed is answered 304 in front of
Django's middleware, and only when the view itself would answer 304; everything else
reaches Django. Through the project's real ASGI application. Transactional: the checks run
in a worker thread."""

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from accounts.mfa import SETUP_PENDING_SESSION_KEY
from accounts.roles import TRAINER
from cohorts.services.enrolment import enrol
from exercises.rooms.polling import NotModifiedPolls
from leerkring.asgi import application
from tests.accounts.factories import PASSWORD, UserFactory
from tests.cohorts.factories import make_participant
from tests.exercises.rooms.factories import act, make_room

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def asgi_get(path: str, *, session_key: str | None, etag: str = "", method: str = "GET"):
    """One request through the project's ASGI `application`: (status, headers)."""
    headers = [(b"host", b"testserver")]
    if session_key:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={session_key}".encode()))
    if etag:
        headers.append((b"if-none-match", etag.encode()))
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "path": path,
        "query_string": b"",
        "headers": headers,
    }

    async def exchange():
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(10)
        await communicator.wait(10)
        return start

    start = async_to_sync(exchange)()
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def live(room) -> str:
    return reverse("exercises:rooms:live", args=[room.pk])


def projector(room) -> str:
    return reverse("exercises:rooms:projector_live", args=[room.pk])


def _intercept(monkeypatch, *, django_answers: bool) -> list[str]:
    """Records the requests the fast path hands on to Django; Django answers them, or a
    stand-in does (299), and the test asks the view itself what Django would answer."""
    calls = []
    original = NotModifiedPolls.__call__

    async def counting(self, scope, receive, send):
        inner = self.app

        async def app(scope, receive, send):
            calls.append(scope["path"])
            if django_answers:
                return await inner(scope, receive, send)
            await send({"type": "http.response.start", "status": 299, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return None

        self.app = app
        try:
            return await original(self, scope, receive, send)
        finally:
            self.app = inner

    monkeypatch.setattr(NotModifiedPolls, "__call__", counting)
    return calls


@pytest.fixture
def answered_by_django(monkeypatch):
    return _intercept(monkeypatch, django_answers=True)


@pytest.fixture
def handed_on(monkeypatch):
    return _intercept(monkeypatch, django_answers=False)


def test_an_unchanged_poll_is_answered_before_django_as_django_would(answered_by_django):
    c = make_room()
    client = signed_in(c.members[0])
    etag = client.get(live(c.room))["ETag"]
    status, headers = asgi_get(live(c.room), session_key=client.session.session_key, etag=etag)
    assert status == 304
    assert answered_by_django == []
    assert headers["etag"] == etag
    assert headers["cache-control"] == "private, no-cache"
    # The same answer, and the headers a browser acts on, as Django's own 304.
    by_django = client.get(live(c.room), HTTP_IF_NONE_MATCH=etag)
    assert by_django.status_code == 304
    for name in ("ETag", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert headers[name.lower()] == by_django[name], name


def test_a_changed_room_goes_to_django_and_gets_the_fresh_panel(answered_by_django):
    c = make_room()
    client = signed_in(c.members[0])
    etag = client.get(live(c.room))["ETag"]
    act(c.room, c.proposer, "proposal_presented")
    status, headers = asgi_get(live(c.room), session_key=client.session.session_key, etag=etag)
    assert status == 200 and headers["etag"] != etag
    assert answered_by_django == [live(c.room)]


def test_the_projector_poll_is_answered_for_members_not_for_onlookers(handed_on):
    c = make_room()
    member = signed_in(c.members[0])
    etag = member.get(projector(c.room))["ETag"]
    assert etag.endswith('p"')  # a well-formed ETag of its own, not the live panel's
    status, _ = asgi_get(projector(c.room), session_key=member.session.session_key, etag=etag)
    assert status == 304 and handed_on == []

    onlooker = make_participant()
    enrol(cohort=c.room.cohort, participant=onlooker)
    client = signed_in(onlooker)
    forged = etag.replace(f"u{c.members[0].pk}", f"u{onlooker.pk}")
    status, _ = asgi_get(projector(c.room), session_key=client.session.session_key, etag=forged)
    assert status == 299 and handed_on == [projector(c.room)]
    # Django's own answer: onlookers do not get the projector.
    assert client.get(projector(c.room), HTTP_IF_NONE_MATCH=forged).status_code == 404


@pytest.mark.parametrize(
    "case",
    ["outsider", "logged_out", "password_changed", "second_factor_pending", "no_etag", "post"],
)
def test_whenever_the_view_would_not_answer_304_the_poll_goes_to_django(case, handed_on):
    c = make_room()
    member = c.members[0]
    client = signed_in(member)
    etag = client.get(live(c.room))["ETag"]
    key = client.session.session_key
    method = "GET"
    if case == "outsider":
        outsider = make_participant()
        client = signed_in(outsider)
        key = client.session.session_key
        etag = etag.replace(f"u{member.pk}", f"u{outsider.pk}")
    elif case == "logged_out":
        client.logout()
    elif case == "password_changed":
        member.set_password("een-heel-ander-wachtwoord-2026")
        member.save()
    elif case == "second_factor_pending":
        # A trainer signed in by password who still has to set up the second factor.
        trainer = UserFactory(roles=[TRAINER])
        c.room.trainer = trainer
        c.room.save(update_fields=["trainer"])
        client = Client()
        client.post(reverse("account_login"), {"login": trainer.email, "password": PASSWORD})
        assert client.session.get(SETUP_PENDING_SESSION_KEY) is True
        key = client.session.session_key
        etag = etag.replace(f"u{member.pk}", f"u{trainer.pk}")
    elif case == "no_etag":
        etag = ""
    elif case == "post":
        method = "POST"
    status, _ = asgi_get(live(c.room), session_key=key, etag=etag, method=method)
    assert status == 299 and handed_on == [live(c.room)], case
    # And Django's own view does not answer 304 either.
    asked = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    if method == "POST":
        assert client.post(live(c.room), **asked).status_code != 304
    else:
        assert client.get(live(c.room), **asked).status_code != 304


def test_other_pages_are_not_touched(answered_by_django):
    c = make_room()
    client = signed_in(c.members[0])
    status, _ = asgi_get(
        reverse("exercises:rooms:room", args=[c.room.pk]),
        session_key=client.session.session_key,
        etag='"anything"',
    )
    assert status == 200
    assert answered_by_django == [reverse("exercises:rooms:room", args=[c.room.pk])]


def test_a_session_from_before_a_key_rotation_is_left_to_django(handed_on, settings):
    """Django renews such a session and sends its new cookie; the fast path, which sends no
    cookie, must neither renew it (the member would be signed out) nor answer for it."""
    settings.SECRET_KEY = "de-oude-sleutel-" + "x" * 40
    c = make_room()
    client = signed_in(c.members[0])
    etag = client.get(live(c.room))["ETag"]
    key = client.session.session_key
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "de-nieuwe-sleutel-" + "y" * 40
    status, _ = asgi_get(live(c.room), session_key=key, etag=etag)
    assert status == 299 and handed_on == [live(c.room)]
    assert SessionStore().exists(key)  # not renewed behind the member's back
    # Django itself still knows the member, and renews the session with a new cookie.
    assert client.get(live(c.room), HTTP_IF_NONE_MATCH=etag).status_code == 304
