"""Wagtail's user bar only for the people who can edit the page they look at: trainers
and participants see the public site without the admin's bird over it."""

from django import template
from wagtail.models import Page

from courses.editing import may_edit_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def can_edit_this_page(context) -> bool:
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None or not request.user.is_authenticated:
        return False
    # A flag kept in the session first (no query), Wagtail's check for this page only for
    # those who edit pages at all.
    if not may_edit_pages(request):
        return False
    return page.permissions_for_user(request.user).can_edit()
