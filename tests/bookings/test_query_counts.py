"""The staff overview of in-company requests reads one page whatever the number of
requests (issue 15)."""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.dataset import build, grow
from bookings.selectors import STAFF_PAGE_SIZE
from courses.demo import ensure_home_page
from tests.courses.factories_pages import course_index

BUDGET = 15
SIZES = tuple(int(n) for n in os.environ.get("QUERY_COUNT_SIZES", "1,10,100").split(","))


@pytest.mark.django_db
def test_staff_overview_keeps_its_query_count_and_pages(client):
    ensure_home_page()
    course_index()
    data = build(SIZES[0])
    client.force_login(data.staff)
    url = reverse("bookings:staff_overview")
    counts = {}
    for size in SIZES:
        grow(data, to=size)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[size] = len(queries)
        assert len(response.context["booking_requests"]) == min(size, STAFF_PAGE_SIZE)
    assert all(count <= BUDGET for count in counts.values()), counts
    assert all(count <= counts[SIZES[0]] for count in counts.values()), counts
    if size > STAFF_PAGE_SIZE:
        html = response.content.decode()
        assert 'class="pagination"' in html and 'href="?pagina=2"' in html
        second = client.get(url, {"pagina": 2})
        first_ids = {b.pk for b in response.context["booking_requests"]}
        assert not first_ids & {b.pk for b in second.context["booking_requests"]}
