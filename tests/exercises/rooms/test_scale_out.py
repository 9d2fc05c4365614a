"""Scale-out: two ASGI server processes (uvicorn) on different ports share PostgreSQL and
Redis. A member connected to one sees within a second what a member on the other did.

Runs in CI's PostgreSQL run (`make test-postgres`, marker `postgres`); `.ci/run` starts
Redis. Without PostgreSQL or Redis (a plain `make test`) it is skipped, saying why."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.exercises.rooms.factories import make_room

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
ROOT = Path(__file__).resolve().parents[3]


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def _postgres_and_redis():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run `make test-postgres`")
    if not redis_reachable():
        pytest.skip(f"needs Redis at {REDIS_URL} (.ci/run starts it)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"no server on port {port}")


@pytest.fixture
def two_servers():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leerkring.settings.test",
        "DATABASE_URL": database_url(),
        "CHANNEL_LAYER_URL": REDIS_URL,
    }
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603 — our own server, on loopback
            [
                sys.executable,
                "-m",
                "uvicorn",
                "leerkring.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--lifespan",
                "off",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for(port, process)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
            process.stderr.close()


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}"


def test_a_member_on_one_server_sees_within_a_second_what_another_did_on_the_other(
    two_servers,
):
    from websockets.sync.client import connect

    c = make_room()
    first, second = two_servers
    path = f"/ws/kamers/{c.room.pk}/"
    member_cookie, proposer_cookie = session_cookie(c.members[0]), session_cookie(c.proposer)

    def open_socket(port, cookie):
        return connect(
            f"ws://127.0.0.1:{port}{path}",
            origin="http://127.0.0.1",
            additional_headers={"Cookie": cookie},
            open_timeout=10,
        )

    with (
        open_socket(first, member_cookie) as member,
        open_socket(second, proposer_cookie) as proposer,
    ):
        assert json.loads(member.recv(timeout=10))["sequence"] == 1
        assert json.loads(proposer.recv(timeout=10))["sequence"] == 1
        # Warm both processes up (first requests import and connect): a refused action each.
        for client in (member, proposer):
            client.send(json.dumps({"action": "proposal_presented", "seen": 0}))
            assert json.loads(client.recv(timeout=10))["type"] == "refused"
        sent = time.monotonic()
        proposer.send(json.dumps({"action": "proposal_presented", "seen": 1}))
        news = json.loads(member.recv(timeout=1))
        elapsed = time.monotonic() - sent
    assert news["type"] == "news" and news["sequence"] == 2
    assert [e["kind"] for e in news["events"]] == ["proposal_presented"]
    assert elapsed < 1
