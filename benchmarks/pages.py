"""Page benchmark: throughput and latency of the key pages as the catalogue grows.

    .venv/bin/python benchmarks/pages.py                  # 5, 50, 500 courses, 3 rounds
    .venv/bin/python benchmarks/pages.py --short          # CI: 5 and 50 courses, 1 round
    .venv/bin/python benchmarks/pages.py --write-docs     # also update docs/performance.md

For each size it builds a throw-away SQLite database with the project's own services
(benchmarks/dataset.py: courses with a lesson and a cohort, enrolments, in-company
requests), serves it with gunicorn and the production settings (benchmarks/settings.py) on
127.0.0.1 only, and fires requests at concurrency 8. Every page is measured next to the
health check /gezond/ (one query), alternating, so the printed ratios hold on a busy
machine. Requests are bounded in number and time; the server is stopped at the end.

It never fails on timing, only on errors (a page that does not answer 200).
"""

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
from benchmarks.docs import DOCS, write_block  # noqa: E402 — after the path is set

MAX_REQUESTS = 5000  # per measurement, whatever the duration

# name, who is logged in, how the URL is found (see _prepare)
PAGES = [
    ("home", None, "home"),
    ("catalogue", None, "catalogue"),
    ("course page", None, "course"),
    ("course page (participant)", "participant", "course"),
    ("lesson (participant)", "participant", "lesson"),
    ("/mijn/ (participant)", "participant", "mijn"),
    ("/trainer/", "trainer", "trainer"),
    ("attendance register", "trainer", "attendance"),
    ("in-company staff overview", "staff", "staff"),
    ("/beheer/cohorts/", "staff", "admin_cohorts"),
]

PREPARE = r"""
import json, sys
import django
django.setup()
from django.test import Client
from django.urls import reverse
from benchmarks.dataset import build
from courses.demo import ensure_home_page
ensure_home_page()
data = build(int(sys.argv[1]))
session = data.cohort.sessions.first()
urls = {
    "home": "/",
    "catalogue": data.course.get_parent().url,
    "course": data.course.url,
    "lesson": data.lesson.url,
    "mijn": reverse("accounts:dashboard"),
    "trainer": reverse("cohorts:trainer_dashboard"),
    "attendance": reverse("cohorts:trainer_attendance", args=[session.pk]),
    "staff": reverse("bookings:staff_overview"),
    "admin_cohorts": "/beheer/cohorts/",
}
cookies = {}
for who in ("participant", "trainer", "staff"):
    client = Client()
    client.force_login(getattr(data, who))
    cookies[who] = client.cookies["sessionid"].value
print(json.dumps({"urls": urls, "cookies": cookies}))
"""


def _env(workdir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        STATIC_ROOT=str(workdir.parent / "static"),
        CACHE_URL="locmemcache://",
        # The application itself is measured, not the anonymous page cache.
        PAGE_CACHE_SECONDS="0",
        PYTHONPATH=str(ROOT),
    )
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 — loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server did not answer at {url}")


