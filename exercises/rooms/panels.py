"""The room's panels as HTML, rendered once per process and revision where they can be.

News of an action reaches eight members at once, and a poll every two seconds asks again:
rendering each member's panel from the template every time was most of a room's cost."""

import dataclasses
import json
import re

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from exercises.rooms import selectors
from exercises.rooms.state import once

LIVE = "exercises/rooms/_live.html"
PROJECTOR = "exercises/rooms/_projector.html"

# Filled in per viewer into a panel rendered for everyone in the same position.
_CSRF_MARK = "viewer-csrf-token-goes-here"
_YOU_MARK = re.compile(r"<!--you:(m\d+)-->")


def projector_html(room, user) -> str:
    """The projector panel (read-only, nothing personal on it): rendered once per room,
    revision and language, however many screens and polls show it."""

    def render() -> str:
        view = selectors.room_view(room=room, user=user)
        return render_to_string(PROJECTOR, {"view": view})

    return once(("projector", room.pk, room.revision, translation.get_language()), render)


def live_html(view: selectors.RoomView, *, csrf_token: str, error: str | None = None) -> str:
    """This viewer's live panel. Members in the same position (the same role, open actions
    and persona card; most members most of the time: waiting for their turn) see the same
    panel but for their own CSRF token and the "(you)" in the circle, so it is rendered once
    per position and revision and filled in for each. The trainer's panel (private notes)
    and an answer with an error are rendered for the one viewer."""
    if view.is_trainer or error:
        return render_to_string(LIVE, {"view": view, "error": error, "csrf_token": csrf_token})
    room = view.room
    key = (
        "live",
        room.pk,
        room.revision,
        room.last_sequence,
        translation.get_language(),
        _position(view),
    )

    def render() -> str:
        anyone = dataclasses.replace(view, seats=[s.as_anyone() for s in view.seats])
        context = {"view": anyone, "csrf_token": _CSRF_MARK, "mark_you": True}
        return render_to_string(LIVE, context)

    html = once(key, render).replace(_CSRF_MARK, csrf_token)
    me = view.me.engine_id if view.me is not None else None
    you = f" ({escape(translation.gettext('you'))})"
    return _YOU_MARK.sub(lambda mark: you if mark.group(1) == me else "", html)


def _position(view: selectors.RoomView) -> tuple:
    """Everything of the viewer's own that the live panel shows (see `live_html`)."""
    me = view.me
    seat = None
    if me is not None:
        seat = (me.role, me.absent, json.dumps(me.persona, sort_keys=True))
    actions = tuple((a.kind, a.as_facilitator) for a in view.actions)
    return (view.access, seat, actions, view.turn_is_absent)
