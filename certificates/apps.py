import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates for completed courses and their public verification."""

    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # WeasyPrint reports every rendering step at INFO; only its warnings matter to us.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
        logging.getLogger("fontTools").setLevel(logging.WARNING)
