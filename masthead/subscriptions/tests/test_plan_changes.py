"""Changing plan, against localstripe and a real SMTP server: an upgrade is
charged now less a credit for the unused days (a credit note against the
current term's invoice) and starts a new term; any other change waits for
the renewal, which the clock announces and charges at the new plan's price."""

from datetime import timedelta

import pytest

from masthead.core.money import Money
from masthead.core.periods import local_date
from masthead.invoicing.models import CreditNote, CreditNoteReason, Invoice
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.services import ChargeInFlight
from masthead.subscriptions import billing, services
from masthead.subscriptions.billing.common import NoSavedCard
from masthead.subscriptions.models import (
    EventReason,
    PlanChange,
    PlanChangeStatus,
    RenewalNotice,
    Subscription,
    SubscriptionStatus,
)
from masthead.subscriptions.plan_changes import PlanChangeRefused, plan_options
from masthead.testing.stripe import (
    DECLINED_CARD,
    intents_with_key,
    save_card,
    subscribe,
)
from masthead.testing.subscriptions import make_offer, make_plan, make_smart_plans

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="chandra", email="chandra@example.test", password="a long password here")


@pytest.fixture
def plans():
    return make_smart_plans()


@pytest.fixture
def monthly(plans):
    return plans["monthly"]


@pytest.fixture
def quarterly(plans):
    return plans["quarterly"]


@pytest.fixture
def yearly(plans):
    return plans["yearly"]


@pytest.fixture
def subscription(localstripe, reader, quarterly, monthly, yearly):
    return subscribe(reader, quarterly)


def _days(subscription):
    start, end = subscription.term_start, subscription.term_end
    return (local_date(end) - local_date(start)).days


def test_an_upgrade_credits_the_unused_days_charges_the_rest_and_starts_a_new_term_today(subscription, yearly):
    days = _days(subscription)
    now = subscription.term_start + timedelta(days=30, hours=1)
    old_invoice = Invoice.objects.get(payment__subscription=subscription, payment__term_number=1)
    # Days are the publication's calendar days: an hour past 30 days is the
    # 31st day when the term began in the last hour before local midnight.
    unused = days - (local_date(now) - local_date(subscription.term_start)).days
    credit = 900_00 * unused // days

    payment = billing.plan_upgrade(subscription=subscription, plan=yearly, by=subscription.user, now=now)

    assert payment.status == PaymentStatus.SUCCEEDED and payment.term_number == 2
    assert payment.amount_minor == 2700_00 - credit
    assert len(intents_with_key(payment.charge_key)) == 1
    subscription.refresh_from_db()
    assert subscription.plan == yearly and subscription.price_minor == 2700_00 and subscription.term_months == 12
    assert subscription.term_number == 2 and subscription.term_start == now
    assert subscription.term_end.year == now.year + 1 or subscription.term_end > now + timedelta(days=360)
    event = subscription.events.last()
    assert event.reason == EventReason.PLAN_UPGRADED and event.detail["credit_minor"] == credit
    (note,) = CreditNote.objects.filter(invoice=old_invoice)
    assert note.reason == CreditNoteReason.PRORATION and note.total_minor == credit
    assert note.taxable_minor + note.cgst_minor + note.sgst_minor + note.igst_minor == credit
    assert f"{unused} unused days" in note.description
    new_invoice = payment.invoice
    assert new_invoice.total_minor == 2700_00 and note.number in new_invoice.description
    # What the reader was charged, net, is what their invoices less credit notes say.
    charged = sum(p.amount_minor for p in Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED))
    invoiced = sum(i.total_minor for i in Invoice.objects.filter(payment__subscription=subscription))
    assert invoiced - note.total_minor == charged
    assert PlanChange.objects.get().status == PlanChangeStatus.APPLIED


def test_an_upgrade_on_the_terms_first_day_credits_the_whole_term(subscription, yearly):
    payment = billing.plan_upgrade(subscription=subscription, plan=yearly, now=subscription.term_start + timedelta(minutes=5))
    assert payment.amount_minor == 2700_00 - 900_00


def test_the_next_renewal_after_an_upgrade_is_at_the_new_plans_price(subscription, yearly):
    billing.plan_upgrade(subscription=subscription, plan=yearly, now=subscription.term_start + timedelta(days=10))
    subscription.refresh_from_db()
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.term_number == 3 and subscription.plan.slug == "smart-yearly"
    (paid,) = Payment.objects.filter(subscription=subscription, term_number=3)
    assert paid.amount_minor == 2700_00 and paid.status == PaymentStatus.SUCCEEDED


def test_a_declined_card_changes_nothing(subscription, yearly, reader):
    save_card(reader, DECLINED_CARD)
    now = subscription.term_start + timedelta(days=10)
    payment = billing.plan_upgrade(subscription=subscription, plan=yearly, now=now)
    assert payment.status == PaymentStatus.FAILED
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.plan.slug == "smart-quarterly" and subscription.term_number == 1
    assert not CreditNote.objects.exists()
    assert PlanChange.objects.get().status == PlanChangeStatus.FAILED
    # The reader may try again with another card; the renewal is still the old plan's, on time.
    assert subscription.renewal_price == Money(900_00, "INR")


