from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.mfa import SETUP_PENDING_SESSION_KEY, needs_setup


class RequireTwoFactorMiddleware:
    """Keeps a trainer, editor or administrator who logged in without a second factor on
    the set-up pages until an authenticator app is active (see accounts.mfa)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(SETUP_PENDING_SESSION_KEY) and request.user.is_authenticated:
            if not needs_setup(request.user):
                del request.session[SETUP_PENDING_SESSION_KEY]
            elif not self._allowed(request.path):
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        # The set-up pages themselves, confirming the password for them, logging out, the
        # language switch, and the files those pages need.
        open_prefixes = (
            reverse("mfa_index"),
            reverse("account_reauthenticate"),
            reverse("account_logout"),
            reverse("set_language"),
            settings.STATIC_URL,
        )
        return path.startswith(open_prefixes)
