from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    """In-company bookings by municipalities: request, quote, accept, schedule."""

    name = "bookings"
    verbose_name = _("In-company bookings")
