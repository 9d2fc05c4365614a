from django import template

from cohorts.selectors import cohort_card, upcoming_cohort_queryset
from leerkring.paging import window

register = template.Library()

# The course page shows this many dates at a time; more are on the next pages (?datums=2).
COURSE_PAGE_COHORTS = 10


@register.simple_tag(takes_context=True)
def upcoming_cohorts_for(context, course):
    """{% upcoming_cohorts_for page as cards %}: the open cohorts of a course page, one page
    of them selected in SQL."""
    if course is None or getattr(course, "is_e_learning", True):
        return []
    return window(
        upcoming_cohort_queryset(course=course),
        request=context.get("request"),
        per_page=COURSE_PAGE_COHORTS,
        param="datums",
        shape=cohort_card,
    )


@register.simple_tag(takes_context=True)
def my_enrolments_for(context, user):
    """{% my_enrolments_for user as mine %}: "My Leerkring"'s enrolment section."""
    from accounts.roles import TRAINER, has_role
    from cohorts.selectors import my_enrolments

    data = my_enrolments(user=user)
    # The dashboard view has already asked whether this user trains (one query fewer).
    is_trainer = context.get("is_trainer")
    if is_trainer is None:
        is_trainer = has_role(user, TRAINER)
    data["is_trainer"] = user.is_superuser or is_trainer
    return data
