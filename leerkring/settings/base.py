"""Settings shared by every environment. Everything that differs per machine comes from the
environment (see the README's table of variables)."""

from pathlib import Path

import environ
from django.utils.csp import CSP

from leerkring.channel_layers import channel_layers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
# Old keys, comma separated, still accepted while sessions and signed links move to the new one.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "leerkring",
    "accounts",
    "courses",
    "cohorts",
    "exercises",
    "exercises.rooms",
    "certificates",
    "bookings",
    "privacy",
    "personal_data",
    "wagtail.contrib.forms",
    "leerkring.wagtail_apps.RedirectsConfig",  # Wagtail's, without its unused v3 API
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "leerkring.wagtail_apps.SnippetsConfig",
    "leerkring.wagtail_apps.DocumentsConfig",
    "leerkring.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "leerkring.middleware.AdminContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "leerkring.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "leerkring.site_url.SiteBaseUrlMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "leerkring.urls"
WSGI_APPLICATION = "leerkring.wsgi.application"
ASGI_APPLICATION = "leerkring.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "leerkring.context_processors.site_navigation",
            ],
        },
    },
]

# SQLite by default (with IMMEDIATE transactions, so row locks behave as they will on
# PostgreSQL); DATABASE_URL=postgres://… in production and in CI's second run.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index uses PostgreSQL's full-text fields there.
    INSTALLED_APPS.append("django.contrib.postgres")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Accounts (django-allauth): email address only, verified before the first login -----
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Leerkring] "
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# Two-factor authentication: an authenticator app (TOTP) with recovery codes; required for
# trainers, editors and administrators (accounts.mfa), optional for everyone else.
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
# Two-factor secrets are encrypted with this key (default: derived from SECRET_KEY). To rotate,
# put the old value in MFA_ENCRYPTION_KEY_FALLBACKS (default: SECRET_KEY_FALLBACKS).
MFA_ENCRYPTION_KEY = env.str("MFA_ENCRYPTION_KEY", default="")
if "MFA_ENCRYPTION_KEY_FALLBACKS" in env.ENVIRON:
    MFA_ENCRYPTION_KEY_FALLBACKS = env.list("MFA_ENCRYPTION_KEY_FALLBACKS")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Leerkring"
MFA_TOTP_TOLERANCE = 1  # one 30-second step either way: phones' clocks drift
# `make run` only (dev.py): the demo accounts skip the second factor. Without DEBUG this
# setting has no effect at all (accounts.mfa.demo_exemption_active).
LEERKRING_DEMO_SKIP_MFA = False

# How many reverse proxies we run in front of the app (0: none, X-Forwarded-For is ignored).
# The client address for every rate limit is the N-th X-Forwarded-For entry from the right
# (leerkring.client_ip); allauth reads the same number.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Leerkring"
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
# Links in emails and PDFs use the address of the request being served, so any host and
# port works without configuration (leerkring.site_url); production uses BASE_URL only.
BASE_URL_FROM_REQUEST = env.bool("BASE_URL_FROM_REQUEST", default=True)
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
# Every login, password reset and email change goes through allauth, which verifies the
# address, rate-limits and asks for the second factor (leerkring/urls.py closes Wagtail's
# own login and reset views).
# Wagtail's login URLs are our forwarding views (accounts/login_redirects.py): anonymous
# visitors go on to allauth's login, logged-in people without the permission get a 403
# (allauth's login would send them straight back to the page that refused them).
WAGTAILADMIN_LOGIN_URL = "leerkring_admin_login"
WAGTAIL_FRONTEND_LOGIN_URL = "leerkring_frontend_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "txt"]

# --- Language, time, formats --------------------------------------------------------------
LANGUAGE_CODE = "nl"
# Each language named in its own tongue, so people can find theirs.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["leerkring.formats"]

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Certificates, quotes and personal data exports: outside MEDIA_ROOT and without a URL, so
# only the views that check access serve them (leerkring/storage.py). Back it up with the
# database; a different backend (a private bucket) can replace "certificates"/"private".
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "certificates": {"BACKEND": "leerkring.storage.PrivateFileSystemStorage"},
    "private": {"BACKEND": "leerkring.storage.PrivateFileSystemStorage"},
}

# --- Email and background tasks -----------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Leerkring <noreply@leerkring.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="info@leerkring.nl")

# Our legal details on every quote (bookings/supplier.py). The defaults are the demo's;
# production sets the real ones (README, "Configuration"). Lines of the address: ";".
LEERKRING_SUPPLIER = {
    "name": env.str("SUPPLIER_NAME", default="Leerkring B.V."),
    "address": env.str("SUPPLIER_ADDRESS", default="Oudegracht 120; 3511 AW Utrecht"),
    "kvk_number": env.str("SUPPLIER_KVK_NUMBER", default="90000001"),
    "vat_number": env.str("SUPPLIER_VAT_NUMBER", default="NL009000001B01"),
    "iban": env.str("SUPPLIER_IBAN", default="NL91 ABNA 0417 1643 00"),
    "email": env.str("SUPPLIER_EMAIL", default=CONTACT_EMAIL),
    "payment_days": env.int("SUPPLIER_PAYMENT_DAYS", default=30),
}

TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Retention (manage.py apply_retention, daily): intakes, the free text of evaluations and
# cancelled enrolments go this many months after the cohort's last session; accounts whose
# address was never verified go after this many days.
RETENTION_MONTHS_AFTER_COHORT = env.int("RETENTION_MONTHS_AFTER_COHORT", default=24)
RETENTION_UNVERIFIED_ACCOUNT_DAYS = env.int("RETENTION_UNVERIFIED_ACCOUNT_DAYS", default=30)
# Who looked at whose data is kept for accountability, then removed (docs/privacy.md).
RETENTION_ACCESS_LOG_MONTHS = env.int("RETENTION_ACCESS_LOG_MONTHS", default=24)

# Live practice rooms: the news that a room changed (the database holds the room itself).
# memory:// for one process; redis://… when several ASGI processes serve the rooms.
CHANNEL_LAYERS = channel_layers(env.str("CHANNEL_LAYER_URL", default="memory://"))

# --- Security headers that hold everywhere ------------------------------------------------
# The public site: scripts only from our own origin or with the per-request nonce. Styles
# allow 'unsafe-inline' for htmx's indicator style and embedded players' style attributes.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# The Wagtail admin (/beheer/, see leerkring.middleware.AdminContentSecurityPolicyMiddleware):
# Wagtail 8's inline scripts (panels, choosers, "add" buttons) carry no nonce, so scripts
# need 'unsafe-inline' there and the policy has no nonce (browsers ignore 'unsafe-inline'
# next to one). Everything else stays as strict as the public site's: our origin only.
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}
# No calls from the admin to other sites: no Gravatar avatars (Wagtail's own initials
# instead) and no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail shows page previews in a same-origin frame, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Every task run and page save is logged at INFO; the console only needs problems.
    "loggers": {
        "django.tasks": {"level": env.str("TASKS_LOG_LEVEL", default="WARNING")},
        "wagtail": {"level": env.str("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}
