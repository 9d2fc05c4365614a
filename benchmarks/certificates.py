"""Certificate PDF benchmark: our pipeline next to bare WeasyPrint, and a cohort of 8.

    .venv/bin/python benchmarks/certificates.py            # N=20 renders, cohort of 8
    .venv/bin/python benchmarks/certificates.py --n 50 --cohort 8
    .venv/bin/python benchmarks/certificates.py --write-docs   # table into docs/performance.md

It creates a throw-away test database (SQLite in memory, migrations applied) and a
temporary media folder, so it touches nothing of yours. Figures go to stdout; the ones
in docs/performance.md come from this script.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.test")
os.environ["DATABASE_URL"] = "sqlite://:memory:"


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def describe(label: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return (
        f"{label:<44} median {statistics.median(ms):7.1f} ms   mean {statistics.fmean(ms):7.1f} ms"
        f"   min {ms[0]:7.1f} ms   max {ms[-1]:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="PDFs per measurement (default 20)")
    parser.add_argument("--cohort", type=int, default=8, help="participants (default 8)")
    parser.add_argument("--write-docs", action="store_true", help="the table into the docs")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # task and page-creation chatter
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="leerkring-bench-"))
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    import weasyprint

    from certificates.codes import generate_code
    from certificates.render import certificate_html, render_certificate_pdf
    from certificates.snapshot import CertificateSnapshot

    snapshot = CertificateSnapshot(
        participant_name="Ingrid van der Meer-Özdemir",
        course_title="Besluiten met consent: sociocratie voor raadsleden en ambtenaren",
        course_format="leergang",
        contact_hours=Decimal("12.0"),
        session_dates=(date(2026, 9, 14), date(2026, 9, 28), date(2026, 10, 12)),
        location="Gemeente Utrecht",
        trainer_names=("Annemiek Bos", "Jeroen de Wit"),
        issuer="Leerkring",
    )
    issued_at = timezone.now()

    # The baseline (issue 15): a bare one-page A4 with one font, rendered by WeasyPrint
    # with its own fetcher and a fresh font configuration, as anyone would call it. Comparing
    # with our own HTML instead would hide what our template and CSS cost.
    font = (ROOT / "static" / "fonts" / "source-sans-3" / "source-sans-3-400-normal.ttf").as_uri()
    bare_html = (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>Bare</title><style>"
        "@page { size: A4; margin: 2cm }"
        f"@font-face {{ font-family: Body; src: url('{font}') }}"
        "body { font-family: Body; font-size: 12pt }"
        "</style></head><body><h1>Certificaat</h1>"
        "<p>Ingrid van der Meer-Özdemir heeft deelgenomen aan de leergang.</p></body></html>"
    )
    # Also: the same HTML as the pipeline, bare (no template, QR code, fetcher or hash), with
    # the fixed stylesheet that the pipeline parses once per process put back in its <style>.
    from django.template.loader import render_to_string

    from certificates.render import STYLESHEET

    html = certificate_html(snapshot=snapshot, code=generate_code(), issued_at=issued_at)
    html = html.replace("<style>", "<style>" + render_to_string(STYLESHEET), 1)
    static_uri = (ROOT / "static").as_uri()
    same_html = html.replace('"/static/', f'"{static_uri}/').replace("'/static/", f"'{static_uri}/")

    def bare():
        weasyprint.HTML(string=bare_html).write_pdf()

    def same():
        weasyprint.HTML(string=same_html, base_url=static_uri + "/").write_pdf()

    def pipeline():
        render_certificate_pdf(snapshot=snapshot, code=generate_code(), issued_at=issued_at)

    bare()
    same()
    pipeline()  # warm up: fontconfig, imports, template loading
    # Interleaved, so a busy machine slows every side alike.
    bare_times, same_times, pipeline_times = [], [], []
    for _ in range(args.n):
        bare_times += timed(bare, 1)
        same_times += timed(same, 1)
        pipeline_times += timed(pipeline, 1)

    # The whole issuing path for a cohort: eligibility, snapshot, render, file, row.
    from certificates.models import Certificate
    from certificates.services import issue_for_cohort
    from tests.certificates.factories import enrol_participant, make_completed_cohort

    cohort = make_completed_cohort(days=3)
    trainer = cohort.trainers.get()
    for _ in range(args.cohort):
        enrol_participant(cohort)
    start = time.perf_counter()
    result = issue_for_cohort(cohort=cohort, issued_by=trainer)
    cohort_seconds = time.perf_counter() - start
    if not len(result.issued) == args.cohort == Certificate.objects.count():
        raise SystemExit(f"Expected {args.cohort} certificates, got {result.as_dict()}")

    ratio = statistics.median(pipeline_times) / statistics.median(bare_times)
    best_ratio = min(pipeline_times) / min(bare_times)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}"
    )
    print(f"{args.n} PDFs each, after one warm-up render\n")
    print(describe("bare WeasyPrint (one-page A4, one font)", bare_times))
    print(describe("WeasyPrint, our certificate HTML, bare", same_times))
    print(describe("certificate pipeline (template+QR+PDF+hash)", pipeline_times))
    same_ratio = statistics.median(pipeline_times) / statistics.median(same_times)
    print(f"\nratio pipeline / bare A4: median {ratio:.2f}x, best {best_ratio:.2f}x (goal <= 1.3x)")
    print(f"ratio pipeline / same HTML bare: median {same_ratio:.2f}x")
    print(f"load average while measuring: {os.getloadavg()[0]:.2f}")
    print(
        f"cohort of {args.cohort}, issue_for_cohort end to end: {cohort_seconds:.2f} s "
        f"({cohort_seconds / args.cohort * 1000:.0f} ms per certificate)   (goal < 1.5 s)"
    )
    if args.write_docs:
        from benchmarks.docs import DOCS, write_block

        write_block(
            "certificates-benchmark",
            docs_table(args, bare_times, same_times, pipeline_times, cohort_seconds, weasyprint),
        )
        print(f"Written to {DOCS.relative_to(ROOT)}")


def docs_table(args, bare_times, same_times, pipeline_times, cohort_seconds, weasyprint) -> str:
    """The run as docs/performance.md shows it: the command, the machine, the medians."""

    def median_ms(times: list[float]) -> str:
        return f"{statistics.median(times) * 1000:.1f} ms"

    ratio = statistics.median(pipeline_times) / statistics.median(bare_times)
    best = min(pipeline_times) / min(bare_times)
    per_certificate = cohort_seconds / args.cohort * 1000
    cohort_met = "met" if cohort_seconds < 1.5 else "**not met**"
    lines = [
        f"Measured on {date.today():%d-%m-%Y} with `benchmarks/certificates.py --n {args.n} "
        f"--cohort {args.cohort} --write-docs` on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, SQLite; "
        f"load average while measuring {os.getloadavg()[0]:.1f}. {args.n} PDFs per side, "
        "interleaved, after one warm-up render.",
        "",
        "| | median per PDF |",
        "|---|---|",
        f"| bare WeasyPrint, one-page A4, one font (the baseline) | {median_ms(bare_times)} |",
        "| bare WeasyPrint, our certificate HTML and stylesheet (fresh font configuration, "
        f"fetcher and parse each time) | {median_ms(same_times)} |",
        "| certificate pipeline (template, QR code, WeasyPrint with the shared font "
        f"configuration, fetcher, stylesheet and image cache, SHA-256) | "
        f"{median_ms(pipeline_times)} |",
        f"| **ratio pipeline / bare A4** | **{ratio:.2f}× (best {best:.2f}×)** — goal ≤ 1.3× "
        f"{'met' if ratio <= 1.3 else '**not met**'} |",
        f"| cohort of {args.cohort}, `issue_for_cohort` end to end | **{cohort_seconds:.2f} s**, "
        f"{per_certificate:.0f} ms per certificate — goal < 1.5 s {cohort_met} |",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
