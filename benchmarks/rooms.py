"""Live practice rooms under load, on loopback only, bounded in count and time.

    .venv/bin/python benchmarks/rooms.py                 # 50 rooms x 8 sockets, 400 pollers
    .venv/bin/python benchmarks/rooms.py --rooms 10 --actions 9 --poll-seconds 10   # quick
    .venv/bin/python benchmarks/rooms.py --workers 2 --channel-layer redis://127.0.0.1:6379/5 \
        --database-url postgres://postgres@127.0.0.1:5432/lk_rooms_bench   # as in production

1. Fan-out: ROOMS rooms with 8 members each, all connected by WebSocket (ROOMS x 8 sockets)
   to one uvicorn process. In every room at once, members act in turn (question rounds:
   the facilitator starts one, all eight pass), one action a second per room on average
   (`--pace`; real meetings are slower, `--pace 0` is back to back); each action's time is
   from sending it until all 8 members of that room have the news with its sequence. Next
   to it, the same number of sockets on an empty Channels echo consumer (one group per
   room), at the same pace: our overhead over the transport is the ratio.
2. Polling: POLLERS clients each load a room's live panel once, then ask for it every 2 s
   with If-None-Match for POLL_SECONDS: the p95 of the 304 answers; and the queries one
   poll makes (Django test client, in process).

By default it makes a throw-away SQLite database in a temporary folder and starts one
uvicorn process with the in-memory channel layer on 127.0.0.1 with the test settings;
`--database-url` (a PostgreSQL database the benchmark may drop and create), `--workers` and
`--channel-layer` (Redis, needed with more than one worker) serve it as in production.
Nothing else is touched. Figures go to stdout, with the machine's load average.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="leerkring-rooms-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.rooms_settings"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP / 'bench.sqlite3'}")
os.environ.setdefault("CHANNEL_LAYER_URL", "memory://")
# As in production: a server process keeps its database connections between requests.
os.environ["CONN_MAX_AGE"] = "60"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def describe(label: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    if not ms:
        return f"{label:<40} n=    0"
    return (
        f"{label:<40} n={len(ms):5d}  p50 {statistics.median(ms):7.1f} ms"
        f"  p95 {percentile(ms, 0.95):7.1f} ms  max {max(ms):7.1f} ms"
    )


def build(rooms: int):
    """Rooms, each a cohort of 8 seated and started, through the services."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from cohorts.services.enrolment import enrol
    from exercises.rooms import services
    from exercises.rooms.models import SeatRole
    from tests.cohorts.factories import make_cohort, make_participant, make_trainer

    def session(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"

    brief = {"driver": "d", "shared_aim": "a", "proposal": "p"}
    built = []
    for _ in range(rooms):
        trainer = make_trainer()
        cohort = make_cohort(trainer=trainer, min_participants=2, max_participants=8)
        people = [make_participant() for _ in range(8)]
        for person in people:
            enrol(cohort=cohort, participant=person)
        room = services.open_room(trainer=trainer, title="Bench", cohort=cohort, brief=brief)
        roles = [SeatRole.FACILITATOR, SeatRole.PROPOSER] + [SeatRole.MEMBER] * 6
        services.set_circle(room=room, by=trainer, seats=list(zip(people, roles, strict=True)))
        services.start_meeting(room=room, by=trainer)
        services.act(room=room, user=people[1], kind="proposal_presented", values={}, seen=1)
        built.append((room.pk, [session(p) for p in people]))
    return built


def fresh_postgres(url: str) -> None:
    """Drop and create the benchmark's own PostgreSQL database (never another one)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.startswith("lk_") or "bench" not in name:
        raise SystemExit("--database-url must name a database of its own: lk_..._bench")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def start_server(port: int, workers: int = 1) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 — our own server, on loopback
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
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("uvicorn did not start")


async def fan_out(
    port: int, built, actions: int, html: bool = False, pace: float = 0.0
) -> list[float]:
    from websockets.asyncio.client import connect

    latencies: list[float] = []

    def read(message: str) -> dict:
        """JSON news, or the HTML panel a browser gets (its sequence and any refusal)."""
        if not html:
            return json.loads(message)
        refused = 'id="room-error"' in message
        sequence = int(re.search(r'data-sequence="(\d+)"', message).group(1))
        return {"type": "refused" if refused else "news", "sequence": sequence, "message": message}

    async def one_room(room_id: int, cookies: list[str]):
        sockets = [
            await connect(
                f"ws://127.0.0.1:{port}/ws/kamers/{room_id}/" + ("?html=1" if html else ""),
                origin="http://127.0.0.1",
                additional_headers={"Cookie": c},
                open_timeout=60,
                max_queue=None,
            )
            for c in cookies
        ]
        sequence = 0
        for ws in sockets:
            sequence = read(await ws.recv())["sequence"]
        await _pause(pace)  # the rooms do not all begin in the same millisecond
        for i in range(actions):
            step = i % 9
            actor = 0 if step == 0 else step - 1  # facilitator starts, then all eight pass
            message = (
                {"action": "round_started", "round_kind": "question", "seen": sequence}
                if step == 0
                else {"action": "turn_passed", "seen": sequence}
            )
            sent = time.perf_counter()
            await sockets[actor].send(json.dumps(message))
            sequence += 1
            for ws in sockets:
                while True:
                    data = read(await asyncio.wait_for(ws.recv(), 30))
                    if data["type"] == "refused":
                        raise RuntimeError(data["message"])
                    if data["sequence"] >= sequence:
                        break
            latencies.append(time.perf_counter() - sent)
            await _pause(pace)
        for ws in sockets:
            await ws.close()

    await asyncio.gather(*(one_room(room_id, cookies) for room_id, cookies in built))
    return latencies


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of the server process and its worker processes so far: per
    action, the figure that a busy machine does not distort (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1]: parent pid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def _pause(pace: float) -> None:
    """Between one room's actions: `pace` seconds on average (people talk between two
    clicks), spread so the rooms do not act in lockstep; 0: back to back (saturation)."""
    if pace:
        await asyncio.sleep(random.uniform(0.5 * pace, 1.5 * pace))  # noqa: S311


async def echo(
    port: int, rooms: int, actions: int, first_group: int = 0, pace: float = 0.0
) -> list[float]:
    from websockets.asyncio.client import connect

    latencies: list[float] = []

    async def one_group(group: int):
        sockets = [
            await connect(f"ws://127.0.0.1:{port}/ws/echo/?g={group}", origin="http://127.0.0.1")
            for _ in range(8)
        ]
        await _pause(pace)
        for i in range(actions):
            sent = time.perf_counter()
            await sockets[i % 8].send(str(i))
            for ws in sockets:
                while await asyncio.wait_for(ws.recv(), 30) != str(i):
                    pass
            latencies.append(time.perf_counter() - sent)
            await _pause(pace)
        for ws in sockets:
            await ws.close()

    await asyncio.gather(*(one_group(first_group + g) for g in range(rooms)))
    return latencies


async def pollers(port: int, built, count: int, seconds: float) -> tuple[list[float], int]:
    """`count` keep-alive HTTP clients, one GET each 2 s with If-None-Match. Each client
    first fetches the panel once (its 200 and ETag, as a page that has just loaded; not
    measured), then all poll for `seconds`, each at its own moment within the 2 s."""
    latencies: list[float] = []
    others = 0
    ready = asyncio.Semaphore(16)  # the first loads, a few at a time (not a stampede)

    async def get(connection: list, room_id: int, cookie: str, etag: str) -> tuple[int, str]:
        """One GET on the client's keep-alive connection; reopened, as a browser does, when
        the server closed it while idle (uvicorn's keep-alive is 5 s)."""
        for _attempt in range(2):
            reader, writer = connection
            if reader.at_eof():
                writer.close()
                connection[:] = reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(
                f"GET /oefenen/kamers/{room_id}/stand/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Cookie: {cookie}\r\nIf-None-Match: {etag}\r\n\r\n".encode()
            )
            await writer.drain()
            status_line = await reader.readline()
            if status_line:
                break
        headers = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        if length:
            await reader.readexactly(length)
        return int(status_line.split()[1]), headers.get("etag", etag)

    async def one(index: int, start: asyncio.Event, loaded: list):
        nonlocal others
        room_id, cookies = built[index % len(built)]
        cookie = cookies[index % 8]
        connection = list(await asyncio.open_connection("127.0.0.1", port))
        async with ready:
            _status, etag = await get(connection, room_id, cookie, "")
        loaded.append(index)
        if len(loaded) == count:
            start.set()
        await start.wait()
        deadline = time.monotonic() + seconds + 2
        await asyncio.sleep(random.uniform(0, 2))  # noqa: S311 — each at its own moment
        while time.monotonic() < deadline:
            sent = time.perf_counter()
            status, etag = await get(connection, room_id, cookie, etag)
            elapsed = time.perf_counter() - sent
            if status == 304:
                latencies.append(elapsed)
            else:
                others += 1
            await asyncio.sleep(max(0.0, 2.0 - elapsed))
        connection[1].close()

    start, loaded = asyncio.Event(), []
    await asyncio.gather(*(one(i, start, loaded) for i in range(count)))
    return latencies, others


def queries_per_poll(built) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    room_id, cookies = built[0]
    client = Client(HTTP_HOST="127.0.0.1")
    name, _, value = cookies[2].partition("=")
    client.cookies[name] = value
    first = client.get(f"/oefenen/kamers/{room_id}/stand/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"/oefenen/kamers/{room_id}/stand/", HTTP_IF_NONE_MATCH=first["ETag"])
    if again.status_code != 304:
        raise SystemExit(f"expected 304, got {again.status_code}")
    return len(queries)


def poll_service_time(built, count: int = 300) -> list[float]:
    """One 304 poll after another in this process (Django's test client, no server, no
    concurrency): what one poll costs, so what a core can answer per second."""
    from django.test import Client

    room_id, cookies = built[0]
    client = Client(HTTP_HOST="127.0.0.1")
    name, _, value = cookies[2].partition("=")
    client.cookies[name] = value
    path = f"/oefenen/kamers/{room_id}/stand/"
    etag = client.get(path)["ETag"]
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(path, HTTP_IF_NONE_MATCH=etag)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=50)
    parser.add_argument("--actions", type=int, default=18, help="actions per room")
    parser.add_argument("--pollers", type=int, default=400)
    parser.add_argument("--poll-seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--html", action="store_true", help="fan out the HTML panel (as browsers get it), not JSON"
    )
    parser.add_argument(
        "--pace",
        type=float,
        default=1.0,
        help="seconds between one room's actions, on average (0: back to back, saturation)",
    )
    parser.add_argument("--phases", default="fan-out,polls", help="fan-out, polls or both")
    parser.add_argument("--channel-layer", help="CHANNEL_LAYER_URL, e.g. redis://127.0.0.1:6379/5")
    parser.add_argument("--database-url", help="postgres://…/lk_…_bench (dropped and made anew)")
    args = parser.parse_args()
    if args.workers > 1 and not (args.channel_layer or "").startswith("redis"):
        raise SystemExit(
            "More than one worker needs a shared channel layer: --channel-layer redis://…"
        )
    if args.channel_layer:
        os.environ["CHANNEL_LAYER_URL"] = args.channel_layer
    if args.database_url:
        fresh_postgres(args.database_url)
        os.environ["DATABASE_URL"] = args.database_url

    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}")
    print(
        f"uvicorn workers: {args.workers}; channel layer: {os.environ['CHANNEL_LAYER_URL']};"
        f" database: {os.environ['DATABASE_URL'].split(':')[0]}"
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.monotonic()
    built = build(args.rooms)
    print(f"built {args.rooms} rooms x 8 members in {time.monotonic() - started:.0f} s")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = start_server(port, args.workers)

    def phase(label: str, run):
        """One phase; a phase that times out is reported, and the others still run."""
        try:
            return asyncio.run(run)
        except TimeoutError:
            print(f"{label}: TIMED OUT (a message did not arrive within 30 s)", flush=True)
            return []

    phases = set(args.phases.split(","))
    echo_times = room_times = echo_again = poll_times = []
    others = 0
    pace = f"one action per room every {args.pace:g} s on average" if args.pace else "back to back"
    try:
        if "fan-out" in phases:
            echo_times = phase("echo (first)", echo(port, args.rooms, args.actions, 0, args.pace))
            cpu_before = server_cpu_seconds(server.pid)
            room_times = phase(
                "room fan-out", fan_out(port, built, args.actions, args.html, args.pace)
            )
            cpu = server_cpu_seconds(server.pid) - cpu_before
            kind = "HTML panel" if args.html else "JSON news"
            print(f"\nFan-out ({kind}), {args.rooms} rooms x 8 WebSockets, {args.actions} actions,")
            print(f"{pace}:")
            print(describe("room action -> all 8 members", room_times), flush=True)
            if room_times:
                per_action = cpu / len(room_times) * 1000
                print(f"server CPU per action (all processes): {per_action:.1f} ms", flush=True)
            # Other group names than the first echo run: nothing left over from it counts.
            echo_again = phase(
                "echo (again)", echo(port, args.rooms, args.actions, args.rooms, args.pace)
            )
            print(f"load average after fan-out: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if "polls" in phases:
            poll_times, others = asyncio.run(pollers(port, built, args.pollers, args.poll_seconds))
    finally:
        server.terminate()
        server.wait(timeout=10)
    echo_all = echo_times + echo_again
    if "fan-out" in phases:
        print(describe("empty echo consumer -> all 8", echo_all))
    if room_times and echo_all:
        p50 = statistics.median(room_times) / statistics.median(echo_all)
        p95 = percentile(room_times, 0.95) / percentile(echo_all, 0.95)
        print(f"ratio room/echo: p50 {p50:.1f}x  p95 {p95:.1f}x")
    if "polls" in phases:
        print(
            f"\nPolling, {args.pollers} clients, one request per 2 s for {args.poll_seconds:.0f} s:"
        )
        print(describe("304 Not Modified", poll_times))
        print(f"answers other than 304: {others}")
        print(f"queries per 304 poll: {queries_per_poll(built)}")
        print(describe("one 304 alone, in process (service time)", poll_service_time(built)))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
