"""Room polls that have not changed, answered in front of Django's middleware.

A member whose network blocks WebSockets asks every 2 s whether the room changed
(`If-None-Match`), and the answer is nearly always 304 Not Modified. Through Django's ASGI
handler each ask passes fourteen middleware, each a hop to the one sync thread and back:
with 400 pollers on two cores that queueing, not the three queries, was what a poll cost.

`NotModifiedPolls` wraps the ASGI application. For a GET of a room's live panel or
projector panel with an ETag, it makes the view's own checks in one hop to a worker
thread — Django's session and user (as `get_user` finds them, so a changed password or a
logout counts),
the second factor (`access.signed_in`), the room and the viewer's access — and answers 304
only if the ETag is still the current one. Everything else, including every case in which
it would not answer 304, goes to Django unchanged: the view stays the authority, this only
saves the walk to it when nothing changed.
"""

import logging
from importlib import import_module

from channels.db import database_sync_to_async
from django.conf import settings
from django.http.cookie import parse_cookie
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve

from exercises.rooms import access

logger = logging.getLogger(__name__)
LIVE = "exercises:rooms:live"
PROJECTOR = "exercises:rooms:projector_live"
# Who may poll which panel: as the views `live` and `projector_live`.
ALLOWED = {
    LIVE: (access.TRAINER, access.MEMBER, access.ONLOOKER),
    PROJECTOR: (access.TRAINER, access.MEMBER),
}


def etag_of(room, user, *, projector: bool = False) -> str:
    """The panel's ETag: the room's revision as this viewer sees it (and which panel)."""
    return f'"r{room.pk}.{room.revision}.u{user.pk}{"p" if projector else ""}"'


def not_modified_headers(etag: str) -> list[tuple[bytes, bytes]]:
    """What a 304 repeats of the 200 it stands for (RFC 9110 §15.4.5), and the headers
    Django's middleware would add to it."""
    return [
        (b"etag", etag.encode()),
        (b"cache-control", b"private, no-cache"),
        (b"vary", b"Cookie, Accept-Language"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", settings.SECURE_REFERRER_POLICY.encode()),
        (b"x-frame-options", settings.X_FRAME_OPTIONS.encode()),
    ]


def current_etag(view_name: str, room_id: int, session_key: str) -> str | None:
    """The ETag this session's viewer would get from the view now, or None if the view
    would not show them the panel (signed out, second factor pending, no access) or if
    answering needs Django (anything that would change the session)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    user = access.session_user(store)
    if user is None or not access.signed_in(user, store):
        return None
    room = access.room_with_access(room_id, user)
    if room is None or access.access_of(room) not in ALLOWED[view_name]:
        return None
    return etag_of(room, user, projector=view_name == PROJECTOR)


def _host_allowed(headers: dict) -> bool:
    """As `HttpRequest.get_host()`: a host Django would refuse is left to Django (400)."""
    host = headers.get(b"host", b"").decode("latin-1")
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, allowed)


def _secure_enough(scope, headers: dict) -> bool:
    """With SECURE_SSL_REDIRECT a plain-HTTP request is left to Django (it redirects)."""
    if not settings.SECURE_SSL_REDIRECT or scope.get("scheme") == "https":
        return True
    proxy = settings.SECURE_PROXY_SSL_HEADER
    if not proxy:
        return False
    name, value = proxy
    header = name.removeprefix("HTTP_").replace("_", "-").lower().encode("latin-1")
    return headers.get(header, b"").decode("latin-1").split(",")[0].strip() == value


class NotModifiedPolls:
    """ASGI middleware: 304 for a room poll whose ETag still holds; the rest to `app`."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        etag = await self._still_current(scope)
        if etag is None:
            return await self.app(scope, receive, send)
        await send(
            {"type": "http.response.start", "status": 304, "headers": not_modified_headers(etag)}
        )
        await send({"type": "http.response.body", "body": b""})

    async def _still_current(self, scope) -> str | None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return None
        headers = dict(scope["headers"])
        asked = headers.get(b"if-none-match", b"").decode("latin-1")
        cookies = parse_cookie(headers.get(b"cookie", b"").decode("latin-1"))
        session_key = cookies.get(settings.SESSION_COOKIE_NAME)
        if not asked or not session_key:
            return None
        if not _host_allowed(headers) or not _secure_enough(scope, headers):
            return None
        path = scope["path"]
        if scope.get("root_path") and path.startswith(scope["root_path"]):
            path = path.removeprefix(scope["root_path"])
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.view_name not in ALLOWED:
            return None
        try:
            etag = await database_sync_to_async(current_etag, thread_sensitive=False)(
                match.view_name, match.kwargs["room_id"], session_key
            )
        except Exception:  # noqa: BLE001 — Django answers, and reports, whatever went wrong
            logger.warning("Room poll left to Django", exc_info=True)
            return None
        return etag if etag is not None and etag in asked else None
