"""Generation counters in the shared cache: a number that a change bumps, so every cached
value keyed by it (pages, fragments, per-session flags) is simply no longer looked up.
Cheaper and safer than finding and deleting each key."""

from django.core.cache import cache


def current(key: str) -> int:
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, None)
        value = cache.get(key) or 1
    return value


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (evicted, or never read): start above 1
        cache.set(key, 2, None)
