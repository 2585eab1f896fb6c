"""The fixtures every app's tests share (a pytest plugin, named in conftest.py).

pytest loads a plugin before Django is set up, so a fixture imports the
models and settings it needs when it runs, not when this module loads.
"""

import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest
import requests
from aiosmtpd.controller import Controller
from django.conf import settings

from .edge import edge  # noqa: F401  (the fixture, for every app's tests)
from .environment import free_port
from .mail import Inbox


def pytest_configure(config):
    """Passwords hash with Argon2's least cost in tests (masthead/testing/passwords.py)."""
    from .passwords import hashers_for_tests

    settings.PASSWORD_HASHERS = hashers_for_tests(settings.PASSWORD_HASHERS)


@pytest.fixture(autouse=True)
def _fresh_caches(request):
    """Each test starts with empty caches and freshly read meter rules: the
    database is rolled back between tests, and ids may be reused."""
    from django.core.cache import cache, caches
    from django.core.cache.backends.db import DatabaseCache

    from masthead.metering.events import funnel_events_discard
    from masthead.metering.rules import forget_rules

    from masthead.core.app_settings import app_settings_forget
    from masthead.core.localcache import local_cache
    from masthead.experiments.services import forget_running_experiments

    # The default layout's cache is a database table: a test that may not
    # touch the database cannot have filled it either.
    database_fixture = next((name for name in ("transactional_db", "db") if name in request.fixturenames), None)
    if database_fixture:
        request.getfixturevalue(database_fixture)  # set up before this fixture uses it
    if database_fixture or request.node.get_closest_marker("django_db") or not isinstance(caches["default"], DatabaseCache):
        cache.clear()
    local_cache.clear()
    app_settings_forget()  # a test may have changed the environment
    forget_rules()
    forget_running_experiments()
    funnel_events_discard()
    yield
    forget_rules()
    funnel_events_discard()


@pytest.fixture(autouse=True)
def crawler_dns(monkeypatch):
    """The DNS crawler verification asks: the test's own, empty until a test
    fills it (``crawler_dns.ptr[...]``, ``crawler_dns.addresses[...]``), so
    no test ever asks real DNS."""
    from masthead.access import crawlers

    from .crawlers import FakeResolver

    fake = FakeResolver()
    monkeypatch.setattr(crawlers, "resolver", fake)
    crawlers.crawler_answers_forget()
    return fake


@pytest.fixture
def razorpay_keys(settings):
    """Razorpay set up (keys and webhook secret), beside Stripe."""
    settings.RAZORPAY_KEY_ID = "rzp_test_masthead"
    settings.RAZORPAY_KEY_SECRET = "razorpay-key-secret"
    settings.RAZORPAY_WEBHOOK_SECRET = "razorpay-webhook-secret"


@pytest.fixture
def razorpay_answers():
    """Razorpay's API as recorded (masthead.testing.razorpay), for every
    adapter the site builds, webhooks' included: call it with the responses;
    it returns what was asked of Razorpay."""
    from masthead.payments.providers import provider_register, provider_unregister
    from masthead.testing.razorpay import recorded_provider

    def answer(responses: dict):
        adapter, recorded = recorded_provider(responses)
        provider_register("razorpay", adapter)
        return recorded

    yield answer
    provider_unregister("razorpay")


@pytest.fixture
def razorpay_site(settings, razorpay_keys):
    """A site whose checkouts go through Razorpay."""
    settings.MASTHEAD_PAYMENT_PROVIDER = "razorpay"


@pytest.fixture
def jobs_inline():
    """huey runs each job as it is queued, in the test's process."""
    from huey.contrib.djhuey import HUEY

    was = HUEY.immediate
    HUEY.immediate = True
    yield HUEY
    HUEY.immediate = was


@pytest.fixture
def editor(db, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        username="ed", email="ed@example.test", password="correct horse battery", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="newsroom"))
    return user


@pytest.fixture
def editor_client(editor):
    """A separate browser session, so tests can compare it with the anonymous ``client``."""
    from django.test import Client

    staff_client = Client()
    staff_client.force_login(editor)
    return staff_client


@pytest.fixture(scope="session")
def localstripe_server():
    """localstripe, a stateful fake Stripe, over real HTTP on STRIPE_API_BASE's port.

    Started once per test session (or reused if something already answers
    there), with Stripe's idempotency keys honoured as Stripe honours them
    (masthead/testing/localstripe.py).
    """
    address = urlsplit(settings.STRIPE_API_BASE)
    host, port = address.hostname, address.port

    def answering():
        with socket.socket() as probe:
            probe.settimeout(0.2)
            return probe.connect_ex((host, port)) == 0

    process = None
    if not answering():
        process = subprocess.Popen(
            [sys.executable, "-m", "masthead.testing.localstripe", "--port", str(port), "--from-scratch"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while not answering():
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"localstripe did not start on port {port}")
            time.sleep(0.1)
    yield settings.STRIPE_API_BASE
    if process is not None:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def localstripe(localstripe_server):
    """A clean localstripe for one test."""

    requests.delete(f"{localstripe_server}/_config/data", timeout=10).raise_for_status()
    return localstripe_server


@pytest.fixture
def smtp(settings):
    """Django's default mailer pointed at a real SMTP server for this test."""

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    settings.MASTHEAD_SITE_URL = "https://news.example.test"
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def fake_provider(settings):
    """The in-memory FakeProvider, registered as "fake" and chosen for checkout,
    with an empty store; unregistered afterwards. Yields the provider, whose
    ``store`` the test can read (masthead/payments/providers/fake.py)."""
    from masthead.payments.providers import provider_register, provider_unregister
    from masthead.payments.providers.fake import TEST_WEBHOOK_SECRET, WEBHOOK_SECRET_SETTING, FakeProvider, fake_store_reset

    fake_store_reset()
    provider_register("fake", FakeProvider)
    settings.MASTHEAD_PAYMENT_PROVIDER = "fake"
    setattr(settings, WEBHOOK_SECRET_SETTING, TEST_WEBHOOK_SECRET)
    yield FakeProvider()
    provider_unregister("fake")
    fake_store_reset()
