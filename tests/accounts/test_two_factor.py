"""Issue 11, item 4: a second factor (authenticator app + recovery codes) is required for
trainers, editors and administrators from their next login, optional for participants."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.urls import reverse

from accounts.roles import EDITOR, MUNICIPAL_CONTACT, PARTICIPANT, TRAINER
from tests.accounts.factories import PASSWORD, UserFactory
from tests.accounts.totp import give_authenticator_app, totp_code

pytestmark = pytest.mark.django_db

ACTIVATE = "/account/2fa/totp/activate/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth remembers used codes in the cache; user ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


def _log_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def _confirm_password(client):
    # allauth asks for the password again before any change to the second factor.
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.text


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _staff(kind: str):
    if kind == "administrator":
        return UserFactory(is_superuser=True, is_staff=True, roles=[EDITOR])
    return UserFactory(roles=[kind])


@pytest.mark.parametrize("kind", [TRAINER, EDITOR, "administrator"])
def test_staff_without_a_second_factor_must_set_one_up_before_anything_else(client, kind):
    user = _staff(kind)

    _log_in(client, user)

    for path in ["/mijn/", "/mijn/gegevens/", "/beheer/", "/cursussen/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == ACTIVATE, path
    assert client.get(ACTIVATE)["Location"].startswith(reverse("account_reauthenticate"))
    _confirm_password(client)
    page = client.get(ACTIVATE)
    assert page.status_code == 200
    assert "Voor uw rol is tweestapsverificatie verplicht" in page.text


@pytest.mark.parametrize("kind", [PARTICIPANT, MUNICIPAL_CONTACT])
def test_participants_and_contacts_are_not_forced(client, kind):
    user = UserFactory(roles=[kind])

    _log_in(client, user)

    assert client.get("/mijn/").status_code == 200


def test_setting_up_the_app_with_a_generated_code_releases_the_trainer(client):
    trainer = UserFactory(roles=[TRAINER])
    _log_in(client, trainer)
    _confirm_password(client)
    client.get(ACTIVATE)
    secret = client.session["mfa.totp.secret"]

    wrong = client.post(ACTIVATE, {"code": "000000" if totp_code(secret) != "000000" else "1"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=trainer).exists()

    response = client.post(ACTIVATE, {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    types = set(Authenticator.objects.filter(user=trainer).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes_page = client.get(reverse("mfa_view_recovery_codes"))
    assert len(re.findall(r"\b\d{8}\b", codes_page.text)) >= 10
    assert client.get("/mijn/").status_code == 200


def test_the_next_login_asks_for_the_code_and_refuses_a_wrong_one(client):
    trainer = UserFactory(roles=[TRAINER])
    secret, _codes = give_authenticator_app(trainer)

    response = _log_in(client, trainer)

    assert response["Location"] == reverse("mfa_authenticate")
    assert not _logged_in(client)
    wrong = "123456" if totp_code(secret) != "123456" else "654321"
    assert client.post(reverse("mfa_authenticate"), {"code": wrong}).status_code == 200
    assert not _logged_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(trainer.pk)
    assert client.get("/mijn/").status_code == 200


def test_a_recovery_code_logs_in_once(client):
    trainer = UserFactory(roles=[TRAINER])
    _secret, codes = give_authenticator_app(trainer)

    _log_in(client, trainer)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert _logged_in(client)

    client.post(reverse("account_logout"))
    _log_in(client, trainer)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert not _logged_in(client)


def test_staff_cannot_switch_the_second_factor_off(client):
    trainer = UserFactory(roles=[TRAINER])
    secret, _codes = give_authenticator_app(trainer)
    _log_in(client, trainer)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    _confirm_password(client)

    response = client.post(
        reverse("mfa_deactivate_totp"), {"code": totp_code(secret, step_offset=1)}
    )

    assert response.status_code == 200
    assert "verplicht voor uw rol" in response.text
    assert Authenticator.objects.filter(user=trainer, type=Authenticator.Type.TOTP).exists()


def test_a_participant_turns_it_on_from_my_details_and_may_turn_it_off(client):
    participant = UserFactory()
    _log_in(client, participant)

    details = client.get("/mijn/gegevens/")
    assert reverse("mfa_index") in details.text
    _confirm_password(client)
    client.get(ACTIVATE)
    secret = client.session["mfa.totp.secret"]
    client.post(ACTIVATE, {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=participant, type="totp").exists()

    client.post(reverse("mfa_deactivate_totp"), {"code": totp_code(secret, step_offset=1)})

    assert not Authenticator.objects.filter(user=participant, type="totp").exists()


def test_the_demo_exemption_never_applies_without_debug(client, settings):
    # Production runs with DEBUG off: the demo switch must not open a way around 2FA.
    settings.DEBUG = False
    settings.LEERKRING_DEMO_SKIP_MFA = True
    trainer = UserFactory(roles=[TRAINER])

    _log_in(client, trainer)

    assert client.get("/mijn/")["Location"] == ACTIVATE


def test_make_run_lets_demo_staff_in_without_a_second_factor(client, settings):
    settings.DEBUG = True
    settings.LEERKRING_DEMO_SKIP_MFA = True
    trainer = UserFactory(roles=[TRAINER])

    _log_in(client, trainer)

    assert client.get("/mijn/").status_code == 200


def test_production_settings_switch_the_demo_exemption_off():
    from pathlib import Path

    production = Path(__file__).resolve().parents[2] / "leerkring/settings/production.py"
    assert "LEERKRING_DEMO_SKIP_MFA = False" in production.read_text()


def test_the_set_up_pages_speak_formal_dutch(client):
    trainer = UserFactory(roles=[TRAINER])
    _log_in(client, trainer)
    pages = [client.get(reverse("account_reauthenticate"))]
    _confirm_password(client)

    pages += [client.get(ACTIVATE), client.get(reverse("mfa_index"))]
    secret = client.session["mfa.totp.secret"]
    client.post(ACTIVATE, {"code": totp_code(secret)})
    pages.append(client.get(reverse("mfa_view_recovery_codes")))

    for page in pages:
        main = page.text.split('<main id="main"', 1)[1].split("</main>", 1)[0]
        text = re.sub(r"<[^>]+>", " ", main)
        assert not re.search(r"\b(je|jij|jouw|jou)\b", text, re.IGNORECASE), text
    assert "scan de QR-code hieronder met de authenticator-app op uw telefoon" in pages[1].text


def test_the_secrets_are_stored_encrypted_and_still_work(client):
    trainer = UserFactory(roles=[TRAINER])
    secret, codes = give_authenticator_app(trainer)

    stored = {a.type: a.data for a in Authenticator.objects.filter(user=trainer)}

    assert stored["totp"]["secret"].startswith("fernet:")
    assert secret not in str(stored)
    assert stored["recovery_codes"]["seed"].startswith("fernet:")
    _log_in(client, trainer)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert _logged_in(client)


def test_a_secret_stored_before_encryption_still_logs_in(client):
    trainer = UserFactory(roles=[TRAINER])
    secret, _codes = give_authenticator_app(trainer)
    totp = Authenticator.objects.get(user=trainer, type="totp")
    totp.data = {**totp.data, "secret": secret}
    totp.save()

    _log_in(client, trainer)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert _logged_in(client)


def test_a_rotated_key_decrypts_through_the_fallback(client, settings):
    trainer = UserFactory(roles=[TRAINER])
    secret, _codes = give_authenticator_app(trainer)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation"

    _log_in(client, trainer)
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert _logged_in(client)
