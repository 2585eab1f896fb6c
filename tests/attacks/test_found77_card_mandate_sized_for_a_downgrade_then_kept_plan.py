"""A new card saved from the card link while a cheaper plan is scheduled
gets a mandate sized for that plan; keeping the current plan afterwards is
allowed, and the renewal is beyond the card's mandate.

What the reader does: on Smart Quarterly (₹900), renewing with a saved
card, they schedule a switch to Smart Monthly (₹250) at the renewal, then
open the card link to put renewals on a new card. Nothing is owed, so
Razorpay's ₹1 order is opened with a token whose max_amount is
renewals_price: the scheduled plan's price, ₹250. They pay it; the card
token is kept with a limit of ₹250. Then they change their mind and press
"Keep my plan" (plan_change_undo). Undoing is checked by plan_change_refusal
with no plan, so the mandate limit is never compared with the plan the
renewal now charges: the subscription renews at ₹900, on a card mandate
Razorpay holds to ₹250. The renewal is declined, the reader falls past due
and is told their card failed, although they did nothing wrong.

Expected: either the card's mandate covers the plan the reader keeps (the
authorisation asks for the larger of the current and scheduled prices), or
keeping the plan is refused with the mandate's reason, as a dearer plan
change is.
"""

import pytest

from masthead.payments.models import BillingProfile
from masthead.subscriptions import services
from masthead.subscriptions.plan_changes import PlanChangeRefused
from masthead.subscriptions.tests.test_card_link_razorpay import (  # noqa: F401 - the Razorpay site, reader and helpers
    _answer,
    _answers,
    _link,
    _orders,
    _refund_answers,
    browser,
    mailbox,
    reader,
    subscription,
)
from masthead.testing.subscriptions import make_plan


@pytest.mark.django_db
def test_keeping_the_plan_after_a_card_saved_for_a_downgrade_stays_within_the_mandate(
    browser, subscription, razorpay_answers, django_capture_on_commit_callbacks  # noqa: F811
):
    monthly = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=250_00, term_months=1)
    subscription = services.plan_change_schedule(subscription=subscription, plan=monthly)
    assert subscription.renewal_price.minor == 250_00

    recorded = razorpay_answers(_answers(amount=100, extra=_refund_answers()))
    browser.get(_link(subscription))
    (order,) = _orders(recorded)
    with django_capture_on_commit_callbacks(execute=True):
        assert "Your new card is saved" in _answer(browser).text
    profile = BillingProfile.objects.get(user=subscription.user)
    mandate = order["token"]["max_amount"]  # what Razorpay holds the new card's debits to

    # "Keep my plan": the renewal goes back to ₹900.
    try:
        subscription.refresh_from_db()
        subscription = services.plan_change_undo(subscription=subscription)
    except PlanChangeRefused:
        return  # refused for the mandate: the renewal stays within it
    subscription.refresh_from_db()
    assert subscription.renewal_price.minor <= mandate, (
        f"renewal {subscription.renewal_price} on a card mandate of {mandate} paise (kept limit {profile.mandate_max_minor})"
    )


@pytest.mark.django_db
def test_the_authorisation_offered_again_after_keeping_the_plan_covers_the_renewal(
    browser, subscription, razorpay_answers, django_capture_on_commit_callbacks  # noqa: F811
):
    """The same mandate, the other way round: the reader opens the card link
    while the switch to ₹250 is scheduled (the order asks for ₹250), keeps
    their ₹900 plan, and comes back to the card page. The ₹1 order is offered
    again because its amount (₹1) has not changed, although the mandate it
    asks for has; the kept limit is then worked out afresh (₹900), so
    Masthead believes the card may be debited ₹900 while Razorpay holds it
    to ₹250."""
    monthly = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=250_00, term_months=1)
    subscription = services.plan_change_schedule(subscription=subscription, plan=monthly)
    recorded = razorpay_answers(_answers(amount=100, extra=_refund_answers()))
    recorded.responses[("POST", "/v1/orders")] *= 2
    browser.get(_link(subscription))
    subscription.refresh_from_db()
    services.plan_change_undo(subscription=subscription)
    browser.get("/account/card/")  # the page the reader pays from now
    with django_capture_on_commit_callbacks(execute=True):
        assert "Your new card is saved" in _answer(browser).text
    paid_order = _orders(recorded)[-1]
    subscription.refresh_from_db()
    profile = BillingProfile.objects.get(user=subscription.user)
    assert subscription.renewal_price.minor <= paid_order["token"]["max_amount"]
    assert profile.mandate_max_minor == paid_order["token"]["max_amount"]
