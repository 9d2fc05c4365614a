import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.roles import PARTICIPANT
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Fatima",
    "last_name": "el Amrani",
    "email": "fatima@gemeente.example",
    "password1": "consent-is-geen-veto",
    "password2": "consent-is-geen-veto",
}


def _link_in_last_mail(path_fragment: str) -> str:
    body = mail.outbox[-1].body
    match = re.search(rf"https?://[^\s]+{path_fragment}[^\s]+", body)
    assert match, body
    return match.group(0).replace("http://testserver", "")


def test_signup_sends_a_verification_mail_and_does_not_log_in_yet(client):
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="fatima@gemeente.example")
    assert (user.first_name, user.last_name) == ("Fatima", "el Amrani")
    assert user.groups.filter(name=PARTICIPANT).exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fatima@gemeente.example"]
    assert "_auth_user_id" not in client.session


def test_confirming_the_email_verifies_and_logs_in(client):
    client.post(reverse("account_signup"), SIGNUP)
    confirm_url = _link_in_last_mail("/account/confirm-email/")

    client.post(confirm_url)

    user = User.objects.get(email="fatima@gemeente.example")
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_unverified_account_cannot_log_in(client):
    client.post(reverse("account_signup"), SIGNUP)
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_signup_with_mismatched_passwords_is_refused_and_writes_nothing(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "iets-anders-123"})

    assert response.status_code == 200
    assert "Vul twee keer hetzelfde wachtwoord in." in response.text
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signup_without_last_name_is_refused(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "last_name": ""})

    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.text
    assert not User.objects.exists()


def test_signup_with_an_email_in_use_creates_no_second_account(client):
    UserFactory(email="fatima@gemeente.example")

    client.post(reverse("account_signup"), {**SIGNUP, "email": "Fatima@Gemeente.example"})

    assert User.objects.filter(email__iexact="fatima@gemeente.example").count() == 1


def test_login_with_email_and_password(client):
    user = UserFactory()

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_with_wrong_password_shows_a_dutch_message(client):
    user = UserFactory()

    response = client.post(reverse("account_login"), {"login": user.email, "password": "fout"})

    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord dat u hebt ingevuld klopt niet." in response.text
    assert "_auth_user_id" not in client.session


def test_password_reset_sets_a_new_password(client):
    user = UserFactory()

    client.post(reverse("account_reset_password"), {"email": user.email})
    reset_url = _link_in_last_mail("/account/password/reset/key/")
    response = client.get(reset_url, follow=True)
    client.post(
        response.request["PATH_INFO"],
        {"password1": "nieuw-en-veilig-2026", "password2": "nieuw-en-veilig-2026"},
    )

    user.refresh_from_db()
    assert user.check_password("nieuw-en-veilig-2026")


def test_password_reset_for_an_unknown_address_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "niemand@example.nl"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def test_email_change_takes_effect_after_verification(client):
    user = UserFactory(email="oud@example.nl")
    client.force_login(user)

    client.post(reverse("account_email"), {"action_add": "", "email": "nieuw@example.nl"})
    confirm_url = _link_in_last_mail("/account/confirm-email/")
    client.post(confirm_url)

    user.refresh_from_db()
    assert user.email == "nieuw@example.nl"
    assert not EmailAddress.objects.filter(user=user, email="oud@example.nl").exists()


def test_logout(client):
    client.force_login(UserFactory())

    client.post(reverse("account_logout"))

    assert "_auth_user_id" not in client.session
