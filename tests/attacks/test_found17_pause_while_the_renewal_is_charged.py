"""A renewal charge that lands after a gift moved the renewal is refunded
(settled.renewal_moved): the reader is never charged today for a term that
begins months from now. But renewal_moved only asks this of an active or
past-due subscription. A reader who redeems a gift while the clock is
charging the card (the term is then no longer over) can also pause at once:
the charge then lands on a *paused* subscription, is kept, and ``_renewed``
takes it as a "resume now": the pause the reader was just told about is
silently dropped (it still counts against the limit), the subscription is
active again, and the reader has paid today for the term after the gift's
months, announced by a notice the gift withdrew.

Expected: the charge is refunded as on an active subscription, and the
subscription stays paused from the gift's end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new, gift_redeem
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.subscriptions import services
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import RenewalNotice, Subscription, SubscriptionStatus
from masthead.testing.stripe import subscribe
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


class _SlowCharge:
    """The site's provider, whose charge takes long enough for ``meanwhile`` to commit."""

    def __init__(self, provider, meanwhile):
        self._provider, self._meanwhile = provider, meanwhile

    def __getattr__(self, name):
        return getattr(self._provider, name)

    def charge(self, **kwargs):
        self._meanwhile()
        return self._provider.charge(**kwargs)


def test_a_pause_asked_for_while_the_renewal_is_at_the_provider_is_kept_and_nothing_is_charged(
    localstripe, django_user_model, django_capture_on_commit_callbacks
):
    reader = django_user_model.objects.create_user(username="monthly", email="monthly@example.test", password="x" * 20)
    plan = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1)
    subscription = subscribe(reader, plan)
    now = timezone.now()
    old_end = now - timedelta(minutes=5)
    Subscription.objects.filter(pk=subscription.pk).update(term_end=old_end)
    RenewalNotice.objects.create(
        subscription=subscription, term_number=2, amount_minor=300_00, charge_on=old_end, sent_at=now - timedelta(days=2)
    )
    buyer = django_user_model.objects.create_user(username="friend", email="friend@example.test", password="x" * 20)
    gift = GiftSubscription.objects.create(
        buyer=buyer, plan=plan, term_months=6, price_minor=1_800_00, recipient_name="M",
        recipient_email=reader.email, send_on=local_date(now), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip

    def redeem_then_pause():
        gift_redeem(code=gift.code, user=reader)
        services.subscription_pause(subscription=Subscription.objects.get(pk=subscription.pk), months=2, by=reader)

    provider = _SlowCharge(payment_provider(), redeem_then_pause)
    with django_capture_on_commit_callbacks(execute=False):
        clock.renewals_charge(provider=provider)

    after = Subscription.objects.get(pk=subscription.pk)
    kept = Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED, duplicate=False)
    assert not kept.exists(), (
        f"charged {kept.first().amount} today on a paused subscription; it is now {after.status}, "
        f"term {after.term_number} from {local_date(after.term_start)} to {local_date(after.term_end)}"
    )
    assert after.status == SubscriptionStatus.PAUSED and after.term_number == 1
