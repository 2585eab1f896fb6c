"""The log-in and security pages a reader reaches from the account page
(e-mail addresses, password, two-factor authentication) speak as the rest of
the site: sentence case, "e-mail", and every page's title ending in the
site's name."""

import re

import pytest
from django.test import Client

from masthead.accounts.tests.test_entrance import _main, _words

pytestmark = pytest.mark.django_db

ALLAUTHS_WORDING = (
    "Email Addresses", "Make Primary", "Re-send Verification", "Add Email", "Email:", "Change Password",
    "Current Password", "New Password", "Two-Factor Authentication", "Authenticator App", "Recovery Codes",
    "Activate Authenticator App", "Deactivate Authenticator App", "Email address", "email address",
)  # fmt: skip


@pytest.fixture
def reader_client(django_user_model):
    """A reader who has just typed their password again, as setting up an
    authenticator app asks."""
    reader = django_user_model.objects.create_user(username="r", email="r@example.test", password="x" * 20)
    client = Client()
    client.force_login(reader)
    client.post("/accounts/reauthenticate/", {"password": "x" * 20})
    return client


def _title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1).strip()


@pytest.mark.parametrize(
    ("path", "heading", "wording"),
    [
        ("/accounts/email/", "E-mail addresses",
         ["Make primary", "Send the confirmation again", "Remove", "Add an e-mail address", "E-mail address:",
          "Add this address"]),
        ("/accounts/password/change/", "Change password",
         ["Current password:", "New password:", "New password (again):"]),
        ("/accounts/2fa/", "Two-factor authentication",
         ["Authenticator app", "No authenticator app is set up.", "Set up", "Recovery codes"]),
        ("/accounts/2fa/totp/activate/", "Set up an authenticator app", ["Authenticator secret", "Turn on"]),
    ],
)  # fmt: skip
def test_the_log_in_and_security_pages_speak_the_sites_words(reader_client, settings, path, heading, wording):
    response = reader_client.get(path)

    assert response.status_code == 200
    page = _main(response)
    words = _words(page)
    assert re.search(rf"<h1>\s*{heading}\s*</h1>", page)
    assert _title(response) == f"{heading} · {settings.MASTHEAD_SITE_NAME}"
    for words_wanted in wording:
        assert words_wanted in words, (words_wanted, words)
    assert not [old for old in ALLAUTHS_WORDING if old in words], words
    # Every form still posts with its CSRF token.
    assert page.count("<form") == page.count('name="csrfmiddlewaretoken"')


def test_log_in_and_sign_up_ask_for_an_e_mail_address(client):
    for path in ("/accounts/login/", "/accounts/signup/"):
        words = _words(_main(client.get(path)))
        assert "E-mail address:" in words
        assert "Email" not in words


def test_the_code_page_keeps_its_heading_and_names_the_site_in_its_title(client, smtp, settings):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.test", "password1": "a fresh long passphrase", "password2": "a fresh long passphrase"},
        follow=True,
    )

    assert re.search(r"<h1>\s*Confirm your e-mail address\s*</h1>", _main(response))
    assert _title(response) == f"Confirm your e-mail address · {settings.MASTHEAD_SITE_NAME}"
