"""A password change signs every other device out at the origin, yet each
of them goes on reading premium stories through the edge until its
entitlement runs out (up to five minutes).

A subscriber changes their password because someone else is using the
account: Django signs the other sessions out (their session hash no longer
matches) and the account page on the other device asks it to sign in. But
nothing tells the edge: the other device's mt_ent stays valid (revocations
are sent only for an explicit sign-out, a device signed out from the
account page, or the account losing its subscription). docs/deploy.md: a
sign-out, a device's included, takes effect at the edge at once.

What should happen: the moment the other device is signed out at the
origin, the edge serves it as a signed-out reader: the paywall.
"""

import pytest
import requests

from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

from masthead.testing.edge import session_cookies
from .test_found129_sign_out_after_a_password_change_leaves_the_edge_open import PASSWORD, post_form

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_device_signed_out_by_a_password_change_is_signed_out_at_the_edge(edge, django_user_model):
    premium = make_story_with_hidden_sentence(is_premium=True)
    subscriber = django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password=PASSWORD, complimentary_access=True
    )
    own, other = requests.Session(), requests.Session()
    own.cookies.update(session_cookies(subscriber))
    other.cookies.update(session_cookies(subscriber))
    assert BEYOND_LEAD_IN in other.get(edge + premium.get_absolute_url()).text
    assert "mt_ent" in other.cookies

    post_form(own, edge + "/accounts/password/change/",
              {"oldpassword": PASSWORD, "password1": "another fine long password",
               "password2": "another fine long password"})  # fmt: skip
    subscriber.refresh_from_db()
    assert subscriber.check_password("another fine long password")
    assert "/accounts/login/" in other.get(edge + "/account/").url, "the other device is signed out at the origin"

    after = other.get(edge + premium.get_absolute_url())
    assert BEYOND_LEAD_IN not in after.text, f"signed out, the other device still reads premium ({after.headers.get('X-Edge')})"
