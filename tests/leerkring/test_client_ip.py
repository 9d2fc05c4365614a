"""Issue 11, item 3: behind N trusted proxies the real client address is used for every rate
limit; with no trusted proxy a forged X-Forwarded-For is ignored."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from leerkring.client_ip import client_ip, rate_limit_address
from tests.accounts.factories import PASSWORD, UserFactory

PROXY = "10.0.0.2"


def _request(remote_addr=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_a_forged_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_behind_one_proxy_the_address_the_proxy_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    # The client forged "203.0.113.1"; our proxy appended the address it really saw.
    assert client_ip(_request(PROXY, "203.0.113.1, 198.51.100.7")) == "198.51.100.7"


def test_behind_two_proxies_the_second_entry_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    request = _request(PROXY, "203.0.113.1, 198.51.100.7, 10.0.0.1")
    assert client_ip(request) == "198.51.100.7"


def test_a_request_that_bypassed_the_proxies_counts_as_its_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    assert client_ip(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_garbage_in_the_header_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_ip(_request(PROXY, "<script>")) == PROXY


def test_ipv6_clients_share_a_budget_per_slash_64(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    one = rate_limit_address(_request("2001:db8:1:2::1"))
    other = rate_limit_address(_request("2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::"


# --- the login limit (allauth) ------------------------------------------------------------


@pytest.fixture
def login_limits(settings):
    from leerkring.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def _fail_logins(count: int, forwarded_for) -> None:
    for n in range(count):
        victim = UserFactory()  # a new account each time: only the per-address limit bites
        Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for(n)).post(
            "/account/login/", {"login": victim.email, "password": "fout"}
        )


def _logs_in(user, forwarded) -> bool:
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_behind_the_proxy_an_attacker_cannot_lock_out_a_legitimate_user(settings, login_limits):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()

    # 40 failures, each with a different forged address, all from one real address.
    _fail_logins(40, lambda n: f"203.0.113.{n}, 198.51.100.66")

    assert _logs_in(user, "192.0.2.10")  # someone else behind the same proxy
    assert not _logs_in(user, "203.0.113.200, 198.51.100.66")  # the attacker stays limited


@pytest.mark.django_db
def test_without_trusted_proxies_forged_addresses_do_not_spread_the_limit(settings, login_limits):
    settings.TRUSTED_PROXY_COUNT = 0
    user = UserFactory()

    _fail_logins(40, lambda n: f"203.0.113.{n}")

    # The header is ignored: all 40 came from one peer, which is now limited.
    assert not _logs_in(user, "192.0.2.10")


@pytest.mark.django_db
def test_allauth_reads_the_same_proxy_count():
    from django.conf import settings

    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT


# --- the certificate look-up limit (ours) -------------------------------------------------


@pytest.mark.django_db
def test_certificate_lookups_are_counted_per_real_client_behind_the_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = (3, 600)
    cache.clear()
    url = "/certificaat/LK-0000-0000-0001/"

    def status(forwarded):
        return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).get(url).status_code

    for n in range(3):
        assert status(f"203.0.113.{n}, 198.51.100.66") == 404
    assert status("203.0.113.99, 198.51.100.66") == 429  # forged left part does not help
    assert status("192.0.2.10") == 404  # everyone else keeps their own budget
    cache.clear()


@pytest.mark.django_db
def test_certificate_lookups_ignore_a_forged_header_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = (3, 600)
    cache.clear()
    url = "/certificaat/LK-0000-0000-0001/"

    codes = [
        Client(REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        .get(url)
        .status_code
        for n in range(4)
    ]
    assert codes == [404, 404, 404, 429]
    cache.clear()
