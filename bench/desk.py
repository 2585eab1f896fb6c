"""The business desk's pages at scale: p50 and p95 of each page, and the
rollup that feeds them.

One command makes a throw-away database (migrate only) and writes, in bulk,
N subscriptions (default 100,000) with a year of history through the
subscriptions' own tables (a first payment, some a trial first, a renewal,
a cancellation or an end; cancel-page answers, offers redeemed, payments)
and M raw funnel events (default 1,000,000, each its own row, spread over
the last 30 days, stories, steps, referrer and device classes). It times
``desk_rollup`` of those 30 days (subscribers, money and the funnel), then
asks for each desk page (``/desk/``, ``/desk/funnel/``, ``/desk/retention/``,
``/desk/offers/``, last 30 days) through Django's full stack as a Business
superuser, ``--requests`` times each after one warm-up, and reports p50/p95.

    .venv/bin/python bench/desk.py [--backend sqlite|postgres|both] [--subscriptions 100000] [--events 1000000]

Loopback only; the database is dropped at the end, on error and Ctrl+C too.
See bench/README.md.
"""

import argparse
import json
import os
import random
import statistics
import time
from datetime import timedelta
from pathlib import Path

from common.cli import print_table_head, script
from common.jobs import BULK_BATCH, add_job_bench_options, analyze, job_bench_main, profiled, run_child_in_scratch_site, setup_django

PAGES = ("/desk/", "/desk/funnel/", "/desk/retention/", "/desk/offers/")


def write_site(subscriptions: int, events: int, now, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from masthead.metering.models import DeviceClass, FunnelEvent, FunnelEventKind, ReferrerClass
    from masthead.newsroom.models import Article, Section
    from masthead.payments.models import Payment, PaymentStatus
    from masthead.subscriptions.models import (
        CancelAnswer, CancelOutcome, CancelReason, EventReason as R, Offer, OfferRedemption, Plan, Subscription,
        SubscriptionEvent, SubscriptionStatus as S,
    )  # fmt: skip

    User = get_user_model()
    plans = [Plan.objects.create(name=f"Plan {n}", slug=f"plan-{n}", price_minor=price, term_months=months)
             for n, (price, months) in enumerate([(299_00, 1), (900_00, 3), (2_700_00, 12)])]  # fmt: skip
    offer = Offer.objects.create(name="Welcome offer", value=50, starts_at=now - timedelta(days=400))
    sections = [Section.objects.create(name=f"Section {n}", slug=f"section-{n}") for n in range(7)]
    for n in range(500):
        Article.objects.create(headline=f"Story {n}", slug=f"story-{n}", section=sections[n % 7], body="<p>x</p>",
                               status="published", publish_at=now - timedelta(days=rng.randint(0, 40)))  # fmt: skip
    stories = list(Article.objects.values_list("pk", flat=True))
    password = User().password  # unusable
    for first in range(0, subscriptions, BULK_BATCH):
        size = min(BULK_BATCH, subscriptions - first)
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(username=f"bench{n}", email=f"bench{n}@example.test", password=password) for n in range(first, first + size)
            )
            subs, histories = [], []
            for user in users:
                plan = rng.choice(plans)
                start = now - timedelta(days=rng.randint(1, 365), minutes=rng.randint(0, 1440))
                moves = []
                if rng.random() < 0.15:
                    moves.append((start - timedelta(days=14), S.PENDING, S.ACTIVE, R.TRIAL_STARTED))
                moves.append((start, S.ACTIVE if moves else S.PENDING, S.ACTIVE, R.FIRST_PAYMENT))
                fate = rng.random()
                status = S.ACTIVE
                if fate < 0.2 and start + timedelta(days=20) < now:
                    moves.append((start + timedelta(days=rng.randint(5, 20)), S.ACTIVE, S.CANCELLING, R.CANCELLED_BY_READER))
                    status = S.CANCELLING
                    if start + timedelta(days=30 * plan.term_months) < now:
                        moves.append((start + timedelta(days=30 * plan.term_months), S.CANCELLING, S.ENDED, R.TERM_OVER))
                        status = S.ENDED
                elif start + timedelta(days=30 * plan.term_months) < now:
                    moves.append((start + timedelta(days=30 * plan.term_months), S.ACTIVE, S.ACTIVE, R.RENEWED))
                subs.append(Subscription(user=user, plan=plan, status=status, price_minor=plan.price_minor, term_months=plan.term_months,
                                         started_at=moves[0][0], offer=offer if rng.random() < 0.1 else None))  # fmt: skip
                histories.append(moves)
            subs = Subscription.objects.bulk_create(subs)
            SubscriptionEvent.objects.bulk_create(
                SubscriptionEvent(subscription=sub, from_status=a, to_status=b, reason=reason, occurred_at=at)
                for sub, moves in zip(subs, histories) for at, a, b, reason in moves
            )  # fmt: skip
            Payment.objects.bulk_create(
                Payment(subscription=sub, term_number=1, attempt=1, charge_key=f"bench-{sub.pk}", provider="demo",
                        amount_minor=sub.price_minor, status=PaymentStatus.SUCCEEDED, succeeded_at=moves[-1 if len(moves) == 1 else 0][0])
                for sub, moves in zip(subs, histories)
            )  # fmt: skip
            CancelAnswer.objects.bulk_create(
                CancelAnswer(subscription=sub, reason=rng.choice(CancelReason.values), outcome=CancelOutcome.CANCELLED, at=moves[-1][0])
                for sub, moves in zip(subs, histories) if any(m[3] == R.CANCELLED_BY_READER for m in moves)
            )  # fmt: skip
            OfferRedemption.objects.bulk_create(
                OfferRedemption(offer=offer, user_id=sub.user_id, subscription=sub, redeemed_at=sub.started_at) for sub in subs if sub.offer_id
            )
    kinds = [(FunnelEventKind.STORY_VIEW, 700), (FunnelEventKind.METER_NOTICE, 150), (FunnelEventKind.PAYWALL_SHOWN, 100),
             (FunnelEventKind.REGISTRATION_WALL_SHOWN, 30), (FunnelEventKind.SUBSCRIBE_CLICKED, 12),
             (FunnelEventKind.CHECKOUT_STARTED, 5), (FunnelEventKind.PAID, 3)]  # fmt: skip
    weighted = [kind for kind, weight in kinds for _ in range(weight)]
    for first in range(0, events, BULK_BATCH * 4):
        size = min(BULK_BATCH * 4, events - first)
        with transaction.atomic():
            FunnelEvent.objects.bulk_create(
                (FunnelEvent(kind=rng.choice(weighted), article_id=rng.choice(stories), referrer=rng.choice(ReferrerClass.values),
                             device=rng.choice(DeviceClass.values),
                             occurred_at=(now - timedelta(minutes=rng.randint(0, 30 * 1440))).replace(second=0, microsecond=0), count=1)
                 for _ in range(size)),
                batch_size=1000,
            )  # fmt: skip


