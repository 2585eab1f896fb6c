"""A real SMTP server (aiosmtpd) on a free local port, and newsletter factories."""

import socket
import threading
from collections import Counter
from email import message_from_bytes, policy
from itertools import count

import pytest
from aiosmtpd.controller import Controller

from masthead.core.testing import make_article
from masthead.newsletters.models import Issue, IssueArticle, IssueStatus, Newsletter, NewsletterSubscription

_sequence = count(1)


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


def make_newsletter(**fields) -> Newsletter:
    n = next(_sequence)
    fields.setdefault("name", f"Letter {n}")
    fields.setdefault("slug", f"letter-{n}")
    return Newsletter.objects.create(**fields)


def make_readers(django_user_model, how_many: int, *, prefix: str = "reader", **fields) -> list:
    """Many readers at once (no password hashing: they never sign in)."""
    users = [
        django_user_model(username=f"{prefix}{n}", email=f"{prefix}{n}@example.test", password="!", **fields)
        for n in range(how_many)
    ]
    django_user_model.objects.bulk_create(users)
    return list(django_user_model.objects.filter(username__startswith=prefix).order_by("pk"))


def choose(newsletter, readers) -> None:
    NewsletterSubscription.objects.bulk_create([NewsletterSubscription(user=reader, newsletter=newsletter) for reader in readers])


def make_issue(newsletter, articles=None, *, status=IssueStatus.DRAFT, **fields) -> Issue:
    fields.setdefault("subject", f"{newsletter.name}: the day in brief")
    fields.setdefault("intro", "Good morning.\n\nHere is what matters today.")
    issue = Issue.objects.create(newsletter=newsletter, status=status, **fields)
    for position, article in enumerate(articles if articles is not None else [make_article()]):
        IssueArticle.objects.create(issue=issue, article=article, position=position)
    return issue
