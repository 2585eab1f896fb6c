"""The billing clock sends the pre-debit notices from subscription rows it
read at the start of its run (renewal_notices_send → _notice_send), with
neither a lock nor a second look, and mails each one as it goes; a run with
many renewals takes a while. A subscriber who presses "Stay for ₹540" on the
cancel page after the clock read their row and before it reached them takes
the discount (no notice exists yet, so none is withdrawn), and then the clock
writes and mails their notice from the row it read: "we will charge ₹900".

The renewal is then charged ₹540 (term_price is read again at the charge):
the pre-debit notice, the one figure the e-mandate rules want the reader told
24 hours ahead, names a different amount from the charge, and the reader who
has just been promised ₹540 is e-mailed that ₹900 is coming.

Expected: the notice names what the renewal will charge (₹540), whatever the
reader took on the cancel page while the clock was running."""

from datetime import timedelta

import pytest

from masthead.subscriptions.cancelling import save_offer_accept, save_offer_for
from masthead.subscriptions.models import (
    RenewalNotice,
    SaveOfferKind,
    SaveOfferSettings,
    Subscription,
)
from masthead.testing.renewals import notices_sent_while, quarterly_subscriber
from masthead.testing.subscriptions import make_offer

pytestmark = pytest.mark.django_db


def test_a_discount_taken_while_the_clock_announces_renewals_is_what_the_notice_says():
    subscription = quarterly_subscriber("stayer")
    offer = make_offer(subscription.plan, name="Stay with us", kind="percent", value=40)
    SaveOfferSettings(kind=SaveOfferKind.DISCOUNT, discount_offer=offer).save()

    def reader_presses_stay(at):
        fresh = Subscription.objects.get(pk=subscription.pk)
        if fresh.save_offer_id is None:
            save_offer_accept(subscription=fresh, key=save_offer_for(subscription=fresh, now=at).key, now=at)

    notices_sent_while(reader_presses_stay, now=subscription.term_end - timedelta(hours=47))

    subscription = Subscription.objects.get(pk=subscription.pk)
    notice = RenewalNotice.objects.get(subscription=subscription, term_number=subscription.term_number + 1)
    charged = subscription.term_price(subscription.term_number + 1)
    assert charged.minor == 540_00
    assert notice.amount_minor == charged.minor, f"notice says {notice.amount_minor / 100:.0f}, charge is {charged}"
