"""Staff run the billing clock for a subscription now: from the shell and from the admin."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from masthead.payments import services as payment_services
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing
from masthead.subscriptions.models import RenewalNotice, SubscriptionStatus
from masthead.testing.accounts import make_staff
from masthead.testing.stripe import (
    DECLINED_CARD,
    intents_with_key,
    save_card,
    subscribe,
)
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
CHANGELIST = "/admin/subscriptions/subscription/"


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="due", email="due@example.test", password="a long password here")


@pytest.fixture
def subscription(localstripe, reader):
    return subscribe(reader, make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3))


def _renewal_key(subscription):
    return payment_services.charge_key(subscription_id=subscription.pk, term_number=2, attempt=1)


def _renewals_paid(subscription):
    return Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).count()


def _billing_clock(*args) -> str:
    out = StringIO()
    call_command("billing_clock", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_renews_a_due_subscription_once_however_often_it_runs(subscription):
    end = subscription.term_end
    with time_machine.travel(end - timedelta(hours=47), tick=False):
        said = _billing_clock("--subscription", str(subscription.pk))
    assert "pre-debit notice sent; status now: Active." in said
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        first = _billing_clock("--subscription", str(subscription.pk))
        second = _billing_clock("--subscription", str(subscription.pk))
    assert first == f"Subscription {subscription.pk} (due@example.test, Smart Quarterly): renewal charged; status now: Active.\n"
    assert "nothing was due; status now: Active." in second
    assert len(intents_with_key(_renewal_key(subscription))) == 1
    assert _renewals_paid(subscription) == 1
    subscription.refresh_from_db()
    assert subscription.term_number == 2 and subscription.term_start == end


@pytest.mark.django_db
def test_the_command_never_charges_before_the_notice_is_a_day_old(subscription):
    end = subscription.term_end
    # Nobody was told yet: running the clock by hand announces, it does not charge.
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        said = _billing_clock("--subscription", str(subscription.pk))
    assert "pre-debit notice sent; status now: Active." in said
    assert not Payment.objects.filter(subscription=subscription, term_number=2).exists()


@pytest.mark.django_db
def test_the_command_says_when_a_renewal_is_declined(subscription, reader):
    save_card(reader, DECLINED_CARD)
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        said = _billing_clock("--subscription", str(subscription.pk))
    assert "renewal charge declined; status: Active → Renewal payment failed (grace period)." in said
    assert Payment.objects.get(subscription=subscription, term_number=2).status == PaymentStatus.FAILED


@pytest.mark.django_db
def test_a_whole_turn_from_the_command_charges_a_due_renewal_once(subscription):
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        first = _billing_clock()
        second = _billing_clock()
    assert "1 renewal charged" in first.splitlines()
    assert "0 renewals charged" in second.splitlines()
    assert len(intents_with_key(_renewal_key(subscription))) == 1
    assert _renewals_paid(subscription) == 1


@pytest.mark.django_db
def test_an_unknown_subscription_id_is_a_clear_error_and_runs_nothing(subscription):
    with time_machine.travel(subscription.term_end - timedelta(hours=47), tick=False):
        with pytest.raises(CommandError, match="No subscription with id 987654; nothing was run."):
            _billing_clock("--subscription", str(subscription.pk), "--subscription", "987654")
    assert not RenewalNotice.objects.exists()


@pytest.mark.django_db
def test_staff_allowed_to_run_the_clock_renew_a_subscription_from_the_admin(subscription):
    desk = make_staff("subscriptions.view_subscription", "subscriptions.run_billing_clock")
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    browser = Client()
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        browser.force_login(desk)
        assert 'value="run_billing_clock"' in browser.get(CHANGELIST).text
        run = {"action": "run_billing_clock", "_selected_action": [subscription.pk]}
        first = browser.post(CHANGELIST, run, follow=True).text
        second = browser.post(CHANGELIST, run, follow=True).text
    label = f"Subscription {subscription.pk} (due@example.test, Smart Quarterly)"
    assert f"{label}: renewal charged; status now: Active." in first
    assert f"{label}: nothing was due; status now: Active." in second
    assert len(intents_with_key(_renewal_key(subscription))) == 1
    assert _renewals_paid(subscription) == 1


@pytest.mark.django_db
def test_staff_who_may_only_read_subscriptions_can_neither_see_nor_run_the_clock(subscription):
    desk = make_staff("subscriptions.view_subscription")
    end = subscription.term_end
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    browser = Client()
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        browser.force_login(desk)
        listing = browser.get(CHANGELIST)
        assert listing.status_code == 200 and "due@example.test" in listing.text
        assert "run_billing_clock" not in listing.text
        browser.post(CHANGELIST, {"action": "run_billing_clock", "_selected_action": [subscription.pk]}, follow=True)
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 1
    assert not Payment.objects.filter(subscription=subscription, term_number=2).exists()
    assert intents_with_key(_renewal_key(subscription)) == []


@pytest.mark.django_db
def test_the_command_retries_only_the_named_failed_renewal(subscription, reader, django_user_model):
    other_reader = django_user_model.objects.create_user(username="other", email="other@example.test", password="x" * 20)
    other = subscribe(other_reader, subscription.plan)
    for someone in (reader, other_reader):
        save_card(someone, DECLINED_CARD)
    end = max(subscription.term_end, other.term_end)
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    billing.renewals_charge(now=end + timedelta(minutes=1))
    with time_machine.travel(end + timedelta(days=1, minutes=1), tick=False):
        said = _billing_clock("--subscription", str(subscription.pk))
    assert "failed renewal retried, declined again" in said
    assert Payment.objects.filter(subscription=subscription, term_number=2).count() == 2
    assert Payment.objects.filter(subscription=other, term_number=2).count() == 1


@pytest.mark.django_db
def test_the_command_charges_only_the_named_subscription_when_others_are_due(subscription, django_user_model):
    middle, last = (
        subscribe(django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20), subscription.plan)
        for name in ("middle", "last")
    )
    assert subscription.pk < middle.pk < last.pk
    end = max(s.term_end for s in (subscription, middle, last))
    billing.renewal_notices_send(now=end - timedelta(hours=47))
    with time_machine.travel(end + timedelta(minutes=1), tick=False):
        said = _billing_clock("--subscription", str(middle.pk))
    assert "renewal charged" in said
    assert [_renewals_paid(s) for s in (subscription, middle, last)] == [0, 1, 0]
