"""Panels that are the same for every viewer of a revision, rendered once per process."""

from django.template.loader import render_to_string
from django.utils import translation

from exercises.rooms import selectors
from exercises.rooms.state import once

PROJECTOR = "exercises/rooms/_projector.html"


def projector_html(room, user) -> str:
    """The projector panel (read-only, nothing personal on it): rendered once per room,
    revision and language, however many screens and polls show it."""

    def render() -> str:
        view = selectors.room_view(room=room, user=user)
        return render_to_string(PROJECTOR, {"view": view})

    return once(("projector", room.pk, room.revision, translation.get_language()), render)
