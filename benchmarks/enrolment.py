"""Enrolment under load on PostgreSQL (issue 15): many people enrolling at the same moment,
through Django's psycopg connection pool.

    .venv/bin/python benchmarks/enrolment.py                       # 200 attempts, pool of 8
    .venv/bin/python benchmarks/enrolment.py --cohorts 1           # all on one cohort
    .venv/bin/python benchmarks/enrolment.py --database-url postgres://postgres@127.0.0.1:5432/lk_perf_bench

It (re)creates its own database (default `lk_perf_bench` on 127.0.0.1:5432), migrates it,
and builds a course with `--cohorts` open cohorts of 8 places and `--attempts` participants,
all with the project's own services. Then every participant tries to enrol at the same
moment (`cohorts.services.enrolment.enrol`, one thread each, like one request each) in
`--processes` worker processes (like gunicorn's workers) that share `--pool` connections:
each process has the production settings' psycopg pool with pool/processes connections.

Per attempt it measures the wait for a pooled connection and the enrolment itself (lock the
cohort, count, write, commit, queue the email task), and it reports p50/p95 of each and of
the two together, next to the same enrolment done one at a time (the floor); whether any
cohort holds more people than places; and the most connections the database saw (sampled
from pg_stat_activity) against max_connections.
Figures go to stdout; nothing here is a test (timings are not asserted anywhere).
"""

import argparse
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/lk_perf_bench"
FLOOR_TITLE = "Vloer"  # the cohort of the one-at-a-time measurement


def _environment(args) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        SECRET_KEY="benchmark-only-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=args.database_url,
        # This process only prepares and checks, on one plain connection; the workers get
        # the pool (_run_workers), so the connections counted during the run are theirs.
        DB_POOL_MAX_SIZE="0",
        DB_POOL_TIMEOUT="30",
        CACHE_URL="locmemcache://",
        PAGE_CACHE_SECONDS="0",
        EMAIL_URL="consolemail://",
    )


def _server_params(url: str) -> tuple[dict, str]:
    import environ

    config = environ.Env.db_url_config(url)
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit("This benchmark needs PostgreSQL (--database-url postgres://…).")
    params = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
    }
    return params, config["NAME"]


