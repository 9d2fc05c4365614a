from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import Trainer


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    menu_label = _("Trainers")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "role"]
    search_fields = ["name"]


register_snippet(TrainerViewSet)
