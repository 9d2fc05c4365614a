"""One switch for every email the platform sends: off while loading demo or imported data,
so the people in it are never mailed. Services ask `notifications_enabled()` before they
queue an email."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_enabled = ContextVar("leerkring_notifications", default=True)


@contextmanager
def notifications_off() -> Iterator[None]:
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)


def notifications_enabled() -> bool:
    return _enabled.get()
