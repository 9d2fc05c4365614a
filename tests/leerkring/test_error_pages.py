"""Error pages under ASGI leave no database connection open: Django renders them in a
worker thread of its own, where nothing else would close it (leerkring.error_pages)."""

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.db import connection
from django.test import Client

from leerkring.asgi import application
from tests.accounts.factories import UserFactory

# serialized_rollback as the other transactional tests: the flush after a test without it
# re-creates the roles (post_migrate), which the next serialized test then restores again.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
]


def get(path: str, cookie: str = "") -> int:
    headers = [(b"host", b"testserver")] + ([(b"cookie", cookie.encode())] if cookie else [])
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": headers}

    async def exchange():
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(10)
        await communicator.wait(10)
        return start["status"]

    return async_to_sync(exchange)()


def sessions_on_the_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_a_404_under_asgi_leaves_no_connection_open():
    if connection.vendor != "postgresql":
        pytest.skip("counts PostgreSQL sessions: run `make test-postgres`")
    client = Client()
    client.force_login(UserFactory())
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}"
    before = sessions_on_the_database()
    assert get("/bestaat-niet/", cookie) == 404
    assert get("/bestaat-ook-niet/") == 404
    assert sessions_on_the_database() == before
