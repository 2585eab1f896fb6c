"""A Smart Quarterly reader has two tabs open. In one they press "Upgrade
to Smart Yearly" (₹2,100 today, ₹600 credited); while their card is being
charged, in the other they press "Stay for ₹540" on the cancel page. Both
go through: the card is charged ₹2,100 and the subscription moves to Smart
Yearly, and the cancel page's discount is recorded for "the next renewal",
term 2, which is the upgrade's own term. The reader was told "your next
renewal on <date> costs ₹540 instead of ₹900": that renewal never happens,
their next one is ₹2,700, the offer's redemption is used up, and the cancel
page will never offer it again.

docs/subscriptions.md: "a plan change is refused while the discount waits:
it was worked out on this plan's price"; the upgrade checks the discount
when it opens its PlanChange, but the discount never checks for an upgrade
being charged, and the upgrade's settlement does not look at it. Expected:
one of the two is refused (the discount while an upgrade is being charged,
or the upgrade's charge refunded), never both kept."""

from datetime import timedelta

import pytest

from masthead.payments.models import PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.subscriptions import billing
from masthead.subscriptions.cancelling import cancel_answer_last, save_offer_accept, save_offer_for
from masthead.subscriptions.models import SaveOfferKind, SaveOfferSettings, Subscription
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_offer, make_smart_plans

pytestmark = pytest.mark.django_db(transaction=True)


class StayPressedWhileCharging:
    """Stripe, while the other tab's "Stay for ₹540" goes through."""

    def __init__(self, subscription_id, now):
        self.stripe = payment_provider("stripe")
        self.name = self.stripe.name
        self.subscription_id, self.now = subscription_id, now
        self.taken = None

    def __getattr__(self, name):
        return getattr(self.stripe, name)

    def charge(self, **kwargs):
        tab = Subscription.objects.get(pk=self.subscription_id)
        shown = save_offer_for(subscription=tab, now=self.now)
        if shown is not None:
            self.taken = save_offer_accept(
                subscription=tab, key=shown.key, seen=cancel_answer_last(subscription=tab), now=self.now
            )
        return self.stripe.charge(**kwargs)


def test_an_upgrade_and_the_cancel_page_discount_are_not_both_kept(localstripe, django_user_model):
    plans = make_smart_plans()
    offer = make_offer(plans["quarterly"], name="Stay with us", value=40)
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()
    reader = django_user_model.objects.create_user(username="tabs", email="tabs@example.test", password="a long password here")
    subscription = subscribe(reader, plans["quarterly"])
    now = subscription.term_start + timedelta(days=30)
    provider = StayPressedWhileCharging(subscription.pk, now)

    payment = billing.plan_upgrade(subscription=subscription, plan=plans["yearly"], now=now, provider=provider)

    subscription.refresh_from_db()
    offer.refresh_from_db()
    upgraded = payment.status == PaymentStatus.SUCCEEDED and subscription.plan == plans["yearly"]
    discount_kept = subscription.save_offer_id is not None
    assert not (upgraded and discount_kept), (
        f"upgraded to {subscription.plan.name} (term {subscription.term_number}) and the discount recorded for "
        f"term {subscription.save_term}; next renewal {subscription.renewal_price}, redemptions used {offer.redemptions_used}"
    )
