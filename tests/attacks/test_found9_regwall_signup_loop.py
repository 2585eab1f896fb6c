"""Found: signing up again from the same browser handed out the free
account's extra articles again. A reader at the registration wall signed up,
read the account's M extra articles, logged out and signed up a second
address: the new account started from the browser's anonymous count (N) and
read M more, and so on for every address they could confirm. Now the
account's month goes back into the browser's at log-out, capped at N + M,
so the next account from that browser starts where the last one stopped."""

import re

import pytest
from django.test import Client

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db

BODY_BEYOND_LEAD_IN = "Second paragraph of the story."
PASSWORD = "a fresh long passphrase 42"


def _sign_up(browser, smtp, *, email, next_url):
    response = browser.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD, "next": next_url}
    )
    (message,) = [message for address, message in smtp.messages if address == email]
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.get_body(("plain",)).get_content()).group(1)
    confirmed = browser.post(response["Location"], {"code": code})
    assert confirmed["Location"] == next_url


def test_a_second_sign_up_from_the_same_browser_opens_no_more_articles(smtp):
    set_meter(free_limit=1, account_extra=1)
    stories = [make_article(headline=f"Story {n}") for n in range(4)]
    browser = Client()
    browser.get(stories[0].get_absolute_url())  # the one anonymous article
    _sign_up(browser, smtp, email="first@example.test", next_url=stories[1].get_absolute_url())
    assert BODY_BEYOND_LEAD_IN in browser.get(stories[1].get_absolute_url()).text  # the account's extra one
    browser.post("/accounts/logout/")

    # The browser has had what an account opens: the wall offers nothing, so it is the paywall.
    walled = browser.get(stories[2].get_absolute_url()).text
    assert "Sign up free" not in walled and "You’ve reached your limit of 1 free article this month." in walled
    _sign_up(browser, smtp, email="second@example.test", next_url=stories[2].get_absolute_url())
    page = browser.get(stories[2].get_absolute_url()).text
    assert BODY_BEYOND_LEAD_IN not in page
    assert "You’ve reached your limit of 2 free articles this month." in page
