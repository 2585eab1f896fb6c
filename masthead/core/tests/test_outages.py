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
