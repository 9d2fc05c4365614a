from django import template

from accounts.roles import TRAINER, has_role
from exercises.selectors import my_attempts

register = template.Library()


@register.simple_tag
def my_exercise_attempts(user, limit: int = 10):
    """The user's latest practice attempts, for the "My Leerkring" section."""
    if not user.is_authenticated:
        return []
    return my_attempts(participant=user, limit=limit)


@register.simple_tag
def sees_exercise_results(user) -> bool:
    return user.is_authenticated and (user.is_superuser or has_role(user, TRAINER))
