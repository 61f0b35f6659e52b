"""Twoway settings: one file, every value read from the environment.

With nothing set you get a development setup (SQLite, console email, local-memory
cache, DEBUG on). ``.env.example`` lists every variable.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from datakeys.kek import parse_ring
from intimacy.env import env_bool, env_int, env_list, env_str, env_url
from intimacy.mail import mailer_from_url

# Type arguments on Django's classes (ModelAdmin[Consent], ...) also work at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-twoway-development-only-never-use-in-production"

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set to a long random value when DEBUG=false.")
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters when DEBUG=false.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list this site's host names when DEBUG=false.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The site's public address, for links in emails. Unset in development: links use the
# address the request came to (intimacy.notify.site_url), and 127.0.0.1:8000 outside one.
SITE_URL = env_str("SITE_URL").rstrip("/")
if not DEBUG and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL must be the site's https:// address when DEBUG=false.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # allauth's sessions page formats "last active" with naturaltime.
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "datakeys",
    "accounts",
    "checkins",
    "counselling",
    "notifications",
    "yourdata",
    "demo",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After LocaleMiddleware (session and cookie, then Accept-Language) and the user: the
    # language a person stored in their settings wins over both.
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "intimacy.middleware.SessionLifetimeMiddleware",
    "intimacy.middleware.PrivatePagesMiddleware",
    "intimacy.middleware.SiteUrlMiddleware",
]

ROOT_URLCONF = "intimacy.urls"
WSGI_APPLICATION = "intimacy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intimacy.context_processors.roles",
                "intimacy.context_processors.safety",
            ],
            # Django's date filter, with each language's order ("3. Juni", "3 de junio").
            "builtins": ["intimacy.local_dates"],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
if not DEBUG and not DATABASE_URL.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL when DEBUG=false.")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the write lock instead of failing at once; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    # A file, not memory, so concurrent test connections wait for locks like production does;
    # one per process, so two test runs never share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"twoway-test-{os.getpid()}.sqlite3")
    }

# The data keys (datakeys) live in a database of their own, with its own backups on a short
# retention: destroying a person's key there makes their text unreadable in every earlier
# backup of the main database too. SQLite beside db.sqlite3 unless KEYS_DATABASE_URL is set.
KEYS_DATABASE_URL = env_url("KEYS_DATABASE_URL", ("postgres", "postgresql", "sqlite"))
if not DEBUG and not KEYS_DATABASE_URL.startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        "KEYS_DATABASE_URL must point at a PostgreSQL database of its own when DEBUG=false."
    )
if KEYS_DATABASE_URL and KEYS_DATABASE_URL == DATABASE_URL:
    raise ImproperlyConfigured(
        "KEYS_DATABASE_URL must name another database than DATABASE_URL (the keys are kept "
        "apart so that destroying one works in the main database's backups too)."
    )
DATABASES["keys"] = dj_database_url.parse(
    KEYS_DATABASE_URL or f"sqlite:///{BASE_DIR / 'keys.sqlite3'}",
    conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    conn_health_checks=True,
)
if DATABASES["keys"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["keys"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["keys"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"twoway-test-keys-{os.getpid()}.sqlite3")
    }
DATABASE_ROUTERS = ["datakeys.routers.KeysRouter"]

# The key-encryption key that wraps every data key: from the environment only, never the
# database. "<id>:<base64 of 32 random bytes>"; earlier ones in DATA_KEYS_OLD_KEKS until
# `manage.py rotate_data_keys` has re-wrapped everything (docs/deployment.md, "Keys"). In
# development one is made once and kept in .data-kek (git-ignored).
DATA_KEYS_KEK = env_str("DATA_KEYS_KEK")
DATA_KEYS_OLD_KEKS = env_list("DATA_KEYS_OLD_KEKS", [])
DATA_KEYS_KEK_FILE = BASE_DIR / ".data-kek"
if not DEBUG and not DATA_KEYS_KEK:
    raise ImproperlyConfigured(
        "DATA_KEYS_KEK must be set when DEBUG=false: '<id>:<base64 of 32 random bytes>', "
        "for example from `python manage.py rotate_data_keys --new-kek`."
    )
if DATA_KEYS_KEK:
    parse_ring(DATA_KEYS_KEK, DATA_KEYS_OLD_KEKS)  # refuses a malformed value at start

# Cache: shared Redis in production (rate limits must count across app servers).
REDIS_URL = env_url("REDIS_URL", ("redis", "rediss"))
if not DEBUG and not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set when DEBUG=false (rate limits need it).")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down is a warning, not a 500: pages, login and check-ins carry on
            # without rate limits (intimacy.cache; docs/scaling.md).
            "BACKEND": "intimacy.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "twoway"),
            # Fail fast: a Redis that does not answer must not hold a request for long.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, loading the signed-in person with their roles
# (intimacy.roles) for the navigation.
AUTHENTICATION_BACKENDS = [
    "intimacy.auth.ModelBackend",
    "intimacy.auth.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the only identifier; verification is mandatory.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "login": "accounts.allauth_forms.LoginForm",
    "signup": "accounts.allauth_forms.SignupForm",
    "add_email": "accounts.allauth_forms.AddEmailForm",
    "change_password": "accounts.allauth_forms.ChangePasswordForm",
    "set_password": "accounts.allauth_forms.SetPasswordForm",
    "reset_password": "accounts.allauth_forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.allauth_forms.ResetPasswordKeyForm",
    "reauthenticate": "accounts.allauth_forms.ReauthenticateForm",
}
MFA_FORMS = {
    "authenticate": "accounts.allauth_forms.MFAAuthenticateForm",
    "reauthenticate": "accounts.allauth_forms.MFAReauthenticateForm",
    "activate_totp": "accounts.allauth_forms.ActivateTOTPForm",
    "add_webauthn": "accounts.allauth_forms.AddWebAuthnForm",
    "edit_webauthn": "accounts.allauth_forms.EditWebAuthnForm",
}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Confirm it's you (password or second factor) before changing email addresses, second
# factors, giving counsellor consent, downloading or deleting your data; a login in the last
# five minutes counts (accounts.adapter). docs/privacy.md, "Signing in safely".
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Confirming the email signs the person in (in the browser they signed up in) and takes
# them on to where they were going, an invitation for instance: no second login.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Twoway] "
# Tell a person when their password, email or two-factor setup changes (if it wasn't them,
# they know at once): templates/account/email/ and templates/mfa/email/.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
# Rate limits key on the client address; only this many proxies' X-Forwarded-For
# entries are trusted (0 = use the socket address, nothing a client can set).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# Passkeys (WebAuthn, through fido2) beside the authenticator app and recovery codes: as a
# second step, or to log in on their own ("Log in with a passkey"). Browsers allow WebAuthn
# only on https:// or localhost; DEBUG also lets http://127.0.0.1 use it (development, tests).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Twoway"
# allauth's own tracking writes on every request; intimacy.middleware.SessionLifetimeMiddleware
# keeps "last active" on the sessions page instead, writing at most every five minutes.
USERSESSIONS_TRACK_ACTIVITY = False

# Email
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Twoway <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {"default": mailer_from_url(env_url("EMAIL_URL", ("smtp", "smtps", "smtp+tls")))}
if not DEBUG and MAILERS["default"]["BACKEND"].endswith("ConsoleBackend"):
    raise ImproperlyConfigured("EMAIL_URL must be set when DEBUG=false (smtp+tls://…).")

# Background work (emails a person can turn off, reminders): Django's Tasks on the database
# (django-tasks-db; run `manage.py db_worker` beside the app). TASKS_BACKEND=immediate runs
# each task at once in the process that enqueued it (the tests do that).
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'database' or 'immediate'.")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}

# Internationalisation (docs/translating.md). Each language is named in itself, so a person
# finds theirs whatever the page is in. The same URLs serve every language (no i18n_patterns):
# a visitor gets their browser's Accept-Language (or the footer switch's cookie), a person
# signed in gets the language stored in their settings (accounts.middleware), if any.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 400  # the longest a browser keeps a cookie
LANGUAGE_COOKIE_SECURE = not DEBUG  # as the session cookie
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files: collected and served by whitenoise with hashed names.
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security headers. The CSP allows no inline code; the one script tag carries a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A login ends after SESSION_IDLE_TIMEOUT seconds unused (default 14 days: a weekly check-in
# with one week missed stays logged in) or SESSION_MAX_AGE seconds after logging in, however
# active (default 30 days: a device someone else got hold of does not stay in for ever).
# intimacy.middleware.SessionLifetimeMiddleware; docs/deployment.md.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 60 * 60 * 24 * 14, minimum=60 * 60)
SESSION_MAX_AGE = env_int("SESSION_MAX_AGE", 60 * 60 * 24 * 30, minimum=60 * 60)
if SESSION_IDLE_TIMEOUT > SESSION_MAX_AGE:
    raise ImproperlyConfigured("SESSION_IDLE_TIMEOUT must not be longer than SESSION_MAX_AGE.")
# The cookie and the stored session last as long as the idle timeout; an active session is
# saved every few minutes (intimacy.session_lifetime.SEEN_EVERY), which extends both.
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
}

# Invitation emails a person may send per hour (partner and counsellor invitations each).
INVITE_EMAILS_PER_HOUR = env_int("INVITE_EMAILS_PER_HOUR", 10, minimum=1)

# Safety (docs/privacy.md, "When a relationship is not safe"). The safety page links to
# SAFETY_HELP_URL, named SAFETY_HELP_NAME; unset, it says to look for local help instead of
# naming one country's hotline, since Twoway may be run anywhere. The quick exit on every
# page leaves for QUICK_EXIT_URL, a neutral page that draws no attention on a shared screen.
SAFETY_HELP_URL = env_url("SAFETY_HELP_URL", ("https", "http"))
SAFETY_HELP_NAME = env_str("SAFETY_HELP_NAME")
QUICK_EXIT_URL = env_url("QUICK_EXIT_URL", ("https", "http")) or "https://www.wikipedia.org/"

# Thresholds for the comparison flags; see docs/flags.md. Empty means the documented defaults.
TWOWAY_FLAGS: dict[str, float] = {}
