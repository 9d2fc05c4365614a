"""A small fixed-window limit on code look-ups per client address, against guessing.

Counts live in Django's cache, so they are shared between processes exactly when the cache
is (see CACHE_URL). The client address comes from leerkring.client_ip, which the login
limits (allauth's adapter) use too, so both see the same address behind trusted proxies.
"""

import time

from django.conf import settings
from django.core.cache import cache

from leerkring.client_ip import rate_limit_address

# Plenty for an HR officer checking a stack of certificates, far too few to guess 2^60.
DEFAULT_LIMIT = 30
DEFAULT_WINDOW_SECONDS = 10 * 60


def _limit() -> tuple[int, int]:
    return getattr(
        settings,
        "CERTIFICATE_VERIFY_RATE_LIMIT",
        (DEFAULT_LIMIT, DEFAULT_WINDOW_SECONDS),
    )


def allow_lookup(request) -> bool:
    """Count one look-up for this client; False once the window's budget is spent."""
    limit, window = _limit()
    if limit is None:
        return True
    bucket = int(time.time() // window)
    key = f"certificates:verify:{rate_limit_address(request)}:{bucket}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit
