from django.urls import path

from certificates import views

app_name = "certificates"

# Mounted at /certificaat/. Fixed paths first: everything else is read as a code.
urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("mijn/", views.my_certificates, name="mine"),
    path("pdf/<uuid:uuid>/", views.download, name="download"),
    path("pdf/<uuid:uuid>/intrekken/", views.revoke, name="revoke"),
    path("uitvoering/<int:cohort_id>/", views.cohort_certificates, name="cohort"),
    path("uitvoering/<int:cohort_id>/uitgeven/", views.issue_for_cohort_view, name="issue_cohort"),
    path(
        "uitvoering/<int:cohort_id>/uitgeven/<int:enrolment_id>/",
        views.issue_one_view,
        name="issue_one",
    ),
    path("uitvoering/<int:cohort_id>/certificaten.zip", views.cohort_zip, name="cohort_zip"),
    path("e-learning/<int:course_id>/", views.request_elearning_view, name="request_elearning"),
    path("<str:code>/", views.verify, name="verify"),
]