def child(subscriptions: int, events: int, requests: int, out: Path) -> None:
    setup_django(migrate=True)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from masthead.core.periods import local_date
    from masthead.desk.services import desk_rollup

    call_command("collectstatic", "--noinput", verbosity=0)  # the pages' stylesheets, as a deploy has them
    now = timezone.now()
    began = time.monotonic()
    write_site(subscriptions, events, now, random.Random(7))
    analyze()
    setup_seconds = time.monotonic() - began
    today = local_date(now)
    began = time.monotonic()
    with profiled("rollup"):
        desk_rollup(first=today - timedelta(days=29), last=today)
    rollup_seconds = time.monotonic() - began

    admin = get_user_model().objects.create_superuser(username="bench-admin", email="admin@example.test", password="x" * 20)
    host = (os.environ.get("MASTHEAD_ALLOWED_HOSTS") or "127.0.0.1").split(",")[0].strip().lstrip(".") or "127.0.0.1"
    client = Client(HTTP_HOST=host, secure=True)
    client.force_login(admin)
    pages, problems = {}, []
    for path in PAGES:
        times = []
        with profiled("page" + path.rstrip("/").replace("/", "-")):
            for n in range(requests + 1):
                began = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - began
                if response.status_code != 200:
                    problems.append(f"{path}: {response.status_code}")
                    break
                if n:  # the first is a warm-up
                    times.append(elapsed * 1000)
        if times:
            times.sort()
            pages[path] = {"p50": statistics.median(times), "p95": times[max(0, int(round(len(times) * 0.95)) - 1)]}
    out.write_text(json.dumps({
        "subscriptions": subscriptions, "events": events, "requests": requests, "setup_seconds": setup_seconds,
        "rollup_seconds": rollup_seconds, "pages": pages, "problems": problems,
    }))  # fmt: skip


def run_backend(backend: str, options) -> dict:
    args = ["--subscriptions", str(options.subscriptions), "--events", str(options.events), "--requests", str(options.requests)]
    return run_child_in_scratch_site(__file__, backend, options, args, {})


def report(results: list[dict]) -> None:
    header = f"{'backend':<9} {'page':<18} {'p50 ms':>9} {'p95 ms':>9}"
    print_table_head("each desk page, last 30 days, through Django's full stack (test client, no web server)", header)
    for r in results:
        for path, figures in r["pages"].items():
            print(f"{r['backend']:<9} {path:<18} {figures['p50']:>9.0f} {figures['p95']:>9.0f}")
    for r in results:
        print(f"{r['backend']}: {r['subscriptions']:,} subscriptions, {r['events']:,} funnel events; "
              f"desk_rollup of 30 days {r['rollup_seconds']:.1f} s; loading took {r['setup_seconds']:.0f} s (not timed above); "
              f"{r['requests']} requests a page")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000, help="raw funnel events, one row each")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page (after one warm-up)")
    add_job_bench_options(parser)
    options = parser.parse_args()
    if not 1 <= options.subscriptions <= 1_000_000 or not 1 <= options.events <= 10_000_000 or not 1 <= options.requests <= 500:
        parser.error("keep --subscriptions within 1-1,000,000, --events within 1-10,000,000 and --requests within 1-500")
    if options.child:
        child(options.subscriptions, options.events, options.requests, options.child)
        return 0
    return job_bench_main(parser, options, run_backend, report)


if __name__ == "__main__":
    script(main)
