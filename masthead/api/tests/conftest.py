"""Accounts, sign-in through allauth's app API, and calls with a token."""

import pytest
from django.test import Client

from masthead.subscriptions import services as subscription_services
from masthead.testing.subscriptions import make_plan

PASSWORD = "a long passphrase for the app"


def make_account(django_user_model, name: str, **fields):
    return django_user_model.objects.create_user(
        username=name, email=f"{name}@example.test", password=PASSWORD, **fields
    )


def subscribe(user, *, term_months: int = 1):
    plan = make_plan(name=f"Plan for {user.username}", slug=f"plan-{user.username}", term_months=term_months)
    return subscription_services.subscription_activate(
        subscription=subscription_services.subscription_begin(user=user, plan=plan)
    )


def sign_in(user, *, device: str = "Reader app on Pixel") -> str:
    """An app's sign-in: the session token it sends from then on."""
    response = Client().post(
        "/api/auth/app/v1/auth/login",
        {"email": user.email, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_DEVICE_NAME=device,
        HTTP_USER_AGENT="MastheadReader/3.1 (Android)",
    )
    assert response.status_code == 200, response.text
    return response.json()["meta"]["session_token"]


def app(token: str | None = None, reader: str | None = None) -> Client:
    headers = {}
    if token:
        headers["HTTP_X_SESSION_TOKEN"] = token
    if reader:
        headers["HTTP_X_READER"] = reader
    return Client(**headers)


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """E-paper files, when a test makes an edition, in a directory of the test's own."""
    settings.DATA_DIR = tmp_path


@pytest.fixture
def reader(django_user_model):
    return make_account(django_user_model, "ravi")


@pytest.fixture
def subscriber(django_user_model):
    user = make_account(django_user_model, "asha", first_name="Asha", last_name="Rao")
    subscribe(user)
    return user
