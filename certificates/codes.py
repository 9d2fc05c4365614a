"""Verification codes such as ``LK-7Q4M-X2PD-9KTA``.

Twelve symbols of Crockford's base32 (no I, L, O or U, so nothing reads as another
symbol) drawn from `secrets`: 60 bits, far too many to guess behind a rate limit. What
people type is normalised the Crockford way (O→0, I/L→1, case and separators ignored).
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "LK"
GROUPS = 3
GROUP_SIZE = 4
SYMBOLS = GROUPS * GROUP_SIZE
BITS = SYMBOLS * 5  # 60

# Letters people confuse with digits, read as the digit they resemble.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
CANONICAL = re.compile(rf"^{PREFIX}(-[{ALPHABET}]{{{GROUP_SIZE}}}){{{GROUPS}}}$")


def generate_code() -> str:
    """A new random code in its canonical, printed form."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS))
    return format_symbols(symbols)


def format_symbols(symbols: str) -> str:
    groups = [symbols[i : i + GROUP_SIZE] for i in range(0, SYMBOLS, GROUP_SIZE)]
    return "-".join([PREFIX, *groups])


def normalise_code(text: str) -> str | None:
    """The canonical form of what someone typed or scanned, or None if it cannot be a code.

    The prefix is optional; the random part never starts with "L", so "LK" is unambiguous.
    """
    compact = _SEPARATORS.sub("", text or "").upper()
    if compact.startswith(PREFIX) and len(compact) == SYMBOLS + len(PREFIX):
        compact = compact[len(PREFIX) :]
    compact = compact.translate(_LOOKALIKES)
    if len(compact) != SYMBOLS or any(symbol not in ALPHABET for symbol in compact):
        return None
    return format_symbols(compact)


def is_canonical(code: str) -> bool:
    return bool(CANONICAL.match(code))
