"""/beheer/: deleting a page or an account that kept records still point to is refused with
a message saying what to do instead (leerkring.deletion), never a server error."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page

from leerkring.deletion import deletion_blockers, refuse


def page_refusal(pages) -> str | None:
    to_delete = []
    for page in pages:
        to_delete += list(page.get_descendants(inclusive=True))
    blockers = deletion_blockers(to_delete)
    if not blockers:
        return None
    return _(
        "This page cannot be deleted: %(blockers)s still refer to it or to a page below it. "
        "Unpublish the page instead; what participants did with it stays kept."
    ) % {"blockers": ", ".join(blockers)}


def user_refusal(users) -> str | None:
    blockers = deletion_blockers(users)
    if not blockers:
        return None
    return _(
        "This account cannot be deleted: %(blockers)s still refer to it. Deactivate the "
        "account instead, or let the person delete it under “My details”: that removes their "
        "personal data and keeps only what must be kept."
    ) % {"blockers": ", ".join(blockers)}


@hooks.register("before_delete_page")
def refuse_protected_page(request, page):
    message = page_refusal([page])
    if message:
        return refuse(request, message, to=reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_delete_user")
def refuse_protected_user(request, user):
    message = user_refusal([user])
    if message:
        return refuse(request, message, to=reverse("wagtailusers_users:edit", args=[user.pk]))
    return None


@hooks.register("before_bulk_action")
def refuse_protected_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects:
        return None
    if isinstance(objects[0], Page):
        message = page_refusal(objects)
    elif isinstance(objects[0], get_user_model()):
        message = user_refusal(objects)
    else:
        return None
    if message:
        return refuse(
            request,
            message,
            to=get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"),
        )
    return None
