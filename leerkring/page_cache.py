"""A shared cache for the public pages that anonymous visitors see (production only).

Whole responses of GET requests are kept in the default cache (Redis via CACHE_URL) when
the visitor is anonymous and has no session: anyone logged in, or with a session (messages,
a form in progress), is never served from it and never fills it. Two per-request values
in a page are replaced when a cached copy is served, so no visitor gets another's: the
CSRF token of the language switch and the CSP nonce of the scripts.

Invalidation: every cached page carries a generation number; Wagtail's page signals
(published, unpublished, moved, deleted) and changes to what public pages list (cohorts,
sessions, enrolments for the places left, trainers, audiences, images) start a new
generation once the change is committed, so the next visitor gets a fresh page. A timeout
bounds the rest.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token

from leerkring import generations

GENERATION_KEY = "pagecache:generation"
CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
NEVER_CACHED = ("/beheer/", "/account/", "/mijn/", "/django-admin/", "/gezond/")


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0


def generation() -> int:
    return generations.current(GENERATION_KEY)


def invalidate(**_kwargs) -> None:
    """Start a new generation of every cached page and the header's catalogue link, once
    the change is committed: a page rendered before the commit (from the data before) must
    not be kept under the new generation, and no cache call is made while the transaction
    holds its locks (an enrolment holds its cohort's)."""
    transaction.on_commit(_new_generation)


def _new_generation() -> None:
    from courses.selectors.catalogue import COURSE_INDEX_URL_KEY

    generations.bump(GENERATION_KEY)
    cache.delete(COURSE_INDEX_URL_KEY)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(invalidate, dispatch_uid="pagecache-published")
    page_unpublished.connect(invalidate, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="pagecache-moved")
    post_delete.connect(invalidate, sender=Page, dispatch_uid="pagecache-page-deleted")
    from wagtail.images import get_image_model

    from cohorts.models import Cohort, Enrolment, Session
    from courses.models import Audience, Trainer

    # Images too: pages show course images and trainers' photos.
    for model in (Cohort, Session, Enrolment, Trainer, Audience, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate, sender=model, dispatch_uid=f"pagecache-{signal}-{model.__name__}"
            )


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith(NEVER_CACHED):
        return False
    # Any session means someone (or a visit in progress) this page may be personal for.
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _key(request) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"pagecache:{generation()}:{language}:{request.get_host()}:{request.get_full_path()}"


class AnonymousPageCacheMiddleware:
    """Place it last in MIDDLEWARE: after sessions, authentication, locale and CSRF."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled() or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            return self._serve(request, stored)
        response = self.get_response(request)
        self._store(request, key, response)
        return response

    def _store(self, request, key, response) -> None:
        if (
            response.status_code != 200
            or response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or "private" in response.get("Cache-Control", "")
            or "no-store" in response.get("Cache-Control", "")
            or any(name != settings.CSRF_COOKIE_NAME for name in response.cookies)
        ):
            return
        nonce = getattr(request, "_csp_nonce", None)
        match = CSRF_VALUE.search(response.content)
        cache.set(
            key,
            {
                "content": response.content,
                "content_type": response["Content-Type"],
                "nonce": str(nonce).encode() if nonce else b"",
                "csrf": match.group(1) if match else b"",
            },
            settings.PAGE_CACHE_SECONDS,
        )

    def _serve(self, request, stored) -> HttpResponse:
        content = stored["content"]
        if stored["csrf"]:
            content = content.replace(stored["csrf"], get_token(request).encode())
        nonce = getattr(request, "_csp_nonce", None)
        if stored["nonce"] and nonce is not None:
            content = content.replace(stored["nonce"], str(nonce).encode())
        response = HttpResponse(content, content_type=stored["content_type"])
        response["X-Page-Cache"] = "hit"
        return response
