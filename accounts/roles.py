"""The four roles of Leerkring, as Django groups with their permissions.

Later features check roles through `has_role()` and the permissions given here, so a
role's meaning lives in one place.
"""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

PARTICIPANT = "Participant"
TRAINER = "Trainer"
MUNICIPAL_CONTACT = "Municipal contact"
EDITOR = "Editor"

ROLE_LABELS = {
    PARTICIPANT: _("Participant"),
    TRAINER: _("Trainer"),
    MUNICIPAL_CONTACT: _("Municipal contact"),
    EDITOR: _("Editor"),
}

# (app_label, codename) per role. Page permissions for editors are Wagtail's own
# (GroupPagePermission), granted on the root page below.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    PARTICIPANT: [],
    TRAINER: [
        ("wagtailadmin", "access_admin"),
        # Trainers plan cohorts in /beheer/ (sessions inline); nobody deletes them.
        ("cohorts", "view_cohort"),
        ("cohorts", "add_cohort"),
        ("cohorts", "change_cohort"),
    ],
    MUNICIPAL_CONTACT: [],
    EDITOR: [
        ("wagtailadmin", "access_admin"),
        ("cohorts", "view_cohort"),
        ("cohorts", "add_cohort"),
        ("cohorts", "change_cohort"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
}

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]


def ensure_roles() -> dict[str, Group]:
    """Create the role groups and give them their permissions. Safe to run again."""
    groups = {}
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                group.permissions.add(permission)
        groups[name] = group
    _grant_editor_page_permissions(groups[EDITOR])
    return groups


def _grant_editor_page_permissions(group: Group) -> None:
    from wagtail.models import GroupPagePermission, Page

    root = Page.get_first_root_node()
    if root is None:
        return
    for codename in EDITOR_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


def ensure_roles_after_migrate(sender, **kwargs):
    ensure_roles()


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.groups.filter(name=role).exists()


def is_planner(user) -> bool:
    """Planners (editors and administrators) plan every cohort and choose its trainers;
    a trainer plans only the cohorts they train."""
    return user.is_authenticated and (user.is_superuser or has_role(user, EDITOR))


def assign_role(user, role: str) -> None:
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
