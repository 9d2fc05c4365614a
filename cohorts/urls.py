"""Cohorts, enrolment and the trainer's area. Mounted at the site root before Wagtail's
catch-all, so every path starts with its own Dutch prefix."""

from django.urls import path

from cohorts.views import enrolment, trainer

app_name = "cohorts"

urlpatterns = [
    path("uitvoeringen/<int:cohort_id>/", enrolment.cohort_detail, name="cohort_detail"),
    path(
        "uitvoeringen/<int:cohort_id>/uitnodiging/<str:token>/",
        enrolment.cohort_detail,
        name="cohort_invitation",
    ),
    path("uitvoeringen/<int:cohort_id>/inschrijven/", enrolment.enrol_view, name="enrol"),
    path("inschrijvingen/agenda/", enrolment.calendar_subscription, name="calendar_subscription"),
    path("inschrijvingen/<int:enrolment_id>/", enrolment.enrolment_detail, name="enrolment_detail"),
    path(
        "inschrijvingen/<int:enrolment_id>/annuleren/",
        enrolment.enrolment_cancel,
        name="enrolment_cancel",
    ),
    path(
        "inschrijvingen/<int:enrolment_id>/plaats-aannemen/",
        enrolment.offer_accept,
        name="offer_accept",
    ),
    path("inschrijvingen/<int:enrolment_id>/intake/", enrolment.intake, name="intake"),
    path("inschrijvingen/<int:enrolment_id>/evaluatie/", enrolment.evaluation, name="evaluation"),
    path(
        "inschrijvingen/<int:enrolment_id>/agenda.ics",
        enrolment.enrolment_ics,
        name="enrolment_ics",
    ),
    path("agenda/<str:token>.ics", enrolment.calendar_feed, name="calendar_feed"),
    path("trainer/", trainer.dashboard, name="trainer_dashboard"),
    path("trainer/uitvoeringen/<int:cohort_id>/", trainer.cohort_detail, name="trainer_cohort"),
    path(
        "trainer/uitvoeringen/<int:cohort_id>/deelnemers.csv",
        trainer.cohort_csv,
        name="trainer_cohort_csv",
    ),
    path(
        "trainer/uitvoeringen/<int:cohort_id>/doorgaan/", trainer.go_ahead, name="trainer_go_ahead"
    ),
    path(
        "trainer/uitvoeringen/<int:cohort_id>/annuleren/",
        trainer.cancel_cohort_view,
        name="trainer_cancel_cohort",
    ),
    path(
        "trainer/uitvoeringen/<int:cohort_id>/afsluiten/",
        trainer.close_cohort_view,
        name="trainer_close_cohort",
    ),
    path(
        "trainer/dagdelen/<int:session_id>/aanwezigheid/",
        trainer.attendance,
        name="trainer_attendance",
    ),
    path(
        "trainer/inschrijvingen/<int:enrolment_id>/annuleren/",
        trainer.cancel_participant,
        name="trainer_cancel_enrolment",
    ),
    path(
        "trainer/inschrijvingen/<int:enrolment_id>/beoordelen/",
        trainer.decide,
        name="trainer_decide",
    ),
]
