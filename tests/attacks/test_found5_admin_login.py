"""The staff sign-in page (/admin/login/) is Django's own form, outside
allauth: the login limits (ACCOUNT_RATE_LIMITS["login_failed"], 5 guesses per
account in 5 minutes) never see it. A guesser who knows a staff address (the
demo ones are printed; staff addresses are usually guessable) may try as many
passwords as they like there, on the accounts that can refund payments and
read every invoice. It also skips what the site's sign-in does after the
password: the second factor, and recording the session as one of the
account's devices (so its owner can neither see nor sign it out)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PER_ACCOUNT = 5
PASSWORD = "the staff passphrase 42"


@pytest.fixture
def support(django_user_model):
    return django_user_model.objects.create_user(
        username="sam", email="sam@example.test", password=PASSWORD, is_staff=True
    )


def _admin_sign_in(client: Client, password: str) -> bool:
    """Sign in the way the staff sign-in page offers: its own form, or the
    site's sign-in it leads to. True when the admin then opens."""
    page = client.get("/admin/login/?next=/admin/", follow=True)
    form_url = page.request["PATH_INFO"] + (f"?{page.request['QUERY_STRING']}" if page.request.get("QUERY_STRING") else "")
    if form_url.startswith("/admin/login/"):
        client.post(form_url, {"username": "sam@example.test", "password": password})
    else:
        client.post(form_url, {"login": "sam@example.test", "password": password})
    return client.get("/admin/").status_code == 200


def test_guessing_a_staff_password_on_the_admin_sign_in_page_is_limited_like_the_site_login(support):
    guesser = Client()
    for attempt in range(PER_ACCOUNT * 4):
        assert not _admin_sign_in(guesser, f"wrong guess {attempt}")
    # After twenty wrong guesses in a minute the site's own login refuses even
    # the right password; the admin's sign-in must not be the way around it.
    assert not _admin_sign_in(guesser, PASSWORD), "unlimited password guesses on /admin/login/"


def test_the_site_logins_limit_also_closes_the_admin_sign_in(support):
    guesser = Client()
    for attempt in range(PER_ACCOUNT):
        guesser.post("/accounts/login/", {"login": "sam@example.test", "password": f"wrong guess {attempt}"})
    refused = guesser.post("/accounts/login/", {"login": "sam@example.test", "password": PASSWORD})
    assert refused.status_code == 200 and "/admin/" not in refused.get("Location", "")
    assert not _admin_sign_in(Client(), PASSWORD), "the account's guess allowance is spent, yet /admin/login/ lets the guesser in"


def test_a_staff_member_with_two_factor_sign_in_is_asked_for_the_code_on_the_admin_sign_in_too(support):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(support, generate_totp_secret())
    # On the site, the password alone only leads to the code page.
    site = Client()
    response = site.post("/accounts/login/", {"login": "sam@example.test", "password": PASSWORD})
    assert response.status_code == 302 and "/2fa/" in response["Location"]
    assert site.get("/admin/").status_code == 302
    # A stolen password must not open the admin (refunds, every invoice) either.
    assert not _admin_sign_in(Client(), PASSWORD), "the admin sign-in skips the second factor"


def test_a_session_opened_at_the_admin_sign_in_is_among_the_accounts_devices(support):
    # Someone who guessed the password signs in at /admin/login/ ...
    intruder = Client()
    assert _admin_sign_in(intruder, PASSWORD)
    # ... and the owner, signing in on the site, looks for it to sign it out.
    owner = Client()
    owner.post("/accounts/login/", {"login": "sam@example.test", "password": PASSWORD})
    page = owner.get("/account/").text
    listed = page.count('action="/account/devices/')
    assert listed == 2, f"the account page lists {listed} signed-in device(s); the admin session is not one of them"
