"""The registration wall's carry-over in the app: an anonymous app is
metered under its X-Reader id exactly like a browser under its cookie
(docs/api.md), but logging in or out through the app API
(/api/auth/app/v1/…) carries nothing between that id and the account. The
web carries the browser's month into the account at every log-in and back at
log-out (docs/paywall.md, Carry-over), so a second account signed up from
the same browser "opens nothing more"; in the app every log-in to a new
account opens N + M fresh articles, on top of the N read anonymously, with
no cookie (header) cleared."""

import pytest
from django.test import Client

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for the app"


def _account(django_user_model, name):
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password=PASSWORD)


def _app_log_in(user, reader_header: str) -> str:
    response = Client().post(
        "/api/auth/app/v1/auth/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_READER=reader_header,
        HTTP_USER_AGENT="MastheadReader/3.1 (Android)",
    )
    assert response.status_code == 200, response.text
    return response.json()["meta"]["session_token"]


def _read(slug, *, token=None, reader=None) -> dict:
    headers = {}
    if token:
        headers["HTTP_X_SESSION_TOKEN"] = token
    if reader:
        headers["HTTP_X_READER"] = reader
    return Client(**headers).get(f"/api/v1/articles/{slug}")


def test_an_app_log_in_carries_the_anonymous_apps_month_into_the_account(django_user_model):
    set_meter(free_limit=1, account_extra=1)
    first, second, third = (make_article(headline=f"App story {n}") for n in range(3))
    answer = _read(first.slug)
    reader = answer["X-Reader"]
    assert answer.json()["reason"] == "free_within_meter"
    assert _read(second.slug, reader=reader).json()["reason"] == "registration_wall"

    token = _app_log_in(_account(django_user_model, "meera"), reader)
    # The account's limit is N + M = 2, and one of them went on the first story.
    assert _read(second.slug, token=token, reader=reader).json()["reason"] == "free_within_meter"
    assert _read(third.slug, token=token, reader=reader).json()["reason"] == "meter_exhausted"


def test_a_second_account_in_the_same_app_starts_where_the_first_stopped(django_user_model):
    set_meter(free_limit=1, account_extra=1)
    stories = [make_article(headline=f"App story {n}") for n in range(4)]
    reader = _read(stories[0].slug)["X-Reader"]

    first = _app_log_in(_account(django_user_model, "first"), reader)
    for story in stories[:2]:
        assert _read(story.slug, token=first, reader=reader).json()["access"] == "full"
    assert _read(stories[2].slug, token=first, reader=reader).json()["reason"] == "meter_exhausted"
    logged_out = Client().delete("/api/auth/app/v1/auth/session", HTTP_X_SESSION_TOKEN=first, HTTP_X_READER=reader)
    assert logged_out.status_code in (200, 401)

    second = _app_log_in(_account(django_user_model, "second"), reader)
    # On the web a second account signed up from the same browser opens nothing more.
    assert _read(stories[2].slug, token=second, reader=reader).json()["reason"] == "meter_exhausted"
