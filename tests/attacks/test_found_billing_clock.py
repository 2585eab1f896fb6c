"""The billing clock: two at once, and one reader's provider error."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.subscriptions import billing, services, states
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import DECLINED_CARD, save_card, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


def _reader(django_user_model, name):
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="a long password here")


def _two_clocks_at_once(now, monkeypatch, module_path):
    """Run billing_clock_tick in two threads. Both read the due
    subscriptions, then both try to move the same one (the window a real
    overlap of two consumers has; held open here so it happens every run)."""
    import importlib

    module = importlib.import_module(module_path)
    real_move = states.subscription_move
    barrier = threading.Barrier(2)

    def move_after_both_read(**kwargs):
        try:
            barrier.wait(timeout=5)
        except threading.BrokenBarrierError:
            pass
        return real_move(**kwargs)

    monkeypatch.setattr(module, "subscription_move", move_after_both_read)
    errors = []

    def tick():
        try:
            billing.billing_clock_tick(now=now)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_clocks_ending_the_same_cancelled_subscription_both_finish(localstripe, django_user_model, quarterly, monkeypatch):
    subscription = subscribe(_reader(django_user_model, "leaving"), quarterly)
    services.subscription_cancel(subscription=subscription)
    errors = _two_clocks_at_once(subscription.term_end + timedelta(minutes=1), monkeypatch, "masthead.subscriptions.services")
    assert not errors, errors
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED and subscription.events.filter(to_status=S.ENDED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_clocks_lapsing_the_same_subscription_both_finish(localstripe, django_user_model, quarterly, monkeypatch, settings):
    settings.MASTHEAD_GRACE_DAYS = 7
    reader = _reader(django_user_model, "lapsing")
    subscription = subscribe(reader, quarterly)
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    errors = _two_clocks_at_once(end + timedelta(days=7, minutes=1), monkeypatch, "masthead.subscriptions.billing.clock")
    assert not errors, errors
    subscription.refresh_from_db()
    assert subscription.status == S.LAPSED


@pytest.mark.django_db
def test_one_renewal_the_provider_refuses_does_not_stop_everyone_elses(localstripe, django_user_model, quarterly):
    """A reader whose saved card Stripe no longer knows (removed at Stripe):
    the charge raises ProviderUnavailable, which nothing in the clock
    catches, so every renewal after it in the chunk, the retries and the
    duplicate refunds of that turn never run, on every turn."""
    first = subscribe(_reader(django_user_model, "gone"), quarterly)
    second = subscribe(_reader(django_user_model, "fine"), quarterly)
    BillingProfile.objects.filter(user=first.user).update(provider_payment_method_id="pm_removed_at_stripe")
    end = max(first.term_end, second.term_end)
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    try:
        billing.billing_clock_tick(now=end + timedelta(minutes=1))
    except Exception:  # noqa: BLE001 - the hole: the turn dies here
        pass
    second.refresh_from_db()
    assert second.term_number == 2 and second.status == S.ACTIVE
    assert Payment.objects.filter(subscription=second, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1
