"""The billing clock with a frozen clock, against localstripe."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection

from masthead.payments import services as payment_services
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing, selectors, services
from masthead.subscriptions.billing import clock
from masthead.subscriptions.models import (
    RenewalNotice,
    Subscription,
    SubscriptionStatus,
)
from masthead.subscriptions.states import subscription_move
from masthead.testing.stripe import (
    DECLINED_CARD,
    intents_with_key,
    save_card,
    subscribe,
)
from masthead.testing.subscriptions import make_plan
from masthead.testing.admin import refund_confirmation

S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="renew", email="renew@example.test", password="a long password here")


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def subscription(localstripe, reader, quarterly):
    return subscribe(reader, quarterly)


def _renewal_key(subscription, attempt=1):
    return payment_services.charge_key(subscription_id=subscription.pk, term_number=2, attempt=attempt)


@pytest.mark.django_db
def test_the_pre_debit_notice_goes_once_at_least_a_day_ahead(subscription, settings, django_capture_on_commit_callbacks):
    settings.MASTHEAD_PRE_DEBIT_NOTICE_HOURS = 48
    end = subscription.term_end
    with django_capture_on_commit_callbacks(execute=True):
        assert billing.renewal_notices_send(now=end - timedelta(hours=49)) == 0
        assert billing.renewal_notices_send(now=end - timedelta(hours=47)) == 1
        assert billing.renewal_notices_send(now=end - timedelta(hours=30)) == 0
    (notice,) = RenewalNotice.objects.all()
    assert notice.charge_on - notice.sent_at >= timedelta(hours=24)
    (message,) = [m for m in mail.outbox if "renews on" in m.subject]
    assert "₹900" in message.body and message.to == ["renew@example.test"]


@pytest.mark.django_db
def test_a_renewal_is_charged_once_and_starts_the_next_term(subscription):
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    billing.billing_clock_tick(now=end + timedelta(minutes=2))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2
    assert subscription.term_start == end
    assert len(intents_with_key(_renewal_key(subscription))) == 1
    assert Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1


@pytest.mark.django_db
def test_no_charge_without_a_notice_a_day_before(subscription):
    end = subscription.term_end
    # The clock was down until after the term ended: the notice goes now, the charge a day later.
    billing.billing_clock_tick(now=end + timedelta(hours=1))
    assert not Payment.objects.filter(term_number=2).exists()
    billing.billing_clock_tick(now=end + timedelta(hours=24, minutes=30))
    assert not Payment.objects.filter(term_number=2).exists()
    billing.billing_clock_tick(now=end + timedelta(hours=25, minutes=1))
    assert Payment.objects.filter(term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1


def _due_readers(django_user_model, plan, count):
    readers = [
        django_user_model.objects.create_user(username=f"due{n}", email=f"due{n}@example.test", password="x" * 16)
        for n in range(count)
    ]
    subscriptions = [subscribe(reader, plan) for reader in readers]
    end = max(s.term_end for s in subscriptions)
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    return subscriptions, end


@pytest.mark.django_db
def test_the_clock_renews_every_due_reader_across_its_chunks(localstripe, quarterly, django_user_model, monkeypatch):
    # The clock reads due subscriptions a chunk at a time; nobody may fall
    # between two chunks, and one reader's missing notice delays only them.
    monkeypatch.setattr(clock, "RENEWAL_CHUNK", 2)
    subscriptions, end = _due_readers(django_user_model, quarterly, 5)
    late = subscriptions[2]
    RenewalNotice.objects.filter(subscription=late).delete()

    assert billing.renewals_charge(now=end + timedelta(minutes=1)) == 4
    renewed = set(Subscription.objects.filter(term_number=2).values_list("pk", flat=True))
    assert renewed == {s.pk for s in subscriptions} - {late.pk}
    assert RenewalNotice.objects.filter(subscription=late, term_number=2).exists()  # announced now, charged a day later
    assert billing.renewals_charge(now=end + timedelta(minutes=2)) == 0
    assert billing.renewals_charge(now=end + timedelta(hours=25)) == 1
    assert Payment.objects.filter(term_number=2, status=PaymentStatus.SUCCEEDED).count() == 5


@pytest.mark.django_db
def test_the_periodic_clock_hands_each_chunk_of_renewals_to_the_queue(
    localstripe, quarterly, django_user_model, monkeypatch, jobs_inline
):
    from masthead.subscriptions import tasks

    monkeypatch.setattr(clock, "RENEWAL_CHUNK", 2)
    subscriptions, end = _due_readers(django_user_model, quarterly, 5)
    ran = []
    real_chunk = clock.renewals_charge_chunk
    monkeypatch.setattr(
        clock, "renewals_charge_chunk", lambda **bounds: ran.append(bounds) or real_chunk(**bounds)
    )

    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        tasks.billing_clock()
    assert len(ran) == 3  # 5 due readers in chunks of 2: three jobs
    assert Subscription.objects.filter(term_number=2, status=S.ACTIVE).count() == 5
    for s in subscriptions:
        assert len(intents_with_key(_renewal_key(s))) == 1
    with time_machine.travel(end + timedelta(minutes=6), tick=False):
        tasks.billing_clock()
    assert len(ran) == 3  # nothing due: nothing queued


@pytest.mark.django_db(transaction=True)
def test_a_chunk_queued_twice_and_taken_by_two_consumers_at_once_charges_once(
    localstripe, quarterly, django_user_model, monkeypatch
):
    # A busy day: the next turn of the clock queues a chunk again before the
    # first job for it has run, and two consumers take the copies together.
    monkeypatch.setattr(clock, "RENEWAL_CHUNK", 3)
    subscriptions, end = _due_readers(django_user_model, quarterly, 3)
    queued = []
    for minutes in (1, 2):
        billing.billing_clock_tick(now=end + timedelta(minutes=minutes), charge_chunk=lambda *b: queued.append(b))
    assert queued == [queued[0], queued[0]]
    barrier = threading.Barrier(len(queued))
    errors = []

    def consumer(after_pk, last_pk):
        try:
            barrier.wait()
            billing.renewals_charge_chunk(after_pk=after_pk, last_pk=last_pk, now=end + timedelta(minutes=3))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=consumer, args=bounds) for bounds in queued]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    for s in subscriptions:
        assert len(intents_with_key(_renewal_key(s))) == 1
    assert Subscription.objects.filter(term_number=2, status=S.ACTIVE).count() == 3
    assert Payment.objects.filter(term_number=2, status=PaymentStatus.SUCCEEDED).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_clocks_running_at_once_charge_once(subscription):
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    barrier = threading.Barrier(2)
    errors = []

    def tick():
        try:
            barrier.wait()
            billing.renewals_charge(now=end + timedelta(minutes=1))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(intents_with_key(_renewal_key(subscription))) == 1
    subscription.refresh_from_db()
    assert subscription.term_number == 2


@pytest.mark.django_db
def test_a_crash_after_the_charge_is_reconciled_not_charged_again(subscription, monkeypatch):
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    real_settle = payment_services.payment_settle

    def die(**kwargs):
        raise SystemExit("worker killed between the provider's answer and the database")

    monkeypatch.setattr(payment_services, "payment_settle", die)
    with pytest.raises(SystemExit):
        billing.renewals_charge(now=end + timedelta(minutes=1))
    assert len(intents_with_key(_renewal_key(subscription))) == 1
    assert Payment.objects.get(charge_key=_renewal_key(subscription)).status == PaymentStatus.PENDING

    monkeypatch.setattr(payment_services, "payment_settle", real_settle)
    # Within the claim, another run leaves the attempt alone.
    billing.renewals_charge(now=end + timedelta(minutes=5))
    assert Payment.objects.get(charge_key=_renewal_key(subscription)).status == PaymentStatus.PENDING
    # After it, the attempt is reconciled with Stripe by its key.
    billing.renewals_charge(now=end + timedelta(minutes=20))
    payment = Payment.objects.get(charge_key=_renewal_key(subscription))
    assert payment.status == PaymentStatus.SUCCEEDED
    assert len(intents_with_key(_renewal_key(subscription))) == 1
    subscription.refresh_from_db()
    assert subscription.term_number == 2


@pytest.mark.django_db
def test_a_failed_renewal_retries_in_grace_then_lapses(subscription, reader, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    settings.MASTHEAD_GRACE_DAYS = 7
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    assert subscription.grants_reading(end + timedelta(days=6))  # grace: still reading

    for day in (1, 3, 5):
        billing.billing_clock_tick(now=end + timedelta(days=day, minutes=1))
    attempts = Payment.objects.filter(subscription=subscription, term_number=2).order_by("attempt")
    assert [(p.attempt, p.status) for p in attempts] == [(n, PaymentStatus.FAILED) for n in (1, 2, 3, 4)]

    billing.billing_clock_tick(now=end + timedelta(days=7, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.LAPSED
    assert not subscription.grants_reading(end + timedelta(days=7, minutes=2))


@pytest.mark.django_db
def test_a_retry_that_succeeds_restores_the_subscription(subscription, reader):
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    from masthead.testing.stripe import GOOD_CARD

    save_card(reader, GOOD_CARD)
    billing.billing_clock_tick(now=end + timedelta(days=1, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2 and subscription.grace_until is None


@pytest.mark.django_db
def test_a_cancelled_subscription_ends_at_term_end_and_is_never_charged(subscription):
    services.subscription_cancel(subscription=subscription)
    end = subscription.term_end
    for offset in (timedelta(hours=-47), timedelta(minutes=1), timedelta(days=2)):
        billing.billing_clock_tick(now=end + offset)
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED
    assert not Payment.objects.filter(term_number=2).exists()
    assert not RenewalNotice.objects.exists()


@pytest.mark.django_db
def test_a_new_card_during_grace_pays_the_renewal_at_once(subscription, reader):
    import re

    from django.test import Client

    from masthead.testing.stripe import GOOD_CARD, confirm_card

    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        billing.billing_clock_tick()
        subscription.refresh_from_db()
        assert subscription.status == S.PAST_DUE
        browser = Client()
        browser.force_login(reader)
        page = browser.get("/account/card/").text
        setup_id = re.search(r'name="setup_id" value="([^"]+)"', page).group(1)
        confirm_card(setup_id, GOOD_CARD)
        done = browser.post("/account/card/", {"setup_id": setup_id}, follow=True).text
    assert "Your new card is saved. Paid: ₹900, your subscription runs to" in done
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2


@pytest.mark.django_db
def test_staff_refund_ends_reading_and_returns_the_money(subscription, django_user_model):
    from django.test import Client

    from masthead.testing.stripe import stripe_client

    payment = Payment.objects.get(subscription=subscription, term_number=1)
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    response = staff.post("/admin/payments/payment/", refund_confirmation(staff, [payment.pk]))
    assert response.status_code == 302
    payment.refresh_from_db()
    subscription.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert subscription.status == S.REFUNDED
    assert not subscription.grants_reading(subscription.term_start + timedelta(days=1))
    refunds = stripe_client().v1.refunds.list(params={"limit": 10}).data
    assert [refund.payment_intent for refund in refunds] == [payment.provider_payment_id]


@pytest.mark.django_db
def test_after_the_last_retry_fails_the_clock_charges_nothing_more_until_grace_ends(subscription, reader, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    settings.MASTHEAD_GRACE_DAYS = 7
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    for offset in (timedelta(minutes=1), timedelta(days=1, minutes=1), timedelta(days=3, minutes=1), timedelta(days=5, minutes=1)):
        billing.billing_clock_tick(now=end + offset)
    billing.billing_clock_tick(now=end + timedelta(days=6, hours=12))
    assert Payment.objects.filter(subscription=subscription, term_number=2).count() == 4
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    assert subscription.grants_reading(end + timedelta(days=6, hours=12))


@pytest.mark.django_db
def test_the_clock_never_retries_a_renewal_it_did_not_try_itself(subscription):
    # The provider reported the failed renewal (its own retries run there):
    # no attempt of Masthead's to repeat.
    end = subscription.term_end
    subscription_move(
        subscription=subscription, to=S.PAST_DUE, reason="provider_renewal_failed", now=end, grace_until=end + timedelta(days=7)
    )
    for day in range(1, 7):
        billing.billing_clock_tick(now=end + timedelta(days=day, minutes=1))
    assert not Payment.objects.filter(subscription=subscription, term_number=2).exists()
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE


@pytest.mark.django_db
def test_each_readers_failed_renewal_is_retried_on_its_own_schedule(localstripe, quarterly, django_user_model, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    subscriptions, end = _due_readers(django_user_model, quarterly, 2)
    for s in subscriptions:
        save_card(s.user, DECLINED_CARD)
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    assert billing.billing_clock_tick(now=end + timedelta(days=1, minutes=1))["retried"] == 2
    for s in subscriptions:
        attempts = Payment.objects.filter(subscription=s, term_number=2).order_by("attempt")
        assert [(p.attempt, p.status) for p in attempts] == [(1, PaymentStatus.FAILED), (2, PaymentStatus.FAILED)]


@pytest.mark.django_db
def test_a_reader_sees_their_own_renewal_date_not_another_readers(localstripe, quarterly, django_user_model):
    early, late = (
        django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 16)
        for name in ("early", "late")
    )
    first = subscribe(early, quarterly)
    with time_machine.travel(first.term_start + timedelta(days=10), tick=False):
        second = subscribe(late, quarterly)
    billing.renewal_notices_send(now=first.term_end - timedelta(hours=47))
    assert selectors.renewal_charge_on(second, first.term_end) == second.term_end


@pytest.mark.django_db
def test_after_a_renewal_the_next_charge_is_at_the_end_of_the_new_term(subscription):
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.term_number == 2
    assert selectors.renewal_charge_on(subscription, end + timedelta(days=1)) == subscription.term_end > end


@pytest.mark.django_db
def test_a_renewal_announced_late_is_charged_exactly_a_day_after_the_notice(subscription):
    end = subscription.term_end
    assert selectors.renewal_charge_on(subscription, end + timedelta(hours=3)) == end + timedelta(hours=27)
    billing.billing_clock_tick(now=end + timedelta(hours=3))
    (notice,) = RenewalNotice.objects.filter(subscription=subscription)
    assert notice.charge_on == end + timedelta(hours=27)


@pytest.mark.django_db
def test_a_retry_is_made_on_the_minute_it_is_due_and_the_clock_reports_it(subscription, reader, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    settings.MASTHEAD_GRACE_DAYS = 7
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    assert billing.billing_clock_tick(now=end + timedelta(hours=23, minutes=59))["retried"] == 0
    assert billing.billing_clock_tick(now=end + timedelta(days=1))["retried"] == 1
    assert billing.billing_clock_tick(now=end + timedelta(days=1, minutes=1))["retried"] == 0
    assert Payment.objects.filter(subscription=subscription, term_number=2).count() == 2


@pytest.mark.django_db
def test_a_failed_renewal_lapses_on_the_minute_grace_ends(subscription, reader, settings):
    settings.MASTHEAD_GRACE_DAYS = 7
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    billing.billing_clock_tick(now=end + timedelta(days=7) - timedelta(seconds=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    billing.billing_clock_tick(now=end + timedelta(days=7))
    subscription.refresh_from_db()
    assert (subscription.status, subscription.ended_at) == (S.LAPSED, end + timedelta(days=7))
    assert not subscription.grants_reading(end + timedelta(days=7))
    lapsed = subscription.events.last()
    assert (lapsed.to_status, lapsed.reason, lapsed.occurred_at) == (S.LAPSED, "grace_over", end + timedelta(days=7))


@pytest.mark.django_db
def test_a_renewal_that_never_settles_is_lapsed_on_the_minute_its_reader_stops_reading(subscription, settings):
    """Three days' grace and the day a late notice may add: the clock lapses
    the subscription at the very minute access_until ends, not a minute
    before, and the reader may then subscribe again."""
    settings.MASTHEAD_GRACE_DAYS = 3
    window_end = subscription.term_end + timedelta(days=4)
    assert clock.renewals_overdue_lapse(now=window_end - timedelta(seconds=1)) == 0
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.grants_reading(window_end - timedelta(seconds=1))
    assert clock.renewals_overdue_lapse(now=window_end) == 1
    subscription.refresh_from_db()
    assert (subscription.status, subscription.ended_at) == (S.LAPSED, window_end)
    assert not subscription.grants_reading(window_end)
    assert [(e.to_status, e.reason) for e in subscription.events.all()][-2:] == [
        (S.PAST_DUE, "renewal_never_settled"),
        (S.LAPSED, "renewal_never_settled"),
    ]


@pytest.mark.django_db
def test_an_extra_charge_refunded_for_the_term_does_not_use_up_a_retry(subscription, reader, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    Payment.objects.create(
        subscription=subscription, term_number=2, attempt=1, provider="stripe", amount_minor=900_00,
        charge_key=f"{_renewal_key(subscription)}-extra-pi_late", provider_payment_id="pi_late",
        status=PaymentStatus.REFUNDED, duplicate=True,
    )  # fmt: skip
    billing.billing_clock_tick(now=end + timedelta(days=1, minutes=1))
    attempts = Payment.objects.filter(subscription=subscription, term_number=2, duplicate=False).order_by("attempt")
    assert [p.attempt for p in attempts] == [1, 2]


@pytest.mark.django_db
def test_one_reader_lapsing_does_not_stop_the_clock_retrying_the_next(localstripe, quarterly, django_user_model, settings):
    settings.MASTHEAD_RENEWAL_RETRY_DAYS = [1, 3, 5]
    (first, second), end = _due_readers(django_user_model, quarterly, 2)
    for s in (first, second):
        save_card(s.user, DECLINED_CARD)
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    # The first reader's grace was set shorter (the setting changed in between).
    Subscription.objects.filter(pk=min(first.pk, second.pk)).update(grace_until=end + timedelta(days=1))
    billing.billing_clock_tick(now=end + timedelta(days=1, minutes=1))
    lapsed, retried = sorted((first, second), key=lambda s: s.pk)
    lapsed.refresh_from_db()
    assert lapsed.status == S.LAPSED
    assert Payment.objects.filter(subscription=retried, term_number=2).count() == 2


@pytest.mark.django_db
def test_a_retry_that_succeeds_is_dated_when_the_clock_made_it(subscription, reader):
    from masthead.testing.stripe import GOOD_CARD

    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    save_card(reader, GOOD_CARD)
    retried_at = end + timedelta(days=1, minutes=1)
    billing.billing_clock_tick(now=retried_at)
    paid = Payment.objects.get(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED)
    assert paid.succeeded_at == retried_at


@pytest.mark.django_db
def test_a_late_notice_is_charged_on_the_minute_it_is_a_day_old(subscription):
    end = subscription.term_end
    billing.billing_clock_tick(now=end + timedelta(hours=1))  # the clock was down: the notice goes now
    billing.billing_clock_tick(now=end + timedelta(hours=25) - timedelta(seconds=1))
    assert not Payment.objects.filter(term_number=2).exists()
    billing.billing_clock_tick(now=end + timedelta(hours=25))
    assert Payment.objects.filter(term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1


@pytest.mark.django_db
def test_a_reader_whose_notice_is_too_young_does_not_hold_up_the_next_renewal(localstripe, quarterly, django_user_model):
    (first, second), end = _due_readers(django_user_model, quarterly, 2)
    early = min(first, second, key=lambda s: s.pk)
    RenewalNotice.objects.filter(subscription=early).update(sent_at=end, charge_on=end + timedelta(hours=24))
    assert billing.renewals_charge(now=end + timedelta(minutes=1)) == 1
    renewed = Subscription.objects.filter(term_number=2).values_list("pk", flat=True)
    assert list(renewed) == [max(first.pk, second.pk)]


@pytest.mark.django_db
def test_a_term_already_paid_is_never_charged_again(subscription):
    from masthead.subscriptions.billing.common import saved_method

    with pytest.raises(payment_services.TermAlreadyPaid):
        payment_services.payment_take(
            subscription=subscription, term_number=1, amount=subscription.price, saved=saved_method(subscription), description="again"
        )
    assert Payment.objects.filter(subscription=subscription, term_number=1).count() == 1
    assert len(intents_with_key(payment_services.charge_key(subscription_id=subscription.pk, term_number=1, attempt=2))) == 0
