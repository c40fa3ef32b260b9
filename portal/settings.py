"""Settings for the drama portal, read from the environment with safe development defaults.

Every variable is listed in .env.example.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_str(name, default):
    """The variable's value, or the default when it is unset or empty (as copied from .env.example)."""
    return os.environ.get(name) or default


def env_list(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

# PORTAL_ENV=production switches on the production rules below; anything else is development.
PRODUCTION = env_str("PORTAL_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("PORTAL_ENV=production refuses DEBUG on: unset DEBUG or set DEBUG=0.")
if (PRODUCTION or not DEBUG) and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value: the development key is refused here.")
# Django's own rule for a weak key (check --deploy W009), made a refusal to start in production.
if PRODUCTION and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 characters with at least 5 different ones, "
        "e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram and full-text lookups for search on PostgreSQL; harmless on SQLite.
    "django.contrib.postgres",
    "django_filters",
    # The JSON API (portal/api/), its OpenAPI schema and the docs page's self-hosted assets.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "import_export",
    "portal",
    # Packages of portal/ that bring template tags.
    "portal.caching",
    "portal.charts",
    "portal.display",
    "portal.pictures",
    "portal.seo",
    "portal.demo",
    "portal.synthetic",
    "portal.dumps",
    "portal.news",
    "portal.search",
    "portal.accounts",
    "portal.comments",
    "portal.notifications",
    "portal.fans",
    # The change history of what staff edit (django-simple-history's tables, one per tracked model).
    "portal.history",
    "shows",
    "people",
    "awards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Answers If-None-Match with 304 for pages that carry an ETag (the cached ones do).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Lets every tracked save in a request (inline rows, imports, actions) record the signed-in editor.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it can turn a locked-out log-in (site or admin) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# SQLite file by default; PostgreSQL (or anything dj-database-url knows) when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share the file. WAL lets readers go on while one writer writes; IMMEDIATE
    # takes the write lock when a transaction begins, so writers queue for up to `timeout` seconds instead
    # of failing with "database is locked" when two transactions both try to upgrade a read lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(env_str("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A page runs a dozen small queries. PostgreSQL plans a parallel scan for any over 8 MB of table, and
    # starting its workers costs more than such a query itself: 10 ms for a show's comment counts, which
    # take 2 ms without. A DATABASE_URL that sets `options` keeps its own.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c max_parallel_workers_per_gather=0"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes sees every log-in first (the site's and the admin's) and refuses locked-out ones; it needs the
# request, so tests log in with client.force_login or by posting the form, not client.login().
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Log-in lockout: AXES_FAILURE_LIMIT failed log-ins lock that username, and separately that client
# address, until AXES_COOLOFF_MINUTES have passed since the last failure (further failures restart it).
# Counted in the database, so the lockout holds when the cache server is down.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env_str("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_CLIENT_IP_CALLABLE = "portal.accounts.ratelimit.client_ip"
# Not AXES_RESET_ON_SUCCESS: a guesser logging in to an account of their own would clear their address's
# failures, and with them the count on the account they are guessing at.
AXES_RESET_ON_SUCCESS = False
# Only failures are kept; a row per successful log-in would grow without end.
AXES_DISABLE_ACCESS_LOG = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Email: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(env_str("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")

# Comment posting limits per account (see portal/comments/services.py).
COMMENT_RATE_LIMITS = [(5, 60), (50, 3600)]  # (comments, seconds)

# Sign-up and password-reset limits per client address and per email (portal/accounts/ratelimit.py),
# as (requests, seconds). Reset requests count whether or not an account has the email.
ACCOUNT_RATE_LIMITS = {
    "signup": {"address": [(5, 3600), (20, 86400)]},
    "password_reset": {"email": [(3, 3600)], "address": [(10, 3600)]},
    # Comments kept for after logging in again, sent with a session cookie that holds no user.
    "comment_draft": {"address": [(10, 3600)]},
    # Fans' helpful votes, ratings, list changes and watched marks, per member (portal/fans/services.py).
    "fan_action": {"member": [(60, 60), (600, 3600)]},
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
# Nothing on the site is translated: without the translation machinery, rendering a number, a date or a URL
# does not look up the active language (several thousand lookups on a large page).
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A show's admin page edits its episodes, characters, cast and crew in one form: well over Django's
# default of 1,000 fields for a full drama. Public forms stay small.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Admin imports (django-import-export) run in one transaction: a file with any failing row saves nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True

# HTTPS and cookies. On by default in production. Behind a TLS-terminating proxy set BEHIND_PROXY=1 so that
# X-Forwarded-Proto tells Django a request was secure (the proxy must set it and strip it from clients).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
# Load balancers probe the health check over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# Behind the proxy, the client's address is the last X-Forwarded-For entry (portal/accounts/ratelimit.py).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
# Sessions are read from the cache and written through to the database: a member's cached page view costs
# no session query (and one when the cache is down: the database keeps every session).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365 if PRODUCTION else 0)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (portal/security/middleware.py). Public pages run no inline script or style;
# the admin needs inline styles.
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
CONTENT_SECURITY_POLICY_ADMIN = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)

# Cache: Redis when REDIS_URL (or CACHE_URL) is set, files in CACHE_DIR otherwise.
CACHE_URL = env_str("CACHE_URL", env_str("REDIS_URL", ""))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if CACHE_URL == "dummy://"  # caching switched off, e.g. for the uncached benchmark
    else (
        {
            # Degrades to "no cache" while Redis cannot be reached (portal/caching/backends.py).
            "BACKEND": "portal.caching.backends.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": int(env_str("CACHE_TIMEOUT", "600")),
            "OPTIONS": {
                "socket_connect_timeout": float(env_str("CACHE_SOCKET_TIMEOUT", "0.5")),
                "socket_timeout": float(env_str("CACHE_SOCKET_TIMEOUT", "0.5")),
                "RETRY_SECONDS": float(env_str("CACHE_RETRY_SECONDS", "5")),
            },
        }
        if CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
        else {
            # No cache server: files every process on this machine shares (gunicorn's workers and
            # manage.py alike), so a save in one process retires the pages cached by the others.
            "BACKEND": "portal.caching.backends.ResilientFileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "TIMEOUT": int(env_str("CACHE_TIMEOUT", "600")),
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        }
    )
}

# HTTP caches in front (Varnish with xkey, deploy/varnish/default.vcl) that a save asks to drop the pages it
# changes: comma-separated base URLs such as http://127.0.0.1:6081 (portal/caching/purge.py). Empty: none.
HTTP_CACHE_PURGE_URLS = env_list("HTTP_CACHE_PURGE_URLS", [])
# How long such a cache may keep a visitor page (Cache-Control s-maxage); purges retire it sooner.
HTTP_CACHE_MAX_AGE = int(env_str("HTTP_CACHE_MAX_AGE", "600"))

# Uploads larger than this are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SITE_NAME = env_str("SITE_NAME", "Drama Portal")
# The portal's public address (https://example.org), for links in emails, which have no request to go by.
SITE_URL = env_str("SITE_URL", "")
# The license of the data the portal gives out: the JSON API's schema and the dumps' manifest.
DATA_LICENSE = {
    "name": "CC BY-SA 4.0",
    "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "attribution": f"{SITE_NAME}; facts from Wikipedia: Wikipedia contributors",
}
# Email members about replies and mentions, for those who ask in their profile (off: notifications page only).
NOTIFICATION_EMAILS = env_bool("NOTIFICATION_EMAILS", False)

# bench/run.py compares pages with a constant response served by the same setup (/bench/minimal/).
BENCHMARK_VIEWS = env_bool("BENCHMARK_VIEWS", False)

# One JSON object per line on stdout (portal/logging.py), errors with their traceback in a field.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"},
    },
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "WARNING"), "propagate": False},
    },
}

