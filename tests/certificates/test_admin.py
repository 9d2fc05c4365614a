import pytest
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate
from certificates.services import issue_certificate
from tests.certificates.factories import enrol_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser(email="beheer@example.nl", password="x", first_name="Bea")


@pytest.fixture
def certificate(enrolment, trainer):
    return issue_certificate(enrolment=enrolment, issued_by=trainer, notify=False)


def test_the_admin_lists_certificates_with_filters(
    client, admin_user, certificate, cohort, trainer
):
    revoked = issue_certificate(
        enrolment=enrol_participant(cohort), issued_by=trainer, notify=False
    )
    Certificate.objects.filter(pk=revoked.pk).update(
        revoked_at=revoked.issued_at, revocation_reason="x"
    )
    client.force_login(admin_user)
    url = reverse("certificaten:index")

    everything = client.get(url)
    assert everything.status_code == 200
    assert certificate.code in everything.content.decode()
    assert revoked.code in everything.content.decode()

    only_valid = client.get(url, {"status": "valid"}).content.decode()
    assert certificate.code in only_valid and revoked.code not in only_valid
    only_revoked = client.get(url, {"status": "revoked"}).content.decode()
    assert revoked.code in only_revoked and certificate.code not in only_revoked
    searched = client.get(url, {"q": certificate.code}).content.decode()
    assert certificate.code in searched and revoked.code not in searched


def test_the_admin_list_takes_the_same_queries_for_few_and_many(
    client, admin_user, cohort, trainer, django_assert_max_num_queries
):
    client.force_login(admin_user)
    client.get(reverse("certificaten:index"))  # warm up per-user admin state
    for size in (2, 8):
        while Certificate.objects.count() < size:
            issue_certificate(enrolment=enrol_participant(cohort), issued_by=trainer, notify=False)
        with django_assert_max_num_queries(25):
            assert client.get(reverse("certificaten:index")).status_code == 200


def test_the_admin_revokes_with_a_reason(client, admin_user, certificate):
    client.force_login(admin_user)
    url = reverse("certificaten:edit", args=[certificate.pk])
    assert client.get(url).status_code == 200

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    response = client.post(url, {"reason": "Dubbel uitgegeven"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == admin_user
    assert certificate.revocation_reason == "Dubbel uitgegeven"


def test_revoking_twice_in_the_admin_shows_the_reason_and_changes_nothing(
    client, admin_user, certificate
):
    client.force_login(admin_user)
    url = reverse("certificaten:edit", args=[certificate.pk])
    client.post(url, {"reason": "Eerste keer"})
    response = client.post(url, {"reason": "Tweede keer"})
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Eerste keer"


def test_certificates_cannot_be_added_or_deleted_in_the_admin(client, admin_user, certificate):
    client.force_login(admin_user)
    assert client.get(reverse("certificaten:add")).status_code in (302, 403)
    client.post(reverse("certificaten:delete", args=[certificate.pk]))
    assert Certificate.objects.filter(pk=certificate.pk).exists()


def test_a_trainer_has_no_certificate_admin(client, trainer, certificate):
    client.force_login(trainer)
    response = client.get(reverse("certificaten:index"))
    assert response.status_code in (302, 403)
