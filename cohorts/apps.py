from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortsConfig(AppConfig):
    """The running of courses: cohorts and their sessions, enrolment and the waiting list,
    attendance, intake and evaluation, the trainer's area, emails and calendars."""

    name = "cohorts"
    verbose_name = _("Cohorts")
