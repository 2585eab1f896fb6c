"""Opening "Change payment card" after the site moved its checkout to another
provider.

A subscriber's card saved at the provider they paid with (here the fake
provider, standing in for Razorpay) still pays their renewals there
(renewal_attempt charges through the provider that saved the card). The page
used to make a customer at today's provider on the GET and record it on the
billing profile, clearing the saved card: a subscriber who only looked at the
page (or whose browser was made to load it by another site, an <img>) had no
card at renewal time and fell into grace, then lapsed.
"""

import re

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile, PaymentStatus
from masthead.payments.providers.fake import GOOD_CARD as FAKE_GOOD_CARD
from masthead.payments.providers.fake import confirm_card as fake_confirm_card
from masthead.subscriptions import services
from masthead.subscriptions.billing.clock import renewal_attempt
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def subscriber_of_the_old_provider(localstripe, fake_provider, settings, django_user_model):
    """Paid through the old provider with a saved card; checkout now uses Stripe."""
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long password here")
    customer_id = fake_provider.customer(email=reader.email, name="Asha Rao")
    setup = fake_provider.card_setup(customer_id=customer_id)
    fake_confirm_card(setup.setup_id, FAKE_GOOD_CARD)
    saved = fake_provider.saved_method(setup_id=setup.setup_id)
    BillingProfile.objects.create(
        user=reader, name="Asha Rao", state_code="27", provider="fake",
        provider_customer_id=saved.customer_id, provider_payment_method_id=saved.payment_method_id,
    )  # fmt: skip
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=make_plan()))
    settings.MASTHEAD_PAYMENT_PROVIDER = "stripe"
    browser = Client()
    browser.force_login(reader)
    return reader, subscription, browser


def test_looking_at_the_change_card_page_keeps_the_card_that_pays_renewals(subscriber_of_the_old_provider):
    reader, subscription, browser = subscriber_of_the_old_provider
    page = browser.get("/account/card/")
    assert re.search(r'name="setup_id" value="seti_', page.text), "no Stripe card form"

    # The subscriber leaves without entering a card; the renewal falls due.
    renewal = renewal_attempt(subscription, attempt=1, now=subscription.term_end)

    subscription.refresh_from_db()
    assert renewal is not None and renewal.status == PaymentStatus.SUCCEEDED, "the renewal found no card"
    assert subscription.status == S.ACTIVE
    assert subscription.term_number == 2


def test_a_new_card_entered_on_the_page_then_pays_renewals_at_the_new_provider(subscriber_of_the_old_provider):
    reader, subscription, browser = subscriber_of_the_old_provider
    page = browser.get("/account/card/")
    setup_id = re.search(r'name="setup_id" value="(seti_[^"]+)"', page.text).group(1)
    confirm_card(setup_id, GOOD_CARD)

    saved = browser.post("/account/card/", {"setup_id": setup_id}, follow=True)
    assert "Your new card is saved." in saved.text

    profile = BillingProfile.objects.get(user=reader)
    assert profile.provider == "stripe"
    assert profile.provider_customer_id.startswith("cus_")
    assert profile.provider_payment_method_id.startswith("pm_")
    renewal = renewal_attempt(subscription, attempt=1, now=subscription.term_end)
    assert renewal is not None and renewal.status == PaymentStatus.SUCCEEDED
    assert renewal.provider == "stripe"


def test_a_card_form_from_another_session_is_not_saved(subscriber_of_the_old_provider, django_user_model):
    """The form shown to someone else (another reader's Stripe customer) is
    still refused on this reader's page."""
    reader, subscription, browser = subscriber_of_the_old_provider
    other = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="a long password here")
    BillingProfile.objects.create(user=other, name="Ravi", state_code="27")
    other_sub = services.subscription_activate(subscription=services.subscription_begin(user=other, plan=make_plan(slug="other")))
    assert other_sub.status == S.ACTIVE
    other_browser = Client()
    other_browser.force_login(other)
    setup_id = re.search(r'name="setup_id" value="(seti_[^"]+)"', other_browser.get("/account/card/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)

    before = BillingProfile.objects.get(user=reader)
    browser.get("/account/card/")
    refused = browser.post("/account/card/", {"setup_id": setup_id}, follow=True)

    assert "That card was not entered on your payment page" in refused.text
    after = BillingProfile.objects.get(user=reader)
    assert (after.provider, after.provider_payment_method_id) == (before.provider, before.provider_payment_method_id)
