"""Staff refunds are confirmed in two steps, and at "Yes, refund" the admin
asks again what each refund does (refund_effect) and compares it with what
the confirmation page said. That comparison runs in the admin, before
``payment_refund`` takes the subscription's (or gift's) lock: whatever
commits between the comparison and the lock (a gift redeemed by the buyer's
friend, the billing clock renewing the term) is refunded as if staff had
seen it.

- A gift whose void staff confirmed is redeemed in that window: the buyer
  gets the money back and the recipient keeps the months.
- A current term's payment, refunded to end the subscription ("the reader
  stops reading at once"), is renewed in that window: the refund goes
  through, the reader keeps reading the next term, and staff are told the
  reader no longer reads.

Expected: the effect is checked under the same lock as the refund; a refund
whose effect changed is not made (staff are asked again)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_redeem
from masthead.payments import admin as payments_admin
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import RenewalNotice, Subscription, SubscriptionStatus
from masthead.testing.admin import PAYMENTS, refund_confirmation
from masthead.testing.stripe import GOOD_CARD, confirm_card, subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
G = GiftSubscriptionStatus
S = SubscriptionStatus


def _staff(django_user_model):
    staff = django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20)
    browser = Client()
    browser.force_login(staff)
    return browser


def _between_the_check_and_the_refund(monkeypatch, action):
    """``action`` commits after the admin compared the effects and before
    the refund takes its lock (another request landing at that moment)."""
    real = payments_admin.payment_refund
    done = []

    def refund_a_moment_later(*args, **kwargs):
        if not done:
            done.append(action())
        return real(*args, **kwargs)

    monkeypatch.setattr(payments_admin, "payment_refund", refund_a_moment_later)
    return done


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


def test_a_gift_redeemed_after_the_check_and_before_the_refund_is_not_refunded_unseen(
    localstripe, django_user_model, django_capture_on_commit_callbacks, monkeypatch
):
    gift = _paid_gift(django_user_model, django_capture_on_commit_callbacks)
    payment = Payment.objects.get(gift=gift)
    admin = _staff(django_user_model)
    form = refund_confirmation(admin, [payment.pk])
    assert "it is voided and its code stops working" in form[f"refund_effect_{payment.pk}"]

    friend = django_user_model.objects.create_user(username="friend", email="friend@example.test", password="x" * 20)
    redeemed = _between_the_check_and_the_refund(monkeypatch, lambda: gift_redeem(code=gift.code, user=friend))
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin.post(PAYMENTS, {**form, "confirmed": "yes"}, follow=True)

    payment.refresh_from_db()
    kept = Subscription.objects.filter(user=friend, status=S.GIFT).exists()
    assert redeemed or payment.status != PaymentStatus.REFUNDED
    assert not (payment.status == PaymentStatus.REFUNDED and kept), (
        f"staff confirmed a void; the buyer got {payment.amount} back and the recipient kept the gift; "
        f"staff were told: {re.findall(r'Refunded [^<]*', answer.text)}"
    )
    # Staff are asked again, with what the refund does now.
    assert "changed since you looked" in answer.text
    assert "The gift was redeemed by friend@example.test" in answer.text


def test_a_term_renewed_after_the_check_and_before_the_refund_is_not_refunded_unseen(
    localstripe, django_user_model, django_capture_on_commit_callbacks, monkeypatch
):
    reader = django_user_model.objects.create_user(username="monthly", email="monthly@example.test", password="x" * 20)
    subscription = subscribe(reader, make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1))
    first = Payment.objects.get(subscription=subscription, status=PaymentStatus.SUCCEEDED)
    now = timezone.now()
    Subscription.objects.filter(pk=subscription.pk).update(term_end=now - timedelta(minutes=5))
    RenewalNotice.objects.create(
        subscription=subscription, term_number=2, amount_minor=300_00, charge_on=now - timedelta(minutes=5),
        sent_at=now - timedelta(days=2),
    )  # fmt: skip
    admin = _staff(django_user_model)
    form = refund_confirmation(admin, [first.pk])
    assert "the reader stops reading at once" in form[f"refund_effect_{first.pk}"]

    renewed = _between_the_check_and_the_refund(monkeypatch, lambda: clock.renewals_charge())
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin.post(PAYMENTS, {**form, "confirmed": "yes"}, follow=True)

    first.refresh_from_db()
    subscription.refresh_from_db()
    told = re.findall(r"Refunded [^<]*", answer.text)
    assert renewed or first.status != PaymentStatus.REFUNDED
    assert not (first.status == PaymentStatus.REFUNDED and subscription.status == S.ACTIVE), (
        f"staff confirmed 'the reader stops reading at once'; {first.amount} went back and the reader reads "
        f"term {subscription.term_number} until {local_date(subscription.term_end)}; staff were told: {told}"
    )
    assert not told, told
    assert "changed since you looked" in answer.text
    assert "The reader keeps reading (this payment did not pay the current term)." in answer.text
