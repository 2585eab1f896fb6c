"""A renewal due now with a gift ready to redeem, and a provider slow enough
for something else to happen while it charges: the races around a renewal
charge in flight."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_new
from masthead.subscriptions import billing, services
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import Plan, RenewalNotice, Subscription

from .stripe import subscribe
from .subscriptions import make_plan


class SlowCharge:
    """The site's provider, whose first charge waits for ``meanwhile`` to run
    (and commit) before it reaches the provider."""

    def __init__(self, provider, meanwhile):
        self._provider, self._meanwhile = provider, meanwhile

    def __getattr__(self, name):
        return getattr(self._provider, name)

    def charge(self, **kwargs):
        if self._meanwhile is not None:
            self._meanwhile, meanwhile = None, self._meanwhile
            meanwhile()
        return self._provider.charge(**kwargs)


@dataclass
class RenewalWithGift:
    reader: object
    plan: Plan
    subscription: Subscription
    gift: GiftSubscription
    now: datetime


def renewal_due_with_a_gift(*, gift_months: int) -> RenewalWithGift:
    """A monthly subscriber whose term ended five minutes ago, announced two
    days before, and a paid gift of ``gift_months`` sent to their address."""
    users = get_user_model().objects
    reader = users.create_user(username="monthly", email="monthly@example.test", password="x" * 20)
    plan = make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1)
    subscription = subscribe(reader, plan)
    now = timezone.now()
    old_end = now - timedelta(minutes=5)
    Subscription.objects.filter(pk=subscription.pk).update(term_end=old_end)
    RenewalNotice.objects.create(
        subscription=subscription, term_number=2, amount_minor=300_00, charge_on=old_end, sent_at=now - timedelta(days=2)
    )
    buyer = users.create_user(username="friend", email="friend@example.test", password="x" * 20)
    gift = GiftSubscription.objects.create(
        buyer=buyer, plan=plan, term_months=gift_months, price_minor=300_00 * gift_months, recipient_name="M",
        recipient_email=reader.email, send_on=local_date(now), code=gift_code_new(),
        status=GiftSubscriptionStatus.SENT, paid_at=now, sent_at=now,
    )  # fmt: skip
    return RenewalWithGift(reader=reader, plan=plan, subscription=subscription, gift=gift, now=now)


def notices_sent_while(meanwhile, *, now: datetime) -> int:
    """The clock's pre-debit notices sent at ``now``, with ``meanwhile`` run
    (and committed) once for each subscription it announces, after the clock
    read that subscription's row and before it writes its notice: a reader's
    click landing while the clock works through a long run."""
    real = clock._notice_send

    def notice_send(subscription, at, *args):
        meanwhile(at)
        return real(subscription, at, *args)

    with mock.patch.object(clock, "_notice_send", notice_send):
        return billing.renewal_notices_send(now=now)


def quarterly_subscriber(username: str) -> Subscription:
    """A quarterly subscriber (₹900) two months into their first term."""
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    reader = get_user_model().objects.create_user(username=username, email=f"{username}@example.test", password="x" * 20)
    begun = services.subscription_begin(user=reader, plan=plan)
    return services.subscription_activate(subscription=begun, now=timezone.now() - timedelta(days=60))
