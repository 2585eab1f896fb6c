"""Sign-up answers the same words for a new and a registered address
(allauth's enumeration prevention), but it did not take the same time: a new
address gets an account made and its password hashed (Argon2, about 0.2 s);
a registered one only got the "someone tried to sign up" mail and the answer
came back at once (about 10 ms on the demo site). Anyone could time a few
sign-ups and learn which addresses have accounts, on the web form and in the
app API alike.

The password hash is the whole difference, so the test counts hashes rather
than timing requests (a timed test fails on a busy machine; bench/signup.py
prints the two times)."""

import pytest
from django.contrib.auth.hashers import get_hasher
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "a very long passphrase 77"


@pytest.fixture
def registered(django_user_model):
    return django_user_model.objects.create_user(username="known", email="known@example.test", password="x" * 20)


def _web(email):
    return Client().post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def _app(email):
    return Client().post(
        "/api/auth/app/v1/auth/signup", {"email": email, "password": PASSWORD}, content_type="application/json"
    )


def _hashes_made(monkeypatch, sign_up, email) -> int:
    hasher = type(get_hasher())
    made = []
    real_encode = hasher.encode
    monkeypatch.setattr(hasher, "encode", lambda self, *args, **kwargs: made.append(1) or real_encode(self, *args, **kwargs))
    response = sign_up(email)
    monkeypatch.undo()
    assert response.status_code in (200, 302, 401), response.status_code
    return len(made)


@pytest.mark.parametrize("sign_up", [_web, _app], ids=["web", "app"])
def test_signing_up_with_a_registered_address_costs_the_same_password_hash_as_a_new_one(monkeypatch, sign_up, registered):
    new = _hashes_made(monkeypatch, sign_up, f"new-{sign_up.__name__}@example.test")
    taken = _hashes_made(monkeypatch, sign_up, registered.email)
    assert new >= 1
    assert taken == new, f"a registered address costs {taken} password hash(es), a new one {new}: timing tells them apart"
