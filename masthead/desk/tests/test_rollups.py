"""Rollups written from a known history: the numbers a publisher would check
by hand, the same numbers as a count over the raw rows, and a rebuild that
changes nothing."""

import random
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Q, Sum

from masthead.core.periods import day_bounds
from masthead.desk.models import DayFigures
from masthead.desk.services import RollupRangeInvalid, desk_rollup
from masthead.gifts.models import GiftSubscription
from masthead.gifts.subscriptions import gift_code_new
from masthead.invoicing.models import CreditNote
from masthead.payments.models import Payment, PaymentStatus as P
from masthead.subscriptions.models import EventReason as R, Subscription, SubscriptionEvent, SubscriptionStatus as S
from masthead.subscriptions.states import subscription_move
from masthead.testing.subscriptions import make_plan

from .history import at, credited, invoiced, move, payment, refund, subscription

pytestmark = pytest.mark.django_db
D1 = date(2026, 11, 2)
D = [D1 + timedelta(days=n) for n in range(5)]


@pytest.fixture
def plans():
    return {
        "quarterly": make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3),
        "yearly": make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12),
        "two_years": make_plan(name="Super Saver", price_minor=3_900_00, term_months=24),
    }


@pytest.fixture
def history(plans):
    a = subscription(plans["quarterly"])  # paid, cancels, ends
    move(a, S.ACTIVE, R.FIRST_PAYMENT, at(D[0], 9))
    invoice_a = invoiced(payment(a, term=1, created=at(D[0], 9)), at(D[0], 9))
    move(a, S.CANCELLING, R.CANCELLED_BY_READER, at(D[2], 10))
    move(a, S.ENDED, R.TERM_OVER, at(D[4], 8))
    b = subscription(plans["yearly"])  # a trial, then paid
    move(b, S.ACTIVE, R.TRIAL_STARTED, at(D[0], 10))
    move(b, S.ACTIVE, R.RENEWED, at(D[3], 6))
    payment(b, term=1, created=at(D[3], 6))
    c = subscription(plans["two_years"])  # a renewal declined, then paid on the retry
    move(c, S.ACTIVE, R.FIRST_PAYMENT, at(D[1], 11))
    payment(c, term=1, created=at(D[1], 11))
    move(c, S.PAST_DUE, R.RENEWAL_FAILED, at(D[2], 0, 5))  # 00:05 in Kolkata: still D[2], though D[1] in UTC
    payment(c, term=2, attempt=1, status=P.FAILED, created=at(D[2], 0, 5))
    move(c, S.ACTIVE, R.RENEWED, at(D[3], 23, 50))
    payment(c, term=2, attempt=2, created=at(D[3], 23, 50))
    d = subscription(plans["quarterly"])  # paid and refunded the same day
    move(d, S.ACTIVE, R.FIRST_PAYMENT, at(D[1], 12))
    paid_d = payment(d, term=1, created=at(D[1], 12))
    invoice_d = invoiced(paid_d, at(D[1], 12))
    refund(paid_d, at(D[1], 15))
    credited(invoice_d, 900_00, at(D[1], 15))
    payment(d, term=1, attempt=2, status=P.REFUNDED, created=at(D[1], 12), refunded=at(D[1], 13), duplicate=True)
    move(d, S.REFUNDED, R.REFUNDED_BY_STAFF, at(D[1], 15))
    e = subscription(plans["quarterly"])  # an abandoned checkout: never a subscriber
    move(e, S.ENDED, R.CHECKOUT_REPLACED, at(D[0], 13))
    f = subscription(plans["yearly"])  # complimentary: nobody pays for it
    move(f, S.COMP, R.COMP_GRANTED, at(D[0], 14))
    g = subscription(plans["quarterly"])  # paid, then paused
    move(g, S.ACTIVE, R.FIRST_PAYMENT, at(D[0], 15))
    move(g, S.PAUSED, R.PAUSED_BY_READER, at(D[1], 16))
    credited(invoice_a, 100_00, at(D[3], 9))  # part of A's first term credited (a proration, say)
    return plans


def _totals(day):
    return DayFigures.objects.get(day=day, plan__isnull=True)


