"""/beheer/ gets the admin's Content-Security-Policy, the public site keeps the strict one."""

import pytest

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"{name} not in {policy!r}")


def test_the_admin_allows_wagtails_inline_scripts_without_a_nonce(client):
    client.force_login(UserFactory(is_superuser=True))

    policy = client.get("/beheer/")["Content-Security-Policy"]

    assert directive(policy, "script-src") == ["'self'", "'unsafe-inline'"]
    assert directive(policy, "img-src") == ["'self'", "data:", "blob:"]
    assert directive(policy, "connect-src") == ["'self'"]
    assert directive(policy, "object-src") == ["'none'"]


def test_admin_responses_loaded_into_a_modal_get_the_admin_policy_too(client):
    client.force_login(UserFactory(is_superuser=True))

    policy = client.get("/beheer/images/chooser/")["Content-Security-Policy"]

    assert "'unsafe-inline'" in directive(policy, "script-src")


def test_the_public_site_allows_scripts_only_from_us_or_with_the_nonce(client):
    response = client.get("/account/login/")
    policy = response["Content-Security-Policy"]

    scripts = directive(policy, "script-src")
    assert "'unsafe-inline'" not in scripts
    assert scripts[0] == "'self'"
    assert scripts[1].startswith("'nonce-")
    assert scripts[1].removeprefix("'nonce-").rstrip("'") in response.content.decode()
