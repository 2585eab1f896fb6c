"""Sign-up with a registered address now costs the same password hash as a
new one. The page that follows offers "send the code again": for a new
address that sends a mail (over SMTP, synchronously, in production: a round
trip to the mail server inside the request); for a registered address allauth
sends nothing at all. The resend answers alike but not in the same time, so
timing a sign-up and one resend still tells which addresses have accounts, on
the web form and in the app API alike.

The mail is the difference, so the test counts mails sent by the resend rather
than timing requests."""

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a very long passphrase 77"


@pytest.fixture(autouse=True)
def three_minutes_later(settings):
    """allauth allows one code per address every three minutes; the attacker
    waits them out (here: the limits are off, which is the same)."""
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def registered(django_user_model):
    return django_user_model.objects.create_user(username="known", email="known@example.test", password="x" * 20)


def _web(email) -> tuple[int, int]:
    browser = Client()
    browser.post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    before = len(mail.outbox)
    response = browser.post("/accounts/confirm-email/", {"action": "resend"})
    return response.status_code, len(mail.outbox) - before


def _app(email) -> tuple[int, int]:
    app = Client()
    signed_up = app.post("/api/auth/app/v1/auth/signup", {"email": email, "password": PASSWORD}, content_type="application/json")
    token = signed_up.json()["meta"]["session_token"]
    before = len(mail.outbox)
    response = app.post(
        "/api/auth/app/v1/auth/email/verify/resend", content_type="application/json", headers={"X-Session-Token": token}
    )
    return response.status_code, len(mail.outbox) - before


@pytest.mark.parametrize("resend", [_web, _app], ids=["web", "app"])
def test_resending_the_sign_up_code_does_the_same_work_for_a_registered_address(resend, registered):
    # (Masthead offers no resend, so both are refused alike and mail nothing;
    # a resend that worked would have to do the same work for both.)
    new_status, new_mails = resend(f"new-{resend.__name__}@example.test")
    taken_status, taken_mails = resend(registered.email)
    assert taken_status == new_status
    assert taken_mails == new_mails, (
        f"a resend for a registered address sends {taken_mails} mail(s), for a new one {new_mails}: timing tells them apart"
    )
