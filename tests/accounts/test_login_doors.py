"""Issue 11, items 1 and 2: every way to log in goes through allauth, so email verification
and the login rate limit hold on every login URL (Wagtail's own views skipped both)."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# Every URL that ever accepted a username and password.
LOGIN_URLS = ["/account/login/", "/beheer/login/", "/_util/login/"]


def _credentials(url: str, email: str, password: str) -> dict:
    # allauth calls the field "login", Django's LoginView (Wagtail's) "username".
    return {"login": email, "username": email, "password": password}


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def rate_limits(settings):
    # The test settings switch allauth's limits off; here they are what is tested.
    from leerkring.settings import base

    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()  # counts live in the cache; start each test from zero
    yield
    cache.clear()


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_an_unverified_account_cannot_log_in_through_any_login_url(client, url):
    user = UserFactory()
    EmailAddress.objects.filter(user=user).update(verified=False)

    client.post(url, _credentials(url, user.email, PASSWORD), follow=True)

    assert not _logged_in(client)


@pytest.mark.parametrize("url", LOGIN_URLS)
def test_thirty_wrong_passwords_then_the_right_one_is_refused_on_every_login_url(
    client, url, rate_limits
):
    user = UserFactory()
    for attempt in range(30):
        client.post(url, _credentials(url, user.email, f"fout-{attempt}"))

    client.post(url, _credentials(url, user.email, PASSWORD), follow=True)

    assert not _logged_in(client)


def test_the_rate_limit_test_would_notice_a_login_that_works(client, rate_limits):
    # Control: without the wrong guesses the same request logs in, so the test above
    # fails for the right reason.
    user = UserFactory()

    client.post("/account/login/", _credentials("", user.email, PASSWORD))

    assert _logged_in(client)


@pytest.mark.parametrize("url", ["/beheer/login/", "/_util/login/"])
def test_wagtails_login_views_forward_to_allauth_keeping_next(client, url):
    response = client.get(f"{url}?next=/beheer/pages/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=%2Fbeheer%2Fpages%2F"


@pytest.mark.parametrize("url", ["/beheer/password_reset/", "/beheer/password_reset/done/"])
def test_wagtails_password_reset_forwards_to_allauth(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")


def test_the_admin_sends_anonymous_visitors_to_allauths_login(client):
    response = client.get("/beheer/", follow=True)

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse("account_login")
    assert response.request["QUERY_STRING"] == "next=%2Fbeheer%2F"


def test_a_page_restricted_to_logged_in_users_sends_visitors_to_allauths_login(client):
    from wagtail.models import Page, PageViewRestriction

    page = Page.objects.filter(depth=2).first().specific
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    response = client.get(page.url, follow=True)

    assert response.request["PATH_INFO"] == reverse("account_login")


def test_logged_in_people_without_the_permission_get_no_access_not_a_loop(client):
    client.force_login(UserFactory())

    assert client.get("/beheer/", follow=True).status_code == 403
    assert client.get("/_util/login/?next=/beheer/").status_code == 403


def test_wagtail_lets_nobody_change_password_or_email_around_allauth():
    assert django_settings.WAGTAIL_PASSWORD_MANAGEMENT_ENABLED is False
    assert django_settings.WAGTAIL_PASSWORD_RESET_ENABLED is False
    assert django_settings.WAGTAIL_EMAIL_MANAGEMENT_ENABLED is False