def test_the_days_add_up_as_a_publisher_would_count_them(history):
    desk_rollup(first=D[0], last=D[4])
    states = [
        (r.trial, r.active, r.cancelling, r.past_due, r.paused, r.needs_card, r.paying, r.mrr_minor, r.new, r.churned)
        for r in map(_totals, D)
    ]
    assert states == [
        # trial, active, cancelling, past due, paused, needs card, paying, MRR, new, churned
        (1, 2, 0, 0, 0, 0, 2, 600_00, 3, 0),  # A, G paid; B in trial; E abandoned and F comp not counted
        (1, 2, 0, 0, 1, 0, 2, 462_50, 2, 1),  # C new (₹162.50 a month); D new and refunded; G paused
        (1, 0, 1, 1, 1, 0, 2, 462_50, 0, 0),  # A cancelling, C past due: both still paying
        (0, 2, 1, 0, 1, 0, 3, 687_50, 0, 0),  # B's trial over (₹225 a month), C renewed
        (0, 2, 0, 0, 1, 0, 2, 387_50, 0, 1),  # A's term over
    ]
    net = [r.net_adds for r in map(_totals, D)]
    subscribers = [r.subscribers for r in map(_totals, D)]
    assert net == [3, 1, 0, 0, -1]
    assert [b - a for a, b in zip([0, *subscribers], subscribers)] == net

    money = [(r.payments_count, r.payments_minor, r.refunds_count, r.refunds_minor, r.credit_notes_count, r.credit_notes_minor)
             for r in map(_totals, D)]  # fmt: skip
    assert money == [
        (1, 900_00, 0, 0, 0, 0),
        (2, 4_800_00, 1, 900_00, 1, 900_00),  # the duplicate charge is in neither
        (0, 0, 0, 0, 0, 0),
        (2, 6_600_00, 0, 0, 1, 100_00),
        (0, 0, 0, 0, 0, 0),
    ]
    renewals = [(r.renewals_attempted, r.renewals_first_failed, r.renewals_succeeded, r.renewals_recovered) for r in map(_totals, D)]
    assert renewals == [(0, 0, 0, 0), (0, 0, 0, 0), (1, 1, 0, 0), (0, 0, 1, 1), (0, 0, 0, 0)]


def test_each_plan_has_its_own_rows_that_add_up_to_the_total(history):
    desk_rollup(first=D[0], last=D[4])
    for day in D:
        total = _totals(day)
        by_plan = DayFigures.objects.filter(day=day, plan__isnull=False)
        assert by_plan.count() == 3
        for name in ("trial", "active", "paused", "paying", "new", "churned", "payments_minor", "credit_notes_minor"):
            assert sum(getattr(row, name) for row in by_plan) == getattr(total, name), (day, name)
    yearly = DayFigures.objects.get(day=D[3], plan=history["yearly"])
    assert (yearly.active, yearly.mrr_minor) == (1, 225_00)


def test_days_before_a_plan_change_keep_the_plan_and_price_of_those_days(plans):
    """A quarterly subscriber who moves to the yearly plan on D[2]: rebuilt
    afterwards, D[0] and D[1] still count them on the quarterly plan at ₹300
    a month, D[2] on the yearly at ₹225, and nobody is new or churned then."""
    quarterly, yearly = plans["quarterly"], plans["yearly"]
    sub = subscription(quarterly)
    move(sub, S.ACTIVE, R.FIRST_PAYMENT, at(D[0], 9))
    subscription_move(subscription=sub, to=S.ACTIVE, reason=R.PLAN_UPGRADED, now=at(D[2], 10),
                      plan=yearly, price_minor=yearly.price_minor, term_months=yearly.term_months)  # fmt: skip
    desk_rollup(first=D[1], last=D[3])  # begun after the first payment: the standing before the range too

    def counted(day, plan):
        row = DayFigures.objects.get(day=day, plan=plan)
        return row.active, row.mrr_minor, row.new, row.churned

    assert counted(D[1], quarterly) == (1, 300_00, 0, 0)
    assert DayFigures.objects.filter(day=D[1], plan=yearly).first() is None or counted(D[1], yearly)[:2] == (0, 0)
    assert counted(D[2], quarterly) == (0, 0, 0, 0)
    assert counted(D[2], yearly) == (1, 225_00, 0, 0)
    assert (_totals(D[1]).mrr_minor, _totals(D[2]).mrr_minor, _totals(D[2]).new, _totals(D[2]).churned) == (300_00, 225_00, 0, 0)


