"""An app's session token and a browser's session cookie are not interchangeable.

Both are Django sessions underneath, but a token copied out of an app must not
open the website (where it would ride on cookies and CSRF tokens the app never
had), and a browser's cookie must not work as an app token (the API, having no
CSRF protection, accepts no cookies; a stolen cookie should not become one).
"""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for both"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="kim", email="kim@example.test", password=PASSWORD)


def _app_token(reader) -> str:
    response = Client().post(
        "/api/auth/app/v1/auth/login", {"email": reader.email, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 200, response.text
    return response.json()["meta"]["session_token"]


def _web_session_key(reader) -> str:
    browser = Client()
    assert browser.post("/accounts/login/", {"login": reader.email, "password": PASSWORD}).status_code == 302
    return browser.cookies[settings.SESSION_COOKIE_NAME].value


def _browser_with_cookie(session_key: str) -> Client:
    browser = Client()
    browser.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return browser


def test_each_kind_works_where_it_belongs(reader):
    assert _browser_with_cookie(_web_session_key(reader)).get("/account/").status_code == 200
    assert Client(HTTP_X_SESSION_TOKEN=_app_token(reader)).get("/api/v1/me").status_code == 200


def test_an_app_token_sent_as_the_session_cookie_does_not_sign_in_to_the_website(reader):
    browser = _browser_with_cookie(_app_token(reader))
    page = browser.get("/account/")
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    assert reader.email not in browser.get("/").text


def test_a_web_session_id_sent_as_an_app_token_is_refused(reader):
    app = Client(HTTP_X_SESSION_TOKEN=_web_session_key(reader))
    assert app.get("/api/v1/me").status_code == 401
    assert app.get("/api/auth/app/v1/auth/session").status_code in (401, 410)


def test_the_refused_token_still_works_in_its_own_place_afterwards(reader):
    token = _app_token(reader)
    _browser_with_cookie(token).get("/account/")
    assert Client(HTTP_X_SESSION_TOKEN=token).get("/api/v1/me").status_code == 200
