"""Five months of subscribers for the business desk, so /desk/ has numbers to
show: readers who subscribed, renewed, cancelled, lapsed, came back after a
failed renewal, converted from a trial or were refunded, each move written
through the subscription state machine at the moment it happened, with its
payments, tax invoices and credit notes.

The moments are in the past, so the rows are written as the services write
them but with their own dates (the services take ``now`` as the moment of
the call). No payment provider took these payments (provider "demo", as the
demo subscriber's; their receipts count as sent). None of these
subscriptions is left where the billing clock would act on it within the
next fortnight: a term still running ends at least 15 days from now, and
nothing is left past due, paused or in a trial.

Deterministic for a given seed and day.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.core.money import Money
from masthead.core.periods import publication_zone
from masthead.invoicing.models import CreditNoteReason
from masthead.metering.models import FunnelEvent
from masthead.newsroom.models import Article
from masthead.invoicing.services import credit_note_issue, invoice_issue, term_description
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import charge_key
from masthead.subscriptions.models import CancelAnswer, CancelOutcome, CancelReason, EventReason as R, Plan, Subscription, SubscriptionEvent
from masthead.subscriptions.models import SubscriptionStatus as S
from masthead.subscriptions.services import term_end_after
from masthead.subscriptions.states import subscription_move
from masthead.subscriptions.terms import grace_end

DEMO_PROVIDER = "demo"
HISTORY_DAYS = 150
READERS = 80
# A running term ends no sooner than this: the billing clock's notice and
# charge are for real subscribers, not for this history.
CLEAR_OF_THE_CLOCK = timedelta(days=15)
TRIAL_DAYS = 14
# What becomes of each reader, and how often.
FATES = (
    ("stays", 44), ("cancels", 14), ("lapses", 8), ("recovers", 8), ("trial", 10), ("refunded", 5), ("abandons", 4),
)  # fmt: skip


def demo_desk_history_load(*, rng: random.Random, now: datetime | None = None) -> int:
    """Write the history; returns the number of subscriptions written."""
    now = now or timezone.now()
    plans = list(Plan.objects.filter(is_active=True).order_by("position"))
    if not plans:
        return 0
    fates = [fate for fate, weight in FATES for _ in range(weight)]
    users = get_user_model().objects
    written = 0
    for n in range(1, READERS + 1):
        start = _moment(now - timedelta(days=rng.randint(1, HISTORY_DAYS)), rng)
        fate = rng.choice(fates)
        plan = rng.choice(plans)
        user = users.create_user(
            username=f"demo-reader-{n:03d}", email=f"reader{n:03d}@demo.masthead.test", password=None,
            first_name="Demo", last_name=f"Reader {n}",
        )  # fmt: skip
        sub = Subscription.objects.create(
            user=user, plan=plan, price_minor=plan.price_minor, currency=plan.currency, term_months=plan.term_months
        )
        _live(sub, fate=fate, start=start, now=now, rng=rng)
        written += 1
    return written


def _moment(day: datetime, rng: random.Random) -> datetime:
    """A time of day readers subscribe at, on ``day`` in the publication's zone."""
    local = day.astimezone(publication_zone()).date()
    return datetime.combine(local, time(rng.randint(6, 22), rng.randint(0, 59)), tzinfo=publication_zone())


def _live(sub: Subscription, *, fate: str, start: datetime, now: datetime, rng: random.Random) -> None:
    if fate == "abandons":
        subscription_move(subscription=sub, to=S.ENDED, reason=R.CHECKOUT_REPLACED, now=start, ended_at=start)
        return
    if fate == "trial":
        trial_end = start + timedelta(days=TRIAL_DAYS)
        if trial_end >= now:
            start, trial_end = now - timedelta(days=TRIAL_DAYS + 1), now - timedelta(days=1)
        subscription_move(subscription=sub, to=S.ACTIVE, reason=R.TRIAL_STARTED, now=start, started_at=start,
                          term_start=start, term_end=trial_end, term_number=0, trial_days=TRIAL_DAYS)  # fmt: skip
        _renew(sub, at=trial_end, term=1)
    else:
        end = term_end_after(start, sub.term_months)
        subscription_move(subscription=sub, to=S.ACTIVE, reason=R.FIRST_PAYMENT, now=start, started_at=start,
                          term_start=start, term_end=end, term_number=1)  # fmt: skip
        first = _paid(sub, term=1, at=start)
        if fate == "refunded":
            back = start + timedelta(days=rng.randint(1, 6), hours=rng.randint(1, 5))
            if back < now:
                _refund(first, at=back)
                subscription_move(subscription=sub, to=S.REFUNDED, reason=R.REFUNDED_BY_STAFF, now=back, ended_at=back)
                return
        if fate == "cancels":
            cancel_at = start + (min(end, now) - start) * rng.uniform(0.1, 0.9)
            subscription_move(subscription=sub, to=S.CANCELLING, reason=R.CANCELLED_BY_READER, now=cancel_at)
            if end < now:
                subscription_move(subscription=sub, to=S.ENDED, reason=R.TERM_OVER, now=end, ended_at=end)
            return
        if fate in ("lapses", "recovers") and end < now - timedelta(days=8):
            failed_at = end
            _charge(sub, term=2, attempt=1, at=failed_at, status=PaymentStatus.FAILED)
            subscription_move(subscription=sub, to=S.PAST_DUE, reason=R.RENEWAL_FAILED, now=failed_at,
                              grace_until=grace_end(end))  # fmt: skip
            if fate == "lapses":
                over = grace_end(end)
                if over - failed_at > timedelta(days=3):  # a retry inside the grace period, declined too
                    _charge(sub, term=2, attempt=2, at=failed_at + timedelta(days=3), status=PaymentStatus.FAILED)
                subscription_move(subscription=sub, to=S.LAPSED, reason=R.GRACE_OVER, now=over, ended_at=over)
                return
            _renew(sub, at=failed_at + timedelta(days=2), term=2, attempt=2)
    # Still going: renewed as often as its terms came due.
    while sub.term_end < now:
        _renew(sub, at=sub.term_end, term=sub.term_number + 1)
    if sub.term_end < now + CLEAR_OF_THE_CLOCK:
        # Due within the fortnight: this reader cancelled, so the clock only
        # ends the term, as it does for every cancelled subscription.
        subscription_move(subscription=sub, to=S.CANCELLING, reason=R.CANCELLED_BY_READER,
                          now=max(sub.term_start + timedelta(minutes=1), now - timedelta(minutes=rng.randint(5, 600))))  # fmt: skip


