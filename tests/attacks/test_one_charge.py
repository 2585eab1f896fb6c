"""One charge per click and per term, under concurrency (row locks on
PostgreSQL, the in-flight constraint on SQLite)."""

import time
from datetime import timedelta

import pytest
import time_machine

from masthead.core.errors import MastheadError
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers.stripe import StripeProvider, metadata_of
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.testing.stripe import (
    DECLINED_CARD,
    GOOD_CARD,
    card_setup_for,
    confirm_card,
    save_card,
    stripe_client,
    subscribe,
)
from masthead.testing.concurrency import in_threads
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus


def _succeeded_intents_for(subscription) -> list:
    prefix = f"masthead-sub{subscription.pk}-"
    return [
        intent
        for intent in stripe_client().v1.payment_intents.list(params={"limit": 100}).auto_paging_iter()
        if metadata_of(intent).get("charge_key", "").startswith(prefix) and intent.status == "succeeded"
    ]


def _slow_charges(monkeypatch, seconds=0.6):
    """Every charge takes a while at the provider, so a second request arrives mid-flight."""
    real_charge = StripeProvider.charge

    def slow(self, **kwargs):
        time.sleep(seconds)
        return real_charge(self, **kwargs)

    monkeypatch.setattr(StripeProvider, "charge", slow)


def _in_threads(*calls):
    """The calls raced; what they raised, each a refusal Masthead means to give."""
    _, errors = in_threads(*calls)
    assert all(isinstance(error, MastheadError) for error in errors), errors
    return errors


def test_two_card_forms_confirmed_at_once_charge_once(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="twice", email="twice@example.test", password="x" * 20)
    subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    setups = [card_setup_for(reader), card_setup_for(reader)]
    for setup in setups:
        confirm_card(setup.setup_id, GOOD_CARD)
    _slow_charges(monkeypatch)
    errors = _in_threads(
        *[lambda setup=setup: billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id) for setup in setups]
    )
    assert len(_succeeded_intents_for(subscription)) == 1
    assert [error.code for error in errors] == ["charge_in_flight"]
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE
    assert Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).count() == 1


def test_a_double_click_on_pay_is_one_charge_and_a_clear_message(localstripe, django_user_model, monkeypatch, live_server):
    """Two POSTs of the payment form a few milliseconds apart: one charge, no 500."""
    import requests

    reader = django_user_model.objects.create_user(username="dbl", email="dbl@example.test", password="a long password here")
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00)
    session = requests.Session()
    login = session.get(f"{live_server.url}/accounts/login/")
    session.post(
        f"{live_server.url}/accounts/login/",
        data={"login": reader.email, "password": "a long password here", "csrfmiddlewaretoken": login.cookies["csrftoken"]},
        headers={"Referer": f"{live_server.url}/accounts/login/"},
    )
    token = session.cookies["csrftoken"]
    session.post(
        f"{live_server.url}/subscribe/smart-quarterly/",
        data={"name": "Dee Bell", "state_code": "27", "csrfmiddlewaretoken": token},
        headers={"Referer": live_server.url},
    )
    page = session.get(f"{live_server.url}/subscribe/pay/").text
    setup_id = page.split('name="setup_id" value="')[1].split('"')[0]
    confirm_card(setup_id, GOOD_CARD)
    _slow_charges(monkeypatch)
    answers = []

    def confirm():
        answer = session.post(
            f"{live_server.url}/subscribe/pay/confirm/",
            data={"setup_id": setup_id, "csrfmiddlewaretoken": token},
            headers={"Referer": live_server.url},
        )
        answers.append(answer)

    _in_threads(confirm, confirm)
    assert all(answer.status_code == 200 for answer in answers), [answer.status_code for answer in answers]
    texts = " ".join(answer.text for answer in answers)
    assert "being processed" in texts
    subscription = reader.subscriptions.get()
    assert len(_succeeded_intents_for(subscription)) == 1
    assert subscription.status == S.ACTIVE


