"""/beheer/: the access log, read-only for administrators; user edits are logged."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from privacy.models import AccessAction, AccessLog
from privacy.services import record_access


class AdministratorsMayOnlyRead(ModelPermissionPolicy):
    """Administrators (superusers) may view the log; nobody may add, change or delete."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model.objects.all()
        return self.model.objects.none()


class AccessLogViewSet(ModelViewSet):
    model = AccessLog
    icon = "list-ul"
    menu_label = _("Access log")
    add_to_admin_menu = False
    url_prefix = "toegangslog"
    list_display = ["at", "actor_name", "action", "subject_name", "object_repr"]
    list_filter = ["action"]
    search_fields = ["actor_name", "subject_name", "object_repr"]
    exclude_form_fields = []  # nobody may add or edit (AdministratorsMayOnlyRead)
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50


register_permission_policy(AccessLog, AdministratorsMayOnlyRead(AccessLog))
access_log_viewset = AccessLogViewSet("access_log")


@hooks.register("register_admin_viewset")
def register_access_log():
    return access_log_viewset


@hooks.register("register_settings_menu_item")
def access_log_menu_item():
    return access_log_viewset.get_menu_item()


@hooks.register("after_create_user")
def log_user_created(request, user):
    record_access(actor=request.user, action=AccessAction.USER_CREATED, subjects=[user], obj=user)


@hooks.register("after_edit_user")
def log_user_edited(request, user):
    record_access(actor=request.user, action=AccessAction.USER_EDITED, subjects=[user], obj=user)


@hooks.register("after_delete_user")
def log_user_deleted(request, user):
    # After, so a refused deletion is not logged as done; the entry keeps the name.
    record_access(actor=request.user, action=AccessAction.USER_DELETED, subjects=[user], obj=user)
