from django.urls import path

from bookings import invitation_views, views

app_name = "bookings"

urlpatterns = [
    path("aanvragen/", views.my_requests, name="mine"),
    path("aanvragen/nieuw/", views.request_create, name="create"),
    path("aanvragen/nieuw/<int:course_id>/", views.request_create, name="create_for_course"),
    path("aanvragen/<uuid:public_id>/", views.request_detail, name="detail"),
    path("uitnodiging/<str:token>/", invitation_views.accept, name="invitation"),
    path("aanvragen/<uuid:public_id>/bericht/", views.post_message, name="message"),
    path("aanvragen/<uuid:public_id>/intrekken/", views.withdraw_request, name="withdraw"),
    path(
        "aanvragen/<uuid:public_id>/offerte/<int:version>.pdf",
        views.quote_download,
        name="quote_pdf",
    ),
    path(
        "aanvragen/<uuid:public_id>/offerte/<int:version>/accepteren/",
        views.accept_quote,
        name="accept_quote",
    ),
    path(
        "aanvragen/<uuid:public_id>/offerte/<int:version>/afwijzen/",
        views.decline_quote,
        name="decline_quote",
    ),
    path("beheer/", views.staff_overview, name="staff_overview"),
    path("beheer/<uuid:public_id>/offerte/", views.quote_edit, name="quote_edit"),
    path("beheer/<uuid:public_id>/offerte/voorbeeld/", views.quote_preview, name="quote_preview"),
    path(
        "beheer/<uuid:public_id>/offerte/<int:version>/versturen/",
        views.send_quote,
        name="send_quote",
    ),
    path(
        "beheer/<uuid:public_id>/offerte/<int:version>/nieuwe-versie/",
        views.revise_quote,
        name="revise_quote",
    ),
    path("beheer/<uuid:public_id>/afwijzen/", views.decline_request, name="decline_request"),
    path("beheer/<uuid:public_id>/plannen/", views.schedule, name="schedule"),
    path("beheer/<uuid:public_id>/gegeven/", views.mark_delivered, name="delivered"),
    path("beheer/<uuid:public_id>/afsluiten/", views.close, name="close"),
]
