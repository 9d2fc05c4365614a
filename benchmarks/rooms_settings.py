"""Settings for benchmarks/rooms.py: the test settings, with PostgreSQL connections from a
pool per worker process as in production (leerkring.settings.production). Without it, an
ASGI server keeps a connection per thread and 400 pollers exhaust PostgreSQL's
max_connections."""

from leerkring.settings.test import *  # noqa: F403
from leerkring.settings.test import DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": 8,
        "timeout": 10.0,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
