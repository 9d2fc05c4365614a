"""Queries stay constant as cohorts grow (issue 15): "Mijn Leerkring", the trainer's
pages, the attendance register and /beheer/'s cohort listing at 1×, 10× and 100× data."""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.dataset import build, grow
from cohorts.selectors import TRAINER_PAGE_SIZE
from courses.demo import ensure_home_page
from tests.courses.factories_pages import course_index

BUDGET = 15
SIZES = tuple(int(n) for n in os.environ.get("QUERY_COUNT_SIZES", "1,10,100").split(","))


def _count(client, url) -> tuple[int, object]:
    client.get(url)  # first visit: Wagtail's user profile, cached site lookups
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), response


@pytest.mark.django_db
def test_dashboards_keep_their_query_count_as_cohorts_grow(client):
    ensure_home_page()
    course_index()
    data = build(SIZES[0])
    counts = {}
    for size in SIZES:
        grow(data, to=size)
        session = data.cohort.sessions.first()
        client.force_login(data.participant)
        counts[("mijn", size)], _ = _count(client, reverse("accounts:dashboard"))
        client.force_login(data.trainer)
        counts[("trainer", size)], response = _count(client, reverse("cohorts:trainer_dashboard"))
        assert len(response.context["upcoming"]) == min(size, TRAINER_PAGE_SIZE)
        counts[("trainer cohort", size)], _ = _count(
            client, reverse("cohorts:trainer_cohort", args=[data.cohort.pk])
        )
        counts[("attendance", size)], _ = _count(
            client, reverse("cohorts:trainer_attendance", args=[session.pk])
        )
        client.force_login(data.staff)
        counts[("beheer cohorts", size)], _ = _count(client, "/beheer/cohorts/")
    for (name, size), count in counts.items():
        budget = BUDGET if name != "beheer cohorts" else counts[(name, SIZES[0])]
        assert count <= budget, f"{name} at {size}×: {count} queries ({counts})"
        assert count <= counts[(name, SIZES[0])], f"{name} grows: {counts}"


@pytest.mark.django_db
def test_the_trainer_pages_through_upcoming_cohorts(client):
    ensure_home_page()
    course_index()
    data = build(TRAINER_PAGE_SIZE + 2)
    client.force_login(data.trainer)
    url = reverse("cohorts:trainer_dashboard")
    first = client.get(url)
    second = client.get(url, {"pagina": 2})
    ids = [card.cohort.pk for card in first.context["upcoming"]] + [
        card.cohort.pk for card in second.context["upcoming"]
    ]
    assert len(ids) == len(set(ids)) == TRAINER_PAGE_SIZE + 2
    html = first.content.decode()
    assert 'class="pagination"' in html and 'href="?pagina=2"' in html


@pytest.mark.django_db
def test_the_beheer_cohort_listing_reads_only_what_it_shows(admin_client):
    """Of each row's course only the title (no StreamField bodies parsed per row); for a
    planner no "id IN (every id)" filter; the course filter reads (id, title) pairs."""
    from tests.cohorts.factories import make_cohort

    make_cohort(title="Zwolle voorjaar")
    admin_client.get("/beheer/cohorts/")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get("/beheer/cohorts/")
    assert "Zwolle voorjaar" in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    rows = [s for s in sql if s.startswith('SELECT "cohorts_cohort"."id"')]
    assert len(rows) == 1, sql
    assert '"wagtailcore_page"."title"' in rows[0]
    assert '"courses_coursepage"."body"' not in rows[0]
    assert '"courses_coursepage"."learning_goals"' not in rows[0]
    assert not [s for s in sql if '"cohorts_cohort"."id" IN (SELECT' in s], sql
