"""Deleting one's account anonymises the person and keeps what must be kept; it needs the
password and, where it is on, the second factor (issue 11, item 12)."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate
from certificates.services import issue_certificate
from cohorts.models import Attendance, Enrolment, EnrolmentStatus, Intake
from tests.accounts.factories import PASSWORD
from tests.accounts.totp import give_authenticator_app, totp_code
from tests.certificates.factories import enrol_participant, make_completed_cohort, make_trainer
from tests.cohorts.factories import fill, make_cohort

pytestmark = pytest.mark.django_db

URL = "/mijn/gegevens/mijn-data/verwijderen/"


@pytest.fixture
def person():
    trainer = make_trainer()
    cohort = make_completed_cohort(trainer=trainer)
    enrolment = enrol_participant(cohort, first_name="Ingrid", last_name="van der Meer")
    Intake.objects.create(
        enrolment=enrolment,
        role="wethouder",
        experience="none",
        hopes_to_learn="Mijn eigen raad beter leiden",
    )
    Attendance.objects.create(enrolment=enrolment, session=cohort.sessions.get(), status="present")
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer, notify=False)
    return enrolment.participant, certificate


def post(client, user, **data):
    client.force_login(user)
    return client.post(URL, {"password": PASSWORD, "confirm": "on", **data})


def test_deleting_anonymises_and_keeps_what_must_be_kept(client, person):
    user, certificate = person

    response = post(client, user)

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.is_active) == ("", "", False)
    assert "ingrid" not in user.email.lower() and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    intake = Intake.objects.get()
    assert intake.hopes_to_learn == "" and intake.role == ""
    # Counts stay right: the enrolment and its attendance are kept.
    assert Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED).count() == 1
    assert Attendance.objects.count() == 1
    # The certificate stays verifiable with the name as printed.
    verify = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert "Ingrid van der Meer" in verify.content.decode()
    # Logged out, and the old login no longer works.
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    assert not client.login(email="x", password=PASSWORD)


def test_the_person_may_have_their_certificates_withdrawn(client, person):
    user, certificate = person

    post(client, user, withdraw_certificates="on")

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.is_revoked and certificate.participant_name == ""
    assert not certificate.pdf.storage.exists(certificate.pdf.name)
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Ingrid" not in page
    assert "ingetrokken op verzoek" in page


def test_a_wrong_password_deletes_nothing(client, person):
    user, _certificate = person

    response = post(client, user, password="fout-wachtwoord")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active and user.first_name == "Ingrid"


def test_with_two_factor_on_the_code_is_needed(client, person):
    user, _certificate = person
    secret, _codes = give_authenticator_app(user)

    without = post(client, user)
    user.refresh_from_db()
    assert without.status_code == 200 and user.is_active

    with_code = post(client, user, code=totp_code(secret))
    user.refresh_from_db()
    assert with_code.status_code == 302 and not user.is_active


def test_open_enrolments_are_cancelled_and_the_seat_freed(client):
    cohort = make_cohort(max_participants=5)
    enrolled = fill(cohort, 6)
    leaving = enrolled[0].participant

    post(client, leaving)

    assert Enrolment.objects.get(pk=enrolled[0].pk).status == EnrolmentStatus.CANCELLED
    # The first on the waiting list is offered the seat.
    assert Enrolment.objects.get(pk=enrolled[5].pk).status == EnrolmentStatus.OFFERED


def test_the_other_participants_are_untouched(client, person):
    user, _certificate = person
    other = User.objects.exclude(pk=user.pk).filter(is_superuser=False).first()

    post(client, user)

    other.refresh_from_db()
    assert other.is_active and other.first_name


def test_a_contacts_messages_on_an_open_request_are_removed_with_the_account(client):
    from bookings.models import BookingMessage
    from bookings.services import post_message
    from personal_data.services import MESSAGE_REMOVED_ON_REQUEST
    from tests.bookings.factories import make_request

    contact = User.objects.create_user(email="contact@gemeente.nl", password=PASSWORD)
    request = make_request(contact=contact)
    mine = post_message(request=request, author=contact, body="Mijn nummer is 06-12345678")
    reply = post_message(request=request, author=make_trainer(), body="Dank, ik bel u.")

    response = post(client, contact)

    assert response.status_code == 302
    assert BookingMessage.objects.get(pk=mine.pk).body == MESSAGE_REMOVED_ON_REQUEST
    assert BookingMessage.objects.get(pk=reply.pk).body == "Dank, ik bel u."
    request.refresh_from_db()
    assert request.contact_phone == ""
