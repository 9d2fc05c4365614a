"""`make run`: debug on, a fixed development key, email printed on the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-leerkring-0123456789abcdef")  # noqa: S105
# The demo trainer and administrator log in without a second factor; set
# LEERKRING_DEMO_SKIP_MFA=0 to try the set-up (README, "Two-factor authentication").
LEERKRING_DEMO_SKIP_MFA = env.bool("LEERKRING_DEMO_SKIP_MFA", default=True)
