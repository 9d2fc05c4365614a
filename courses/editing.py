"""Who gets Wagtail's user bar over the public site: only people who may edit pages.

Asking Wagtail whether a user may edit the page costs two queries (their groups' page
permissions, the page's workflow state) on every page anyone logged in looks at. Almost
nobody who is logged in edits pages (participants, trainers), so a flag says first
whether this user can edit any page at all: a superuser, or a member of a group with a
Wagtail page permission. The flag is kept in the session, so it costs no query after the
first page; only when it is true does Wagtail's full check for this page run. It decides
whether a toolbar is shown, never access: the admin and the editor check permissions
themselves.

The flag is stored with a generation number from the cache; a change of anyone's groups or
of a group's page permissions starts a new generation, so every session asks again once.
"""

from leerkring import generations

SESSION_KEY = "leerkring_edits_pages"
GENERATION_KEY = "editors:generation"


def invalidate(**_kwargs) -> None:
    """Someone's groups or a group's page permissions changed: every session asks again."""
    generations.bump(GENERATION_KEY)


def may_edit_pages(request) -> bool:
    """Whether the user of `request` can edit any page (query-free after the first page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    session = getattr(request, "session", None)
    generation = generations.current(GENERATION_KEY)
    stored = session.get(SESSION_KEY) if session is not None else None
    if stored and stored[0] == user.pk and stored[1] == generation:
        return bool(stored[2])
    from wagtail.models import GroupPagePermission

    edits = GroupPagePermission.objects.filter(group__user=user).exists()
    if session is not None:
        session[SESSION_KEY] = [user.pk, generation, edits]
    return edits


def connect_signals() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import GroupPagePermission

    m2m_changed.connect(
        invalidate, sender=get_user_model().groups.through, dispatch_uid="editors-groups"
    )
    for signal in (post_save, post_delete):
        signal.connect(invalidate, sender=GroupPagePermission, dispatch_uid=f"editors-{signal}-gpp")
    post_delete.connect(invalidate, sender=Group, dispatch_uid="editors-group-deleted")
