"""Production: every secret from the environment, HTTPS only, WhiteNoise for static files,
tasks in the database for the `db_worker` process."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
LEERKRING_DEMO_SKIP_MFA = False  # never: a second factor is required for staff roles

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the environment variable SECRET_KEY to a long random "
        "value, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# WhiteNoise serves the collected static files right after the security headers are set.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

STORAGES = {
    **STORAGES,  # noqa: F405  (the private storages of base.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Links in emails and PDFs always use BASE_URL, the one public address (README).
BASE_URL_FROM_REQUEST = env.bool("BASE_URL_FROM_REQUEST", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
}

# Anonymous visitors get public pages from the shared cache (Redis via CACHE_URL, e.g.
# redis://127.0.0.1:6379/1): leerkring.page_cache, placed last so it sees the session and
# the user. Logged-in visitors are never served from it. 0 turns it off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
MIDDLEWARE.append("leerkring.page_cache.AnonymousPageCacheMiddleware")

# PostgreSQL connections come from a pool in each worker process (psycopg's pool, Django's
# "pool" option): at most DB_POOL_MAX_SIZE per process, waiting up to DB_POOL_TIMEOUT
# seconds for a free one instead of opening more. Workers × max size stays under the
# server's max_connections however many requests arrive at once (docs/performance.md).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=4)
    if DB_POOL_MAX_SIZE > 0:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {  # noqa: F405
            "min_size": env.int("DB_POOL_MIN_SIZE", default=1),
            "max_size": DB_POOL_MAX_SIZE,
            "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405 — the pool keeps them
