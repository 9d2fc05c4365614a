"""Cohorts, enrolment and the trainer's area. Mounted at the site root before Wagtail's
catch-all, so every path starts with its own Dutch prefix."""

from django.urls import path

from cohorts.views import enrolment, group, planning, trainer

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
    # Planning: trainers their own cohorts, planners every cohort.
    path("trainer/planning/", planning.calendar, name="planning"),
    path("trainer/planning/agenda-adres/", planning.feed_address, name="planning_feed_address"),
    path("trainer/planning/agenda/<str:token>.ics", planning.feed, name="planning_feed"),
    path("trainer/planning/nieuw/", planning.cohort_new, name="planning_new"),
    path(
        "trainer/planning/uitvoeringen/<int:cohort_id>/",
        planning.cohort_plan,
        name="planning_cohort",
    ),
    path(
        "trainer/planning/uitvoeringen/<int:cohort_id>/kopieren/",
        planning.cohort_duplicate,
        name="planning_duplicate",
    ),
    path(
        "trainer/planning/uitvoeringen/<int:cohort_id>/dagdeel-toevoegen/",
        planning.session_add,
        name="planning_session_add",
    ),
    path(
        "trainer/planning/dagdelen/<int:session_id>/verplaatsen/",
        planning.session_move,
        name="planning_session_move",
    ),
    path(
        "trainer/planning/dagdelen/<int:session_id>/annuleren/",
        planning.session_cancel,
        name="planning_session_cancel",
    ),
    # Running the group.
    path(
        "trainer/uitvoeringen/<int:cohort_id>/inschrijven/",
        group.enrol_someone,
        name="trainer_enrol_someone",
    ),
    path("trainer/uitvoeringen/<int:cohort_id>/bericht/", group.message, name="trainer_message"),
    path(
        "trainer/uitvoeringen/<int:cohort_id>/capaciteit/",
        group.capacity,
        name="trainer_capacity",
    ),
    path(
        "trainer/uitvoeringen/<int:cohort_id>/deelnemers.xlsx",
        group.participants_xlsx,
        name="trainer_cohort_xlsx",
    ),
    path(
        "trainer/uitvoeringen/<int:cohort_id>/evaluaties.csv",
        group.evaluations_csv,
        name="trainer_evaluations_csv",
    ),
    path(
        "trainer/wachtlijst/<int:enrolment_id>/",
        group.waitlist_action,
        name="trainer_waitlist_action",
    ),
    path(
        "trainer/dagdelen/<int:session_id>/iedereen-aanwezig/",
        group.everyone_present,
        name="trainer_everyone_present",
    ),
    path(
        "trainer/dagdelen/<int:session_id>/tekenlijst.pdf",
        group.signin_sheet,
        name="trainer_signin_sheet",
    ),
    path(
        "trainer/dagdelen/<int:session_id>/aanwezigheid.csv",
        group.attendance_csv,
        name="trainer_attendance_csv",
    ),
]
