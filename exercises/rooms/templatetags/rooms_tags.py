import re
import secrets

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from exercises.rooms.selectors import rooms_of
from exercises.rooms.state import once

register = template.Library()

# Parts of the live panel that are the same for every viewer of a room's revision (the
# circle but for "(you)"), and for every viewer in the same position (the actions).
SHARED_PARTS = {
    "circle": "exercises/rooms/includes/live_circle.html",
    "proposal": "exercises/rooms/includes/live_proposal.html",
    "log": "exercises/rooms/includes/live_log.html",
}
POSITION_PARTS = {"actions": "exercises/rooms/includes/live_actions.html"}

_YOU_MARK = re.compile(r"<!--you:(m\d+)-->")
# Stands in for the viewer's CSRF token in a part rendered for several viewers; random, so
# no text anyone types can be taken for it.
_TOKEN_MARK = f"token-{secrets.token_hex(16)}"


@register.simple_tag
def my_practice_rooms(user):
    """The rooms a member sits in or a trainer leads, for "Mijn leerkring"."""
    if not user.is_authenticated:
        return []
    return list(rooms_of(user=user))


@register.simple_tag(takes_context=True)
def shared_part(context, name: str) -> str:
    """A part of the live panel that shows every viewer the same, rendered once per
    process, room revision and language: news reaches eight members at once. The circle
    says "(you)" at the viewer's own seat: it is rendered with a mark at every seat, and
    the viewer's mark becomes "(you)"."""
    view = context["view"]
    room = view.room
    key = ("live-part", name, room.pk, room.revision, room.last_sequence, get_language())

    def render() -> str:
        anyone = view.as_anyone()
        return render_to_string(SHARED_PARTS[name], {"view": anyone, "mark_you": True})

    html = once(key, render)
    if name == "circle":
        me = view.me.engine_id if view.me is not None else None
        you = f" ({escape(gettext('you'))})"
        html = _YOU_MARK.sub(lambda mark: you if mark.group(1) == me else "", html)
    return mark_safe(html)  # noqa: S308 — our own template's output


@register.simple_tag(takes_context=True)
def position_part(context, name: str) -> str:
    """A part of the live panel that is the same for every viewer in the same position
    (`RoomView.position`: most members most of the time are waiting alike), rendered once
    per position and revision, with the viewer's own CSRF token put in."""
    view = context["view"]
    room = view.room
    key = (
        "live-part",
        name,
        room.pk,
        room.revision,
        room.last_sequence,
        get_language(),
        view.position,
    )

    def render() -> str:
        return render_to_string(POSITION_PARTS[name], {"view": view, "csrf_token": _TOKEN_MARK})

    html = once(key, render)
    if _TOKEN_MARK in html:  # only then is the token asked for (and its cookie set)
        html = html.replace(_TOKEN_MARK, escape(str(context.get("csrf_token", ""))))
    return mark_safe(html)  # noqa: S308 — our own template's output, the token escaped
