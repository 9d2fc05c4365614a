from django import template
from django.utils.html import format_html

from bookings.models import BookingStatus

register = template.Library()

# The NL Design System badge modifier per status; without one the badge is "inactive".
BADGES = {
    BookingStatus.REQUESTED: "active",
    BookingStatus.QUOTED: "warning",
    BookingStatus.ACCEPTED: "success",
    BookingStatus.SCHEDULED: "success",
    BookingStatus.DELIVERED: "success",
    BookingStatus.DECLINED: "danger",
    BookingStatus.EXPIRED: "danger",
}


@register.simple_tag
def booking_status(status: str):
    """A request's status as a badge. A tag, not an included template: the staff overview
    shows 25 of them per page, and an include with a translated choice label per row cost
    more than the rest of the row (issue 15)."""
    return format_html(
        '<span class="status status--{} utrecht-status-badge utrecht-status-badge--{}">{}</span>',
        status,
        BADGES.get(status, "inactive"),
        BookingStatus(status).label,
    )
