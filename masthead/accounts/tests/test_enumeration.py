"""Nobody learns from sign-up or password reset whether an address has an account.

The page (or the app API's answer) is the same for a new address and a
registered one; the owner of a registered address is told by e-mail that
someone tried to sign up with it, so a forgetful reader still finds their way
back. Mail goes through a real SMTP server (the ``smtp`` fixture).
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db

PASSPHRASE = "a fresh long passphrase"


@pytest.fixture
def registered(django_user_model):
    return django_user_model.objects.create_user(username="taken", email="taken@example.test", password="the owner's passphrase 9")


def _web_sign_up(email):
    return Client().post("/accounts/signup/", {"email": email, "password1": PASSPHRASE, "password2": PASSPHRASE}, follow=True)


def _page_text(response) -> str:
    """What a person sees, with the address they typed and the form's one-off
    token taken out (those differ between any two requests)."""
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r"[\w.+-]+@example\.test", "ADDRESS", text)


def test_web_sign_up_answers_the_same_for_a_registered_address(smtp, registered):
    fresh = _web_sign_up("fresh@example.test")
    taken = _web_sign_up("TAKEN@example.test")

    assert "already registered" not in taken.text
    assert [url for url, _ in taken.redirect_chain] == [url for url, _ in fresh.redirect_chain]
    assert taken.status_code == fresh.status_code == 200
    assert _page_text(taken) == _page_text(fresh)


def test_the_owner_of_a_registered_address_is_told_by_mail_and_keeps_their_password(smtp, settings, registered):
    settings.MASTHEAD_SITE_NAME = "The Daily Ledger"
    _web_sign_up("taken@example.test")

    (message,) = smtp.for_address("taken@example.test")
    assert "The Daily Ledger" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "tried to sign up" in body and "The Daily Ledger" in body
    assert "/accounts/password/reset/" in body
    registered.refresh_from_db()
    assert registered.check_password("the owner's passphrase 9")
    # Nobody was signed in, and no second account was made.
    assert type(registered).objects.filter(email__iexact="taken@example.test").count() == 1


def test_a_new_address_confirms_with_a_mailed_code_and_is_signed_in(smtp, registered):
    reader = Client()
    reader.post("/accounts/signup/", {"email": "fresh@example.test", "password1": PASSPHRASE, "password2": PASSPHRASE})

    (message,) = smtp.for_address("fresh@example.test")
    body = message.get_body(("plain",)).get_content()
    assert "tried to sign up" not in body
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", body).group(1)
    confirmed = reader.post("/accounts/confirm-email/", {"code": code})
    assert confirmed.status_code == 302
    assert reader.get("/account/").status_code == 200


def test_a_guessed_code_for_a_registered_address_signs_nobody_in(smtp, registered):
    intruder = Client()
    intruder.post("/accounts/signup/", {"email": "taken@example.test", "password1": PASSPHRASE, "password2": PASSPHRASE})
    refused = intruder.post("/accounts/confirm-email/", {"code": "ABCD-EFGH"})
    assert refused.status_code == 200 and "_auth_user_id" not in intruder.session


def _app_sign_up(email):
    return Client().post(
        "/api/auth/app/v1/auth/signup", {"email": email, "password": PASSPHRASE}, content_type="application/json"
    )


def _without_token(answer: dict) -> dict:
    answer.get("meta", {}).pop("session_token", None)
    return answer


def test_app_sign_up_answers_the_same_for_a_registered_address(smtp, registered):
    fresh = _app_sign_up("fresh@example.test")
    taken = _app_sign_up("taken@example.test")

    assert taken.status_code == fresh.status_code
    assert "already registered" not in taken.text
    assert _without_token(taken.json()) == _without_token(fresh.json())
    (message,) = smtp.for_address("taken@example.test")
    assert "tried to sign up" in message.get_body(("plain",)).get_content()


def test_password_reset_answers_the_same_for_an_unknown_address(smtp, registered):
    known = Client().post("/accounts/password/reset/", {"email": "taken@example.test"}, follow=True)
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.test"}, follow=True)

    assert known.status_code == unknown.status_code == 200
    assert _page_text(known) == _page_text(unknown)
    assert "/accounts/password/reset/key/" in smtp.for_address("taken@example.test")[0].get_body(("plain",)).get_content()
    assert "/accounts/password/reset/key/" not in smtp.for_address("nobody@example.test")[0].get_body(("plain",)).get_content()


def test_app_password_reset_answers_the_same_for_an_unknown_address(smtp, registered):
    def ask(email):
        return Client().post("/api/auth/app/v1/auth/password/request", {"email": email}, content_type="application/json")

    known, unknown = ask("taken@example.test"), ask("nobody@example.test")
    assert known.status_code == unknown.status_code
    assert known.json() == unknown.json()


def _codes(smtp, address) -> list[str]:
    bodies = [message.get_body(("plain",)).get_content() for message in smtp.for_address(address)]
    return [match.group(1) for body in bodies for match in [re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", body)] if match]


def test_a_reader_whose_code_did_not_arrive_logs_in_and_is_mailed_a_new_one(smtp):
    reader = Client()
    waiting = reader.post(
        "/accounts/signup/", {"email": "fresh@example.test", "password1": PASSPHRASE, "password2": PASSPHRASE}, follow=True
    )
    # No "send again" here: for a registered address it would do less, and tell.
    assert "Request new code" not in waiting.text
    (first,) = _codes(smtp, "fresh@example.test")

    cache.clear()  # allauth's minutes between codes have passed
    again = Client()
    again.post("/accounts/login/", {"login": "fresh@example.test", "password": PASSPHRASE})
    first_again, second = _codes(smtp, "fresh@example.test")
    assert first_again == first and second != first
    assert again.post("/accounts/confirm-email/", {"code": second}).status_code == 302
    assert again.get("/account/").status_code == 200


def test_asking_for_a_new_code_answers_the_same_for_a_registered_address(smtp, registered):
    def resend(email):
        browser = Client()
        browser.post("/accounts/signup/", {"email": email, "password1": PASSPHRASE, "password2": PASSPHRASE})
        cache.clear()  # past allauth's ten seconds between codes
        return browser.post("/accounts/confirm-email/", {"action": "resend"}, follow=True)

    fresh, taken = resend("fresh@example.test"), resend("taken@example.test")
    assert [url for url, _ in taken.redirect_chain] == [url for url, _ in fresh.redirect_chain]
    assert taken.status_code == fresh.status_code == 200
    assert _page_text(taken) == _page_text(fresh)
    # The owner is never sent a code that would sign the stranger in.
    assert _codes(smtp, "taken@example.test") == []


def test_too_many_wrong_codes_say_what_to_do_next(smtp):
    reader = Client()
    reader.post("/accounts/signup/", {"email": "fresh@example.test", "password1": PASSPHRASE, "password2": PASSPHRASE})
    for _ in range(3):
        answer = reader.post("/accounts/confirm-email/", {"code": "ABCD-EFGH"}, follow=True)
    assert "failed login attempts" not in answer.text
    assert "Too many wrong codes. Log in with your address and password to get a new code by e-mail." in answer.text


def test_a_limit_reached_shows_the_sites_own_page(smtp, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    _web_sign_up("first@example.test")
    refused = Client().post("/accounts/signup/", {"email": "second@example.test", "password1": PASSPHRASE, "password2": PASSPHRASE})
    assert refused.status_code == 429
    assert settings.MASTHEAD_SITE_NAME in refused.text and "Please wait a moment" in refused.text
