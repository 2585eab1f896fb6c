"""The billing clock and the webhook intake at 100,000 subscriptions.

One command makes a throw-away database (migrate only), writes N active
monthly subscriptions in bulk (readers, billing profiles, subscriptions whose
term ended a minute ago, and their pre-debit notices sent two days ago: every
one is due), and then times, in the production settings:

  renewals   one turn of the real billing clock, ``billing_clock_tick`` (what
             the periodic job runs): every due renewal claimed, charged,
             settled, moved to its next term and invoiced, one by one
  again      a second turn straight after: nothing is due, nothing is charged
  webhooks   N Stripe ``payment_intent.succeeded`` events, one per renewal,
             each signed with the webhook secret (5,000 at a time, just before
             they are sent, as the site refuses signatures older than five
             minutes; signing is not timed) and POSTed through Django's
             test client to /payments/stripe/webhook/ (the real view:
             signature checked, stored once, the payment found settled)

The charges go to a PROVIDER STUB THAT ANSWERS INSTANTLY (always "succeeded"):
localstripe answers a charge in tens of milliseconds, which would make 100,000
renewals take hours and measure localstripe. The stub counts the charges per
key, so the run also proves that no renewal was charged twice.

    .venv/bin/python bench/billing.py [--backend sqlite|postgres|both] [--count 100000]
    .venv/bin/python bench/billing.py --webhooks-only   # the renewals' payments written in bulk; webhooks timed
    .venv/bin/python bench/billing.py --consumers 2     # the renewals as chunk jobs shared by 2 consumer processes

A renewal charged twice, a missed one, a missing invoice or a webhook not
stored exits 1. Loopback only; the database is dropped at the end, also on an
error or Ctrl+C. See bench/README.md.
"""

import argparse
import json
import multiprocessing
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path

from common.cli import print_table_head, script
from common.helpers import log
from common.jobs import (
    BULK_BATCH,
    add_job_bench_options,
    analyze,
    job_bench_main,
    profiled,
    run_child_in_scratch_site,
    setup_django,
)

WEBHOOK_SECRET = "whsec_bench_billing"


class InstantProvider:
    """A payment provider that answers every charge at once, successfully,
    and remembers each key it was asked to charge."""

    # Named as the provider whose webhooks the benchmark sends, so they are
    # matched to these payments (an event from another provider is rejected).
    name = "stripe"
    collects_first_payment = False

    def __init__(self):
        self.charges = Counter()

    def charge(self, *, saved, amount, key, description):
        from masthead.payments.providers.base import ChargeResult

        self.charges[key] += 1
        return ChargeResult(succeeded=True, payment_id=f"pi_{key}")

    def find_charge(self, *, key):
        from masthead.payments.providers.base import ChargeResult

        return ChargeResult(succeeded=True, payment_id=f"pi_{key}") if key in self.charges else None


# --- the child: inside the site's Django ---------------------------------------------


