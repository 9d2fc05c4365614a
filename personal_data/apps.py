from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonalDataConfig(AppConfig):
    """A person's rights over their data (AVG): export, deleting the account, retention."""

    name = "personal_data"
    verbose_name = _("Personal data")
    default_auto_field = "django.db.models.BigAutoField"
