from django.urls import include, path

from exercises import views

app_name = "exercises"

# Mounted at "oefenen/".
urlpatterns = [
    path("start/<int:page_id>/", views.start, name="start"),
    path("poging/<int:attempt_id>/", views.practice, name="practice"),
    path("poging/<int:attempt_id>/opnieuw/", views.restart, name="restart"),
    path("trainer/", views.trainer_results, name="trainer_results"),
    path("trainer/poging/<int:attempt_id>/", views.trainer_attempt, name="trainer_attempt"),
    path("kamers/", include("exercises.rooms.urls")),
]
