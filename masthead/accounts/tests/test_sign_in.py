import re

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="lock", email="lock@example.test", password="the right passphrase 7")


def _login(client, password):
    return client.post("/accounts/login/", {"login": "lock@example.test", "password": password})


def test_passwords_are_hashed_with_argon2(reader):
    assert identify_hasher(reader.password).algorithm == "argon2"


def test_repeated_failed_logins_lock_the_account_for_a_while(reader):
    attacker = Client()
    for _ in range(5):
        assert _login(attacker, "guess").status_code == 200
    blocked = _login(attacker, "the right passphrase 7")
    # Even the right password is refused until the window passes.
    assert blocked.status_code in (200, 429)
    assert "_auth_user_id" not in attacker.session
    assert "Too many failed login attempts" in blocked.text


def test_signing_up_sends_a_verification_email(client):
    response = client.post(
        "/accounts/signup/", {"email": "new@example.test", "password1": "a fresh long passphrase", "password2": "a fresh long passphrase"}
    )
    assert response.status_code == 302
    assert any("new@example.test" in message.to for message in mail.outbox)
    assert any("confirm" in message.body.lower() for message in mail.outbox)


def test_password_reset_mails_a_link(reader, client):
    client.post("/accounts/password/reset/", {"email": "lock@example.test"})
    (message,) = mail.outbox
    assert "/accounts/password/reset/key/" in message.body


def test_the_mailed_link_asks_for_a_new_password_and_a_spent_link_says_so_plainly(reader, client):
    client.post("/accounts/password/reset/", {"email": "lock@example.test"})
    (message,) = mail.outbox
    link = re.search(r"(/accounts/password/reset/key/\S+/)", message.body).group(1)
    choose = client.get(link, follow=True).text
    assert "<h1>Choose a new password</h1>" in choose and ">Save my new password</button>" in choose
    assert "Change Password" not in choose
    form = client.get(link, follow=True).redirect_chain[-1][0]
    done = client.post(form, {"password1": "a brand new passphrase 8", "password2": "a brand new passphrase 8"}, follow=True).text
    assert "<h1>Your password is changed</h1>" in done and "Change Password" not in done

    spent = Client().get(link, follow=True).text
    assert "<h1>This link no longer works</h1>" in spent
    assert "Bad Token" not in spent and 'href="/accounts/password/reset/"' in spent
