"""A small fixed-window limit on code look-ups per client address, against guessing.

Counts live in Django's cache, so they are shared between processes exactly when the cache
is (see CACHE_URL). The client address comes from allauth's adapter, which knows the
trusted proxies, so this limit and the login limits see the same address.
"""

import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

# Plenty for an HR officer checking a stack of certificates, far too few to guess 2^60.
DEFAULT_LIMIT = 30
DEFAULT_WINDOW_SECONDS = 10 * 60


def _limit() -> tuple[int, int]:
    return getattr(
        settings,
        "CERTIFICATE_VERIFY_RATE_LIMIT",
        (DEFAULT_LIMIT, DEFAULT_WINDOW_SECONDS),
    )


def client_address(request) -> str:
    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # no address at all: every such request shares one budget
        return "unknown"


def allow_lookup(request) -> bool:
    """Count one look-up for this client; False once the window's budget is spent."""
    limit, window = _limit()
    if limit is None:
        return True
    bucket = int(time.time() // window)
    key = f"certificates:verify:{client_address(request)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit
