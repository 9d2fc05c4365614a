from allauth.account.signals import user_logged_in
from django.contrib import messages
from django.dispatch import receiver
from django.utils.translation import gettext as _

from accounts.mfa import SETUP_PENDING_SESSION_KEY, needs_setup


@receiver(user_logged_in, dispatch_uid="leerkring_require_mfa_setup")
def require_two_factor_setup(sender, request, user, **kwargs):
    """allauth's login (every login goes through it) marks the session of a person who must
    use a second factor and has none yet; the middleware takes it from there."""
    if needs_setup(user):
        request.session[SETUP_PENDING_SESSION_KEY] = True
        messages.info(
            request,
            _(
                "Two-factor authentication is required for your role. Set up an "
                "authenticator app now; you will need it every time you log in."
            ),
        )