# The read-only JSON API under /api/v1/ (portal/api/; README "JSON API"). JSON whatever the Accept header says
# (the page cache keeps one copy per address), public and sessionless. Its throttle counts every request,
# cached or not, per client address (portal.accounts.ratelimit.client_ip) in the default cache; the rate is
# requests per period, e.g. "20/10s", "100/min", "1000/h", "5000/day" (portal/api/throttling.py).
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", "20/10s")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "portal.api.negotiation.JsonUnlessFormatAsked",
    "DEFAULT_FILTER_BACKENDS": ["portal.api.filters.PageFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "portal.api.pagination.ApiPagination",
    "PAGE_SIZE": 20,
    # Counted before the page cache answers, by portal.api.throttling.throttled, not by DRF's views.
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {"api": API_THROTTLE_RATE},
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    # Not part of `check --deploy`: the schema is checked by tests/test_api_schema.py, and its generator's
    # notes about filters whose values are slugs (documented as strings, which they are) are not problems.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "TITLE": f"{SITE_NAME} API",
    "DESCRIPTION": "Read-only data of the portal: shows, episodes, people, characters, songs, awards, news "
    "and search. Errors share one shape; see the README's JSON API section.",
    "VERSION": "1",
    "LICENSE": {"name": DATA_LICENSE["name"], "url": DATA_LICENSE["url"]},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several fields are called `kind`: each its own enum name.
    "ENUM_NAME_OVERRIDES": {
        "ShowKindEnum": "shows.models.Show.Kind",
        "EpisodeKindEnum": "shows.models.Episode.Kind",
        "SongKindEnum": "shows.models.Song.Kind",
        "PersonKindEnum": "people.models.Person.Kind",
        "SearchKindEnum": "portal.search.models.SearchEntry.Kind",
        "NomineeKindEnum": "portal.api.serializers.NOMINEE_KINDS",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.errors.document_errors",
    ],
}
