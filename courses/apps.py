from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """The catalogue (Wagtail pages), lessons, cohorts, enrolment and attendance."""

    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from courses import content_cache, editing

        content_cache.connect_signals()
        editing.connect_signals()
