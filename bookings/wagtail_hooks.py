from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from bookings.permissions import can_manage_bookings


class BookingsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_bookings(request.user)


@hooks.register("register_admin_menu_item")
def register_bookings_menu_item():
    # The requests are handled on the site's own trainer pages, where quotes are drafted.
    return BookingsMenuItem(
        _("In-company requests"), reverse("bookings:staff_overview"), icon_name="clipboard-list"
    )
