"""Editors write the pages in Dutch. Under the English interface their text keeps
lang="nl", so screen readers pronounce it as Dutch (WCAG 3.1.2)."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()

CONTENT_LANGUAGE = settings.LANGUAGE_CODE


@register.simple_tag
def content_lang():
    """` lang="nl"` on an element holding CMS text, when the interface speaks another language."""
    if (get_language() or CONTENT_LANGUAGE).split("-")[0] == CONTENT_LANGUAGE:
        return ""
    return format_html(' lang="{}"', CONTENT_LANGUAGE)
