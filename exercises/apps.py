from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    """Consent role-play exercises; the process itself lives in exercises.consent."""

    name = "exercises"
    verbose_name = _("Exercises")
