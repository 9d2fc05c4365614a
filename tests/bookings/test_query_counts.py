"""The staff overview of in-company requests and a contact person's "Mijn aanvragen" read
one page whatever the number of requests (issue 15)."""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.dataset import build, grow
from bookings.selectors import MY_REQUESTS_PAGE_SIZE, STAFF_PAGE_SIZE
from courses.demo import ensure_home_page
from tests.courses.factories_pages import course_index

BUDGET = 15
SIZES = tuple(int(n) for n in os.environ.get("QUERY_COUNT_SIZES", "1,10,100").split(","))


def _pages_at_every_size(client, *, viewer: str, url: str, page_size: int):
    """The list at 1x, 10x and 100x requests: its query count (within the budget, never
    more than at 1x), a page of at most `page_size` rows; then its first two pages, when
    there are two."""
    ensure_home_page()
    course_index()
    data = build(SIZES[0])
    client.force_login(getattr(data, viewer))
    counts = {}
    for size in SIZES:
        grow(data, to=size)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[size] = len(queries)
        assert len(response.context["booking_requests"]) == min(size, page_size)
    assert all(count <= BUDGET for count in counts.values()), counts
    assert all(count <= counts[SIZES[0]] for count in counts.values()), counts
    if size <= page_size:
        return None
    html = response.content.decode()
    assert 'class="pagination"' in html and 'href="?pagina=2"' in html
    second = client.get(url, {"pagina": 2})
    first = [b.pk for b in response.context["booking_requests"]]
    following = [b.pk for b in second.context["booking_requests"]]
    assert following and not set(first) & set(following)
    return first, following


@pytest.mark.django_db
def test_staff_overview_keeps_its_query_count_and_pages(client):
    url = reverse("bookings:staff_overview")
    _pages_at_every_size(client, viewer="staff", url=url, page_size=STAFF_PAGE_SIZE)


@pytest.mark.django_db
def test_my_requests_keeps_its_query_count_and_pages(client):
    url = reverse("bookings:mine")
    pages = _pages_at_every_size(client, viewer="contact", url=url, page_size=MY_REQUESTS_PAGE_SIZE)
    if pages is None:
        pytest.skip("QUERY_COUNT_SIZES too small for a second page")
    first, following = pages
    newest_first = sorted(first + following, reverse=True)  # made one after another
    assert first + following == newest_first
    beyond = client.get(url, {"pagina": 999})
    assert beyond.status_code == 200
    html = beyond.content.decode()
    assert "Op deze pagina staan geen aanvragen." in html
    assert '<a href="?">Naar de eerste pagina</a>' in html


@pytest.mark.django_db
def test_staff_overview_lists_open_requests_first_and_the_archive_after(client):
    """Open requests first (newest first), whatever their age; finished ones after them, as
    the archive, also across pages. The order is read from an index on a flag the database
    keeps from the status, so a service that changes the status moves the request."""
    from bookings.models import BookingRequest
    from bookings.services import decline_request, withdraw_request
    from tests.accounts.factories import UserFactory
    from tests.bookings.factories import in_company_course, make_request

    course = in_company_course()
    staff = UserFactory(is_staff=True, is_superuser=True)
    older_open = make_request(course=course, organisation="Gemeente Oud")
    declined = make_request(course=course, organisation="Gemeente Afgewezen")
    withdrawn = make_request(course=course, organisation="Gemeente Ingetrokken")
    newer_open = [
        make_request(course=course, organisation=f"Gemeente {n}")
        for n in range(STAFF_PAGE_SIZE - 1)
    ]
    decline_request(request=declined, by=staff, reason="Geen trainer beschikbaar.")
    withdraw_request(request=withdrawn, by=withdrawn.contact)
    assert set(BookingRequest.objects.filter(archived=True)) == {withdrawn, declined}

    client.force_login(staff)
    url = reverse("bookings:staff_overview")
    first = [b.pk for b in client.get(url).context["booking_requests"]]
    second = [b.pk for b in client.get(url, {"pagina": 2}).context["booking_requests"]]

    expected_open = [b.pk for b in reversed(newer_open)] + [older_open.pk]
    assert first + second == expected_open + [withdrawn.pk, declined.pk]
    assert len(first) == STAFF_PAGE_SIZE
    # A chosen status shows only that status, newest first.
    chosen = client.get(url, {"status": "declined"}).context["booking_requests"]
    assert [b.pk for b in chosen] == [declined.pk]


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL's plan depends on its statistics"
)
@pytest.mark.parametrize("status", [None, "requested"])
def test_staff_overview_reads_one_page_from_an_index(status):
    """No sort of every request and no count per row: SQLite walks the index and stops
    after one page (its plan says "USE TEMP B-TREE" when it has to sort everything)."""
    from bookings.selectors import requests_for_staff

    page = requests_for_staff(status=status)[: STAFF_PAGE_SIZE + 1]
    plan = page.explain()
    assert "USING INDEX booking_st" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
    assert "GROUP BY" not in str(page.query)
