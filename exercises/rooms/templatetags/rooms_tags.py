from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from exercises.rooms.selectors import rooms_of
from exercises.rooms.state import once

register = template.Library()

# Parts of the live panel that are the same for every viewer of a room's revision.
SHARED_PARTS = {
    "proposal": "exercises/rooms/includes/live_proposal.html",
    "log": "exercises/rooms/includes/live_log.html",
}


@register.simple_tag
def my_practice_rooms(user):
    """The rooms a member sits in or a trainer leads, for "Mijn leerkring"."""
    if not user.is_authenticated:
        return []
    return list(rooms_of(user=user))


@register.simple_tag(takes_context=True)
def shared_part(context, name: str) -> str:
    """A part of the live panel that shows every viewer the same (the proposal, the log),
    rendered once per process, room revision and language: news reaches eight members at
    once, and only their own parts (the circle marks "you", the actions) differ."""
    view = context["view"]
    room = view.room
    key = ("live-part", name, room.pk, room.revision, room.last_sequence, get_language())
    return once(key, lambda: render_to_string(SHARED_PARTS[name], {"view": view}))
