"""Wagtail's own login and password-reset views, closed.

They authenticate with Django's LoginView, which knows nothing of allauth: no email
verification, no rate limit, no second factor. Every way in goes through allauth instead;
these paths only send the visitor there (keeping `next`), and never look at a password
that is posted to them.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse


def _to(url_name: str, request) -> HttpResponseRedirect:
    url = reverse(url_name)
    next_url = request.GET.get("next")
    if next_url:
        # allauth checks `next` against the allowed hosts before following it.
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


def to_login(request, *args, **kwargs):
    """Wagtail sends here both visitors who must log in and logged-in people who lack the
    permission (the admin, a page restricted to a group). allauth's login would send the
    latter straight back, round and round; they get "no access" instead."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return _to("account_login", request)


def to_password_reset(request, *args, **kwargs):
    return _to("account_reset_password", request)