def _fresh_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    params, name = _server_params(url)
    with psycopg.connect(**params, dbname="postgres", autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _build(attempts: int, cohort_count: int):
    from datetime import time as clock
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from accounts.models import User
    from accounts.roles import TRAINER, assign_role
    from benchmarks.dataset import _index
    from cohorts.services.lifecycle import SessionPlan, schedule_cohort
    from courses.models import CourseFormat, CoursePage

    trainer = User.objects.create_user(email="bench-trainer@example.nl", password=None)
    assign_role(trainer, TRAINER)
    course = _index().add_child(
        instance=CoursePage(
            title="Studiedag enrolment",
            slug="studiedag-enrolment",
            intro="Een dag oefenen met consentbesluitvorming.",
            format=CourseFormat.STUDY_DAY,
            dagdelen=2,
            contact_hours=Decimal("6.0"),
            price_amount=Decimal("395.00"),
            max_participants=8,
        )
    )
    day = timezone.localdate() + timedelta(days=30)
    cohorts = [
        schedule_cohort(
            course=course,
            title=f"Groep {n + 1}",
            sessions=[SessionPlan(date=day, start_time=clock(9, 30), end_time=clock(16, 30))],
            trainers=[trainer],
            by=trainer,
            location="Stadhuis Utrecht",
        )
        for n in range(cohort_count)
    ]
    participants = User.objects.bulk_create(
        User(email=f"bench-enrol-{n}@example.nl", first_name="Deelnemer", last_name=str(n))
        for n in range(attempts)
    )
    return cohorts, participants


class ConnectionSampler(threading.Thread):
    """Counts the backends connected to our database, every few milliseconds."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.params, self.name = _server_params(url)
        self.peak = 0
        self.stop = threading.Event()

    def run(self):
        import psycopg

        with psycopg.connect(**self.params, dbname=self.name, autocommit=True) as conn:
            while not self.stop.is_set():
                (count,) = conn.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                    "pg_backend_pid()",
                    [self.name],
                ).fetchone()
                self.peak = max(self.peak, count)
                time.sleep(0.002)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def _worker(args) -> None:
    """One worker process: its share of the attempts, all started at `--start-at`."""
    import json

    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.db import connection

    from accounts.models import User
    from cohorts.models import Cohort
    from cohorts.services.enrolment import EnrolmentError, enrol

    cohorts = list(Cohort.objects.exclude(title=FLOOR_TITLE).order_by("pk"))
    people = list(User.objects.filter(email__startswith="bench-enrol-").order_by("pk"))
    mine = [n for n in range(len(people)) if n % args.processes == args.worker]
    connection.close()

    waits: list[float] = []
    work: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def attempt(index: int) -> None:
        participant, cohort = people[index], cohorts[index % len(cohorts)]
        time.sleep(max(0.0, args.start_at - time.time()))
        begin = time.perf_counter()
        try:
            connection.ensure_connection()  # a connection from the pool, or a wait for one
            got = time.perf_counter()
            enrol(cohort=cohort, participant=participant)
            done = time.perf_counter()
            with lock:
                waits.append(got - begin)
                work.append(done - got)
        except EnrolmentError as error:
            with lock:
                errors.append(str(error))
        except Exception as error:  # noqa: BLE001 — reported, not hidden
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()  # back to the pool, as at the end of a request

    threads = [threading.Thread(target=attempt, args=(n,)) for n in mine]
    ready = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    finished = time.time()
    print(
        json.dumps(
            {
                "waits": waits,
                "work": work,
                "errors": errors,
                "late": max(0.0, ready - args.start_at),
                "finished": finished,
            }
        )
    )


def _run_workers(args, start_at: float) -> list[dict]:
    import json
    import subprocess

    per_process = max(1, args.pool // args.processes)
    # Each pool opens its connections before the start, so connecting is not measured.
    env = {
        **os.environ,
        "DB_POOL_MAX_SIZE": str(per_process),
        "DB_POOL_MIN_SIZE": str(per_process),
    }
    command = [sys.executable, str(Path(__file__).resolve())]
    common = ["--processes", str(args.processes), "--start-at", f"{start_at:.3f}"]
    common += ["--database-url", args.database_url]
    workers = [
        subprocess.Popen(  # noqa: S603 — our own interpreter and script
            [*command, *common, "--worker", str(n)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(args.processes)
    ]
    results = []
    for worker in workers:
        out, _err = worker.communicate(timeout=600)
        if worker.returncode:
            raise SystemExit(f"A worker failed ({worker.returncode}).")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def _sequential(cohort, participants) -> list[float]:
    """The floor: the same enrolment one at a time, nobody else on the machine's pool."""
    from django.db import connection

    from cohorts.services.enrolment import enrol

    times = []
    for participant in participants:
        connection.ensure_connection()
        begin = time.perf_counter()
        enrol(cohort=cohort, participant=participant)
        times.append(time.perf_counter() - begin)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--cohorts", type=int, default=5, help="open cohorts of 8 (default 5)")
    parser.add_argument(
        "--pool", type=int, default=8, help="connections in all (default 8), split over processes"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=2,
        help="worker processes, like gunicorn's (default 2: 2 × 4 connections)",
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_URL))
    parser.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker is not None:
        _worker(args)
        return

    _environment(args)
    started = time.perf_counter()
    _fresh_database(args.database_url)

    import logging

    import django
    from django.core.management import call_command

    django.setup()
    logging.disable(logging.WARNING)
    call_command("migrate", verbosity=0)
    cohorts, participants = _build(args.attempts, args.cohorts)
    # The floor, on a cohort of its own with participants of their own.
    floor = _sequential(*_build_floor())
    print(f"database migrated and filled in {time.perf_counter() - started:.0f} s", flush=True)

    from django.db import connection

    from cohorts.models import SEAT_STATUSES, Enrolment, EnrolmentStatus

    connection.close()
    (max_connections,) = _max_connections(args.database_url)

    sampler = ConnectionSampler(args.database_url)
    sampler.start()
    start_at = time.time() + 15  # every worker has imported Django and is waiting by then
    results = _run_workers(args, start_at)
    late = max(r["late"] for r in results)
    wall = max(r["finished"] for r in results) - start_at - late
    sampler.stop.set()
    sampler.join(timeout=5)
    waits = [t for r in results for t in r["waits"]]
    work = [t for r in results for t in r["work"]]
    errors = [e for r in results for e in r["errors"]]

    overbooked = []
    totals = {"enrolled": 0, "waitlisted": 0}
    for cohort in cohorts:
        seats = Enrolment.objects.filter(cohort=cohort, status__in=SEAT_STATUSES).count()
        waiting = Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.WAITLISTED).count()
        totals["enrolled"] += seats
        totals["waitlisted"] += waiting
        cohort.refresh_from_db()
        if seats > cohort.max_participants:
            overbooked.append(f"{cohort.title}: {seats} > {cohort.max_participants}")
    connection.close()

    ms = [1000 * t for t in work]
    wait_ms = [1000 * t for t in waits]
    total_ms = [1000 * (a + b) for a, b in zip(waits, work, strict=True)]
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, PostgreSQL on {args.database_url.split('@')[-1]}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"{args.attempts} concurrent attempts on {args.cohorts} cohort(s) of 8 places, "
        f"{args.processes} process(es) sharing {args.pool} pooled connections; "
        f"all done {wall:.2f} s after the start"
        + (f" (a worker was ready {late:.1f} s late)" if late > 0 else "")
    )
    for label, values in (
        ("one at a time (the floor)", [1000 * t for t in floor]),
        ("enrolment itself (connection held)", ms),
        ("wait for a pooled connection", wait_ms),
        ("attempt end to end (wait + enrolment)", total_ms),
    ):
        if values:
            print(
                f"  {label:<40} p50 {statistics.median(values):7.1f} ms   "
                f"p95 {_percentile(values, 0.95):7.1f} ms   max {max(values):7.1f} ms"
            )
    print(
        f"enrolled {totals['enrolled']}, waiting list {totals['waitlisted']}, refused or "
        f"failed {len(errors)}" + (f" (first: {errors[0]})" if errors else "")
    )
    print("overbooked cohorts: " + (", ".join(overbooked) if overbooked else "none"))
    print(
        f"most connections to the database at once: {sampler.peak} (pool {args.pool} in all; "
        f"max_connections {max_connections})"
    )
    goal = _percentile(ms, 0.95) < 50 if ms else False
    print(f"p95 of the enrolment itself < 50 ms: {'yes' if goal else 'no'}")


def _build_floor():
    from datetime import time as clock
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User
    from cohorts.models import Cohort
    from cohorts.services.lifecycle import SessionPlan, schedule_cohort

    first = Cohort.objects.order_by("pk").first()
    trainer = first.trainers.first()
    cohort = schedule_cohort(
        course=first.course,
        title=FLOOR_TITLE,
        sessions=[
            SessionPlan(
                date=timezone.localdate() + timedelta(days=31),
                start_time=clock(9, 30),
                end_time=clock(16, 30),
            )
        ],
        trainers=[trainer],
        by=trainer,
        location="Stadhuis Utrecht",
    )
    people = User.objects.bulk_create(
        User(email=f"bench-floor-{n}@example.nl", first_name="Vloer", last_name=str(n))
        for n in range(20)
    )
    return cohort, people


def _max_connections(url: str) -> tuple[int]:
    import psycopg

    params, name = _server_params(url)
    with psycopg.connect(**params, dbname=name, autocommit=True) as conn:
        (value,) = conn.execute("SHOW max_connections").fetchone()
    return (int(value),)


if __name__ == "__main__":
    main()
