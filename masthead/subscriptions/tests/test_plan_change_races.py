"""An upgrade pressed twice at once, racing a downgrade, or answered by the
webhook before the charge's own answer: one charge, one credit note, one
change. Run on whichever database the suite uses (SQLite here, PostgreSQL
in CI's second run, where the subscription's row lock is what holds it)."""

from datetime import timedelta

import pytest

from masthead.core.errors import MastheadError
from masthead.invoicing.models import CreditNote, Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.services import webhook_receive
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import (
    EventReason,
    PlanChange,
    PlanChangeStatus,
    Subscription,
)
from masthead.testing.concurrency import in_threads
from masthead.testing.stripe import intents_with_key, signed_stripe_event, subscribe
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plans():
    plans = make_smart_plans()
    return plans["quarterly"], plans["yearly"], plans["monthly"]


@pytest.fixture
def subscription(localstripe, django_user_model, plans):
    reader = django_user_model.objects.create_user(username="twice", email="twice@example.test", password="a long password here")
    return subscribe(reader, plans[0])


def _upgraded_once(subscription):
    term2 = Payment.objects.filter(subscription=subscription, term_number=2)
    assert term2.filter(status=PaymentStatus.SUCCEEDED).count() == 1
    assert sum(len(intents_with_key(payment.charge_key)) for payment in term2) == 1
    assert CreditNote.objects.filter(invoice__payment__subscription=subscription).count() == 1
    assert Invoice.objects.filter(payment__subscription=subscription, payment__term_number=2).count() == 1
    assert PlanChange.objects.filter(status=PlanChangeStatus.APPLIED).count() == 1
    subscription.refresh_from_db()
    assert subscription.plan.slug == "smart-yearly" and subscription.term_number == 2
    assert subscription.events.filter(reason=EventReason.PLAN_UPGRADED).count() == 1


def test_upgrade_pressed_twice_at_once_charges_once_and_credits_once(subscription, plans):
    yearly = plans[1]
    now = subscription.term_start + timedelta(days=20)
    clicks = [Subscription.objects.get(pk=subscription.pk) for _ in range(2)]  # each request reads the row

    paid, errors = in_threads(*[lambda copy=copy: billing.plan_upgrade(subscription=copy, plan=yearly, now=now) for copy in clicks])

    assert len(paid) == 1 and paid[0].status == PaymentStatus.SUCCEEDED
    assert len(errors) == 1 and isinstance(errors[0], MastheadError), errors
    _upgraded_once(subscription)


def test_an_upgrade_racing_a_scheduled_downgrade_leaves_one_consistent_plan(subscription, plans):
    _, yearly, monthly = plans
    now = subscription.term_start + timedelta(days=20)
    a, b = (Subscription.objects.get(pk=subscription.pk) for _ in range(2))

    _, errors = in_threads(
        lambda: billing.plan_upgrade(subscription=a, plan=yearly, now=now),
        lambda: services.plan_change_schedule(subscription=b, plan=monthly, now=now),
    )

    assert all(isinstance(error, MastheadError) for error in errors), errors
    subscription.refresh_from_db()
    if subscription.plan.slug == "smart-yearly":
        # Upgraded: a downgrade scheduled before it was dropped with the old
        # term; one scheduled only once the upgrade was done (a thread that
        # started late) is the new plan's own, for its renewal.
        reasons = list(subscription.events.order_by("pk").values_list("reason", flat=True))
        upgraded = reasons.index(EventReason.PLAN_UPGRADED)
        scheduled_after = EventReason.PLAN_CHANGE_SCHEDULED in reasons[upgraded:]
        assert subscription.next_plan == (monthly if scheduled_after else None)
        assert Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1
    else:
        assert subscription.next_plan == monthly and not Payment.objects.filter(term_number=2).exists()


class WebhookFirst:
    """Stripe, whose webhook for the charge arrives (and is processed)
    before the synchronous answer reaches Masthead."""

    def __init__(self):
        self.stripe = payment_provider("stripe")
        self.name = self.stripe.name

    def __getattr__(self, name):
        return getattr(self.stripe, name)

    def charge(self, *, saved, amount, key, description):
        result = self.stripe.charge(saved=saved, amount=amount, key=key, description=description)
        event = {
            "id": f"evt_{key}",
            "object": "event",
            "type": "payment_intent.succeeded",
            "data": {"object": {"id": result.payment_id, "object": "payment_intent", "status": "succeeded", "metadata": {"charge_key": key}}},
        }
        body, headers = signed_stripe_event(event)
        headers = {name.removeprefix("HTTP_").replace("_", "-").title(): value for name, value in headers.items()}
        webhook_receive(provider_name="stripe", body=body, headers=headers)
        return result


def test_a_webhook_arriving_mid_change_settles_it_once(subscription, plans):
    now = subscription.term_start + timedelta(days=20)
    payment = billing.plan_upgrade(subscription=subscription, plan=plans[1], now=now, provider=WebhookFirst())
    assert payment.status == PaymentStatus.SUCCEEDED
    _upgraded_once(subscription)


class DiesAfterCharging(WebhookFirst):
    """Stripe takes the money, and the worker dies before it hears back."""

    def charge(self, *, saved, amount, key, description):
        self.stripe.charge(saved=saved, amount=amount, key=key, description=description)
        raise RuntimeError("worker killed")


