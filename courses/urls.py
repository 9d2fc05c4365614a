from django.urls import path  # noqa: F401

app_name = "courses"

# Mounted at the site root before Wagtail's catch-all, so every path here starts with its
# own Dutch prefix (e.g. "lessen/…", "inschrijvingen/…", "trainer/…").
urlpatterns = []
