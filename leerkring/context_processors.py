from django.conf import settings
from django.utils.functional import SimpleLazyObject

from courses.selectors.catalogue import course_index_url


def site_navigation(request):
    """What the header and footer of every page need."""
    return {
        "contact_email": settings.CONTACT_EMAIL,
        "course_index_url": SimpleLazyObject(lambda: course_index_url(request=request) or ""),
    }
