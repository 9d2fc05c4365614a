"""Two-factor authentication (allauth.mfa): who must have it, and allauth's hooks.

Trainers, editors and administrators reach participants' personal data and the admin, so a
stolen password alone must not be enough for them: from their next login they are sent to
set up an authenticator app (TOTP, with recovery codes) before anything else, and they
cannot switch it off. Participants and municipal contacts may turn it on themselves.
"""

import base64
import hashlib

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.utils import is_mfa_enabled
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from accounts.roles import EDITOR, TRAINER

REQUIRED_ROLES = (TRAINER, EDITOR)

# Set at login (see accounts.signals) while a user who needs a second factor has none;
# accounts.middleware.RequireTwoFactorMiddleware keeps them on the set-up pages until done.
SETUP_PENDING_SESSION_KEY = "leerkring_mfa_setup_pending"


def demo_exemption_active() -> bool:
    """`make run` only: the demo trainer and administrator log in without a second factor.

    Honoured only with DEBUG on, so a production server can never skip it, whatever the
    environment says.
    """
    return bool(settings.DEBUG and getattr(settings, "LEERKRING_DEMO_SKIP_MFA", False))


def requires_two_factor(user) -> bool:
    """Whether this person must use a second factor: staff, or a trainer or editor."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(name__in=REQUIRED_ROLES).exists()


def needs_setup(user) -> bool:
    return not demo_exemption_active() and requires_two_factor(user) and not is_mfa_enabled(user)


# Secrets written before encryption was switched on have no prefix and are read as they are.
ENCRYPTED_PREFIX = "fernet:"


def _fernet_key(secret: str) -> bytes:
    """A Fernet key from a configured secret: `MFA_ENCRYPTION_KEY`, else the SECRET_KEY."""
    digest = hashlib.sha256(b"leerkring.mfa:" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest)


def secrets_cipher() -> MultiFernet:
    """Encrypts with the current key; decrypts with it or a fallback, so keys can rotate."""
    current = getattr(settings, "MFA_ENCRYPTION_KEY", "") or settings.SECRET_KEY
    if not current:
        raise ImproperlyConfigured("SECRET_KEY (or MFA_ENCRYPTION_KEY) is needed for 2FA.")
    fallbacks = getattr(settings, "MFA_ENCRYPTION_KEY_FALLBACKS", None)
    if fallbacks is None:
        fallbacks = settings.SECRET_KEY_FALLBACKS
    keys = [current, *[key for key in fallbacks if key]]
    return MultiFernet([Fernet(_fernet_key(key)) for key in keys])


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Two-factor authentication is required for your role and cannot be switched off."
        ),
    }

    def get_totp_issuer(self) -> str:
        return "Leerkring"

    def can_delete_authenticator(self, authenticator) -> bool:
        return not requires_two_factor(authenticator.user)

    # The TOTP secret and the recovery-code seed are stored encrypted: a copy of the
    # database (a backup, a leaked dump) alone does not give anyone a second factor.
    def encrypt(self, text: str) -> str:
        return ENCRYPTED_PREFIX + secrets_cipher().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(ENCRYPTED_PREFIX):
            return encrypted_text
        token = encrypted_text.removeprefix(ENCRYPTED_PREFIX).encode()
        try:
            return secrets_cipher().decrypt(token).decode()
        except InvalidToken as error:
            raise ImproperlyConfigured(
                "A two-factor secret cannot be decrypted: MFA_ENCRYPTION_KEY or SECRET_KEY "
                "changed without keeping the old one in its *_FALLBACKS setting."
            ) from error
