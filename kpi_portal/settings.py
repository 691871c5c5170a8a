"""Settings for the children's services performance portal.

One module, read from the environment. Development defaults are safe to run on a laptop; with
DEBUG off, every setting that would make a deployment unsafe stops start-up with a message that
names it.
"""

import importlib.util
from datetime import date
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from kpi_portal.env import env_bool, env_choice, env_colour, env_date, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"  # noqa: S105

DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env_str("SECRET_KEY") or (DEVELOPMENT_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The council whose index this portal keeps.
COUNCIL_NAME = env_str("COUNCIL_NAME", "Demo Borough Council")
COUNCIL_COLOUR = env_colour("COUNCIL_COLOUR", "#1d4f91")
# Who readers contact, named on the accessibility statement, privacy notice and cookies page.
COUNCIL_CONTACT_EMAIL = env_str("COUNCIL_CONTACT_EMAIL", "performance@council.example")
COUNCIL_ADDRESS = env_str("COUNCIL_ADDRESS", "Civic Centre, London Road, Demo Borough")
COUNCIL_DATA_PROTECTION_EMAIL = env_str("COUNCIL_DATA_PROTECTION_EMAIL", "data.protection@council.example")
# When the council prepared and last reviewed the portal's accessibility statement (YYYY-MM-DD).
ACCESSIBILITY_STATEMENT_PREPARED = env_date("ACCESSIBILITY_STATEMENT_PREPARED", "2026-12-06")
ACCESSIBILITY_STATEMENT_REVIEWED = env_date("ACCESSIBILITY_STATEMENT_REVIEWED", "2026-12-06")
# DfE's three-digit "old LA code" of the council, used to read its comparators from DfE files.
COUNCIL_LA_CODE = env_str("COUNCIL_LA_CODE", "315")
# Where DfE's published files are kept: statistical neighbour models, the LAIT catalogue, statistics.
DFE_DATA_DIR = Path(env_str("DFE_DATA_DIR") or BASE_DIR.parent / "shared" / "data" / "dfe")

# Anonymous visitors may browse the public pages only when the council turns this on.
PUBLIC_ACCESS = env_bool("PUBLIC_ACCESS", default=False)
# The paper the committee appendix is laid out for, landscape: A4, or A3 where the council prints larger.
APPENDIX_PAPER = env_choice("APPENDIX_PAPER", "A4", ("A4", "A3"))
# Signed-in members see figures not yet validated or published (the public never does).
MEMBERS_SEE_PROVISIONAL = env_bool("MEMBERS_SEE_PROVISIONAL", default=False)
# Counts from 1 up to this number are "small" and never shown on a public page or export.
SMALL_NUMBER_THRESHOLD = env_int("SMALL_NUMBER_THRESHOLD", 5, minimum=0)
# Which indicators are exceptions on the live exceptions page. Each left unset is the portal's default,
# the one a new committee starts with (ExceptionCriteria.DEFAULT: Red or Amber, or worsening for 3
# periods running); 0 turns the per cent or the periods off.
EXCEPTIONS_RED = env_bool("EXCEPTIONS_RED", default=None)
EXCEPTIONS_AMBER = env_bool("EXCEPTIONS_AMBER", default=None)
EXCEPTIONS_OFF_TARGET_PERCENT = env_int("EXCEPTIONS_OFF_TARGET_PERCENT", None)
EXCEPTIONS_WORSENING_PERIODS = env_int("EXCEPTIONS_WORSENING_PERIODS", None)
EXCEPTIONS_SPECIAL_CAUSE_CONCERN = env_bool("EXCEPTIONS_SPECIAL_CAUSE_CONCERN", default=None)
EXCEPTIONS_CONSISTENTLY_FAILING = env_bool("EXCEPTIONS_CONSISTENTLY_FAILING", default=None)
# A figure entered that moves from the previous period's by more than this per cent needs the
# officer's confirmation and a comment (0 turns the check off).
ENTRY_CHANGE_CONFIRM_PERCENT = env_int("ENTRY_CHANGE_CONFIRM_PERCENT", 25)
# Figures are entered for ended periods back to this many months before the latest figures.
ENTRY_HORIZON_MONTHS = env_int("ENTRY_HORIZON_MONTHS", 36, minimum=1)
# A period's figures are due this many working days after it ends, unless an indicator says otherwise.
ENTRY_DUE_WORKING_DAYS = env_int("ENTRY_DUE_WORKING_DAYS", 15)
# Bank holidays due dates skip, as ISO dates separated by commas (2025-12-25,2025-12-26).
try:
    ENTRY_BANK_HOLIDAYS = frozenset(date.fromisoformat(day) for day in env_list("ENTRY_BANK_HOLIDAYS"))
except ValueError:
    raise ImproperlyConfigured(
        "ENTRY_BANK_HOLIDAYS must list dates such as 2025-12-25, separated by commas."
    ) from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "indicators",
    "reports",
    "breakdowns",
    "reminders",
    "accounts",
    "statutory",
    "demo",
]
# `manage.py bench` lives beside the product, not in its wheel: installed where its package is.
if importlib.util.find_spec("bench"):
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "kpi_portal.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed where the browser accepts it (the CSRF token is masked afresh on every
    # response, which is Django's answer to BREACH); whitenoise sends static files compressed already.
    "django.middleware.gzip.GZipMiddleware",
    # The public's index, kept whole, is answered here: after the HTTPS redirect, the security
    # headers, static files and compression every answer gets, before anything a reader of their
    # own (a session, a CSRF token, messages) could add to it (indicators/index_cache.py).
    "indicators.index_cache.KeptPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "indicators.reader.ReaderMiddleware",
    "kpi_portal.private_caching.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kpi_portal.urls"