def write_subscriptions(count: int, now) -> None:
    """``count`` readers, each with an active monthly subscription due now and
    its pre-debit notice sent two days ago, in bulk."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from masthead.payments.models import BillingProfile
    from masthead.subscriptions.models import (
        Plan,
        RenewalNotice,
        Subscription,
        SubscriptionStatus,
    )

    User = get_user_model()
    plan = Plan.objects.create(name="Bench Monthly", slug="bench-monthly", price_minor=299_00, term_months=1)
    term_end = now - timedelta(minutes=1)
    for start in range(0, count, BULK_BATCH):
        numbers = range(start, min(start + BULK_BATCH, count))
        with transaction.atomic():
            users = User.objects.bulk_create(
                User(username=f"bench{n}", email=f"bench{n}@example.test", password="!") for n in numbers
            )
            BillingProfile.objects.bulk_create(
                BillingProfile(
                    # Half in the supplier's state (CGST + SGST), half in another (IGST).
                    user=user, name=f"Reader {user.username}", state_code="27" if user.pk % 2 else "29",
                    provider=InstantProvider.name,
                    provider_customer_id=f"cus_{user.pk}", provider_payment_method_id=f"pm_{user.pk}",
                )  # fmt: skip
                for user in users
            )
            subscriptions = Subscription.objects.bulk_create(
                Subscription(
                    user=user, plan=plan, status=SubscriptionStatus.ACTIVE, price_minor=plan.price_minor,
                    term_months=1, term_number=1, started_at=term_end - timedelta(days=31),
                    term_start=term_end - timedelta(days=31), term_end=term_end,
                )  # fmt: skip
                for user in users
            )
            RenewalNotice.objects.bulk_create(
                RenewalNotice(
                    subscription=s, term_number=2, amount_minor=s.price_minor, charge_on=term_end,
                    sent_at=now - timedelta(days=2),
                )  # fmt: skip
                for s in subscriptions
            )


# Events are signed this many at a time, just before they are sent: Stripe's
# signature carries a timestamp and the site refuses one older than five
# minutes (replay protection), longer than 100,000 events take to send.
SIGN_BATCH = 5_000


def signed_events(keys: list[str], first: int = 0) -> list[tuple[bytes, str]]:
    """One ``payment_intent.succeeded`` per charge key, signed as Stripe signs."""
    from masthead.testing.stripe import signed_stripe_event

    events = []
    for n, key in enumerate(keys, start=first):
        body, headers = signed_stripe_event(
            {
                "id": f"evt_bench_{n}", "object": "event", "type": "payment_intent.succeeded",
                "data": {"object": {"id": f"pi_{key}", "object": "payment_intent", "status": "succeeded",
                                    "metadata": {"charge_key": key}}},
            },  # fmt: skip
            secret=WEBHOOK_SECRET,
        )
        events.append((body, headers["HTTP_STRIPE_SIGNATURE"]))
    return events


def write_paid_renewals(now) -> None:
    """For --webhooks-only: each due subscription's renewal payment, settled,
    as the clock would have left it, written in bulk."""
    from django.db import transaction

    from masthead.payments.models import Payment, PaymentStatus
    from masthead.payments.services import charge_key
    from masthead.subscriptions.models import Subscription

    ids = list(Subscription.objects.order_by("pk").values_list("pk", "price_minor"))
    for start in range(0, len(ids), BULK_BATCH):
        with transaction.atomic():
            Payment.objects.bulk_create(
                Payment(
                    subscription_id=pk, term_number=2, attempt=1, provider=InstantProvider.name,
                    charge_key=(key := charge_key(subscription_id=pk, term_number=2, attempt=1)),
                    provider_payment_id=f"pi_{key}", amount_minor=price, status=PaymentStatus.SUCCEEDED,
                    claimed_at=now, succeeded_at=now,
                )  # fmt: skip
                for pk, price in ids[start : start + BULK_BATCH]
            )


# --- job consumers: processes of their own, as huey's consumers on other machines would be

_consumer_provider = None


def _consumer_start() -> None:
    global _consumer_provider
    setup_django(migrate=False)
    _consumer_provider = InstantProvider()


def _consumer_job(after_pk: int, last_pk: int, now) -> tuple[int, list[str]]:
    """One queued chunk job; returns what it charged, and the keys its provider
    was asked to charge, so the parent can count every key across consumers."""
    from django.db import connection

    from masthead.subscriptions.billing import renewals_charge_chunk

    asked_before = Counter(_consumer_provider.charges)
    try:
        charged = renewals_charge_chunk(after_pk=after_pk, last_pk=last_pk, now=now, provider=_consumer_provider)
    finally:
        connection.close()  # back to the pool, as huey's worker does after each job
    return charged, list((_consumer_provider.charges - asked_before).elements())


def clock_turn(now, provider, consumers) -> dict:
    """One turn of the billing clock. Without consumers, as ``renewals_charge``
    runs it in one process; with them, as the periodic job runs it: each chunk
    of due renewals is a job, and the consumer processes take them from the
    queue at once."""
    from masthead.subscriptions.billing import billing_clock_tick

    if consumers is None:
        return billing_clock_tick(now=now, provider=provider)
    jobs = []
    turn = billing_clock_tick(
        now=now, provider=provider, charge_chunk=lambda *bounds: jobs.append(consumers.submit(_consumer_job, *bounds, now))
    )
    turn["charged"] = 0
    for done in jobs:
        charged, keys = done.result()
        turn["charged"] += charged
        provider.charges.update(keys)
    return turn


def renewals(count: int, now, problems: list, consumers: int) -> dict:
    """Two turns of the real billing clock, timed and checked."""
    from masthead.invoicing.models import Invoice
    from masthead.payments.models import Payment, PaymentStatus
    from masthead.subscriptions.models import Subscription

    provider = InstantProvider()
    pool = None
    if consumers > 1:
        # Started (and Django set up in each) before the clock is timed.
        pool = ProcessPoolExecutor(consumers, mp_context=multiprocessing.get_context("spawn"), initializer=_consumer_start)
        list(pool.map(abs, range(consumers * 4)))
    try:
        started = time.perf_counter()
        with profiled("renewals"):
            first = clock_turn(now, provider, pool)
        renewals_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = clock_turn(now + timedelta(minutes=5), provider, pool)
        again_seconds = time.perf_counter() - started
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)

    twice = sum(1 for times in provider.charges.values() if times > 1)
    renewed = Subscription.objects.filter(term_number=2, term_end__gt=now).count()
    paid = Payment.objects.filter(status=PaymentStatus.SUCCEEDED).count()
    invoices = Invoice.objects.count()
    if first["charged"] != count or renewed != count or paid != count or invoices != count:
        problems.append(f"renewals: charged {first['charged']}, renewed {renewed}, paid {paid}, invoices {invoices}")
    if twice or second["charged"] or len(provider.charges) != count:
        problems.append(f"{twice} renewals charged twice; the second turn charged {second['charged']}")
    return {"renewals_seconds": renewals_seconds, "again_seconds": again_seconds, "first_tick": first,
            "second_tick": second, "consumers": consumers}  # fmt: skip


def webhooks(problems: list) -> float:
    """One signed ``payment_intent.succeeded`` per payment POSTed to the real
    view; returns the seconds the POSTs took (signing not included)."""
    from django.test import Client

    from masthead.payments.models import Payment, PaymentStatus, WebhookEvent

    keys = list(Payment.objects.order_by("id").values_list("charge_key", flat=True))
    browser = Client()
    statuses = Counter()
    seconds = 0.0
    with profiled("webhooks"):
        for first in range(0, len(keys), SIGN_BATCH):
            events = signed_events(keys[first : first + SIGN_BATCH], first)
            started = time.perf_counter()
            for body, signature in events:
                response = browser.post(
                    "/payments/stripe/webhook/", data=body, content_type="application/json",
                    HTTP_STRIPE_SIGNATURE=signature,
                )  # fmt: skip
                statuses[response.status_code] += 1
            seconds += time.perf_counter() - started
    # A forged one is refused and stores nothing.
    body, signature = signed_events(keys[:1])[0]
    forged = browser.post(
        "/payments/stripe/webhook/", data=body, content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature.replace("v1=", "v1=0"),
    )  # fmt: skip
    stored = WebhookEvent.objects.filter(processed_at__isnull=False).count()
    if statuses != Counter({200: len(keys)}) or stored != len(keys) or forged.status_code != 400:
        problems.append(f"webhooks: answers {dict(statuses)}, {stored} stored, forged one answered {forged.status_code}")
    if Payment.objects.exclude(status=PaymentStatus.SUCCEEDED).exists():
        problems.append("a webhook changed a settled payment")
    return seconds


def child(count: int, out: Path, webhooks_only: bool, consumers: int, renewals_only: bool) -> None:
    setup_django(migrate=True)
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    started = time.perf_counter()
    write_subscriptions(count, now)
    if webhooks_only:
        write_paid_renewals(now)
    analyze()
    setup_seconds = time.perf_counter() - started
    log(f"{count:,} due subscriptions written in {setup_seconds:.0f} s")

    problems = []
    figures = {} if webhooks_only else renewals(count, now, problems, consumers)
    if not renewals_only:
        log("sending the signed webhook events")
        figures["webhooks_seconds"] = webhooks(problems)
    out.write_text(json.dumps({
        "engine": connection.vendor, "count": count, "setup_seconds": setup_seconds, **figures, "problems": problems,
    }))  # fmt: skip


# --- the parent -------------------------------------------------------------------------


def run_backend(backend: str, options) -> dict:
    env = {
        # The scratch site runs as production: Stripe is enabled only with its keys set.
        "STRIPE_SECRET_KEY": "sk_bench_billing",
        "STRIPE_PUBLISHABLE_KEY": "pk_bench_billing",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "MASTHEAD_ALLOWED_HOSTS": "testserver",
        # Nothing here should mail anyone; if something does, it is kept in memory, not sent.
        "MASTHEAD_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    args = ["--count", str(options.count), "--consumers", str(options.consumers),
            *(["--webhooks-only"] if options.webhooks_only else []),
            *(["--renewals-only"] if options.renewals_only else [])]  # fmt: skip
    return run_child_in_scratch_site(__file__, backend, options, args, env)


def report(results: list[dict]) -> None:
    header = f"{'backend':<9} {'what':<34} {'items':>9} {'seconds':>9} {'per second':>11} {'ms each':>8}"
    print_table_head(
        "charges: a provider stub that answers at once (not localstripe); "
        "webhooks: Django's test client, in-process, through the real view",
        header,
    )
    for r in results:
        clock = f"renewals, {r.get('consumers', 1)} consumer(s)"
        rows = [(clock, r["count"], r["renewals_seconds"])] if "renewals_seconds" in r else []
        if "webhooks_seconds" in r:
            rows.append(("webhook events (signed, POSTed)", r["count"], r["webhooks_seconds"]))
        for what, items, seconds in rows:
            print(f"{r['backend']:<9} {what:<34} {items:>9,} {seconds:>9.1f} {items / seconds:>11,.0f} "
                  f"{seconds * 1000 / items:>8.2f}")  # fmt: skip
        print(f"{r['backend']}: writing the {r['count']:,} due subscriptions took {r['setup_seconds']:.0f} s "
              "(not timed above)")  # fmt: skip
        if "renewals_seconds" in r:
            print(f"{r['backend']}: the next tick, with nothing due, took {r['again_seconds'] * 1000:.0f} ms; "
                  f"first tick {r['first_tick']}; second tick {r['second_tick']}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="due renewals, and webhook events")
    parser.add_argument(
        "--webhooks-only", action="store_true",
        help="skip the clock: write the renewals' payments as settled, in bulk, and time only the webhook events",
    )  # fmt: skip
    parser.add_argument("--renewals-only", action="store_true", help="time the clock's renewals and send no webhook events")
    parser.add_argument(
        "--consumers", type=int, default=1,
        help="job consumer processes sharing the renewals, a job per chunk, as the periodic job queues them (default 1: in one call)",
    )  # fmt: skip
    add_job_bench_options(parser)
    options = parser.parse_args()
    if not 1 <= options.count <= 1_000_000:
        parser.error("keep --count within 1-1,000,000")
    if not 1 <= options.consumers <= 32:
        parser.error("keep --consumers within 1-32")
    if options.webhooks_only and options.renewals_only:
        parser.error("--webhooks-only and --renewals-only exclude each other")
    if options.child:
        child(options.count, options.child, options.webhooks_only, options.consumers, options.renewals_only)
        return 0
    return job_bench_main(parser, options, run_backend, report)


if __name__ == "__main__":
    script(main)
