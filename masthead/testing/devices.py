"""A reader signing in from browsers and apps, for the tests of devices and
of the account page that lists them."""

from django.test import Client

PASSWORD = "a long passphrase for devices"
READER_EMAIL = "devi@example.test"
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
)


def make_device_reader(user_model):
    return user_model.objects.create_user(username="devi", email=READER_EMAIL, password=PASSWORD)


def browser_signed_in(user_agent: str, **headers) -> Client:
    """A browser that has signed in as the device reader through the sign-in page."""
    browser = Client(HTTP_USER_AGENT=user_agent, **headers)
    response = browser.post("/accounts/login/", {"login": READER_EMAIL, "password": PASSWORD})
    assert response.status_code == 302, response.text
    return browser


def app_signed_in(name: str) -> str:
    """The session token of an app that signed in as the device reader, named ``name``."""
    response = Client().post(
        "/api/auth/app/v1/auth/login",
        {"email": READER_EMAIL, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_DEVICE_NAME=name,
        HTTP_USER_AGENT="MastheadReader/3.1 (iOS)",
    )
    assert response.status_code == 200, response.text
    return response.json()["meta"]["session_token"]
