"""A gift subscription whose money came back at the provider (a refund made
in Stripe's dashboard, or a chargeback the buyer wins at their bank) is still
redeemable: Masthead voids a gift only on a refund made in its own admin, and
does not read the provider's signed refund and dispute events. The buyer
disputes the charge after the code was mailed; the recipient (or the buyer,
who chose the address) redeems a year of reading that nobody paid for.

The same root cause as tests/attacks/test_found6_refund_at_the_provider.py
(provider refunds and chargebacks are now recorded as refunds), here for the
gift subscriptions the code is the whole value of."""

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import GiftCodeInvalid, gift_code_new, gift_redeem
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.services import gift_charge_key
from masthead.testing.stripe import signed_stripe_event
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _paid_sent_gift(django_user_model):
    buyer = django_user_model.objects.create_user(username="giver", email="giver@example.test", password="x" * 20)
    BillingProfile.objects.create(user=buyer, name="Meera Iyer", state_code="29", provider="stripe", provider_customer_id="cus_giver")
    plan = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)
    now = timezone.now()
    gift = GiftSubscription.objects.create(
        buyer=buyer, plan=plan, term_months=12, price_minor=plan.price_minor, recipient_name="Ravi",
        recipient_email="ravi@example.test", send_on=local_date(now), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip
    payment = Payment.objects.create(
        gift=gift, term_number=1, attempt=1, charge_key=gift_charge_key(gift_id=gift.pk, attempt=1), provider="stripe",
        provider_payment_id="pi_gift_1", amount_minor=plan.price_minor, currency="INR",
        status=PaymentStatus.SUCCEEDED, succeeded_at=now,
    )  # fmt: skip
    return gift, payment


def _charge(payment, **fields):
    return {
        "id": "ch_gift_1", "object": "charge", "payment_intent": payment.provider_payment_id, "customer": "cus_giver",
        "amount": payment.amount_minor, "metadata": {"charge_key": payment.charge_key}, **fields,
    }  # fmt: skip


EVENTS = {
    "dashboard_refund": lambda payment: {
        "id": "evt_gift_refund_1", "object": "event", "type": "charge.refunded",
        "data": {"object": _charge(payment, refunded=True, amount_refunded=payment.amount_minor)},
    },
    "chargeback_lost": lambda payment: {
        "id": "evt_gift_dispute_1", "object": "event", "type": "charge.dispute.funds_withdrawn",
        "data": {"object": {
            "id": "dp_gift_1", "object": "dispute", "charge": "ch_gift_1", "payment_intent": payment.provider_payment_id,
            "amount": payment.amount_minor, "status": "lost",
        }},
    },
}  # fmt: skip


@pytest.mark.parametrize("event", EVENTS, ids=list(EVENTS))
def test_a_gift_whose_money_came_back_at_the_provider_cannot_be_redeemed(client, django_user_model, event):
    gift, payment = _paid_sent_gift(django_user_model)
    body, headers = signed_stripe_event(EVENTS[event](payment))
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200

    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    with pytest.raises(GiftCodeInvalid):
        gift_redeem(code=gift.code, user=ravi)
