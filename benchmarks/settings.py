"""Settings for benchmarks/pages.py: production's, served over plain HTTP on 127.0.0.1.

Two differences, both so the measurement can reach every page: no redirect to HTTPS, and
the trainer and staff accounts are not sent to set up a second factor (the benchmark logs
them in directly; the check itself costs nothing measurable).
"""

from leerkring.settings.production import *  # noqa: F403
from leerkring.settings.production import MIDDLEWARE

SECURE_SSL_REDIRECT = False
MIDDLEWARE = [m for m in MIDDLEWARE if m != "accounts.middleware.RequireTwoFactorMiddleware"]
# Hashed names and a manifest as in production, without WhiteNoise's compression of every
# file, which makes collectstatic take minutes and is not what a page request measures.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
