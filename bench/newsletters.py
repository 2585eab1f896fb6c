"""Newsletter sending: messages per second rendered and handed to an SMTP server.

One command makes a throw-away database (migrate only) and writes, in bulk, N
readers (default 100,000) subscribed to one newsletter, and an issue of five
published articles made due now with ``issue_send_now``. It starts a local
SMTP server (aiosmtpd, in a process of its own, on a free loopback port) that accepts
every message, counts it per recipient and throws it away, points the site's
SMTP settings at it and runs the real send job, ``send_issue`` (planning the
deliveries, then one personal message per reader — rendered, unsubscribe link
and List-Unsubscribe header signed for that reader — handed over in SMTP
batches, each delivery marked before and after).

It reports the time and messages per second, and checks that every reader got
the issue exactly once and that the issue says so.

    .venv/bin/python bench/newsletters.py [--backend sqlite|postgres|both] [--recipients 100000]

Loopback only; the database is dropped at the end, on error and Ctrl+C too.
See bench/README.md.
"""

import argparse
import json
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from common.cli import print_table_head, script
from common.helpers import HOST, free_port, log
from common.jobs import (
    BULK_BATCH,
    add_job_bench_options,
    analyze,
    job_bench_main,
    profiled,
    run_child_in_scratch_site,
    setup_django,
)


class CountingHandler:
    """aiosmtpd handler: accepts every message, keeps only who it was for."""

    def __init__(self):
        self.recipients = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.recipients.update(envelope.rcpt_tos)
        return "250 OK"


def _smtp_process(port: int, ready, stop, results) -> None:
    from aiosmtpd.controller import Controller

    handler = CountingHandler()
    controller = Controller(handler, hostname=HOST, port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    results.send(dict(handler.recipients))


class SmtpServer:
    """aiosmtpd in its own process, so that receiving the mail does not take
    CPU time (or the GIL) from the job being measured."""

    def __init__(self, port: int):
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.ready, self.stop_event = context.Event(), context.Event()
        self.results, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_smtp_process, args=(port, self.ready, self.stop_event, sender))
        self.process.start()
        if not self.ready.wait(30):
            self.process.kill()
            raise RuntimeError("the SMTP server did not start")

    def stop(self) -> Counter:
        """Stops the server and returns how many messages each recipient got."""
        self.stop_event.set()
        recipients = Counter(self.results.recv() if self.results.poll(30) else {})
        self.process.join(10)
        return recipients


# --- the child: inside the site's Django ---------------------------------------------


def write_issue(recipients: int, now):
    """A newsletter with ``recipients`` readers and a due issue of five articles."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from masthead.newsletters.models import Issue, IssueArticle, Newsletter, NewsletterSubscription
    from masthead.newsletters.services import issue_send_now
    from masthead.newsroom.models import Article, ArticleStatus, Section

    User = get_user_model()
    section = Section.objects.create(name="Newsletter desk", slug="bench-newsletter-desk")
    articles = [
        Article.objects.create(
            headline=f"Markets story {n}: rupee steadies as bond yields ease", slug=f"markets-story-{n}",
            standfirst="Traders said the central bank's comments calmed nerves.",
            body="<p>Traders said the central bank's comments calmed nerves.</p>" * 6,
            section=section, status=ArticleStatus.PUBLISHED, publish_at=now - timedelta(hours=n + 1),
        )  # fmt: skip
        for n in range(5)
    ]
    newsletter = Newsletter.objects.create(name="Morning Briefing", slug="morning-briefing", topic="The day ahead")
    for start in range(0, recipients, BULK_BATCH):
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(username=f"newsletter-reader{n}", email=f"newsletter-reader{n}@example.test", password="!")
                for n in range(start, min(start + BULK_BATCH, recipients))
            )
            NewsletterSubscription.objects.bulk_create(
                NewsletterSubscription(user=user, newsletter=newsletter) for user in users
            )
    issue = Issue.objects.create(
        newsletter=newsletter, subject="Morning Briefing: rupee steadies",
        intro="Good morning.\n\nFive stories to start the day.",
    )  # fmt: skip
    IssueArticle.objects.bulk_create(
        IssueArticle(issue=issue, article=article, position=n) for n, article in enumerate(articles)
    )
    return issue_send_now(issue=issue, now=now)


def child(recipients: int, smtp_port: int, out: Path) -> None:
    setup_django(migrate=True)
    from django.db import connection
    from django.utils import timezone

    from masthead.newsletters.models import Delivery, DeliveryState, Issue
    from masthead.newsletters.tasks import send_issue

    now = timezone.now()
    started = time.perf_counter()
    issue = write_issue(recipients, now)
    analyze()
    setup_seconds = time.perf_counter() - started
    log(f"{recipients:,} readers subscribed in {setup_seconds:.0f} s; sending the issue")

    smtp = SmtpServer(smtp_port)
    try:
        started = time.perf_counter()
        # The job's own code, run here rather than through the queue.
        with profiled("send"):
            send_issue.call_local(issue.pk)
        send_seconds = time.perf_counter() - started
    finally:
        received = smtp.stop()

    issue.refresh_from_db()
    problems = []
    twice = [address for address, times in received.items() if times > 1]
    sent = Delivery.objects.filter(issue=issue, state=DeliveryState.SENT).count()
    if len(received) != recipients or twice:
        problems.append(f"the SMTP server got {len(received)} readers, {len(twice)} of them more than once")
    if issue.status != "sent" or issue.sent_count != recipients or sent != recipients:
        problems.append(f"the issue is {issue.status} with {issue.sent_count} sent ({sent} deliveries sent)")
    out.write_text(json.dumps({
        "engine": connection.vendor, "recipients": recipients, "setup_seconds": setup_seconds,
        "send_seconds": send_seconds, "messages": sum(received.values()),
        "issue_status": Issue.objects.get(pk=issue.pk).status, "problems": problems,
    }))  # fmt: skip


# --- the parent -------------------------------------------------------------------------


def run_backend(backend: str, options) -> dict:
    smtp_port = free_port()
    env = {
        "MASTHEAD_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "MASTHEAD_EMAIL_HOST": HOST,
        "MASTHEAD_EMAIL_PORT": str(smtp_port),
        "MASTHEAD_SITE_URL": "https://news.example.test",
    }
    args = ["--recipients", str(options.recipients), "--smtp-port", str(smtp_port)]
    return run_child_in_scratch_site(__file__, backend, options, args, env)


def report(results: list[dict]) -> None:
    header = f"{'backend':<9} {'recipients':>10} {'messages':>9} {'seconds':>9} {'messages/s':>11} {'ms each':>8}"
    print_table_head(
        "the real send job (send_issue) to aiosmtpd on the loopback, which accepts and discards every message", header
    )
    for r in results:
        seconds = r["send_seconds"]
        print(f"{r['backend']:<9} {r['recipients']:>10,} {r['messages']:>9,} {seconds:>9.1f} "
              f"{r['messages'] / seconds:>11,.0f} {seconds * 1000 / max(r['messages'], 1):>8.2f}")  # fmt: skip
    for r in results:
        print(f"{r['backend']}: subscribing the readers took {r['setup_seconds']:.0f} s (not timed above); "
              f"the issue is {r['issue_status']}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=100_000, help="readers subscribed to the newsletter")
    add_job_bench_options(parser)
    parser.add_argument("--smtp-port", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if not 1 <= options.recipients <= 1_000_000:
        parser.error("keep --recipients within 1-1,000,000")
    if options.child:
        child(options.recipients, options.smtp_port, options.child)
        return 0
    return job_bench_main(parser, options, run_backend, report)


if __name__ == "__main__":
    script(main)
