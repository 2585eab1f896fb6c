"""The account page's signed-in devices: browsers and apps, named as their
owners know them, where they signed in from, and which one is this device."""

import pytest

from masthead.testing.devices import (
    CHROME_WINDOWS,
    FIREFOX_LINUX,
    app_signed_in,
    browser_signed_in,
    make_device_reader,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return make_device_reader(django_user_model)


def test_the_account_page_lists_browsers_and_apps(reader, settings):
    settings.MASTHEAD_DEVICE_LOCATION_HEADER = "X-Client-Country"
    laptop = browser_signed_in(FIREFOX_LINUX, HTTP_X_CLIENT_COUNTRY="IN")
    browser_signed_in(CHROME_WINDOWS)
    app_signed_in("Devi's iPhone")
    page = laptop.get("/account/").text
    assert "Firefox on Linux, IN" in page and "this device" in page
    assert "Chrome on Windows" in page
    assert "Devi&#x27;s iPhone (app)" in page
