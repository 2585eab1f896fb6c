"""Pausing a subscription, against localstripe and a real SMTP server: the
pause begins when the paid term ends, nothing is charged or read during it,
and it ends with a renewal the billing clock announces and charges like any
other (or earlier, when the reader resumes)."""

from datetime import timedelta

import pytest
import time_machine

from masthead.core.errors import InvalidOperation, InvalidTransition
from masthead.core.periods import local_date
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import ChargeNotWanted, TermAlreadyPaid
from masthead.subscriptions import billing, services
from masthead.subscriptions.billing.clock import PauseNotOver
from masthead.subscriptions.entitlement import is_subscriber
from masthead.subscriptions.models import EventReason, PauseSettings, RenewalNotice, Subscription, SubscriptionStatus
from masthead.subscriptions.pauses import pause_end
from masthead.subscriptions.states import subscription_move
from masthead.testing.stripe import DECLINED_CARD, GOOD_CARD, intents_with_key, save_card, subscribe
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="paula", email="paula@example.test", password="a long password here")


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def subscription(localstripe, reader, quarterly):
    return subscribe(reader, quarterly)


def _paused(subscription, months=2, *, days_before_end=10):
    return services.subscription_pause(
        subscription=subscription, months=months, by=subscription.user, now=subscription.term_end - timedelta(days=days_before_end)
    )


def _term2_payments(subscription):
    return Payment.objects.filter(subscription=subscription, term_number=2)


def _subjects(smtp):
    return [message["Subject"] for _, message in smtp.messages]


def _body(smtp, words):
    (message,) = [message for _, message in smtp.messages if words in message["Subject"]]
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_pause_begins_when_the_paid_term_ends_and_nothing_is_charged_or_read_during_it(
    subscription, reader, smtp, django_capture_on_commit_callbacks
):
    end = subscription.term_end
    with django_capture_on_commit_callbacks(execute=True):
        paused = _paused(subscription, months=2)
    assert paused.status == S.PAUSED and paused.pause_until == pause_end(end, 2)
    assert paused.events.last().reason == EventReason.PAUSED_BY_READER and paused.events.last().actor == reader

    body = _body(smtp, "is paused")
    # The mail's days are the publication's calendar days, whatever the hour in UTC.
    assert f"paused from {local_date(end):%-d %B %Y} to {local_date(paused.pause_until):%-d %B %Y}" in body
    assert "₹900" in body

    # What was paid for is read to its end; then the reader is as a non-subscriber.
    assert is_subscriber(reader, now=end - timedelta(minutes=1))
    assert not is_subscriber(reader, now=end + timedelta(minutes=1))
    for now in (end - timedelta(hours=47), end + timedelta(minutes=1), end + timedelta(days=2), end + timedelta(days=40)):
        billing.billing_clock_tick(now=now)
    assert not _term2_payments(subscription).exists() and not RenewalNotice.objects.exists()
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED and subscription.term_number == 1
    assert not is_subscriber(reader, now=end + timedelta(days=40))


def test_when_the_pause_ends_the_clock_announces_a_day_ahead_then_charges_and_a_new_term_starts(
    subscription, reader, smtp, django_capture_on_commit_callbacks
):
    paused = _paused(subscription, months=1)
    until = paused.pause_until
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=until - timedelta(hours=47))
    (notice,) = RenewalNotice.objects.all()
    assert notice.term_number == 2 and notice.charge_on == until and notice.amount_minor == 900_00
    body = _body(smtp, "pause ends")
    assert f"Your pause ends on {local_date(until):%-d %B %Y}" in body and "₹900" in body

    billing.billing_clock_tick(now=until - timedelta(minutes=1))
    assert not _term2_payments(subscription).exists()
    billing.billing_clock_tick(now=until + timedelta(minutes=1))
    billing.billing_clock_tick(now=until + timedelta(minutes=6))

    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2 and subscription.pause_until is None
    assert subscription.term_start == until and subscription.term_end == pause_end(until, 3)
    assert subscription.events.last().reason == EventReason.PAUSE_OVER
    (paid,) = _term2_payments(subscription)
    assert paid.status == PaymentStatus.SUCCEEDED and paid.amount_minor == 900_00 and paid.invoice is not None
    assert len(intents_with_key(paid.charge_key)) == 1
    assert is_subscriber(reader, now=until + timedelta(minutes=7))


