"""Issue 11, item 5: the request form's contact email is free text, so the platform must not
mail it. Mail goes to the signed-in account's verified address; another contact person is
invited through the requester and receives mail only after accepting with a verified
account for that address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from bookings.errors import BookingError
from bookings.models import ContactInvitation
from bookings.services import accept_contact_invitation
from bookings.tasks import recipients
from tests.accounts.factories import UserFactory
from tests.bookings.factories import in_company_course, make_quote, make_request
from tests.bookings.test_views import _form

pytestmark = pytest.mark.django_db

STRANGER = "iemand.anders@example.org"


def _addresses() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_request_naming_a_stranger_mails_only_the_requesters_own_address(
    client, django_capture_on_commit_callbacks
):
    requester = UserFactory()
    client.force_login(requester)
    course = in_company_course()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("bookings:create_for_course", args=[course.pk]),
            _form(course, contact_email=STRANGER, contact_name="Klik hier: http://phish.example"),
        )

    assert response.status_code == 302
    assert _addresses() == [requester.email]
    # The requester's own mail holds the link to pass on; the stranger got nothing.
    assert STRANGER not in _addresses()
    invitation = ContactInvitation.objects.get(email=STRANGER)
    assert invitation.token in mail.outbox[0].body


def test_quote_mail_never_goes_to_the_typed_address(django_capture_on_commit_callbacks):
    request = make_request(contact_email=STRANGER)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        make_quote(request)

    assert _addresses() == [request.contact.email]


def test_an_unverified_address_gets_no_mail(django_capture_on_commit_callbacks):
    requester = UserFactory()
    EmailAddress.objects.filter(user=requester).update(verified=False)

    with django_capture_on_commit_callbacks(execute=True):
        make_request(contact=requester)

    assert mail.outbox == []


def test_no_invitation_when_the_requester_names_themself():
    requester = UserFactory()

    make_request(contact=requester, contact_email=requester.email.upper())

    assert not ContactInvitation.objects.exists()


def test_the_invited_person_accepts_with_a_verified_account_and_then_gets_mail(
    client, django_capture_on_commit_callbacks
):
    request = make_request(contact_email=STRANGER)
    invitation = ContactInvitation.objects.get()
    colleague = UserFactory(email=STRANGER)
    client.force_login(colleague)
    url = reverse("bookings:invitation", args=[invitation.token])

    assert client.get(url).status_code == 200
    # Nothing changes on a GET; the invitation is accepted by the POST.
    assert ContactInvitation.objects.get().accepted_at is None
    response = client.post(url)

    assert response["Location"] == reverse("bookings:detail", args=[request.public_id])
    assert client.get(response["Location"]).status_code == 200
    assert recipients(request) == sorted([request.contact.email, STRANGER])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_quote(request)
    assert _addresses() == sorted([request.contact.email, STRANGER])


def test_someone_else_cannot_accept_the_invitation(client):
    request = make_request(contact_email=STRANGER)
    invitation = ContactInvitation.objects.get()
    intruder = UserFactory()
    client.force_login(intruder)

    response = client.post(reverse("bookings:invitation", args=[invitation.token]))

    assert response.status_code == 200
    assert "ander e-mailadres" in response.text
    assert ContactInvitation.objects.get().accepted_at is None
    assert client.get(reverse("bookings:detail", args=[request.public_id])).status_code == 404


def test_an_unverified_account_for_the_address_cannot_accept():
    make_request(contact_email=STRANGER)
    invitation = ContactInvitation.objects.get()
    colleague = UserFactory(email=STRANGER)
    EmailAddress.objects.filter(user=colleague).update(verified=False)

    with pytest.raises(BookingError, match="Bevestig eerst uw e-mailadres"):
        accept_contact_invitation(token=invitation.token, user=colleague)

    assert ContactInvitation.objects.get().accepted_at is None


def test_the_requester_sees_the_link_to_pass_on(client):
    request = make_request(contact_email=STRANGER)
    client.force_login(request.contact)

    page = client.get(reverse("bookings:detail", args=[request.public_id])).text

    token = ContactInvitation.objects.get().token
    assert re.search(rf'href="/incompany/uitnodiging/{token}/"', page)
