import pytest
from django.core import mail

from accounts.roles import MUNICIPAL_CONTACT, has_role
from bookings.errors import BookingError
from bookings.models import BookingRequest, BookingStatus
from bookings.services import submit_request
from tests.accounts.factories import UserFactory
from tests.bookings.factories import future, in_company_course, make_request, request_details
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


def test_request_is_recorded_logged_and_confirmed_by_mail(django_capture_on_commit_callbacks):
    contact = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        request = make_request(contact=contact)

    assert request.status == BookingStatus.REQUESTED
    assert [d.part_of_day for d in request.preferred_dates.all()] == ["morning", "whole_day"]
    change = request.status_changes.get()
    assert (change.from_status, change.to_status, change.actor) == ("", "requested", contact)
    assert has_role(contact, MUNICIPAL_CONTACT)
    assert len(mail.outbox) == 1
    # Only the account's own verified address; the typed contact email is invited instead.
    assert mail.outbox[0].to == [contact.email]
    assert str(request.public_id) in mail.outbox[0].body


def test_confirmation_mail_is_sent_once_even_if_the_task_runs_again(
    django_capture_on_commit_callbacks,
):
    from bookings.tasks import send_request_received

    with django_capture_on_commit_callbacks(execute=True):
        request = make_request()
    send_request_received.call(request.pk)

    assert len(mail.outbox) == 1


@pytest.mark.parametrize("count", [4, 9])
def test_group_size_outside_the_course_range_is_refused(count):
    course = in_company_course(min_participants=5, max_participants=8)

    with pytest.raises(BookingError, match="uit 5 tot 8 deelnemers; pas het aantal aan"):
        make_request(course=course, participant_count=count)

    assert not BookingRequest.objects.exists()
    assert mail.outbox == []


def test_preferred_date_in_the_past_is_refused():
    with pytest.raises(BookingError, match="moeten in de toekomst liggen"):
        submit_request(
            course=in_company_course(),
            contact=UserFactory(),
            details=request_details(),
            preferred_dates=[(future(-1), "morning")],
        )

    assert not BookingRequest.objects.exists()


def test_course_that_is_not_in_company_is_refused():
    with pytest.raises(BookingError, match="kan niet in-company geboekt worden"):
        make_request(course=make_course(in_company=False))

    assert not BookingRequest.objects.exists()


def test_more_than_three_preferred_dates_is_refused():
    with pytest.raises(BookingError, match="één tot drie voorkeursdata"):
        submit_request(
            course=in_company_course(),
            contact=UserFactory(),
            details=request_details(),
            preferred_dates=[(future(d), "morning") for d in (10, 11, 12, 13)],
        )
