from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerkringConfig(AppConfig):
    """The project package as an app: shared template tags, formats and the demo command."""

    name = "leerkring"
    verbose_name = _("Leerkring")

    def ready(self):
        from leerkring import page_cache

        page_cache.connect_signals()
