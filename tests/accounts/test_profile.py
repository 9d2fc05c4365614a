import pytest
from django.urls import reverse

from accounts.models import JobTitle
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "first_name": "Jan",
    "last_name": "de Vries",
    "certificate_name": "J.P. de Vries",
    "organisation": "Gemeente Amersfoort",
    "job_title": JobTitle.COUNCILLOR,
    "phone": "033 123 45 67",
}


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_visitor_cannot_see_my_leerkring(client):
    response = client.get(reverse("accounts:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_page_shows_the_current_details(client):
    user = UserFactory(organisation="Gemeente Deventer")
    client.force_login(user)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert "Mijn gegevens" in response.text
    assert 'value="Gemeente Deventer"' in response.text


def test_profile_edit_saves_every_field(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), PROFILE, follow=True)

    user.refresh_from_db()
    assert user.get_full_name() == "Jan de Vries"
    assert user.name_on_certificate == "J.P. de Vries"
    assert user.organisation == "Gemeente Amersfoort"
    assert user.job_title == JobTitle.COUNCILLOR
    assert user.phone == "033 123 45 67"
    assert "Uw gegevens zijn opgeslagen." in response.text


def test_name_on_certificate_falls_back_to_full_name(client):
    user = UserFactory(first_name="Anna", last_name="van der Berg", certificate_name="")

    assert user.name_on_certificate == "Anna van der Berg"


def test_profile_without_first_name_is_refused_and_nothing_changes(client):
    user = UserFactory(first_name="Sanne", organisation="Gemeente Deventer")
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {**PROFILE, "first_name": ""})

    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.text
    user.refresh_from_db()
    assert user.first_name == "Sanne"
    assert user.organisation == "Gemeente Deventer"


def test_unknown_job_title_is_refused(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {**PROFILE, "job_title": "koning"})

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    user.refresh_from_db()
    assert user.job_title == ""


def test_profile_form_cannot_change_email_or_roles(client):
    user = UserFactory(email="vast@example.nl")
    client.force_login(user)

    client.post(
        reverse("accounts:profile"),
        {**PROFILE, "email": "ander@example.nl", "is_superuser": "on", "is_staff": "on"},
    )

    user.refresh_from_db()
    assert user.email == "vast@example.nl"
    assert not user.is_superuser
    assert not user.is_staff
