from django.urls import path

from exercises.rooms import views

app_name = "rooms"

# Mounted at "oefenen/kamers/".
urlpatterns = [
    path("nieuw/", views.new_room, name="new"),
    path("deelnemen/", views.join, name="join"),
    path("<int:room_id>/", views.room, name="room"),
    path("<int:room_id>/kring/", views.circle, name="circle"),
    path("<int:room_id>/start/", views.start, name="start"),
    path("<int:room_id>/actie/", views.act, name="act"),
    path("<int:room_id>/stand/", views.live, name="live"),
    path("<int:room_id>/beheer/", views.control, name="control"),
    path("<int:room_id>/notitie/", views.note, name="note"),
    path("<int:room_id>/scherm/", views.projector, name="projector"),
    path("<int:room_id>/scherm/stand/", views.projector_live, name="projector_live"),
    path("<int:room_id>/notulen.pdf", views.minutes_pdf_view, name="minutes"),
    path("<int:room_id>/nabespreking/", views.debrief, name="debrief"),
]
