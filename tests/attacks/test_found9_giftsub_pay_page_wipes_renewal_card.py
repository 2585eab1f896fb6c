"""A subscriber whose renewals are charged to a card saved at Razorpay (the
site has since moved its checkout to Stripe) opens the payment page of a gift
they are buying: the page made a Stripe customer for them and recorded it
over their Razorpay one, forgetting the saved card, so their next renewal
could not be charged."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.payments.models import BillingProfile
from masthead.testing.stripe import GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_buying_a_gift_by_card_keeps_the_buyers_renewal_card_at_another_provider(localstripe, django_user_model):
    plan = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)
    buyer = django_user_model.objects.create_user(username="b", email="b@example.test", password="x" * 20)
    BillingProfile.objects.create(
        user=buyer, name="Meera Iyer", state_code="27", provider="razorpay",
        provider_customer_id="cust_rzp_1", provider_payment_method_id="token_rzp_1",
    )  # fmt: skip
    browser = Client()
    browser.force_login(buyer)
    browser.post("/gift/", {
        "plan": plan.slug, "recipient_name": "Ravi", "recipient_email": "ravi@example.test",
        "send_on": local_date(timezone.now()).isoformat(), "name": "Meera Iyer", "state_code": "27", "gstin": "",
    })  # fmt: skip
    gift = GiftSubscription.objects.get()

    page = browser.get(f"/gift/{gift.pk}/pay/").text
    profile = BillingProfile.objects.get(user=buyer)
    assert (profile.provider, profile.provider_customer_id, profile.provider_payment_method_id) == (
        "razorpay", "cust_rzp_1", "token_rzp_1"
    )
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', page).group(1)
    confirm_card(setup_id, GOOD_CARD)
    browser.post(f"/gift/{gift.pk}/pay/confirm/", {"setup_id": setup_id})

    gift.refresh_from_db()
    assert gift.status in (GiftSubscriptionStatus.PAID, GiftSubscriptionStatus.SENT)
    profile.refresh_from_db()
    assert (profile.provider, profile.provider_customer_id, profile.provider_payment_method_id) == (
        "razorpay", "cust_rzp_1", "token_rzp_1"
    )
