"""The site's own address, for links that leave the browser: emails, the certificate's QR
code and "controleer op", calendar feeds.

While a request is being served (and `BASE_URL` is not set explicitly) the address is the
one the visitor used, so `make run PORT=8100` or any other host and port gives working
links without configuration. Outside a request (the task worker, cron) it is `BASE_URL`
(`WAGTAILADMIN_BASE_URL` in the settings). The host has passed ALLOWED_HOSTS by then, so a
forged Host header cannot put another site's address into an email.
"""

from contextvars import ContextVar

from django.conf import settings

_request_base_url: ContextVar[str | None] = ContextVar("request_base_url", default=None)


def site_base_url() -> str:
    """`scheme://host[:port]`, without a trailing slash."""
    return (_request_base_url.get() or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    return site_base_url() + path


class SiteBaseUrlMiddleware:
    """Remember the request's own address for site_base_url() while it is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.BASE_URL_FROM_REQUEST:
            return self.get_response(request)
        token = _request_base_url.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            _request_base_url.reset(token)
