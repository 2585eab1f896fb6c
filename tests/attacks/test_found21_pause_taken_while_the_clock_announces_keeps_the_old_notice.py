"""A subscriber presses "Pause for 1 month instead" on the cancel page (or
pauses from the account page) while the billing clock is sending pre-debit
notices: the clock read their row (active, renewing in two days) before the
pause and writes the notice after it (renewal_notices_send → _notice_send,
with no lock and no second look). The pause found no notice to withdraw, so
the notice for the next term stays, naming the old day the term ends.

A month later the pause ends. The clock finds that old notice for the term
(get_or_create), so it sends none, and charges at once, since the old notice
is long past its day: the reader, told by the pause e-mail "we e-mail you a
day before", is charged with no notice at all, and the only one they have
names a day a month earlier.

Expected: a pause, whenever it is taken, leaves no notice naming the old day;
the renewal after the pause is announced for the day it is charged."""

from datetime import timedelta

import pytest

from masthead.subscriptions import billing
from masthead.subscriptions.cancelling import save_offer_accept, save_offer_for
from masthead.subscriptions.models import (
    RenewalNotice,
    SaveOfferKind,
    SaveOfferSettings,
    Subscription,
    SubscriptionStatus,
)
from masthead.testing.renewals import notices_sent_while, quarterly_subscriber

pytestmark = pytest.mark.django_db


def test_a_pause_taken_while_the_clock_announces_is_announced_again_before_it_ends():
    subscription = quarterly_subscriber("pauser")
    SaveOfferSettings(kind=SaveOfferKind.PAUSE, pause_months=1).save()

    def reader_pauses_instead(at):
        fresh = Subscription.objects.get(pk=subscription.pk)
        if fresh.status == SubscriptionStatus.ACTIVE:
            save_offer_accept(subscription=fresh, key=save_offer_for(subscription=fresh, now=at).key, now=at)

    notices_sent_while(reader_pauses_instead, now=subscription.term_end - timedelta(hours=47))

    subscription = Subscription.objects.get(pk=subscription.pk)
    assert subscription.status == SubscriptionStatus.PAUSED
    # Two days before the pause ends, the clock announces the renewal.
    billing.renewal_notices_send(now=subscription.pause_until - timedelta(hours=47))
    notice = RenewalNotice.objects.get(subscription=subscription, term_number=subscription.term_number + 1)
    ends = subscription.pause_until
    assert notice.charge_on >= ends, f"the notice names {notice.charge_on:%d %B}, the pause ends {ends:%d %B}"
