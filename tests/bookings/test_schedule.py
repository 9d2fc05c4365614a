import datetime

import pytest
from django.urls import reverse

from accounts.roles import TRAINER
from bookings.errors import BookingError
from bookings.models import BookingStatus
from bookings.services import accept_quote, close_request, mark_delivered, schedule_request
from cohorts.models import CohortKind
from cohorts.services.enrolment import EnrolmentError, enrol
from cohorts.services.lifecycle import SessionPlan
from tests.accounts.factories import UserFactory
from tests.bookings.factories import future, make_quote, make_request

pytestmark = pytest.mark.django_db


def _accepted_request():
    booking = make_request()
    quote = make_quote(booking)
    accept_quote(quote=quote, by=booking.contact, signed_name="G. Jansen", authorised=True)
    booking.refresh_from_db()
    return booking


def _day(days=40):
    return SessionPlan(
        date=future(days), start_time=datetime.time(9, 30), end_time=datetime.time(16, 30)
    )


def test_scheduling_creates_a_private_cohort_with_an_invitation_link():
    booking = _accepted_request()
    trainer = UserFactory(roles=[TRAINER])

    schedule_request(request=booking, by=trainer, sessions=[_day()], trainers=[trainer])

    booking.refresh_from_db()
    cohort = booking.cohort
    assert booking.status == BookingStatus.SCHEDULED
    assert cohort.kind == CohortKind.IN_COMPANY
    assert cohort.invitation_token
    assert cohort.municipality == "Gemeente Utrecht"
    assert cohort.course_id == booking.course_id
    assert list(cohort.trainers.all()) == [trainer]
    assert cohort.sessions.count() == 1


def test_only_an_accepted_request_can_be_scheduled():
    booking = make_request()

    with pytest.raises(BookingError, match="geaccepteerde offerte"):
        schedule_request(request=booking, by=UserFactory(roles=[TRAINER]), sessions=[_day()])

    booking.refresh_from_db()
    assert booking.cohort is None


def test_a_session_in_the_past_is_refused_and_nothing_is_scheduled():
    booking = _accepted_request()

    with pytest.raises(BookingError):
        schedule_request(request=booking, by=UserFactory(roles=[TRAINER]), sessions=[_day(-2)])

    booking.refresh_from_db()
    assert (booking.status, booking.cohort) == (BookingStatus.ACCEPTED, None)


def test_invitation_link_enrols_only_for_that_cohort():
    booking = _accepted_request()
    schedule_request(request=booking, by=UserFactory(roles=[TRAINER]), sessions=[_day()])
    other = _accepted_request()
    schedule_request(request=other, by=UserFactory(roles=[TRAINER]), sessions=[_day()])
    booking.refresh_from_db()
    other.refresh_from_db()
    colleague = UserFactory()

    enrolment = enrol(
        cohort=booking.cohort,
        participant=colleague,
        invitation_token=booking.cohort.invitation_token,
    )

    assert enrolment.cohort == booking.cohort
    with pytest.raises(EnrolmentError):
        enrol(
            cohort=other.cohort,
            participant=UserFactory(),
            invitation_token=booking.cohort.invitation_token,
        )


def test_contact_sees_who_enrolled_and_the_minimum_warning(client):
    booking = _accepted_request()
    schedule_request(request=booking, by=UserFactory(roles=[TRAINER]), sessions=[_day()])
    booking.refresh_from_db()
    colleague = UserFactory(first_name="Kees", last_name="Bakker")
    enrol(
        cohort=booking.cohort,
        participant=colleague,
        invitation_token=booking.cohort.invitation_token,
    )
    client.force_login(booking.contact)

    response = client.get(reverse("bookings:detail", args=[booking.public_id]))

    assert "Kees Bakker" in response.text
    assert booking.cohort.invitation_token in response.text
    assert "message--warning" in response.text


def test_delivery_waits_for_the_cohort_to_complete():
    booking = _accepted_request()
    trainer = UserFactory(roles=[TRAINER])
    schedule_request(request=booking, by=trainer, sessions=[_day()])

    with pytest.raises(BookingError, match="Sluit eerst de uitvoering af"):
        mark_delivered(request=booking, by=trainer)
    with pytest.raises(BookingError, match="Alleen een gegeven aanvraag"):
        close_request(request=booking, by=trainer)
