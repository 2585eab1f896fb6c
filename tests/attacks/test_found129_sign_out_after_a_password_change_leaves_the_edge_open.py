"""A subscriber who changed their password and then signed out still reads
every story through the edge on that browser, premium ones included, for
the rest of the entitlement's five minutes.

The entitlement names the session as it was when the page was served. A
password change keeps the reader signed in under a new session key (Django
cycles it), and the sign-out then revokes only the new key's tag at the
edge: the token the browser holds, for the old key, is never revoked (and
signing out does not delete the mt_ent cookie). docs/deploy.md: a sign-out
takes effect at the edge at once.

Seen against the running stack too: a subscriber's browser, after changing
the password and signing out, got ``X-Edge: subscriber`` on a premium story.

What should happen: after signing out, the browser is a signed-out reader
at the edge at once: the premium story's paywall.
"""

import re

import pytest
import requests

from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

from masthead.testing.edge import session_cookies

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a fine long password"


def post_form(browser: requests.Session, url: str, data: dict) -> requests.Response:
    page = browser.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return browser.post(url, data={"csrfmiddlewaretoken": token, **data}, headers={"Referer": url})


def test_signing_out_after_a_password_change_closes_the_edge(edge, django_user_model):
    premium = make_story_with_hidden_sentence(is_premium=True)
    subscriber = django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password=PASSWORD, complimentary_access=True
    )
    browser = requests.Session()
    browser.cookies.update(session_cookies(subscriber))
    assert BEYOND_LEAD_IN in browser.get(edge + premium.get_absolute_url()).text
    assert "mt_ent" in browser.cookies

    changed = post_form(browser, edge + "/accounts/password/change/",
                        {"oldpassword": PASSWORD, "password1": "another fine long password",
                         "password2": "another fine long password"})  # fmt: skip
    assert changed.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.check_password("another fine long password")
    post_form(browser, edge + "/accounts/logout/", {})
    assert "Your account" not in browser.get(edge + "/").text

    after = browser.get(edge + premium.get_absolute_url())
    assert BEYOND_LEAD_IN not in after.text, f"signed out, the edge still serves the premium story ({after.headers.get('X-Edge')})"