WSGI_APPLICATION = "kpi_portal.wsgi.application"

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
                "indicators.context_processors.council",
                "kpi_portal.menu.navigation",
            ],
        },
    },
    {
        # Only the performance index's rows: Jinja2 draws a 300-indicator index fast enough.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True},
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL and not DEBUG:
    raise ImproperlyConfigured("DATABASE_URL must name the PostgreSQL database when DEBUG is off.")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("TEST", {})["NAME"] = env_str("TEST_DATABASE_NAME", "test_kpi_portal")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache every worker and every server shares: Redis where one is configured (CACHE_URL, or
# REDIS_URL as hosting platforms name it), else this process's own memory. Nothing but speed
# depends on it: a cache that does not answer makes pages slower, never errors (see SESSION_ENGINE).
CACHE_URL = env_str("CACHE_URL") or env_str("REDIS_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"CACHE_URL must be a redis://, rediss:// or unix:// address, not {CACHE_URL!r}."
    )
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "kpi",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# The index keeps its drawn table in that cache under a data stamp, and the public's whole page
# with it (indicators/index_cache.py); INDEX_CACHE=false draws them afresh for every view.
INDEX_CACHE = env_bool("INDEX_CACHE", default=True)
# Sessions live in the database and are read from it, never through the cache: read through Redis,
# every signed-in page answered 500 while Redis was down, and a session signed out during an outage
# would come back from the cache when Redis did. The cache saved about 0.6 ms a signed-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.sso.CouncilSignOn",
]

# Single sign-on through the council's OpenID Connect provider (Microsoft Entra ID or another), on
# when OIDC_CLIENT_ID is set; see accounts/sso.py and the README's "Single sign-on".
OIDC_ENABLED = bool(env_str("OIDC_CLIENT_ID"))
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
# Group ids (object ids in Entra ID) whose members get each role; none set: roles are assigned in
# the portal, and only people invited there may sign in.
OIDC_ROLE_GROUPS = {
    group: role
    for group, role in [
        (env_str("OIDC_GROUP_MEMBERS"), "members"),
        (env_str("OIDC_GROUP_OFFICERS"), "officers"),
        (env_str("OIDC_GROUP_ADMINISTRATORS"), "administrators"),
    ]
    if group
}
OIDC_CREATE_USER = bool(OIDC_ROLE_GROUPS)
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/?sso=refused"
if OIDC_ENABLED:
    missing = [
        name
        for name in (
            "CLIENT_SECRET",
            "AUTHORIZATION_ENDPOINT",
            "TOKEN_ENDPOINT",
            "USER_ENDPOINT",
            "JWKS_ENDPOINT",
        )
        if not env_str(f"OIDC_{name}")
    ]
    if missing:
        raise ImproperlyConfigured(
            "Single sign-on needs "
            + ", ".join(f"OIDC_{name}" for name in missing)
            + " as well as OIDC_CLIENT_ID."
        )
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "indicators:index"
LOGOUT_REDIRECT_URL = "indicators:index"

# Five wrong passwords for one account from one address lock it there for an hour; ten from one
# address, whatever the usernames, lock the address (kpi_portal/lockout.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "kpi_portal.lockout.AccountAndAddressLockout"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "kpi_portal.static_storage.PortalStaticStorage"
        )
    },
}

# Uploaded spreadsheets are read in memory up to this size and refused beyond it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
# DfE's national statistics files are larger than any entry spreadsheet; they are read as CSV text.
DFE_UPLOAD_MAX_BYTES = env_int("DFE_UPLOAD_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
# The period entry form posts about 16 fields for each indicator due (the default is 1,000).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000


SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY is unsafe: use at least 50 random characters.")
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must list this portal's host names when DEBUG is off.")

# Every request is logged as one line of JSON (who, what, status, time) on the console, where
# gunicorn's and the platform's log collectors read it. REQUEST_LOG=false turns the lines off.
REQUEST_LOG = env_bool("REQUEST_LOG", default=not DEBUG)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "kpi_portal.request_log.JsonFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "loggers": {
        "kpi_portal.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
        # WeasyPrint narrates each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# E-mail, for reminders to data owners and lead officers: printed on the console in development, sent
# through the council's SMTP server otherwise. Reminders are sent by a command, with no request to take
# an address from, so links in e-mails start with PORTAL_URL: by default the first of ALLOWED_HOSTS over
# HTTPS, and in development the port `make run` serves on (PORT, 8000 unless set).
if DEBUG:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25, minimum=1),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
                "timeout": 30,
            },
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "performance@localhost")
PORTAL_URL = env_str("PORTAL_URL") or (
    f"http://127.0.0.1:{env_int('PORT', 8000, minimum=1)}"
    if DEBUG
    else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
)
if not PORTAL_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"PORTAL_URL must start with https://, not {PORTAL_URL!r}.")
# Data owners are reminded this many working days before a figure is due.
REMINDER_DAYS_BEFORE = env_int("REMINDER_DAYS_BEFORE", 5)
