from django import template

from exercises.rooms.selectors import rooms_of

register = template.Library()


@register.simple_tag
def my_practice_rooms(user):
    """The rooms a member sits in or a trainer leads, for "Mijn leerkring"."""
    if not user.is_authenticated:
        return []
    return list(rooms_of(user=user))
