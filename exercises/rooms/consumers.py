"""The room's WebSocket: join, act, and news of the log.

The database is the authority; the channel layer only carries "the room is now at revision
R, sequence S". On news each consumer reads what it needs (the replayed state is shared per
process, see `state`) and sends its member their own view: HTML for the htmx page
(`?html=1`), JSON otherwise. Reconnecting with `?after=N` first sends the log entries after
N, so a client that slept misses nothing and gets nothing twice.
"""

import copy
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from django.conf import settings
from django.core.exceptions import SynchronousOnlyOperation
from django.template.loader import render_to_string
from django.utils import translation

from exercises.rooms import access, selectors, services
from exercises.rooms.models import Room
from exercises.rooms.news import group_name
from exercises.rooms.panels import projector_html
from exercises.rooms.state import (
    BuildingElsewhere,
    advance,
    cached_snapshot,
    room_row,
    room_snapshot,
)

FORBIDDEN = 4403
ALL_ACCESS = (access.TRAINER, access.MEMBER, access.ONLOOKER)
# As the projector page (views.projector): the trainer and the seated members.
PROJECTOR_ACCESS = (access.TRAINER, access.MEMBER)
# `_act`'s answer when the session no longer signs the member in: the socket is closed.
SIGNED_OUT = object()
# How long a socket's news reuse the viewer's access before reading it again (a member
# unenrolled meanwhile stops getting news within this time; every action checks anew).
ACCESS_RECHECK_SECONDS = 30


class RoomConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.room_id = int(self.scope["url_route"]["kwargs"]["room_id"])
        query = parse_qs(self.scope.get("query_string", b"").decode())
        # The projector (read-only, the same for every viewer) or a member's own page.
        self.projector = query.get("view", [""])[0] == "projector"
        self.html = self.projector or query.get("html", ["0"])[0] == "1"
        try:
            after = int(query.get("after", ["0"])[0])
        except ValueError:
            after = 0
        self.user = self.scope.get("user")
        signed_in = await database_sync_to_async(access.signed_in)(
            self.user, self.scope.get("session")
        )
        if not signed_in:
            await self.close(code=FORBIDDEN)
            return
        room = await database_sync_to_async(selectors.room_for)(
            room_id=self.room_id, user=self.user
        )
        allowed = PROJECTOR_ACCESS if self.projector else ALL_ACCESS
        if room is None or access.access_of(room) not in allowed:
            await self.close(code=FORBIDDEN)
            return
        self.room = room
        self.access_checked_at = -ACCESS_RECHECK_SECONDS
        self.access_flags = (True, False, False)  # read on the first news (see `_room_now`)
        self.sent_sequence = after
        self.sent_revision = -1
        await self.channel_layer.group_add(group_name(self.room_id), self.channel_name)
        await self.accept()
        await self.send_state()

    async def disconnect(self, code):
        if getattr(self, "room", None) is not None:
            await self.channel_layer.group_discard(group_name(self.room_id), self.channel_name)

    async def receive_json(self, content, **kwargs):
        if self.projector:
            return  # read-only
        kind = content.get("action") or content.get("kind")
        try:
            seen = int(content.get("seen", -1))
        except (TypeError, ValueError):
            seen = -1
        values = {k: v for k, v in content.items() if k not in ("HEADERS", "action", "seen")}
        # Off the one shared thread: rooms act in parallel (each thread its own connection);
        # the row lock, not the thread, keeps a room's actions in order.
        error = await database_sync_to_async(self._act, thread_sensitive=False)(
            str(kind or ""), values, seen
        )
        if error is SIGNED_OUT:
            await self.close(code=FORBIDDEN)
            return
        if error is not None:
            # Only the one who tried hears it, with the fresh state.
            await self.send_state(error=error, force=True)

    def _act(self, kind: str, values: dict, seen: int) -> str | object | None:
        room = self.room
        session = self.scope.get("session")
        if not access.still_signed_in(self.user, getattr(session, "session_key", None)):
            return SIGNED_OUT
        try:
            if kind == "pass_for_absent":
                services.pass_for_absent(room=room, by=self.user, seen=seen)
            else:
                services.act(room=room, user=self.user, kind=kind, values=values, seen=seen)
        except services.RoomError as error:
            return error.message
        return None

    async def room_news(self, message):
        if message["revision"] <= self.sent_revision:
            return
        # A member's action carries its log entry: the first consumer in this process to hear
        # it builds the new revision from the one before, without reading the database.
        built = advance(self.room_id, message)
        if not self.html:
            # Eight members hear the same news: the first reads the room, the rest reuse it.
            snapshot = cached_snapshot(self.room_id, message["revision"])
            if snapshot is None:
                snapshot = await database_sync_to_async(room_snapshot, thread_sensitive=False)(
                    self.room_id
                )
            if snapshot is not None and snapshot["revision"] > self.sent_revision:
                body = selectors.news_from_snapshot(
                    snapshot, user_id=self.user.pk, after=self.sent_sequence
                )
                self.sent_revision = snapshot["revision"]
                self.sent_sequence = max(snapshot["last_sequence"], self.sent_sequence)
                await self.send_json(body)
            return
        await self.send_state(revision=message["revision"], kept=built)

    async def send_state(
        self,
        *,
        error: str | None = None,
        force: bool = False,
        revision: int | None = None,
        kept: bool = False,
    ):
        payload = None
        on_loop = kept and self._panel_needs_no_query()
        if on_loop:
            # Everything the panel shows is kept in this process: made here, on the event
            # loop, a fraction of a millisecond, instead of a hop to a worker thread and back
            # per member. Should anything still need the database, Django refuses it on the
            # loop before any query is sent, and the panel is made on a thread after all.
            try:
                payload = self._payload(error, revision)
            except (SynchronousOnlyOperation, BuildingElsewhere):
                on_loop = False
        if not on_loop:
            # Off the one shared thread, as actions: eight members' panels made side by side.
            payload = await database_sync_to_async(self._payload, thread_sensitive=False)(
                error, revision
            )
        if payload is None:
            return
        revision, sequence, body = payload
        if not force and revision <= self.sent_revision:
            return
        self.sent_revision, self.sent_sequence = revision, max(sequence, self.sent_sequence)
        if self.html:
            await self.send(text_data=body)
        else:
            await self.send_json(body)

    def _panel_needs_no_query(self) -> bool:
        """A member's HTML panel on news whose revision is kept (`state.advance`), with their
        access checked recently: no query (the trainer's panel reads the access and the
        private notes every time, the projector and JSON news have their own paths).

        Keep the live panel's templates free of queries in their `{% if %}`s: Django's
        `and`/`or`/`not` swallow exceptions, so a query there would not fall back to a
        thread but render as False (and `once` would share that part). The browser tests
        run uvicorn in a thread of the test process, where DJANGO_ALLOW_ASYNC_UNSAFE is set
        (Playwright's sync API), so there a missing part is read on the loop instead of
        falling back: the fallback is tested in tests/exercises/rooms/test_consumers.py."""
        recent = time.monotonic() - self.access_checked_at <= ACCESS_RECHECK_SECONDS
        return self.html and not self.projector and recent and not self.access_flags[0]

    def _room_now(self, revision: int | None) -> Room | None:
        """The room with this viewer's access. On news (`revision`) the room's row is read
        once per process and revision for every viewer, and the access they had when last
        checked is reused for up to ACCESS_RECHECK_SECONDS; otherwise both are read now."""
        now = time.monotonic()
        stale = now - self.access_checked_at > ACCESS_RECHECK_SECONDS
        # A trainer's panel has the private coaching notes: their access is read every time.
        if revision is None or stale or self.access_flags[0]:
            room = access.room_with_access(self.room_id, self.user)
            if room is not None:
                self.access_flags = (room.is_trainer, room.is_seated, room.in_cohort)
                self.access_checked_at = now
            return room
        row = room_row(self.room_id, revision)
        if row is None:
            return None
        room = copy.copy(row)
        room.is_trainer, room.is_seated, room.in_cohort = self.access_flags
        return room

    def _payload(self, error: str | None, revision: int | None = None):
        with translation.override("nl"):
            room = self._room_now(revision)
            if room is None or access.access_of(room) is None:
                return None
            if self.projector:
                return room.revision, room.last_sequence, projector_html(room, self.user)
            if self.html:
                view = selectors.room_view(room=room, user=self.user)
                # No request here: the forms carry the CSRF secret from the cookie, which
                # Django accepts as the form's token.
                csrf = self.scope.get("cookies", {}).get(settings.CSRF_COOKIE_NAME, "")
                html = render_to_string(
                    "exercises/rooms/_live.html",
                    {"view": view, "error": error, "csrf_token": csrf},
                )
                return room.revision, room.last_sequence, html
            body = selectors.room_news(room=room, user=self.user, after=self.sent_sequence)
            if error:
                body = {**body, "type": "refused", "message": error}
            return room.revision, room.last_sequence, body


class EchoConsumer(AsyncWebsocketConsumer):
    """An empty consumer in a group: what the transport costs without any room logic."""

    async def connect(self):
        query = parse_qs(self.scope.get("query_string", b"").decode())
        self.group = "echo-" + "".join(c for c in query.get("g", ["0"])[0] if c.isalnum())[:20]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(self.group, {"type": "echo.news", "text": text_data})

    async def echo_news(self, message):
        await self.send(text_data=message["text"])
