"""A request's status is shown as an NL Design System badge, in words, on the staff overview,
"Mijn aanvragen" and the request page (one tag for the three)."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from bookings.models import BookingStatus
from tests.accounts.factories import UserFactory
from tests.bookings.factories import make_request


def _badge(status: str) -> str:
    return Template("{% load bookings_tags %}{% booking_status status %}").render(
        Context({"status": status})
    )


@pytest.mark.parametrize(
    ("status", "modifier"),
    [
        (BookingStatus.REQUESTED, "active"),
        (BookingStatus.QUOTED, "warning"),
        (BookingStatus.ACCEPTED, "success"),
        (BookingStatus.SCHEDULED, "success"),
        (BookingStatus.DELIVERED, "success"),
        (BookingStatus.CLOSED, "inactive"),
        (BookingStatus.DECLINED, "danger"),
        (BookingStatus.WITHDRAWN, "inactive"),
        (BookingStatus.EXPIRED, "danger"),
    ],
)
def test_each_status_has_its_badge_and_its_words(status, modifier):
    with translation.override("nl"):
        html = _badge(status)
        label = str(BookingStatus(status).label)

    assert html == (
        f'<span class="status status--{status} utrecht-status-badge '
        f'utrecht-status-badge--{modifier}">{label}</span>'
    )


def test_the_badge_speaks_dutch():
    with translation.override("nl"):
        assert ">aangevraagd</span>" in _badge(BookingStatus.REQUESTED)


@pytest.mark.django_db
def test_the_three_pages_show_the_badge(client):
    booking = make_request()
    staff = UserFactory(is_staff=True, is_superuser=True)
    badge = "utrecht-status-badge--active"

    client.force_login(booking.contact)
    assert badge in client.get(reverse("bookings:mine")).text
    assert badge in client.get(reverse("bookings:detail", args=[booking.public_id])).text
    client.force_login(staff)
    assert badge in client.get(reverse("bookings:staff_overview")).text
