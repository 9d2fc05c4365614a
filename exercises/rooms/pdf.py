"""The minutes (besluitenlijst) of a room as a PDF, in the site's document look."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from exercises.rooms.models import Room
from exercises.rooms.selectors import minutes
from leerkring.pdf import html_to_pdf

TEMPLATE = "exercises/rooms/pdf/minutes.html"


def minutes_pdf(room: Room) -> bytes:
    # Minutes are Dutch documents, whatever language the reader browses in.
    with translation.override("nl"):
        html = render_to_string(
            TEMPLATE, {"minutes": minutes(room=room), "made_on": timezone.localdate()}
        )
    return html_to_pdf(html)