def test_a_second_upgrade_after_the_first_is_refused_without_a_charge(subscription, yearly):
    now = subscription.term_start + timedelta(days=10)
    stale = Subscription.objects.get(pk=subscription.pk)
    billing.plan_upgrade(subscription=subscription, plan=yearly, now=now)
    with pytest.raises(PlanChangeRefused, match="already on Smart Yearly"):
        billing.plan_upgrade(subscription=stale, plan=yearly, now=now)
    assert Payment.objects.filter(subscription=subscription, term_number=2).count() == 1
    assert CreditNote.objects.count() == 1


def test_a_cheaper_plan_is_not_an_upgrade(subscription, monthly):
    with pytest.raises(PlanChangeRefused, match="Switch at renewal"):
        billing.plan_upgrade(subscription=subscription, plan=monthly, now=subscription.term_start + timedelta(days=1))
    assert not Payment.objects.filter(term_number=2).exists()


def test_upgrade_in_a_trial_credits_nothing_and_starts_the_first_paid_term(localstripe, reader, yearly):
    trial_plan = make_plan(name="Trial Quarterly", slug="trial-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    subscription = subscribe(reader, trial_plan)
    assert subscription.term_number == 0
    payment = billing.plan_upgrade(subscription=subscription, plan=yearly, now=subscription.term_start + timedelta(days=2))
    assert payment.amount_minor == 2700_00 and payment.term_number == 1
    subscription.refresh_from_db()
    assert subscription.term_number == 1 and subscription.plan == yearly
    assert not CreditNote.objects.exists() and payment.invoice.total_minor == 2700_00


def test_a_term_paid_nothing_is_credited_nothing(localstripe, reader, quarterly, yearly):
    offer = make_offer(quarterly, code="HALF", kind="percent", value=50)
    subscription = subscribe(reader, quarterly, offer=offer)
    Invoice.objects.filter(payment__subscription=subscription).delete()  # as if the term had no invoice (paid ₹0)
    payment = billing.plan_upgrade(subscription=subscription, plan=yearly, now=subscription.term_start + timedelta(days=2))
    assert payment.amount_minor == 2700_00
    subscription.refresh_from_db()
    assert subscription.offer_price_minor is None and subscription.offer_terms == 0
    assert subscription.renewal_price == Money(2700_00, "INR")


def test_an_offer_term_is_credited_at_what_was_paid(localstripe, reader, quarterly, yearly):
    offer = make_offer(quarterly, code="HALF", kind="percent", value=50)
    subscription = subscribe(reader, quarterly, offer=offer)
    payment = billing.plan_upgrade(subscription=subscription, plan=yearly, now=subscription.term_start + timedelta(minutes=1))
    assert payment.amount_minor == 2700_00 - 450_00


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (S.CANCELLING, "Keep your subscription first"),
        (S.PAST_DUE, "update your card"),
        (S.PAUSED, "Undo the pause"),
        (S.NEEDS_CARD, "saved card can no longer be charged"),
    ],
)
def test_upgrade_and_schedule_are_refused_unless_active(subscription, yearly, monthly, status, words):
    now = subscription.term_start + timedelta(days=3)
    if status == S.CANCELLING:
        services.subscription_cancel(subscription=subscription, now=now)
    elif status == S.PAUSED:
        services.subscription_pause(subscription=subscription, months=1, now=now)
    else:
        Subscription.objects.filter(pk=subscription.pk).update(status=status, grace_until=subscription.term_end)
        subscription.refresh_from_db()
    with pytest.raises(PlanChangeRefused, match=words):
        billing.plan_upgrade(subscription=subscription, plan=yearly, now=now)
    with pytest.raises(PlanChangeRefused, match=words):
        services.plan_change_schedule(subscription=subscription, plan=monthly, now=now)
    assert not Payment.objects.filter(term_number=2).exists()


def test_gift_and_comp_subscriptions_cannot_change_plan(localstripe, reader, quarterly, yearly):
    comp = services.subscription_grant_comp(user=reader, plan=quarterly, months=3)
    with pytest.raises(PlanChangeRefused, match="complimentary subscription cannot change plan"):
        services.plan_change_schedule(subscription=comp, plan=yearly)
    with pytest.raises((PlanChangeRefused, NoSavedCard)):
        billing.plan_upgrade(subscription=comp, plan=yearly)


def test_a_downgrade_is_scheduled_for_the_renewal_and_undone(subscription, monthly, quarterly):
    now = subscription.term_start + timedelta(days=20)
    services.plan_change_schedule(subscription=subscription, plan=monthly, by=subscription.user, now=now)
    subscription.refresh_from_db()
    assert subscription.plan == quarterly and subscription.next_plan == monthly
    assert subscription.renewal_price == Money(300_00, "INR")
    assert subscription.events.last().reason == EventReason.PLAN_CHANGE_SCHEDULED
    # A second click changes nothing more.
    services.plan_change_schedule(subscription=subscription, plan=monthly, now=now)
    assert subscription.events.filter(reason=EventReason.PLAN_CHANGE_SCHEDULED).count() == 1

    services.plan_change_undo(subscription=subscription, by=subscription.user, now=now)
    subscription.refresh_from_db()
    assert subscription.next_plan is None and subscription.renewal_price == Money(900_00, "INR")
    assert subscription.events.last().reason == EventReason.PLAN_CHANGE_UNDONE