def measure(base: str, path: str, cookie: str | None, *, duration: float, concurrency: int):
    """Requests from `concurrency` threads for `duration` seconds (or MAX_REQUESTS)."""
    headers = {"X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker():
        while time.monotonic() < stop_at:
            with lock:
                if len(latencies) + len(errors) >= MAX_REQUESTS:
                    return
            request = urllib.request.Request(base + path, headers=headers)  # noqa: S310
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    response.read()
                    ok = response.status == 200 and response.url.endswith(path.split("?")[0])
            except OSError as error:
                ok, response = False, error
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors.append(f"{path}: {response}")

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    if errors:
        raise SystemExit(f"Errors while measuring {path}: {errors[:3]}")
    ms = sorted(t * 1000 for t in latencies)
    return {
        "rps": len(ms) / wall,
        "p50": statistics.median(ms),
        "p95": ms[min(len(ms) - 1, int(len(ms) * 0.95))],
        "n": len(ms),
    }


def run_size(size, args, workdir: Path) -> dict:
    env = _env(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    # Every size starts from the same migrated, empty database.
    shutil.copy(workdir.parent / "template.sqlite3", workdir / "db.sqlite3")
    started = time.perf_counter()
    prepared = subprocess.run(  # noqa: S603 — our own interpreter and code
        [PYTHON, "-c", PREPARE, str(size)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if prepared.returncode:
        raise SystemExit(f"Building {size} courses failed:\n{prepared.stderr[-3000:]}")
    info = json.loads(prepared.stdout.strip().splitlines()[-1])
    print(f"  {size} courses built in {time.perf_counter() - started:.0f} s", flush=True)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            "leerkring.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        _wait_for(base + "/gezond/")
        for _name, who, key in PAGES:  # warm up every page once
            measure(base, info["urls"][key], info["cookies"].get(who), duration=0.2, concurrency=1)
        for _round in range(args.rounds):
            for name, who, key in PAGES:
                cookie = info["cookies"].get(who)
                page = measure(
                    base,
                    info["urls"][key],
                    cookie,
                    duration=args.duration,
                    concurrency=args.concurrency,
                )
                health = measure(
                    base, "/gezond/", None, duration=args.duration, concurrency=args.concurrency
                )
                page["ratio"] = page["rps"] / health["rps"]
                results.setdefault(name, []).append(page)
    finally:
        server.terminate()
        server.wait(timeout=30)
    # The median round of each page.
    return {
        name: {
            key: statistics.median(r[key] for r in rounds) for key in ("rps", "p50", "p95", "ratio")
        }
        for name, rounds in results.items()
    }


def import_time(env: dict) -> tuple[float, float]:
    """Wall and CPU time (user + system) for a fresh worker process to import the app
    (settings, URLs, WSGI), the fastest of 3. On a shared machine the CPU time is the steadier
    figure: the wall time also counts the time other processes held the cores."""
    import resource

    code = "import django; django.setup(); import leerkring.urls, leerkring.wsgi"
    walls, cpus = [], []
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def report(sizes, by_size, args, startup) -> str:
    lines = [
        f"Measured on {date.today():%d-%m-%Y} with `{args.command}` on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite, gunicorn "
        f"{args.workers} sync workers, concurrency {args.concurrency}, {args.rounds} round(s) of "
        f"{args.duration:g} s per page (median round); load average at the end "
        f"{os.getloadavg()[0]:.1f}.",
        "",
        "Throughput relative to the health check (`/gezond/`, one query) measured right after "
        "each page — the figure that holds on a busy machine — and, in brackets, the absolute "
        "req/s:",
        "",
        "| page | " + " | ".join(f"{s} courses" for s in sizes) + " | kept at "
        f"{sizes[-1]} (vs {sizes[0]}) |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]
    for name, *_rest in PAGES:
        cells = [
            f"{by_size[s][name]['ratio']:.2f} ({by_size[s][name]['rps']:.0f}/s)" for s in sizes
        ]
        kept = by_size[sizes[-1]][name]["ratio"] / by_size[sizes[0]][name]["ratio"]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {kept:.0%} |")
    lines += [
        "",
        f"Latency at {sizes[-1]} courses (ms):",
        "",
        "| page | p50 | p95 |",
        "|---|---|---|",
    ]
    for name, *_rest in PAGES:
        r = by_size[sizes[-1]][name]
        lines.append(f"| {name} | {r['p50']:.0f} | {r['p95']:.0f} |")
    wall, cpu = startup
    lines += [
        "",
        f"A worker imports the app in {wall:.2f} s wall, {cpu:.2f} s CPU (fastest of 3, "
        "goal < 2 s).",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,50,500")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per measurement")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--short", action="store_true", help="CI: 5 and 50 courses, 1 round")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if args.short:
        args.sizes, args.rounds, args.duration = "5,50", 1, 1.0
    args.command = "benchmarks/pages.py " + " ".join(sys.argv[1:])
    sizes = [int(s) for s in args.sizes.split(",")]

    tmp = Path(tempfile.mkdtemp(prefix="leerkring-pages-"))
    try:
        env = _env(tmp / "collect")
        subprocess.run(  # noqa: S603 — production static files, as a server has them
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        migrate_env = _env(tmp / "collect") | {
            "DATABASE_URL": f"sqlite:///{tmp / 'template.sqlite3'}"
        }
        subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=migrate_env,
            check=True,
        )
        startup = import_time(env)
        by_size = {}
        for size in sizes:
            print(f"Measuring {size} courses ...", flush=True)
            by_size[size] = run_size(size, args, tmp / f"size-{size}")
            # After every size, so a run cut short still leaves what it measured.
            text = report(list(by_size), by_size, args, startup)
            print(text, flush=True)
            if args.write_docs:
                write_block("pages-benchmark", text)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.write_docs:
        print(f"Written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