def test_a_gift_subscriptions_payment_counts_once_under_its_plan(history):
    buyer = get_user_model().objects.create_user(username="giver", email="giver@example.test", password="x" * 20)
    yearly = history["yearly"]
    gift = GiftSubscription.objects.create(
        buyer=buyer, plan=yearly, term_months=12, price_minor=2_700_00, recipient_name="A friend",
        recipient_email="friend@example.test", send_on=D[0], code=gift_code_new(),
    )  # fmt: skip
    paid = Payment.objects.create(gift=gift, term_number=1, charge_key="gift-desk-1", provider="demo", amount_minor=2_700_00,
                                  status=P.SUCCEEDED, succeeded_at=at(D[2], 18))  # fmt: skip
    credited(invoiced(paid, at(D[2], 18)), 2_700_00, at(D[2], 19))
    desk_rollup(first=D[2], last=D[2])
    total = _totals(D[2])
    assert (total.payments_count, total.payments_minor, total.credit_notes_count, total.credit_notes_minor) == (1, 2_700_00, 1, 2_700_00)
    of_plan = DayFigures.objects.get(day=D[2], plan=yearly)
    assert (of_plan.payments_count, of_plan.payments_minor, of_plan.credit_notes_minor) == (1, 2_700_00, 2_700_00)


def test_a_range_begun_midway_starts_from_where_each_subscription_stood(history):
    desk_rollup(first=D[0], last=D[4])
    whole = {r.day: (r.trial, r.active, r.cancelling, r.past_due, r.paused, r.mrr_minor, r.new, r.churned) for r in DayFigures.objects.filter(plan__isnull=True)}
    desk_rollup(first=D[2], last=D[3])
    again = {r.day: (r.trial, r.active, r.cancelling, r.past_due, r.paused, r.mrr_minor, r.new, r.churned) for r in DayFigures.objects.filter(plan__isnull=True)}
    assert again == whole


def test_rebuilding_a_range_writes_the_same_rows_again(history):
    desk_rollup(first=D[0], last=D[4])
    fields = [f.name for f in DayFigures._meta.fields if f.name not in ("id", "computed_at")]
    first = list(DayFigures.objects.order_by("day", "plan_id").values_list(*fields))
    call_command("desk_rollup", "--from", D[0].isoformat(), "--to", D[4].isoformat(), stdout=open("/dev/null", "w"))
    assert list(DayFigures.objects.order_by("day", "plan_id").values_list(*fields)) == first
    assert DayFigures.objects.count() == len(first) == 5 * 4


