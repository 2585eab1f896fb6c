"""The account page's signed-in devices: browsers and apps, named as their
owners know them, where they signed in from, and which one is this device."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a long passphrase for devices"
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
)


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="devi", email="devi@example.test", password=PASSWORD)


def _browser_signed_in(user_agent: str, **headers) -> Client:
    browser = Client(HTTP_USER_AGENT=user_agent, **headers)
    response = browser.post("/accounts/login/", {"login": "devi@example.test", "password": PASSWORD})
    assert response.status_code == 302, response.text
    return browser


def _app_signed_in(name: str) -> str:
    response = Client().post(
        "/api/auth/app/v1/auth/login",
        {"email": "devi@example.test", "password": PASSWORD},
        content_type="application/json",
        HTTP_X_DEVICE_NAME=name,
        HTTP_USER_AGENT="MastheadReader/3.1 (iOS)",
    )
    assert response.status_code == 200, response.text
    return response.json()["meta"]["session_token"]


def test_the_account_page_lists_browsers_and_apps(reader, settings):
    settings.MASTHEAD_DEVICE_LOCATION_HEADER = "X-Client-Country"
    laptop = _browser_signed_in(FIREFOX_LINUX, HTTP_X_CLIENT_COUNTRY="IN")
    _browser_signed_in(CHROME_WINDOWS)
    _app_signed_in("Devi's iPhone")
    page = laptop.get("/account/").text
    assert "Firefox on Linux, IN" in page and "this device" in page
    assert "Chrome on Windows" in page
    assert "Devi&#x27;s iPhone (app)" in page