def _renew(sub: Subscription, *, at: datetime, term: int, attempt: int = 1) -> None:
    end = term_end_after(at, sub.term_months)
    _paid(sub, term=term, at=at, attempt=attempt, term_end=end)
    subscription_move(subscription=sub, to=S.ACTIVE, reason=R.RENEWED, now=at, term_start=at, term_end=end,
                      term_number=term, grace_until=None)  # fmt: skip


def _charge(sub: Subscription, *, term: int, attempt: int, at: datetime, status: str) -> Payment:
    payment = Payment.objects.create(
        subscription=sub, term_number=term, attempt=attempt,
        charge_key=charge_key(subscription_id=sub.pk, term_number=term, attempt=attempt),
        provider=DEMO_PROVIDER, provider_payment_id=f"demo-{sub.pk}-{term}-{attempt}",
        amount_minor=sub.price_minor, currency=sub.currency, status=status, claimed_at=at,
        succeeded_at=at if status == PaymentStatus.SUCCEEDED else None,
        failure_message="Your card was declined." if status == PaymentStatus.FAILED else "",
        receipt_sent_at=at if status == PaymentStatus.SUCCEEDED else None,
        note="Demo data: recorded for the business desk's history, never taken by a payment provider.",
    )  # fmt: skip
    Payment.objects.filter(pk=payment.pk).update(created_at=at)  # written when it happened
    return payment


def _paid(sub: Subscription, *, term: int, at: datetime, attempt: int = 1, term_end: datetime | None = None) -> Payment:
    payment = _charge(sub, term=term, attempt=attempt, at=at, status=PaymentStatus.SUCCEEDED)
    end = term_end or term_end_after(at, sub.term_months)
    invoice_issue(payment=payment, description=term_description(plan_name=sub.plan.name, term_start=at, term_end=end), now=at)
    return payment


def _refund(payment: Payment, *, at: datetime) -> None:
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.REFUNDED, refunded_at=at)
    credit_note_issue(invoice=payment.invoice, amount=Money(payment.amount_minor, payment.currency),
                      reason=CreditNoteReason.REFUND, description="Refund of the payment", now=at)  # fmt: skip


# The funnel's last month: each day, each story's views and the steps after
# them, at rates of the order a metered site sees (a step's share of the one
# before it), under referrer and device classes drawn at these weights.
FUNNEL_DAYS = 30
FUNNEL_STORIES = 40
FUNNEL_STEP_SHARES = (
    ("meter_notice", 0.35), ("registration_wall", 0.3), ("paywall_shown", 1.5), ("subscribe_clicked", 0.08),
    ("checkout_started", 0.5), ("paid", 0.45),
)  # fmt: skip
REFERRER_WEIGHTS = (("search", 40), ("social", 20), ("direct", 25), ("newsletter", 10), ("app", 5))
DEVICE_WEIGHTS = (("phone", 65), ("desktop", 28), ("tablet", 7))


def demo_funnel_history_load(*, rng: random.Random, now: datetime | None = None) -> int:
    """Raw funnel events for the last FUNNEL_DAYS days (rolled up by the
    loader like the site's own), and cancel-page answers for the history's
    cancellations; returns the number of funnel rows written."""
    now = now or timezone.now()
    # The latest stories only: the whole archive would be millions of rows.
    latest = Article.objects.filter(publish_at__lte=now).order_by("-publish_at", "-pk")[:FUNNEL_STORIES]
    stories = sorted(latest.values_list("pk", flat=True))
    referrers = [name for name, weight in REFERRER_WEIGHTS for _ in range(weight)]
    devices = [name for name, weight in DEVICE_WEIGHTS for _ in range(weight)]
    rows = []
    for days_ago in range(FUNNEL_DAYS):
        moment = now - timedelta(days=days_ago, minutes=rng.randint(1, 600))
        moment = moment.replace(second=0, microsecond=0)
        for story in stories:
            for _ in range(3):
                referrer, device = rng.choice(referrers), rng.choice(devices)
                count = rng.randint(20, 400)
                rows.append(FunnelEvent(kind="story_view", article_id=story, referrer=referrer, device=device, occurred_at=moment, count=count))
                for kind, share in FUNNEL_STEP_SHARES:
                    count = int(count * share * rng.uniform(0.6, 1.4))
                    if not count:
                        break
                    rows.append(FunnelEvent(kind=kind, article_id=story, referrer=referrer, device=device, occurred_at=moment, count=count))
    FunnelEvent.objects.bulk_create(rows, batch_size=1000)
    reasons = [*CancelReason.values, ""]
    for event in SubscriptionEvent.objects.filter(reason=R.CANCELLED_BY_READER, subscription__user__email__endswith="@demo.masthead.test"):
        CancelAnswer.objects.create(subscription_id=event.subscription_id, reason=rng.choice(reasons), outcome=CancelOutcome.CANCELLED, at=event.occurred_at)
    return len(rows)
