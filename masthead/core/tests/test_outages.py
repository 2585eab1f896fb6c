"""When the database or Redis stops answering, readers get a clear 503 that
says to try again, not a stack trace or a generic error."""

import pytest
import redis
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "failure",
    [
        OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused"),
        redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused."),
    ],
    ids=["database", "redis"],
)
def test_an_outage_is_a_503_with_retry_after(browser, monkeypatch, failure):
    def down(*args, **kwargs):
        raise failure

    monkeypatch.setattr("masthead.newsroom.selectors.home_page", down)
    response = browser.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "We are back in a moment" in response.text
    assert "Traceback" not in response.text and "5432" not in response.text


def test_a_bug_stays_a_500(browser, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("headline")

    monkeypatch.setattr("masthead.newsroom.selectors.home_page", broken)
    response = browser.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text


def test_after_the_database_could_not_be_reached_requests_fail_at_once_for_a_moment(settings, monkeypatch):
    # A PostgreSQL connection to a port nobody listens on, through the pool
    # as on the scaled layout, under an alias of its own so the suite's
    # database is untouched. The first request waits for the pool and
    # fails; those right after it must not wait again, and once the pause
    # is over the next one tries the database again.
    import socket

    from django.db import OperationalError as DjangoOperationalError

    from masthead.core.postgresql import base

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.MASTHEAD_DB_FAIL_FAST_SECONDS = 30
    clock = [1000.0]
    monkeypatch.setattr(base, "monotonic", lambda: clock[0])
    attempts = []
    real_connect = base.base.DatabaseWrapper.get_new_connection

    def counted(self, conn_params):
        attempts.append(self.alias)
        return real_connect(self, conn_params)

    monkeypatch.setattr(base.base.DatabaseWrapper, "get_new_connection", counted)
    wrapper = base.DatabaseWrapper(
        {
            "ENGINE": "masthead.core.postgresql", "NAME": "masthead", "USER": "postgres", "PASSWORD": "",
            "HOST": "127.0.0.1", "PORT": str(closed_port), "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": True,
            "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False, "TIME_ZONE": None, "TEST": {},
            "OPTIONS": {"pool": {"min_size": 1, "max_size": 1, "timeout": 1}},
        },  # fmt: skip
        alias="fail-fast-probe",
    )
    monkeypatch.setitem(base.DatabaseWrapper._unreachable_until, "fail-fast-probe", 0.0)
    try:
        with pytest.raises(DjangoOperationalError):
            wrapper.ensure_connection()
        assert attempts == ["fail-fast-probe"]
        clock[0] += 29
        with pytest.raises(DjangoOperationalError, match="unreachable moments ago"):
            wrapper.ensure_connection()
        assert attempts == ["fail-fast-probe"]  # refused without trying
        clock[0] += 2
        with pytest.raises(DjangoOperationalError):
            wrapper.ensure_connection()
        assert attempts == ["fail-fast-probe", "fail-fast-probe"]  # tried again after the pause
    finally:
        wrapper.close_pool()
