"""`make run`: debug on, a fixed development key, email printed on the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-leerkring-0123456789abcdef")  # noqa: S105
