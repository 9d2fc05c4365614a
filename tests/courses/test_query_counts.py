"""Queries stay constant as the catalogue grows (issue 15): the same pages at 1×, 10× and
100× data, each within its budget, and no page shows more rows than one page's worth."""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.dataset import build, grow
from courses.demo import ensure_home_page
from courses.selectors.catalogue import CATALOGUE_PAGE_SIZE
from tests.courses.factories_pages import course_index

# Issue 15: home, catalogue, course page and lesson within 12 queries, anonymous or logged
# in (a logged-in page also reads the session, the user and whether they may open lessons).
BUDGET = 12
SIZES = tuple(int(n) for n in os.environ.get("QUERY_COUNT_SIZES", "1,10,100").split(","))


def _count(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    if os.environ.get("SHOW_QUERIES"):
        print(url, len(queries))
        for query in queries.captured_queries:
            print("   ", query["sql"][:300])
    return len(queries), response


@pytest.mark.django_db
def test_public_pages_keep_their_query_count_as_data_grows(client):
    ensure_home_page()
    index = course_index()
    data = build(SIZES[0])
    counts = {}
    for size in SIZES:
        grow(data, to=size)
        pages = {
            "home": "/",
            "catalogue": index.url,
            "catalogue page 2": index.url + "?pagina=2",
            "catalogue filtered": index.url + "?format=studiedag&planned=on",
            "catalogue search": index.url + "?q=studiedag",
            "course page": data.course.url,
            "lesson": data.lesson.url,
        }
        client.logout()
        for name in ("home", "catalogue", "catalogue page 2", "course page"):
            client.get(pages[name])  # warm Wagtail's site and root-path caches
        for name in pages:
            if name == "lesson":
                continue  # lessons are for enrolled participants (below)
            counts[(name, "anonymous", size)], response = _count(client, pages[name])
            if name == "home":
                assert len(response.context["upcoming_cohorts"]) <= 4
            if name.startswith("catalogue"):
                assert len(response.context["result"].courses) <= CATALOGUE_PAGE_SIZE
        client.force_login(data.participant)
        for name in ("course page", "lesson"):
            client.get(pages[name])
            counts[(name, "participant", size)], response = _count(client, pages[name])

    if os.environ.get("SHOW_QUERIES"):
        print(counts)
    for (name, who, size), count in counts.items():
        assert count <= BUDGET, f"{name} ({who}) at {size}×: {count} queries"
        # Constant in data size: never more than at the smallest size.
        assert count <= counts[(name, who, SIZES[0])], f"{name} ({who}) grows: {counts}"


@pytest.mark.django_db
def test_catalogue_pages_through_every_course_once(client):
    ensure_home_page()
    index = course_index()
    build(CATALOGUE_PAGE_SIZE + 3)
    first = client.get(index.url)
    second = client.get(index.url + "?pagina=2")
    titles = [c.title for c in first.context["result"].courses] + [
        c.title for c in second.context["result"].courses
    ]
    assert len(titles) == len(set(titles)) == CATALOGUE_PAGE_SIZE + 3
    html = first.content.decode()
    assert 'aria-label="Cursussen: pagina\'s"' in html or "pagination" in html
    assert 'href="?pagina=2"' in html
    assert 'rel="prev"' in second.content.decode()
