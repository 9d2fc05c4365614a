from django.urls import path

from personal_data import views

app_name = "personal_data"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.export_request, name="export_request"),
    path("export/<uuid:export_uuid>/", views.export_download, name="export_download"),
    path("verwijderen/", views.account_delete, name="account_delete"),
]
