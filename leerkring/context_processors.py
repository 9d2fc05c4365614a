from django.conf import settings


def site_navigation(request):
    """What the header and footer of every page need."""
    return {"contact_email": settings.CONTACT_EMAIL}
