from django import template

from cohorts.selectors import upcoming_cohorts

register = template.Library()


@register.simple_tag
def upcoming_cohorts_for(course):
    """{% upcoming_cohorts_for page as cards %}: the open cohorts of a course page."""
    if course is None or getattr(course, "is_e_learning", True):
        return []
    return upcoming_cohorts(course=course)


@register.simple_tag
def my_enrolments_for(user):
    """{% my_enrolments_for user as mine %}: "My Leerkring"'s enrolment section."""
    from accounts.roles import TRAINER, has_role
    from cohorts.selectors import my_enrolments

    data = my_enrolments(user=user)
    data["is_trainer"] = user.is_superuser or has_role(user, TRAINER)
    return data
