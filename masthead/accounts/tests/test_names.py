"""A reader's name: asked (optionally) at sign-up, on the website and in the
app API, changed on the account page, and used where a person would use it:
the welcome after logging in, the greeting of our mail, a gift's note. A
reader without a name is never called by their address or its first part."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client

from masthead.gifts.selectors import gift_url
from masthead.gifts.services import gift_create
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db

PASSPHRASE = "a fresh long passphrase"


def _sign_up_and_confirm(smtp, email, **names) -> Client:
    """Sign up on the website and type the code that was mailed."""
    browser = Client()
    browser.post("/accounts/signup/", {"email": email, "password1": PASSPHRASE, "password2": PASSPHRASE, **names})
    (message,) = smtp.for_address(email)
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.get_body(("plain",)).get_content()).group(1)
    browser.post("/accounts/confirm-email/", {"code": code})
    return browser


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_sign_up_asks_for_a_name_but_does_not_require_it(client):
    page = client.get("/accounts/signup/").text
    assert "First name (optional)" in page and "Last name (optional)" in page
    assert 'autocomplete="given-name"' in page


def test_a_reader_who_signs_up_with_a_name_is_welcomed_by_it(smtp):
    browser = _sign_up_and_confirm(smtp, "new1@example.test", first_name="Asha", last_name="Rao")

    reader = get_user_model().objects.get(email="new1@example.test")
    assert (reader.first_name, reader.last_name) == ("Asha", "Rao")
    shown = _messages(browser.get("/"))
    assert "Welcome, Asha. You are logged in." in shown
    assert not any("as new1" in message for message in shown)


def test_a_reader_without_a_name_is_welcomed_without_their_address(smtp):
    browser = _sign_up_and_confirm(smtp, "new2@example.test")

    shown = _messages(browser.get("/"))
    assert "You are logged in." in shown
    assert not any("new2" in message for message in shown if "logged in" in message)


def test_our_mail_greets_a_reader_by_the_name_they_signed_up_with(smtp, localstripe, jobs_inline, django_capture_on_commit_callbacks):
    _sign_up_and_confirm(smtp, "new3@example.test", first_name="Asha")
    reader = get_user_model().objects.get(email="new3@example.test")

    with django_capture_on_commit_callbacks(execute=True):
        subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))

    (receipt,) = [message for message in smtp.for_address("new3@example.test") if "receipt" in message["Subject"]]
    assert receipt.get_body(("plain",)).get_content().startswith("Dear Asha,")


def test_a_gift_is_signed_with_the_givers_name(client, django_user_model):
    giver = django_user_model.objects.create_user(
        username="giver", email="giver@example.test", password="x" * 20, first_name="Asha", complimentary_access=True
    )
    article = make_article(is_premium=True)
    gift = gift_create(user=giver, article=article)

    assert "Asha gifted you this article." in client.get(gift_url(gift)).text


def test_the_reader_changes_their_name_on_the_account_page(smtp):
    browser = _sign_up_and_confirm(smtp, "new4@example.test")
    page = browser.get("/account/").text
    assert "Logged in as new4@example.test." in page and "Your name" in page

    saved = browser.post("/account/name/", {"first_name": " Asha ", "last_name": "Rao"}, follow=True)

    assert "Your name is saved." in saved.text
    assert "Logged in as Asha Rao (new4@example.test)." in saved.text
    assert 'value="Asha"' in saved.text and 'value="Rao"' in saved.text
    reader = get_user_model().objects.get(email="new4@example.test")
    assert (reader.first_name, reader.last_name) == ("Asha", "Rao")


def test_a_name_too_long_is_refused_and_nothing_changes(smtp):
    browser = _sign_up_and_confirm(smtp, "new5@example.test", first_name="Asha")

    refused = browser.post("/account/name/", {"first_name": "A" * 151, "last_name": ""})

    assert refused.status_code == 200 and "at most 150 characters" in refused.text
    assert get_user_model().objects.get(email="new5@example.test").first_name == "Asha"


def test_an_app_signs_up_with_a_name_through_the_api(smtp):
    answer = Client().post(
        "/api/auth/app/v1/auth/signup",
        {"email": "app1@example.test", "password": PASSPHRASE, "first_name": "Asha", "last_name": "Rao"},
        content_type="application/json",
    )

    assert answer.status_code == 401  # signed up; the address is confirmed next, by code
    reader = get_user_model().objects.get(email="app1@example.test")
    assert (reader.first_name, reader.last_name) == ("Asha", "Rao")


def test_an_app_may_sign_up_without_a_name(smtp):
    answer = Client().post(
        "/api/auth/app/v1/auth/signup", {"email": "app2@example.test", "password": PASSPHRASE}, content_type="application/json"
    )

    assert answer.status_code == 401
    assert get_user_model().objects.get(email="app2@example.test").get_full_name() == ""