def test_the_renewal_charges_the_scheduled_plan_and_switches_to_it(
    subscription, monthly, smtp, django_capture_on_commit_callbacks
):
    end = subscription.term_end
    services.plan_change_schedule(subscription=subscription, plan=monthly, now=end - timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=end - timedelta(hours=47))
    (notice,) = RenewalNotice.objects.all()
    assert notice.amount_minor == 300_00
    (message,) = [m for _, m in smtp.messages if "renews" in m["Subject"]]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "changes from Smart Quarterly to Smart Monthly" in body and "₹300" in body

    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.plan == monthly and subscription.term_months == 1 and subscription.next_plan is None
    assert subscription.term_number == 2 and subscription.term_start == end
    assert subscription.events.last().reason == EventReason.PLAN_CHANGED_AT_RENEWAL
    (paid,) = Payment.objects.filter(subscription=subscription, term_number=2)
    assert paid.amount_minor == 300_00 and paid.invoice.total_minor == 300_00
    assert "Smart Monthly" in paid.invoice.description


def test_scheduling_after_the_notice_withdraws_it_and_the_clock_announces_the_new_amount(subscription, monthly):
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    assert RenewalNotice.objects.get().amount_minor == 900_00
    services.plan_change_schedule(subscription=subscription, plan=monthly, now=end - timedelta(hours=30))
    assert not RenewalNotice.objects.exists()
    billing.billing_clock_tick(now=end - timedelta(hours=29))
    assert RenewalNotice.objects.get().amount_minor == 300_00


def test_the_change_plan_page_offers_upgrades_now_and_the_rest_at_renewal(subscription, monthly, yearly):
    options = {option.plan.slug: option for option in plan_options(subscription=subscription, now=subscription.term_start)}
    assert set(options) == {"smart-monthly", "smart-yearly"}
    assert not options["smart-monthly"].upgrade_now and options["smart-monthly"].switch_on == subscription.term_end
    assert options["smart-yearly"].upgrade_now and options["smart-yearly"].due == Money(1800_00, "INR")


def test_a_pending_upgrade_refuses_a_second_one(subscription, yearly):
    now = subscription.term_start + timedelta(days=1)
    PlanChange.objects.create(
        subscription=subscription, from_plan=subscription.plan, to_plan=yearly, term_number=2, credit_minor=0,
        amount_minor=2700_00, price_minor=2700_00, unused_days=1, term_days=1, created_at=now,
    )  # fmt: skip
    with pytest.raises(ChargeInFlight):
        billing.plan_upgrade(subscription=subscription, plan=yearly, now=now + timedelta(minutes=1))
    # One whose request died long ago is dropped and the upgrade goes through.
    payment = billing.plan_upgrade(subscription=subscription, plan=yearly, now=now + timedelta(hours=1))
    assert payment.status == PaymentStatus.SUCCEEDED


def test_a_term_lengthened_by_a_gift_changes_plan_at_the_renewal_so_the_gift_months_are_kept(subscription, reader, yearly):
    now = subscription.term_start + timedelta(days=5)
    services.subscription_gift_apply(user=reader, plan=subscription.plan, months=3, now=now)
    subscription.refresh_from_db()
    (option,) = [option for option in plan_options(subscription=subscription, now=now) if option.plan == yearly]
    assert not option.upgrade_now and option.switch_on == subscription.term_end
    with pytest.raises(PlanChangeRefused, match="months from a gift"):
        billing.plan_upgrade(subscription=subscription, plan=yearly, now=now)
    assert not Payment.objects.filter(term_number=2).exists()
    services.plan_change_schedule(subscription=subscription, plan=yearly, now=now)
    subscription.refresh_from_db()
    assert subscription.next_plan == yearly and subscription.renewal_price == Money(2700_00, "INR")


def test_a_trial_switching_at_its_end_is_first_charged_the_new_plans_price(
    localstripe, reader, monthly, smtp, django_capture_on_commit_callbacks
):
    trial_plan = make_plan(name="Trial Quarterly", slug="trial-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    subscription = subscribe(reader, trial_plan)
    end = subscription.term_end
    services.plan_change_schedule(subscription=subscription, plan=monthly, now=end - timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=end - timedelta(hours=47))
    (message,) = [m for _, m in smtp.messages if "trial" in m["Subject"]]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "we will charge ₹300 to the card you saved, for your first 1 month of Smart Monthly, and then ₹300 every month" in body
    billing.billing_clock_tick(now=end + timedelta(hours=1))
    subscription.refresh_from_db()
    assert subscription.term_number == 1 and subscription.plan == monthly and subscription.price_minor == 300_00
    (paid,) = Payment.objects.filter(subscription=subscription, term_number=1)
    assert paid.amount_minor == 300_00 and paid.invoice.total_minor == 300_00
