from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    """Live practice rooms (exercises/rooms/); an app of its own so its tables have their own
    migrations beside the exercises app's."""

    name = "exercises.rooms"
    label = "rooms"
    verbose_name = _("Practice rooms")
