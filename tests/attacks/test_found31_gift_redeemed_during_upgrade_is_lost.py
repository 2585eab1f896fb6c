"""A subscriber on Smart Quarterly clicks "Upgrade and pay" for Smart Yearly
and, while the charge is being made (the provider is slow, or its answer
comes by webhook), redeems a three-month gift in another tab. The gift is
accepted ("three months added") and lengthens the current term; then the
upgrade's charge settles and applies the upgrade: a new yearly term starts
today, and the quarter's term, with the gift's three months on it, is
thrown away. The credit was quoted before the gift, so nothing pays for
those months: the gift someone bought is simply gone.

Neither side looks at the other: the gift redemption does not refuse while
an upgrade is pending, and the upgrade's settlement (and the check just
before its charge) compares the status, term number and plan, but not the
term's end.

Expected (docs: "A term that a gift lengthened is never upgraded now"):
the gift's months are kept. Either the upgrade is not applied (its charge
goes back, as for a charge that lands after the subscription moved) or the
gift is refused while the upgrade is being charged."""

import importlib
from datetime import timedelta

import pytest

from masthead.core.errors import MastheadError
from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new, gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import Subscription
from masthead.testing.stripe import subscribe

upgrade_module = importlib.import_module("masthead.subscriptions.billing.plan_upgrade")
from masthead.testing.subscriptions import make_smart_plans

pytestmark = pytest.mark.django_db


def _gift_sent(*, buyer, plan, to, now) -> GiftSubscription:
    """A three-month gift for ``to``, paid and sent: its code can be redeemed."""
    return GiftSubscription.objects.create(
        buyer=buyer, plan=plan, term_months=3, price_minor=900_00, recipient_name="G",
        recipient_email=to.email, send_on=local_date(now), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip


def test_a_gift_redeemed_while_the_upgrade_is_charged_is_not_lost(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="giftee", email="giftee@example.test", password="x" * 20)
    buyer = django_user_model.objects.create_user(username="aunt", email="aunt@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    now = subscription.term_start + timedelta(days=30)
    gift = _gift_sent(buyer=buyer, plan=plans["quarterly"], to=reader, now=now)
    redeemed = []
    real_take = upgrade_module.payment_take

    def gift_in_another_tab(**kwargs):
        # The upgrade's row is written; its charge has not been made yet.
        try:
            gift_redeem(code=gift.code, user=reader)
            redeemed.append(Subscription.objects.get(pk=subscription.pk).term_end)
        except MastheadError:
            pass  # refused while the upgrade is charged: the gift is kept for later
        return real_take(**kwargs)

    monkeypatch.setattr(upgrade_module, "payment_take", gift_in_another_tab)
    try:
        billing.plan_upgrade(subscription=subscription, plan=plans["yearly"], by=reader, now=now)
    except MastheadError:
        pass

    after = Subscription.objects.get(pk=subscription.pk)
    if not redeemed:
        assert GiftSubscription.objects.get(pk=gift.pk).status != GiftSubscriptionStatus.REDEEMED
        return
    upgraded = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert not upgraded.exists() and after.plan == plans["quarterly"] and after.term_end == redeemed[0], (
        f"gift accepted (term to {local_date(redeemed[0])}), then the upgrade replaced that term with "
        f"{after.plan.name} {local_date(after.term_start)}–{local_date(after.term_end)}"
    )


def test_a_gift_redeemed_before_the_upgrade_charge_settles_refunds_the_charge(localstripe, django_user_model):
    from masthead.payments.services import payment_settle
    from masthead.testing.stripe import StripeDecidedLater

    reader = django_user_model.objects.create_user(username="giftee2", email="giftee2@example.test", password="x" * 20)
    buyer = django_user_model.objects.create_user(username="uncle", email="uncle@example.test", password="x" * 20)
    plans = make_smart_plans()
    subscription = subscribe(reader, plans["quarterly"])
    now = subscription.term_start + timedelta(days=30)
    gift = _gift_sent(buyer=buyer, plan=plans["quarterly"], to=reader, now=now)
    provider = StripeDecidedLater()
    pending = billing.plan_upgrade(subscription=subscription, plan=plans["yearly"], by=reader, now=now, provider=provider)
    assert pending.status == PaymentStatus.PENDING
    try:
        gift_redeem(code=gift.code, user=reader)
    except MastheadError:
        return  # refused while the upgrade is charged: the gift is kept for later
    lengthened = Subscription.objects.get(pk=subscription.pk).term_end
    payment_settle(payment_id=pending.pk, result=provider.results[0], now=now + timedelta(minutes=5))

    after = Subscription.objects.get(pk=subscription.pk)
    charge = Payment.objects.get(pk=pending.pk)
    assert after.plan == plans["quarterly"] and after.term_end == lengthened
    assert charge.duplicate  # bought nothing: refunded automatically
