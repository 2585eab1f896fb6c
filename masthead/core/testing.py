"""Factories and fixtures shared by every app's tests (a pytest plugin)."""

import os
import socket
import threading
from collections import Counter
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from itertools import count

import pytest
from django.utils import timezone

_sequence = count(1)


def make_section(**fields):
    from masthead.newsroom.models import Section

    n = next(_sequence)
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_author(**fields):
    from masthead.newsroom.models import Author

    n = next(_sequence)
    fields.setdefault("name", f"Reporter {n}")
    fields.setdefault("slug", f"reporter-{n}")
    return Author.objects.create(**fields)


def make_agency(**fields):
    from masthead.newsroom.models import Agency

    n = next(_sequence)
    fields.setdefault("name", f"Wire Agency {n}")
    fields.setdefault("slug", f"wire-agency-{n}")
    return Agency.objects.create(**fields)


def make_article(*, authors=(), published_ago: timedelta | None = timedelta(hours=1), now: datetime | None = None, **fields):
    """A live article by default; pass status/publish_at to make anything else."""
    from masthead.newsroom.models import Article, ArticleStatus

    n = next(_sequence)
    now = now or timezone.now()
    fields.setdefault("headline", f"Headline number {n}")
    fields.setdefault("slug", f"headline-number-{n}")
    fields.setdefault("standfirst", f"Standfirst of story {n}.")
    fields.setdefault(
        "body",
        "<p>" + " ".join(["Opening"] + ["word"] * 59) + ".</p><p>Second paragraph of the story.</p>",
    )
    if "section" not in fields:
        fields["section"] = make_section()
    if published_ago is not None:
        fields.setdefault("status", ArticleStatus.PUBLISHED)
        fields.setdefault("publish_at", now - published_ago)
    article = Article(**fields)
    article.save()
    if authors:
        article.authors.set(authors)
    return article


# A sentence that only a reader allowed the whole story may see: it comes
# after the lead-in of every story made by make_story_with_hidden_sentence.
BEYOND_LEAD_IN = "The minister's letter was never sent to the committee."
PAYWALL_TEXT = "Subscribe now for unlimited access."


def make_story_with_hidden_sentence(**fields):
    """A live article whose second paragraph, BEYOND_LEAD_IN, is past the lead-in."""
    body = "<p>" + " ".join(["Opening"] + ["word"] * 59) + f".</p><p>{BEYOND_LEAD_IN}</p>"
    return make_article(body=body, **fields)


def make_plan(**fields):
    from masthead.subscriptions.models import Plan

    n = next(_sequence)
    fields.setdefault("name", f"Plan {n}")
    fields.setdefault("slug", f"plan-{n}")
    fields.setdefault("price_minor", 90000)
    fields.setdefault("term_months", 3)
    return Plan.objects.create(**fields)


def make_staff(*permissions: str, username: str = "desk"):
    """A staff account holding exactly ``permissions`` ("app_label.codename"),
    never a superuser: a test of who may do what must not pass on a bypass."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here", is_staff=True
    )
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def require(available: bool, message: str) -> None:
    """Skip a test whose outside part (Redis, a font, a browser) is missing on
    a developer's machine; in CI (CI set) a missing part is a failure, so CI
    never passes by skipping."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def redis_url_for_tests() -> str:
    """The Redis the tests may use: the settings' own, or the suite's test Redis."""
    return os.environ.get("REDIS_URL") or os.environ.get("MASTHEAD_TEST_REDIS_URL", "")


@pytest.fixture(autouse=True)
def _fresh_caches(request):
    """Each test starts with empty caches and freshly read meter rules: the
    database is rolled back between tests, and ids may be reused."""
    from django.core.cache import cache, caches
    from django.core.cache.backends.db import DatabaseCache

    from masthead.metering.events import funnel_events_discard
    from masthead.metering.rules import forget_rules

    from masthead.core.localcache import local_cache

    # The default layout's cache is a database table: a test that may not
    # touch the database cannot have filled it either.
    database_fixture = next((name for name in ("transactional_db", "db") if name in request.fixturenames), None)
    if database_fixture:
        request.getfixturevalue(database_fixture)  # set up before this fixture uses it
    if database_fixture or request.node.get_closest_marker("django_db") or not isinstance(caches["default"], DatabaseCache):
        cache.clear()
    local_cache.clear()
    forget_rules()
    funnel_events_discard()
    yield
    forget_rules()
    funnel_events_discard()


def set_meter(*, free_limit: int = 5, archive_age_days: int = 365):
    from masthead.metering.models import MeterSettings

    MeterSettings.objects.update_or_create(pk=1, defaults={"free_limit": free_limit, "archive_age_days": archive_age_days})


@pytest.fixture
def razorpay_keys(settings):
    """Razorpay set up (keys and webhook secret), beside Stripe."""
    settings.RAZORPAY_KEY_ID = "rzp_test_masthead"
    settings.RAZORPAY_KEY_SECRET = "razorpay-key-secret"
    settings.RAZORPAY_WEBHOOK_SECRET = "razorpay-webhook-secret"


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
    (masthead/payments/tests/localstripe_server.py).
    """
    import socket
    import subprocess
    import sys
    import time
    from urllib.parse import urlsplit

    from django.conf import settings

    address = urlsplit(settings.STRIPE_API_BASE)
    host, port = address.hostname, address.port

    def answering():
        with socket.socket() as probe:
            probe.settimeout(0.2)
            return probe.connect_ex((host, port)) == 0

    process = None
    if not answering():
        process = subprocess.Popen(
            [sys.executable, "-m", "masthead.payments.tests.localstripe_server", "--port", str(port), "--from-scratch"],
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
    import requests

    requests.delete(f"{localstripe_server}/_config/data", timeout=10).raise_for_status()
    return localstripe_server


def register_localstripe_webhook(base: str, url: str) -> None:
    import requests
    from django.conf import settings

    requests.post(
        f"{base}/_config/webhooks/masthead", data={"url": url, "secret": settings.STRIPE_WEBHOOK_SECRET}, timeout=10
    ).raise_for_status()


# --- A real SMTP server --------------------------------------------------------


class Inbox:
    """What the SMTP server accepted: one parsed message per recipient."""

    def __init__(self):
        self.messages = []
        self.raw = []  # the bytes as they arrived, for header lines mail programs read
        self.refuse = set()  # addresses the server answers "550 no such user"
        self.defer_once = set()  # addresses answered "451 try again later", the first time
        self.connections = set()  # SMTP sessions that carried a message
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        if address in self.defer_once:
            self.defer_once.discard(address)
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.connections.add(id(session))
            self.raw.append(envelope.content)
            for address in envelope.rcpt_tos:
                self.messages.append((address, message))
        return "250 Message accepted for delivery"

    def per_recipient(self) -> Counter:
        with self._lock:
            return Counter(address for address, _ in self.messages)

    def for_address(self, address):
        return [message for to, message in self.messages if to == address]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Django's default mailer pointed at a real SMTP server for this test."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = _free_port()
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
