"""Sign-up answers the same words for a new and a registered address
(allauth's enumeration prevention), but not in the same time: a new address
gets an account made and its password hashed (Argon2, about 0.2 s here); a
registered one only gets the "someone tried to sign up" mail queued and the
answer comes back at once (about 10 ms on the demo site). Anyone can time a
few sign-ups and learn which addresses have accounts, on the web form and in
the app API alike."""

import statistics
import time

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TRIES = 4
PASSWORD = "a very long passphrase 77"


@pytest.fixture
def registered(django_user_model):
    return [
        django_user_model.objects.create_user(username=f"known{n}", email=f"known{n}@example.test", password="x" * 20)
        for n in range(TRIES)
    ]


def _web(email):
    return Client().post("/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def _app(email):
    return Client().post(
        "/api/auth/app/v1/auth/signup", {"email": email, "password": PASSWORD}, content_type="application/json"
    )


def _median_seconds(sign_up, addresses) -> float:
    times = []
    for address in addresses:
        started = time.perf_counter()
        response = sign_up(address)
        times.append(time.perf_counter() - started)
        assert response.status_code in (200, 302, 401), response.status_code
    return statistics.median(times)


@pytest.mark.parametrize("sign_up", [_web, _app], ids=["web", "app"])
def test_signing_up_with_a_registered_address_takes_as_long_as_with_a_new_one(sign_up, registered):
    taken = _median_seconds(sign_up, [user.email for user in registered])
    new = _median_seconds(sign_up, [f"new{n}-{sign_up.__name__}@example.test" for n in range(TRIES)])
    # Generous: the same order of time; today the registered address answers ~20x sooner.
    assert taken >= new / 3, f"registered address answered in {taken * 1000:.0f} ms, a new one in {new * 1000:.0f} ms"
