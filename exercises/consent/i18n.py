"""Marking user-facing text for translation without importing Django.

`_` only marks a string so that Django's `makemessages` extracts it; the Django side
translates later with `gettext(err.message) % err.params` (see `ProcessError.format`).
"""


def _(message: str) -> str:
    """Mark `message` for translation; returns it unchanged."""
    return message