def test_a_range_that_cannot_be_rolled_up_is_refused_and_nothing_changes(history):
    desk_rollup(first=D[0], last=D[0])
    before = list(DayFigures.objects.values_list("pk", flat=True))
    with pytest.raises(RollupRangeInvalid):
        desk_rollup(first=D[2], last=D[1])
    with pytest.raises(CommandError, match="has not begun yet"):
        call_command("desk_rollup", "--from", "2026-11-01", "--to", "2099-01-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("desk_rollup", "--from", "yesterday")
    assert list(DayFigures.objects.values_list("pk", flat=True)) == before


PATHS = (
    ((S.ACTIVE, R.FIRST_PAYMENT),),
    ((S.ACTIVE, R.FIRST_PAYMENT), (S.CANCELLING, R.CANCELLED_BY_READER), (S.ENDED, R.TERM_OVER)),
    ((S.ACTIVE, R.TRIAL_STARTED), (S.ACTIVE, R.RENEWED)),
    ((S.ACTIVE, R.TRIAL_STARTED), (S.CANCELLING, R.CANCELLED_BY_READER)),
    ((S.ACTIVE, R.FIRST_PAYMENT), (S.PAST_DUE, R.RENEWAL_FAILED), (S.LAPSED, R.GRACE_OVER)),
    ((S.ACTIVE, R.FIRST_PAYMENT), (S.PAST_DUE, R.RENEWAL_FAILED), (S.ACTIVE, R.RENEWED)),
    ((S.ACTIVE, R.FIRST_PAYMENT), (S.NEEDS_CARD, R.CARD_UNUSABLE), (S.ACTIVE, R.CARD_REPLACED)),
    ((S.ACTIVE, R.FIRST_PAYMENT), (S.PAUSED, R.PAUSED_BY_READER), (S.ACTIVE, R.PAUSE_OVER)),
    ((S.ACTIVE, R.FIRST_PAYMENT), (S.REFUNDED, R.REFUNDED_BY_STAFF)),
    ((S.ENDED, R.CHECKOUT_REPLACED),),
    ((S.COMP, R.COMP_GRANTED), (S.ENDED, R.TERM_OVER)),
)
COUNTED = (S.ACTIVE, S.CANCELLING, S.PAST_DUE, S.PAUSED, S.NEEDS_CARD)


def _raw_counts(day):
    """The day's numbers counted straight from the raw rows, another way."""
    bounds = day_bounds(day)
    last_status = {}
    for pk, to_status in SubscriptionEvent.objects.filter(occurred_at__lt=bounds.end).order_by("occurred_at", "id").values_list("subscription_id", "to_status"):
        last_status[pk] = to_status
    in_trial = set(
        SubscriptionEvent.objects.filter(occurred_at__lt=bounds.end, reason=R.TRIAL_STARTED).values_list("subscription_id", flat=True)
    ) - set(SubscriptionEvent.objects.filter(occurred_at__lt=bounds.end, reason=R.RENEWED).values_list("subscription_id", flat=True))
    today = SubscriptionEvent.objects.filter(occurred_at__gte=bounds.start, occurred_at__lt=bounds.end)
    paid = Payment.objects.filter(duplicate=False, succeeded_at__gte=bounds.start, succeeded_at__lt=bounds.end)
    refunded = Payment.objects.filter(duplicate=False, status=P.REFUNDED, refunded_at__gte=bounds.start, refunded_at__lt=bounds.end)
    notes = CreditNote.objects.filter(issued_at__gte=bounds.start, issued_at__lt=bounds.end)
    return {
        "trial": sum(1 for pk, s in last_status.items() if s == S.ACTIVE and pk in in_trial),
        "active": sum(1 for pk, s in last_status.items() if s == S.ACTIVE and pk not in in_trial),
        **{s: sum(1 for v in last_status.values() if v == s) for s in (S.CANCELLING, S.PAST_DUE, S.PAUSED, S.NEEDS_CARD)},
        "new": today.filter(from_status=S.PENDING, to_status__in=COUNTED).count(),
        "churned": today.filter(from_status__in=COUNTED).exclude(to_status__in=COUNTED).count(),
        "payments": (paid.count(), paid.aggregate(s=Sum("amount_minor"))["s"] or 0),
        "refunds": (refunded.count(), refunded.aggregate(s=Sum("amount_minor"))["s"] or 0),
        "credit_notes": (notes.count(), notes.aggregate(s=Sum("total_minor"))["s"] or 0),
    }


def test_rollups_equal_a_count_over_the_raw_rows(plans):
    rng = random.Random(7)
    days = [D1 + timedelta(days=n) for n in range(10)]
    for n in range(60):
        sub = subscription(rng.choice(list(plans.values())))
        path = rng.choice(PATHS)
        moments = sorted(at(rng.choice(days), rng.randrange(24), rng.randrange(60)) for _ in path)
        for (to, reason), when in zip(path, moments):
            move(sub, to, reason, when)
            if reason in (R.FIRST_PAYMENT, R.RENEWED):
                row = payment(sub, term=2 if reason == R.RENEWED else 1, created=when)
                invoice = invoiced(row, when)
                if rng.random() < 0.2:
                    back = when + timedelta(hours=rng.randrange(48))
                    refund(row, back)
                    credited(invoice, row.amount_minor, back)
    desk_rollup(first=days[0], last=days[-1])
    for day in days:
        row, raw = _totals(day), _raw_counts(day)
        assert (row.trial, row.active, row.cancelling, row.past_due, row.paused, row.needs_card) == (
            raw["trial"], raw["active"], raw[S.CANCELLING], raw[S.PAST_DUE], raw[S.PAUSED], raw[S.NEEDS_CARD]
        ), day
        assert (row.new, row.churned) == (raw["new"], raw["churned"]), day
        assert (row.payments_count, row.payments_minor) == raw["payments"], day
        assert (row.refunds_count, row.refunds_minor) == raw["refunds"], day
        assert (row.credit_notes_count, row.credit_notes_minor) == raw["credit_notes"], day
    # And MRR is the month's share of every paying subscription's price on the last day.
    paying = Subscription.objects.filter(
        Q(status__in=(S.CANCELLING, S.PAST_DUE, S.NEEDS_CARD)) | Q(status=S.ACTIVE) & ~Q(pk__in=_trials())
    )
    exact = sum(sub.price_minor / sub.term_months for sub in paying)
    assert _totals(days[-1]).mrr_minor == int(exact + 1e-6)


def _trials():
    return set(SubscriptionEvent.objects.filter(reason=R.TRIAL_STARTED).values_list("subscription_id", flat=True)) - set(
        SubscriptionEvent.objects.filter(reason=R.RENEWED).values_list("subscription_id", flat=True)
    )
