import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args, env_overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MASTHEAD_", "DJANGO_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_is_clean_in_production(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env_overrides={
            "MASTHEAD_ENVIRONMENT": "production",
            "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
            "MASTHEAD_ALLOWED_HOSTS": "news.example.com",
            "MASTHEAD_DATA_DIR": str(tmp_path),
            "STRIPE_SECRET_KEY": "sk_live_from_the_dashboard",
            "STRIPE_PUBLISHABLE_KEY": "pk_live_from_the_dashboard",
            "STRIPE_WEBHOOK_SECRET": "whsec_from_the_dashboard",
        },
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_webhook_secret_fails_the_check(tmp_path):
    result = _manage(
        "check", "--deploy",
        env_overrides={
            "MASTHEAD_ENVIRONMENT": "production",
            "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
            "MASTHEAD_ALLOWED_HOSTS": "news.example.com",
            "MASTHEAD_DATA_DIR": str(tmp_path),
            "STRIPE_SECRET_KEY": "sk_live_from_the_dashboard",
            "STRIPE_PUBLISHABLE_KEY": "pk_live_from_the_dashboard",
        },
    )  # fmt: skip
    assert result.returncode != 0
    assert "payments.E002" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(
        "check",
        env_overrides={
            "MASTHEAD_ENVIRONMENT": "production",
            "MASTHEAD_ALLOWED_HOSTS": "news.example.com",
            "MASTHEAD_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_development_keeps_the_generated_secret_key_across_restarts(tmp_path):
    env = {"MASTHEAD_DATA_DIR": str(tmp_path), "SECRET_KEY": ""}
    first = _manage("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env_overrides=env)
    second = _manage("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env_overrides=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_health_and_readiness_endpoints(client, db):
    assert client.get("/healthz").text == "ok\n"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.text == "ready\n"


def test_postgresql_connections_come_from_a_pool_and_sqlite_keeps_its_own(db):
    from django.db import connection

    if connection.vendor == "postgresql":
        assert connection.pool is not None
        assert connection.settings_dict["CONN_MAX_AGE"] == 0
    else:
        assert "pool" not in connection.settings_dict.get("OPTIONS", {})


def test_json_log_lines_carry_the_request_and_the_error():
    import json
    import logging
    import sys

    from django.test import RequestFactory

    from masthead.core.logging import JsonFormatter

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",), None)
    try:
        raise ValueError("the card was declined")
    except ValueError:
        record.exc_info = sys.exc_info()
    record.request = RequestFactory().get("/x/")
    record.status_code = 500
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "django.request"
    assert line["message"] == "Internal Server Error: /x/"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/x/", 500)
    assert "ValueError: the card was declined" in line["exception"]


# --- Each app's own settings, checked at start-up -----------------------------


def _app_settings_errors():
    from masthead.core.checks import app_settings_check

    return [(error.obj, error.msg) for error in app_settings_check()]


def test_the_apps_settings_as_shipped_pass_the_start_up_check():
    assert _app_settings_errors() == []


def test_an_unknown_meter_store_stops_start_up(settings):
    settings.MASTHEAD_METER_STORE = "memcached"

    assert _app_settings_errors() == [("metering", "MASTHEAD_METER_STORE must be 'database' or 'redis'")]


def test_the_redis_meter_without_redis_stops_start_up(settings):
    settings.MASTHEAD_METER_STORE = "redis"
    settings.REDIS_URL = ""

    assert _app_settings_errors() == [("metering", "MASTHEAD_METER_STORE=redis needs REDIS_URL")]


def test_a_reader_cookie_that_lasts_no_days_stops_start_up(settings):
    settings.MASTHEAD_READER_COOKIE_DAYS = "0"

    assert _app_settings_errors() == [("access", "MASTHEAD_READER_COOKIE_DAYS must be at least 1")]


def test_a_setting_is_read_from_the_environment_when_django_has_none(monkeypatch):
    from masthead.metering.app_settings import app_settings

    monkeypatch.setenv("MASTHEAD_FUNNEL_BATCH", "7")

    assert app_settings.FUNNEL_BATCH == 7


def test_a_pre_debit_notice_shorter_than_a_day_stops_start_up(settings):
    settings.MASTHEAD_PRE_DEBIT_NOTICE_HOURS = "12"

    assert _app_settings_errors() == [
        ("subscriptions", "MASTHEAD_PRE_DEBIT_NOTICE_HOURS must be at least 24 (the e-mandate rule)")
    ]


def test_retry_days_are_read_from_a_list_or_from_the_environment(settings, monkeypatch):
    from masthead.core.app_settings import app_settings_forget
    from masthead.subscriptions.app_settings import app_settings

    assert app_settings.RENEWAL_RETRY_DAYS == [1, 3, 5]
    monkeypatch.setenv("MASTHEAD_RENEWAL_RETRY_DAYS", "2, 4")
    app_settings_forget()  # read once and remembered; the environment does not change under a running site
    assert app_settings.RENEWAL_RETRY_DAYS == [2, 4]
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 6]
    assert app_settings.RENEWAL_RETRY_DAYS == [1, 6]
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = "1,soon"
    assert _app_settings_errors() == [
        ("subscriptions", "MASTHEAD_RENEWAL_RETRY_DAYS must be whole numbers separated by commas, not '1,soon'")
    ]


def test_no_grace_period_is_allowed_but_a_negative_one_is_not(settings):
    from masthead.subscriptions.app_settings import app_settings

    settings.MASTHEAD_GRACE_DAYS = "0"
    assert app_settings.GRACE_DAYS == 0
    settings.MASTHEAD_GRACE_DAYS = "-1"
    assert _app_settings_errors() == [("subscriptions", "MASTHEAD_GRACE_DAYS must be at least 0")]


def test_a_setting_is_read_once_until_a_setting_changes(settings, monkeypatch):
    from masthead.access.app_settings import app_settings

    assert app_settings.READER_COOKIE == "mh_reader"
    monkeypatch.setenv("MASTHEAD_READER_COOKIE", "other")
    assert app_settings.READER_COOKIE == "mh_reader"
    settings.MASTHEAD_READER_COOKIE = "renamed"
    assert app_settings.READER_COOKIE == "renamed"
