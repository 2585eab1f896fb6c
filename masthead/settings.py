"""Masthead's settings, read from the environment.

Every setting has a safe default so that one machine with nothing installed
runs Masthead (SQLite, a cache table in it, a SQLite job queue). Pointing
``DATABASE_URL`` at PostgreSQL and ``REDIS_URL`` at Redis moves the same code
to many machines. Every variable is documented in docs/settings.md.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Where Masthead keeps its files -----------------------------------------
DATA_DIR = Path(env_str("MASTHEAD_DATA_DIR") or BASE_DIR / "data")
DATA_DIR.mkdir(parents=True, exist_ok=True)

# --- Environment -------------------------------------------------------------
# "production" turns on every protection `check --deploy` asks for and refuses
# to start without an explicit secret key and host list.
ENVIRONMENT = env_str("MASTHEAD_ENVIRONMENT", "development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("MASTHEAD_ENVIRONMENT must be 'development' or 'production'")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("MASTHEAD_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("MASTHEAD_DEBUG cannot be on in production")


def _secret_key() -> str:
    if key := env_str("SECRET_KEY"):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # In development the key is generated once and kept, so sessions and
    # signed reader cookies survive a restart.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "MASTHEAD_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("MASTHEAD_ALLOWED_HOSTS must be set in production")
CSRF_TRUSTED_ORIGINS = env_list("MASTHEAD_CSRF_TRUSTED_ORIGINS", [])
# A form from a stale tab gets the site's page saying what happened (core/views.py).
CSRF_FAILURE_VIEW = "masthead.core.views.csrf_failure"

# --- The publication ---------------------------------------------------------
MASTHEAD_SITE_NAME = env_str("MASTHEAD_SITE_NAME", "Masthead")
# The public address used in canonical links, sitemaps and feeds when set;
# otherwise the address of the request.
MASTHEAD_SITE_URL = env_str("MASTHEAD_SITE_URL").rstrip("/")
# Without it, links in mail (a password reset's among them) are written on the
# request's host: a site answering to any host or subdomain would write them
# on whatever host a forged request names.
if PRODUCTION and not MASTHEAD_SITE_URL and any(host == "*" or host.startswith(".") for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "MASTHEAD_SITE_URL must be set in production when MASTHEAD_ALLOWED_HOSTS allows any host or subdomain"
    )
MASTHEAD_SITE_DESCRIPTION = env_str(
    "MASTHEAD_SITE_DESCRIPTION", "Independent business and political journalism."
)
# Meter months, editions, archive days and every time a reader sees are in
# the publication's zone; the database keeps UTC.
TIME_ZONE = env_str("MASTHEAD_TIME_ZONE", "Asia/Kolkata")
USE_TZ = True
LANGUAGE_CODE = "en-in"
USE_I18N = True

# --- Applications ------------------------------------------------------------
INSTALLED_APPS = [
    # The admin branded with the publication's name (accounts/admin_site.py).
    "masthead.accounts.admin_site.MastheadAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "huey.contrib.djhuey",
    "allauth",
    "masthead.accounts.admin_site.EmailAddressesConfig",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.headless",
    # Only for the API docs page's own Swagger files (served from /static/, so
    # the page works under the site's CSP without any CDN).
    "ninja",
    "masthead.core",
    "masthead.accounts",
    "masthead.newsroom",
    "masthead.subscriptions",
    "masthead.metering",
    "masthead.access",
    "masthead.payments",
    "masthead.invoicing",
    "masthead.ads",
    "masthead.partners",
    "masthead.epaper",
    "masthead.newsletters",
    "masthead.search",
    "masthead.gifts",
    "masthead.devices",
    "masthead.edge",
    "masthead.desk",
    "masthead.experiments",
    "masthead.api",
    "masthead.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything looks up a session, slug or token (docs/testing.md).
    "masthead.core.middleware.RefuseNulMiddleware",
    # Outside the session and CSRF middleware, so it sees every cookie they set.
    "masthead.core.cache_policy.CachePolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, refusing an app's session token sent as the cookie (masthead/accounts/sessions.py).
    "masthead.accounts.sessions.WebSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "masthead.devices.middleware.DeviceActivityMiddleware",
    "masthead.access.middleware.ReaderMiddleware",
    # Drops the edge's receipt from a response that signs in or out.
    "masthead.edge.middleware.EdgeReceiptMiddleware",
    # The referrer and device class a request's funnel events are counted under.
    "masthead.metering.events.FunnelVisitMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "masthead" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "masthead.core.context_processors.publication",
                "masthead.newsroom.context_processors.navigation",
                "masthead.access.context_processors.reader",
                "masthead.ads.context_processors.ads",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'masthead.sqlite3'}"
MASTHEAD_DB_FAIL_FAST_SECONDS = env_int("MASTHEAD_DB_FAIL_FAST_SECONDS", 2)


def _database_from_url(url: str) -> dict:
    database = dj_database_url.parse(url, conn_max_age=env_int("MASTHEAD_DB_CONN_MAX_AGE", 60))
    database["CONN_HEALTH_CHECKS"] = True
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so two writers queue instead of failing half-way.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, failing fast for a moment after the database could not
        # be reached (masthead/core/postgresql/base.py).
        database["ENGINE"] = "masthead.core.postgresql"
    if database["ENGINE"] == "masthead.core.postgresql" and env_bool("MASTHEAD_DB_POOL", True):
        # psycopg's connection pool: each process keeps a few connections open and
        # lends them per request, instead of Django keeping one per thread.
        database["CONN_MAX_AGE"] = 0  # the pool, not Django, keeps connections
        database.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("MASTHEAD_DB_POOL_MIN", 1),
            "max_size": env_int("MASTHEAD_DB_POOL_MAX", 8),
            "timeout": env_int("MASTHEAD_DB_POOL_TIMEOUT", 3),
        }
    return database


_database = _database_from_url(DATABASE_URL)
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # Tests use a file, not shared-cache memory: the meter's concurrency
    # tests need SQLite's real locking (busy timeout, IMMEDIATE writers).
    _database["TEST"] = {"NAME": str(DATA_DIR / "test-masthead.sqlite3")}
DATABASES = {"default": _database}

# An optional read replica of the primary (PostgreSQL streaming replication):
# search, the archive, feeds, sitemaps and front pages read published stories
# from it; everything else stays on the primary (masthead/core/replica.py).
MASTHEAD_DATABASE_REPLICA_URL = env_str("MASTHEAD_DATABASE_REPLICA_URL")
# After the replica could not be reached, how long the primary serves its reads.
MASTHEAD_REPLICA_RETRY_SECONDS = env_int("MASTHEAD_REPLICA_RETRY_SECONDS", 30)
DATABASE_ROUTERS = ["masthead.core.replica.ReplicaRouter"]
if MASTHEAD_DATABASE_REPLICA_URL:
    DATABASES["replica"] = {**_database_from_url(MASTHEAD_DATABASE_REPLICA_URL), "TEST": {"MIRROR": "default"}}

# --- Cache, sessions and jobs: in the database by default, Redis when REDIS_URL is set
REDIS_URL = env_str("REDIS_URL")
MASTHEAD_CACHE_PREFIX = env_str("MASTHEAD_CACHE_PREFIX", "masthead")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "masthead.core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": MASTHEAD_CACHE_PREFIX,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": env_str("MASTHEAD_QUEUE_NAME", "masthead"),
        "connection": {"url": REDIS_URL},
        "immediate": env_bool("MASTHEAD_JOBS_IMMEDIATE", False),
    }
else:
    # A table in the database, not each process's memory: login and sign-up
    # limits (allauth keeps them in this cache) must hold across every web
    # worker. Nothing hot reads it; per-process caching is core/localcache.py.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "masthead_cache",
            # Culling drops entries wholesale; a flood of addresses must not
            # cull its own counters away.
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "masthead",
        "filename": str(DATA_DIR / "jobs.sqlite3"),
        "immediate": env_bool("MASTHEAD_JOBS_IMMEDIATE", False),
    }

# --- Accounts ----------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up also asks for the reader's name, optionally (web and app API alike).
ACCOUNT_SIGNUP_FORM_CLASS = "masthead.accounts.forms.ReaderNameForm"
# allauth shows a reader as their name, else their address (User.__str__),
# never the username made from the address's first part.
ACCOUNT_USER_DISPLAY = str
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
# Mandatory verification is what lets sign-up answer the same for a new and a
# registered address (allauth's enumeration prevention): both are told to
# check their mail, and the owner of a registered address is told someone
# tried. With "optional" or "none", sign-up says the address is taken.
ACCOUNT_EMAIL_VERIFICATION = env_str("MASTHEAD_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
# A code typed on the next page rather than a link: a reader signing up on the
# way to checkout stays in the same tab and goes on to pay.
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
# No "send the code again": for a registered address allauth sends nothing,
# so a resend would answer sooner and tell a stranger the address has an
# account. A reader whose code did not arrive logs in, which mails a new one.
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = False
ACCOUNT_ADAPTER = "masthead.accounts.adapter.AccountAdapter"
# allauth's forms labelled in the site's words ("E-mail address", "Current password").
ACCOUNT_FORMS = {
    name: f"masthead.accounts.allauth_forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
    }.items()
}
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = True
# Failed logins are limited per address and per account (allauth's rate limits,
# kept in the shared cache; sign-up and the rest keep allauth's defaults).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# How many proxies of the site's own append to X-Forwarded-For in front of
# Masthead (1 behind the nginx of docs/deploy.md). 0: the header is ignored
# and the socket's address counts, since any client can send the header.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("MASTHEAD_TRUSTED_PROXY_COUNT", 0)
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("MASTHEAD_TRUSTED_PROXY_COUNT cannot be negative")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Apps sign in through allauth's headless API (/api/auth/app/v1/…) and get a
# session token; every web session and app token is a device (masthead.devices).
HEADLESS_CLIENTS = ("app",)
HEADLESS_ONLY = False
# App tokens work only in the app API, and web session ids only on the website.
HEADLESS_TOKEN_STRATEGY = "masthead.accounts.sessions.AppSessionTokenStrategy"
# Devices' "last seen" is kept by masthead.devices, at most every few minutes,
# rather than by a write on every request.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_TOTP_ISSUER = MASTHEAD_SITE_NAME

# --- The metered paywall (docs/paywall.md) -------------------------------------
# The meter's, the reader cookie's and the devices' settings are read by each
# app's app_settings.py (masthead/metering, access, devices), when used.

# --- Payments (docs/subscriptions.md) ----------------------------------------------
MASTHEAD_PAYMENT_PROVIDER = env_str("MASTHEAD_PAYMENT_PROVIDER", "stripe")
# Development talks to localstripe on 127.0.0.1 (started by `make run`);
# production leaves STRIPE_API_BASE empty and sets real keys.
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "" if PRODUCTION else "http://127.0.0.1:8420").rstrip("/")
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "" if PRODUCTION else "sk_test_localstripe")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "" if PRODUCTION else "pk_test_localstripe")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "" if PRODUCTION else "whsec_localstripe")
STRIPE_JS_URL = env_str("STRIPE_JS_URL") or (
    f"{STRIPE_API_BASE}/js.stripe.com/v3/" if STRIPE_API_BASE else "https://js.stripe.com/v3/"
)
RAZORPAY_KEY_ID = env_str("RAZORPAY_KEY_ID")
RAZORPAY_KEY_SECRET = env_str("RAZORPAY_KEY_SECRET")
RAZORPAY_WEBHOOK_SECRET = env_str("RAZORPAY_WEBHOOK_SECRET")
RAZORPAY_API_BASE = env_str("RAZORPAY_API_BASE")
# The billing clock's notice, retry and grace settings are read by
# masthead/subscriptions/app_settings.py, when used.

# --- Static and uploaded files -----------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "masthead" / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- E-mail ------------------------------------------------------------------
# Development prints mail to the console; production sends through SMTP.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = env_str("MASTHEAD_EMAIL_BACKEND") or (
    SMTP_BACKEND if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
_mailer = {"BACKEND": _mail_backend}
if _mail_backend == SMTP_BACKEND:
    _mailer["OPTIONS"] = {
        "host": env_str("MASTHEAD_EMAIL_HOST", "localhost"),
        "port": env_int("MASTHEAD_EMAIL_PORT", 25),
        "username": env_str("MASTHEAD_EMAIL_USER"),
        "password": env_str("MASTHEAD_EMAIL_PASSWORD"),
        "use_tls": env_bool("MASTHEAD_EMAIL_USE_TLS", False),
        "timeout": env_int("MASTHEAD_EMAIL_TIMEOUT", 30),
    }
MAILERS = {"default": _mailer}
DEFAULT_FROM_EMAIL = env_str("MASTHEAD_FROM_EMAIL", "Masthead <newsroom@masthead.invalid>")
SERVER_EMAIL = env_str("MASTHEAD_SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Security ----------------------------------------------------------------
from django.utils.csp import CSP  # noqa: E402

def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


_STRIPE_ORIGINS = sorted({_origin(STRIPE_JS_URL), _origin(STRIPE_API_BASE or "https://api.stripe.com")})
# Razorpay Checkout's script and frames, when Razorpay takes the payments.
_PAYMENT_ORIGINS = _STRIPE_ORIGINS + (
    ["https://checkout.razorpay.com", "https://api.razorpay.com"] if MASTHEAD_PAYMENT_PROVIDER == "razorpay" else []
)
# Ad networks' script origins, allowed only when staff use ad tags.
MASTHEAD_AD_SCRIPT_ORIGINS = env_list("MASTHEAD_AD_SCRIPT_ORIGINS", [])
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # Stripe.js on the payment page, and the API it calls.
    "connect-src": [CSP.SELF, *_PAYMENT_ORIGINS],
    "frame-src": [CSP.SELF, *_PAYMENT_ORIGINS],
    # The nonce admits the admin editor's import map, which must be inline.
    "script-src": [CSP.SELF, CSP.NONCE, *_PAYMENT_ORIGINS, *MASTHEAD_AD_SCRIPT_ORIGINS],
    # No inline styles, except one known block: the admin's rich-text editor
    # (Tiptap, in django-prose-editor) adds its base CSS as a <style> element
    # and offers no way to give it a nonce. Its hash admits exactly that CSS;
    # tests/browser/test_content_security_policy.py names the new hash if an
    # upgrade changes it.
    "style-src": [CSP.SELF, PROSE_EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
MESSAGE_COOKIE_NAME = "messages"
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    # TLS ends at the load balancer, which says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("MASTHEAD_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = env_int("MASTHEAD_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("MASTHEAD_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' preload list is a one-way choice for the
        # publisher's whole domain: opt in with MASTHEAD_HSTS_PRELOAD.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# --- Logging -----------------------------------------------------------------
_LOG_FORMAT = env_str("MASTHEAD_LOG_FORMAT", "plain")
if _LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("MASTHEAD_LOG_FORMAT must be 'plain' or 'json'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "masthead.core.logging.JsonFormatter"},
    },
    # MASTHEAD_LOG_FORMAT=json: one JSON object per line, for a log collector.
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": _LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("MASTHEAD_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # The huey consumer installs its own handler; do not print twice.
        "huey": {"propagate": False},
    },
}