def test_the_clock_charges_no_sooner_than_a_day_after_a_late_notice(subscription):
    until = _paused(subscription, months=1).pause_until
    billing.billing_clock_tick(now=until + timedelta(hours=1))  # the clock was down: the notice goes now
    assert RenewalNotice.objects.filter(term_number=2).exists() and not _term2_payments(subscription).exists()
    billing.billing_clock_tick(now=until + timedelta(hours=24, minutes=30))
    assert not _term2_payments(subscription).exists()
    billing.billing_clock_tick(now=until + timedelta(hours=25, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2


def test_an_offers_discounted_terms_not_yet_used_still_apply_after_a_pause(localstripe, reader, quarterly):
    offer = make_offer(quarterly, code="TWOTERMS", terms=2)
    subscription = subscribe(reader, quarterly, offer=offer)
    until = _paused(subscription, months=3).pause_until
    billing.billing_clock_tick(now=until - timedelta(hours=47))
    billing.billing_clock_tick(now=until + timedelta(minutes=1))
    (paid,) = _term2_payments(subscription)
    assert paid.status == PaymentStatus.SUCCEEDED and paid.amount_minor == 450_00


def test_a_failed_charge_at_the_pauses_end_goes_past_due_and_a_retry_starts_the_term_from_the_pauses_end(
    subscription, reader, settings
):
    settings.MASTHEAD_GRACE_DAYS = 7
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = "1,3,5"
    until = _paused(subscription, months=1).pause_until
    save_card(reader, DECLINED_CARD)
    billing.billing_clock_tick(now=until - timedelta(hours=47))
    billing.billing_clock_tick(now=until + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE and subscription.events.filter(reason=EventReason.RENEWAL_FAILED).exists()
    assert subscription.grace_until == until + timedelta(days=7) and subscription.term_end == until
    assert is_subscriber(reader, now=until + timedelta(days=1))  # the grace of any failed renewal

    save_card(reader, GOOD_CARD)
    billing.billing_clock_tick(now=until + timedelta(days=1, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2
    assert subscription.term_start == until and subscription.term_end == pause_end(until, 3)


def test_resume_now_charges_once_and_starts_the_next_term_today(subscription, reader):
    end = subscription.term_end
    _paused(subscription, months=3)
    stale = Subscription.objects.get(pk=subscription.pk)  # a copy read before the first click landed
    now = end + timedelta(days=20)
    assert not is_subscriber(reader, now=now)

    paid = billing.pause_resume_now(subscription=subscription, now=now)
    assert paid.status == PaymentStatus.SUCCEEDED and paid.term_number == 2
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_start == now
    assert subscription.term_end == pause_end(now, 3) and subscription.events.last().reason == EventReason.RESUMED_EARLY
    assert is_subscriber(reader, now=now + timedelta(minutes=1))

    # The second click finds the pause over and the term paid: no second charge.
    with pytest.raises((ChargeNotWanted, TermAlreadyPaid)):
        billing.pause_resume_now(subscription=Subscription.objects.get(pk=subscription.pk), now=now)
    with pytest.raises((ChargeNotWanted, TermAlreadyPaid)):
        billing.pause_resume_now(subscription=stale, now=now)
    assert _term2_payments(subscription).count() == 1 and len(intents_with_key(paid.charge_key)) == 1
    # The clock, at the old pause's end, has nothing to charge.
    billing.billing_clock_tick(now=end + timedelta(days=95))
    assert _term2_payments(subscription).count() == 1


def test_resume_now_before_the_pause_begins_charges_nothing(subscription):
    _paused(subscription)
    with pytest.raises(PauseNotOver):
        billing.pause_resume_now(subscription=subscription, now=subscription.term_end - timedelta(days=1))
    assert not _term2_payments(subscription).exists()


def test_a_declined_resume_now_leaves_the_pause_and_the_clock_still_renews_at_its_end(subscription, reader):
    end = subscription.term_end
    until = _paused(subscription, months=1).pause_until
    save_card(reader, DECLINED_CARD)
    declined = billing.pause_resume_now(subscription=subscription, now=end + timedelta(days=3))
    assert declined.status == PaymentStatus.FAILED
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED and subscription.pause_until == until
    assert not is_subscriber(reader, now=end + timedelta(days=3))

    save_card(reader, GOOD_CARD)
    billing.billing_clock_tick(now=until - timedelta(hours=47))
    billing.billing_clock_tick(now=until + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2 and subscription.term_start == until
    assert _term2_payments(subscription).filter(status=PaymentStatus.SUCCEEDED, attempt=2).count() == 1


def test_a_pause_is_undone_before_it_begins_and_the_subscription_renews_at_the_terms_end(
    subscription, reader, smtp, django_capture_on_commit_callbacks
):
    end = subscription.term_end
    _paused(subscription)
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_pause_undo(subscription=subscription, by=reader, now=end - timedelta(days=5))
    assert subscription.status == S.ACTIVE and subscription.pause_until is None
    assert subscription.events.last().reason == EventReason.PAUSE_UNDONE
    assert "no longer paused" in _body(smtp, "renew as before")
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2 and subscription.term_start == end


def test_a_pause_that_has_begun_cannot_be_undone(subscription):
    _paused(subscription)
    with pytest.raises(InvalidOperation) as refused:
        services.subscription_pause_undo(subscription=subscription, now=subscription.term_end)
    assert "already begun" in refused.value.message
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED


def test_pausing_withdraws_a_pre_debit_notice_already_sent_and_nothing_is_charged_at_the_terms_end(subscription):
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    assert RenewalNotice.objects.filter(term_number=2).exists()
    paused = _paused(subscription, days_before_end=1)
    assert not RenewalNotice.objects.exists()
    assert paused.events.last().detail["renewal_notice_withdrawn"] == end.isoformat()
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    assert not _term2_payments(subscription).exists()


def test_cancelling_a_pause_still_to_come_reads_to_the_terms_end_and_is_never_charged(subscription, reader):
    end = subscription.term_end
    _paused(subscription)
    services.subscription_cancel(subscription=subscription, by=reader, now=end - timedelta(days=3))
    assert subscription.status == S.CANCELLING and subscription.pause_until is None
    assert is_subscriber(reader, now=end - timedelta(minutes=1))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED and not _term2_payments(subscription).exists()


def test_cancelling_during_a_pause_ends_the_subscription_at_once(subscription, reader, smtp, django_capture_on_commit_callbacks):
    end = subscription.term_end
    until = _paused(subscription).pause_until
    with time_machine.travel(end + timedelta(days=3), tick=False), django_capture_on_commit_callbacks(execute=True):
        services.subscription_cancel(subscription=subscription, by=reader)
    assert subscription.status == S.ENDED and subscription.events.last().reason == EventReason.CANCELLED_BY_READER
    assert "full access has ended" in _body(smtp, "is cancelled")
    billing.billing_clock_tick(now=until + timedelta(minutes=1))
    assert not _term2_payments(subscription).exists()


# Refusals: each says why, in the words the account page shows, and changes nothing.


def _refused(subscription, months=1, now=None):
    now = now or subscription.term_end - timedelta(days=10)
    status = Subscription.objects.get(pk=subscription.pk).status
    with pytest.raises(InvalidOperation) as refused:
        services.subscription_pause(subscription=subscription, months=months, now=now)
    assert Subscription.objects.get(pk=subscription.pk).status == status
    assert services.subscription_pause_refusal(subscription=subscription, now=now) in (refused.value.message, None)
    return refused.value.message


def test_a_pause_is_refused_during_a_trial(localstripe, reader):
    subscription = subscribe(reader, make_plan(price_minor=900_00, term_months=3, trial_days=14))
    assert "during a free trial" in _refused(subscription, now=subscription.term_end - timedelta(days=3))


def test_a_pause_is_refused_for_a_gift_subscription(reader, quarterly):
    gift = services.subscription_gift_apply(user=reader, plan=quarterly, months=3)
    assert "gift subscription cannot be paused" in _refused(gift)


def test_a_pause_is_refused_when_cancelled_or_past_due(subscription, reader):
    services.subscription_cancel(subscription=subscription, by=reader)
    assert "is cancelled" in _refused(subscription)
    services.subscription_resume(subscription=subscription, by=reader)
    subscription_move(subscription=subscription, to=S.PAST_DUE, reason=EventReason.RENEWAL_FAILED)
    assert "renewal payment has not gone through" in _refused(subscription)


def test_a_pause_is_refused_once_the_renewal_is_due(subscription):
    assert "renewal is due now" in _refused(subscription, now=subscription.term_end)


def test_a_pause_lasts_between_the_staffs_shortest_and_longest(subscription):
    assert _refused(subscription, months=4) == "A pause lasts 1 to 3 months."
    assert _refused(subscription, months=0) == "A pause lasts 1 to 3 months."
    PauseSettings.objects.create(shortest_months=2, longest_months=6, pauses_per_year=1)
    assert _refused(subscription, months=1) == "A pause lasts 2 to 6 months."
    assert _paused(subscription, months=6).pause_until == pause_end(subscription.term_end, 6)


def test_one_pause_in_twelve_months_unless_staff_allow_more_and_an_undone_pause_does_not_count(subscription, reader):
    end = subscription.term_end
    first_at = end - timedelta(days=10)
    _paused(subscription, months=1)
    services.subscription_pause_undo(subscription=subscription, now=end - timedelta(days=9))
    _paused(subscription, months=1, days_before_end=8)  # the undone one did not count
    until = subscription.pause_until
    billing.billing_clock_tick(now=until - timedelta(hours=47))
    billing.billing_clock_tick(now=until + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE
    second_paused_at = end - timedelta(days=8)
    assert _refused(subscription, now=subscription.term_end - timedelta(days=10)) == (
        f"You can pause once in 12 months; you can pause again from {pause_end(second_paused_at, 12):%-d %B %Y}."
    )
    PauseSettings.objects.create(shortest_months=1, longest_months=3, pauses_per_year=2)
    assert services.subscription_pause(subscription=subscription, months=1, now=subscription.term_end - timedelta(days=10))
    assert first_at < second_paused_at


def test_staff_can_switch_pausing_off(subscription):
    PauseSettings.objects.create(pauses_per_year=0)
    assert _refused(subscription) == "Pausing a subscription is not offered just now."


def test_a_paused_subscription_cannot_be_paused_again_or_moved_from_a_stale_copy(subscription):
    stale = Subscription.objects.get(pk=subscription.pk)
    _paused(subscription)
    assert _refused(subscription) == "Your subscription is already paused."
    with pytest.raises(InvalidOperation):
        services.subscription_pause(subscription=stale, months=1, now=stale.term_end - timedelta(days=10))
    with pytest.raises(InvalidTransition):
        subscription_move(subscription=stale, to=S.PAUSED, reason=EventReason.PAUSED_BY_READER, only_from=(S.ACTIVE,))
    assert subscription.events.filter(reason=EventReason.PAUSED_BY_READER).count() == 1


def test_a_gift_is_not_redeemed_onto_a_paused_subscription(subscription, reader, quarterly):
    _paused(subscription)
    with pytest.raises(InvalidOperation) as refused:
        services.subscription_gift_apply(user=reader, plan=quarterly, months=3)
    assert "is paused" in refused.value.message
    subscription.refresh_from_db()
    assert subscription.status == S.PAUSED