class DiesBeforeCharging(WebhookFirst):
    def charge(self, *, saved, amount, key, description):
        raise RuntimeError("worker killed")


def test_an_upgrade_whose_worker_died_after_the_charge_is_finished_by_the_clock_once(subscription, plans):
    now = subscription.term_start + timedelta(days=20)
    with pytest.raises(RuntimeError):
        billing.plan_upgrade(subscription=subscription, plan=plans[1], now=now, provider=DiesAfterCharging())
    # Meanwhile the reader cannot upgrade twice, and the clock leaves a live claim alone.
    with pytest.raises(MastheadError):
        billing.plan_upgrade(subscription=Subscription.objects.get(pk=subscription.pk), plan=plans[1], now=now + timedelta(minutes=1))
    billing.billing_clock_tick(now=now + timedelta(minutes=5))
    assert PlanChange.objects.get().status == PlanChangeStatus.PENDING

    turn = billing.billing_clock_tick(now=now + timedelta(minutes=11))

    assert turn["upgrades_settled"] == 1
    _upgraded_once(subscription)


def test_an_upgrade_whose_worker_died_before_the_charge_charges_nothing_and_may_be_asked_again(subscription, plans):
    now = subscription.term_start + timedelta(days=20)
    with pytest.raises(RuntimeError):
        billing.plan_upgrade(subscription=subscription, plan=plans[1], now=now, provider=DiesBeforeCharging())
    billing.billing_clock_tick(now=now + timedelta(minutes=11))
    assert PlanChange.objects.get().status == PlanChangeStatus.FAILED
    subscription.refresh_from_db()
    assert subscription.plan.slug == "smart-quarterly" and subscription.status == "active"
    assert not CreditNote.objects.exists()
    later = now + timedelta(minutes=12)
    assert billing.plan_upgrade(subscription=subscription, plan=plans[1], now=later).status == PaymentStatus.SUCCEEDED
    _upgraded_once(subscription)


@pytest.mark.parametrize("run", range(3))
def test_a_gift_redeemed_while_upgrading_keeps_its_months_and_the_money_adds_up(subscription, plans, django_user_model, run):
    from masthead.core.periods import local_date
    from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
    from masthead.gifts.subscriptions import gift_code_new, gift_redeem

    quarterly, yearly, _ = plans
    now = subscription.term_start + timedelta(days=20)
    buyer = django_user_model.objects.create_user(username="aunt", email="aunt@example.test", password="x" * 20)
    gift = GiftSubscription.objects.create(
        buyer=buyer, plan=quarterly, term_months=3, price_minor=900_00, recipient_name="G",
        recipient_email=subscription.user.email, send_on=local_date(now), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip
    copy = Subscription.objects.get(pk=subscription.pk)

    _, errors = in_threads(
        lambda: billing.plan_upgrade(subscription=copy, plan=yearly, now=now),
        lambda: gift_redeem(code=gift.code, user=subscription.user),
    )

    assert all(isinstance(error, MastheadError) for error in errors), errors
    subscription.refresh_from_db()
    gift.refresh_from_db()
    kept = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED, duplicate=False)
    if gift.status == GiftSubscriptionStatus.REDEEMED and subscription.plan == quarterly:
        # The gift came first: its months are on the quarter, and no upgrade charge is kept.
        assert not kept.exists() and subscription.term_number == 1
    else:
        # The upgrade came first: the gift was added to the yearly term, or waits.
        assert subscription.plan == yearly and kept.count() == 1
    charged = sum(
        p.amount_minor - (p.refunded_amount.minor if p.status == PaymentStatus.REFUNDED or p.duplicate else 0)
        for p in Payment.objects.filter(subscription=subscription).exclude(succeeded_at=None)
    )
    invoiced = sum(i.total_minor for i in Invoice.objects.filter(payment__subscription=subscription))
    credited = sum(c.total_minor for c in CreditNote.objects.filter(invoice__payment__subscription=subscription))
    assert invoiced - credited == charged


class _OtherTabPresses:
    """Stripe, while the reader presses something else in another tab."""

    def __init__(self, press):
        self.stripe = payment_provider("stripe")
        self.name = self.stripe.name
        self.press = press
        self.answer = None

    def __getattr__(self, name):
        return getattr(self.stripe, name)

    def charge(self, **kwargs):
        try:
            self.answer = self.press()
        except MastheadError as refused:
            self.answer = refused
        return self.stripe.charge(**kwargs)


def test_a_pause_pressed_while_the_upgrade_is_charged_is_refused_and_the_upgrade_made(subscription, plans):
    now = subscription.term_start + timedelta(days=20)
    other_tab = _OtherTabPresses(
        lambda: services.subscription_pause(subscription=Subscription.objects.get(pk=subscription.pk), months=1, now=now)
    )

    payment = billing.plan_upgrade(subscription=subscription, plan=plans[1], now=now, provider=other_tab)

    assert isinstance(other_tab.answer, services.PauseRefused)
    assert "Your plan change is being processed" in other_tab.answer.message
    assert payment.status == PaymentStatus.SUCCEEDED
    _upgraded_once(subscription)
    assert subscription.pause_until is None