def test_two_billing_clocks_at_once_charge_each_renewal_once(localstripe, django_user_model, monkeypatch):
    plan = make_plan(price_minor=900_00)
    readers = [
        django_user_model.objects.create_user(username=f"clock{n}", email=f"clock{n}@example.test", password="x" * 20)
        for n in range(3)
    ]
    subscriptions = [subscribe(reader, plan) for reader in readers]
    end = max(subscription.term_end for subscription in subscriptions)
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    _slow_charges(monkeypatch, seconds=0.2)
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        _in_threads(billing.billing_clock_tick, billing.billing_clock_tick)
    for subscription in subscriptions:
        subscription.refresh_from_db()
        assert subscription.term_number == 2
        assert len([i for i in _succeeded_intents_for(subscription) if "-term2-" in metadata_of(i)["charge_key"]]) == 1


def test_a_renewal_retry_racing_a_card_change_charges_the_term_once(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="racer", email="racer@example.test", password="x" * 20)
    subscription = subscribe(reader, make_plan(price_minor=900_00))
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    save_card(reader, GOOD_CARD)  # the clock's retry now uses a good card too
    new_card = card_setup_for(reader)
    confirm_card(new_card.setup_id, GOOD_CARD)
    _slow_charges(monkeypatch)
    retry_day = end + timedelta(days=1, minutes=1)
    with time_machine.travel(retry_day, tick=False):
        _in_threads(
            lambda: billing.renewal_retries(now=retry_day),
            lambda: billing.payment_card_replace(subscription=subscription, setup_id=new_card.setup_id, now=retry_day),
        )
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2
    term_two = [i for i in _succeeded_intents_for(subscription) if "-term2-" in metadata_of(i)["charge_key"]]
    assert len(term_two) == 1


def test_a_charge_the_provider_made_twice_is_refunded_with_a_note(client, localstripe, django_user_model):
    """Attempt 1 was recorded as failed, but the provider did take the money;
    attempt 2 paid the term. The late news of attempt 1 is an extra charge:
    refunded automatically, noted, and never invoiced."""
    from masthead.payments.providers import payment_provider
    from masthead.payments.providers.base import ChargeResult
    from masthead.payments.services import payment_settle
    from masthead.testing.stripe import signed_stripe_event

    reader = django_user_model.objects.create_user(username="extra", email="extra@example.test", password="x" * 20)
    subscription = services.subscription_begin(user=reader, plan=make_plan(price_minor=900_00))
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    saved = payment_provider().saved_method(setup_id=setup.setup_id)
    from masthead.payments.models import BillingProfile

    BillingProfile.objects.filter(user=reader).update(
        provider="stripe", provider_customer_id=saved.customer_id, provider_payment_method_id=saved.payment_method_id
    )
    first = Payment.objects.create(
        subscription=subscription, term_number=1, attempt=1, provider="stripe", amount_minor=900_00,
        charge_key=f"masthead-sub{subscription.pk}-term1-try1", claimed_at=None,
    )  # fmt: skip
    taken = payment_provider().charge(saved=saved, amount=first.amount, key=first.charge_key, description="x")
    payment_settle(payment_id=first.pk, result=ChargeResult(succeeded=False, payment_id=taken.payment_id, message="timed out"))
    billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE
    event = {
        "id": "evt_late_success",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": taken.payment_id, "object": "payment_intent", "metadata": {"charge_key": first.charge_key}}},
    }
    body, headers = signed_stripe_event(event)
    assert client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers).status_code == 200
    extra = Payment.objects.get(duplicate=True)
    assert extra.status == PaymentStatus.REFUNDED and extra.provider_payment_id == taken.payment_id
    assert "refunded automatically" in extra.note
    assert not hasattr(extra, "invoice")
    refunds = stripe_client().v1.refunds.list(params={"limit": 100}).data
    assert [refund.payment_intent for refund in refunds] == [taken.payment_id]
