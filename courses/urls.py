from django.urls import path

from courses.views import lessons

app_name = "courses"

# Mounted at the site root before Wagtail's catch-all, so every path here starts with its
# own Dutch prefix ("lessen/…").
urlpatterns = [
    path("lessen/<int:lesson_id>/afgerond/", lessons.mark_done, name="lesson_done"),
    path("lessen/<int:lesson_id>/antwoorden/", lessons.save_answers, name="lesson_answers"),
]
