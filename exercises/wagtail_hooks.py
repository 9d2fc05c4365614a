from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.roles import TRAINER, has_role


class TrainerResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or has_role(request.user, TRAINER)


@hooks.register("register_admin_menu_item")
def register_exercise_results_menu_item():
    # Attempts are read, never edited, so the admin links to the trainer's results page.
    return TrainerResultsMenuItem(
        _("Exercise results"), reverse("exercises:trainer_results"), icon_name="tick", order=400
    )


@hooks.register("insert_editor_js")
def exercise_cast_js():
    # Persona fields offer the names of the scenario's cast.
    return format_html('<script src="{}"></script>', static("exercises/cast.js"))
