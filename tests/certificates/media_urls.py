"""The site's URLs plus /media/ served from MEDIA_ROOT, as `make run` (DEBUG) and a web
server that serves the media folder do."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from leerkring.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", media), *site_urlpatterns]
