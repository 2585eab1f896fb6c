"""Staff refund a gift subscription in two steps: the confirmation page says
what the refund will do ("The gift is not redeemed yet: it is voided and
its code stops working."), and "Yes" refunds. Nothing checks, at "Yes", that
this is still what happens. A buyer who asks for their money back ("I
changed my mind") and holds the code (the gift was mailed to a friend, or to
an address of their own) redeems it while the confirmation page is open:
staff confirm a void, the money goes back, and the months stay with the
account that redeemed them. Staff are told "Refunded 1 payment": nothing
says the gift they meant to cancel was kept.

Expected: a refund whose effect changed since staff saw it is not made; the
confirmation is shown again with what it would do now."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.stripe import GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
G = GiftSubscriptionStatus


def _paid_gift(django_user_model, capture):
    buyer = django_user_model.objects.create_user(username="giver", email="giver@example.test", password="x" * 20)
    browser = Client()
    browser.force_login(buyer)
    plan = make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)
    form = {
        "plan": plan.slug, "recipient_name": "Ravi Kumar", "recipient_email": "ravi@example.test",
        "send_on": local_date(timezone.now()).isoformat(), "message": "", "name": "Meera Iyer", "state_code": "29", "gstin": "",
    }  # fmt: skip
    assert browser.post("/gift/", form).status_code == 302
    gift = GiftSubscription.objects.latest("id")
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', browser.get(f"/gift/{gift.pk}/pay/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    with capture(execute=True):
        browser.post(f"/gift/{gift.pk}/pay/confirm/", {"setup_id": setup_id})
    gift.refresh_from_db()
    assert gift.status == G.SENT
    return gift


def test_a_gift_redeemed_while_staff_confirm_its_void_is_not_refunded_unseen(
    localstripe, django_user_model, django_capture_on_commit_callbacks
):
    gift = _paid_gift(django_user_model, django_capture_on_commit_callbacks)
    payment = Payment.objects.get(gift=gift)
    staff = django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20)
    admin = Client()
    admin.force_login(staff)
    confirm = admin.post("/admin/payments/payment/", {"action": "refund", "_selected_action": [payment.pk]})
    assert "it is voided and its code stops working" in confirm.text

    # Meanwhile the code is redeemed (the buyer's friend, or the buyer's own second account).
    friend = django_user_model.objects.create_user(username="friend", email="friend@example.test", password="x" * 20)
    gift_redeem(code=gift.code, user=friend)

    with django_capture_on_commit_callbacks(execute=True):
        answer = admin.post(
            "/admin/payments/payment/",
            {"action": "refund", "_selected_action": [payment.pk], "confirmed": "yes"},
            follow=True,
        )
    payment.refresh_from_db()
    gift.refresh_from_db()
    kept = Subscription.objects.filter(user=friend, status=SubscriptionStatus.GIFT).exists()
    assert not (payment.status == PaymentStatus.REFUNDED and kept), (
        f"staff confirmed a void; the buyer got {payment.amount} back and the gift ({gift.status}) was kept; "
        f"staff were told: {re.findall(r'Refunded [^<]*', answer.text)}"
    )
