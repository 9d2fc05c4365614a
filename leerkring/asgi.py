"""The ASGI entry point: HTTP for the whole site and WebSockets for live practice rooms.

Serve with uvicorn (`make run`, production); the WSGI entry point (leerkring.wsgi) keeps
working for everything but the rooms' WebSockets, which then fall back to polling.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerkring.settings.production")

# Django is set up before anything imports models (the consumers do).
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from exercises.rooms.polling import NotModifiedPolls  # noqa: E402
from exercises.rooms.routing import websocket_urlpatterns  # noqa: E402

if settings.DEBUG:
    # `make run` serves static files itself, as runserver did.
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    django_application = ASGIStaticFilesHandler(django_application)

application = ProtocolTypeRouter(
    {
        # A room's poll that has not changed is answered before Django's middleware.
        "http": NotModifiedPolls(django_application),
        # Browsers send the page's Origin: only our own hosts may open a room's socket.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
