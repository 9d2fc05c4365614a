"""RFC 6238 codes computed here, independently of allauth, as a phone app would."""

import base64
import hashlib
import hmac
import struct
import time

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret


def totp_code(secret: str, *, at: float | None = None, step_offset: int = 0) -> str:
    counter = int((time.time() if at is None else at) // 30) + step_offset
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def give_authenticator_app(user) -> tuple[str, list[str]]:
    """An active authenticator app and recovery codes, as after the set-up; returns the
    secret and the recovery codes."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).generate_codes()
    return secret, codes
