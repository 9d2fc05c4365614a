"""The test suite: fast hashing, memory caches and mail, tasks run immediately."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "test-results" / "media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-results" / "private"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# allauth's rate limits are tested where they matter; elsewhere they would make tests flaky.
ACCOUNT_RATE_LIMITS = False
