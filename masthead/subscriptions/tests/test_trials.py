"""Free and token-price trials: the card saved at checkout, term 0, the
first charge at the trial's end on the billing clock, one trial per reader."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from masthead.core.errors import MastheadError
from masthead.invoicing.models import Invoice
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import RenewalNotice, SubscriptionStatus, TrialUse
from masthead.subscriptions.services import TrialUsed
from masthead.subscriptions.terms import trial_end, trial_label
from masthead.core.money import Money
from masthead.testing.concurrency import in_threads
from masthead.testing.stripe import (
    DECLINED_CARD,
    GOOD_CARD,
    card_setup_for,
    confirm_card,
    intents_with_key,
    save_card,
    subscribe,
)
from masthead.testing.subscriptions import make_plan
from masthead.payments import services as payment_services

S = SubscriptionStatus


def _reader(django_user_model, name="trial"):
    return django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="a long password here")


@pytest.fixture
def reader(django_user_model):
    return _reader(django_user_model)


@pytest.fixture
def free_trial_plan():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14)


@pytest.fixture
def token_trial_plan():
    return make_plan(name="Smart Monthly", slug="smart-monthly", price_minor=300_00, term_months=1, trial_months=1, trial_price_minor=100)


def test_a_trial_reads_as_the_plans_page_says_it():
    assert trial_label(days=14, months=0, price=Money(0, "INR")) == "14 days free"
    assert trial_label(days=1, months=0, price=Money(0, "INR")) == "1 day free"
    assert trial_label(days=0, months=1, price=Money(100, "INR")) == "1 month for ₹1"
    start = timezone.datetime(2027, 1, 31, 12, tzinfo=timezone.UTC)
    assert trial_end(start, days=14, months=0) == start + timedelta(days=14)
    assert trial_end(start, days=0, months=1).date().isoformat() == "2027-02-28"
    with pytest.raises(ValueError):
        trial_end(start, days=14, months=1)
    with pytest.raises(ValueError):
        trial_end(start, days=0, months=0)


@pytest.mark.parametrize(("days", "months"), [(14, 1), (0, 0), (-3, 0), (0, -1), (-3, 1)])
def test_a_trial_of_both_kinds_of_length_no_length_or_a_negative_one_is_refused(days, months):
    # A negative length would end the trial before it began (and charge at once).
    start = timezone.datetime(2027, 1, 31, 12, tzinfo=timezone.UTC)
    with pytest.raises(ValueError) as refused:
        trial_end(start, days=days, months=months)
    assert str(refused.value) == "a trial lasts some days or some months"


def test_a_trial_of_months_ends_on_the_same_day_on_the_publications_clock_across_a_change_of_summer_time(settings):
    # A London publication: a reader starts a month's trial at 23:30 on 10 March
    # (GMT); it ends at 23:30 on 10 April (BST), the date the reader was told.
    settings.TIME_ZONE = "Europe/London"
    london = ZoneInfo("Europe/London")
    start = datetime(2027, 3, 10, 23, 30, tzinfo=london)
    end = trial_end(start, days=0, months=1)
    assert end == datetime(2027, 4, 10, 23, 30, tzinfo=london)
    assert end.astimezone(london).date().isoformat() == "2027-04-10"


@pytest.mark.django_db
def test_the_plans_page_and_checkout_state_the_trial_and_the_price_after_it(client, reader, free_trial_plan):
    page = client.get(reverse("subscriptions:plans")).content.decode()
    assert "14 days free, then ₹900 every 3 months" in page
    client.force_login(reader)
    page = client.get(reverse("subscriptions:checkout", args=[free_trial_plan.slug])).content.decode()
    assert "14 days free, then ₹900 every 3 months" in page


@pytest.mark.django_db
def test_a_free_trial_saves_the_card_charges_nothing_and_reads_at_once(localstripe, reader, free_trial_plan):
    before = timezone.now()
    subscription = subscribe(reader, free_trial_plan)
    assert subscription.status == S.ACTIVE and subscription.term_number == 0
    assert subscription.events.last().reason == "trial_started"
    assert before + timedelta(days=14) <= subscription.term_end <= timezone.now() + timedelta(days=14)
    assert not Payment.objects.filter(subscription=subscription).exists()
    assert subscription.grants_reading(timezone.now())
    assert BillingProfile.objects.get(user=reader).provider_payment_method_id  # the card for the first charge
    assert TrialUse.objects.get(user=reader).card_fingerprint  # localstripe fingerprints cards


@pytest.mark.django_db
def test_the_payment_page_says_what_is_taken_today_and_what_after_the_trial(client, localstripe, reader, free_trial_plan):
    client.force_login(reader)
    client.post(reverse("subscriptions:checkout", args=[free_trial_plan.slug]), {"name": "Tia Reader", "state_code": "27"})
    page = client.get(reverse("subscriptions:pay")).content.decode()
    trial_ends = timezone.localtime(timezone.now() + timedelta(days=14))
    assert "14 days free" in page and "<strong>₹0</strong> today" in page
    assert f"then ₹900 on {trial_ends:%-d %B %Y} and every 3 months" in page
    assert "Start my free trial" in page


@pytest.mark.django_db
def test_the_clock_sends_the_trial_notice_then_charges_the_first_term_at_the_trial_end(
    localstripe, reader, free_trial_plan, smtp, django_capture_on_commit_callbacks
):
    subscription = subscribe(reader, free_trial_plan)
    end = subscription.term_end
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=end - timedelta(hours=47))
    (notice,) = RenewalNotice.objects.filter(subscription=subscription)
    assert notice.term_number == 1 and notice.amount_minor == 900_00
    (message,) = smtp.for_address(reader.email)
    assert "trial" in message["Subject"] and "ends on" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Your trial of" in body and "we will charge ₹900" in body and "you will not be charged" in body

    billing.billing_clock_tick(now=end - timedelta(minutes=1))
    assert not Payment.objects.filter(subscription=subscription).exists()
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 1 and subscription.term_start == end
    (payment,) = Payment.objects.filter(subscription=subscription)
    assert payment.term_number == 1 and payment.status == PaymentStatus.SUCCEEDED and payment.amount_minor == 900_00
    assert Invoice.objects.filter(payment=payment).exists()
    assert len(intents_with_key(payment_services.charge_key(subscription_id=subscription.pk, term_number=1, attempt=1))) == 1


@pytest.mark.django_db
def test_a_token_price_trial_charges_one_rupee_as_term_zero_with_its_invoice(localstripe, reader, token_trial_plan):
    subscription = subscribe(reader, token_trial_plan)
    assert subscription.status == S.ACTIVE and subscription.term_number == 0
    (payment,) = Payment.objects.filter(subscription=subscription)
    assert payment.term_number == 0 and payment.amount_minor == 100 and payment.status == PaymentStatus.SUCCEEDED
    invoice = Invoice.objects.get(payment=payment)
    assert "(trial)" in invoice.description
    billing.billing_clock_tick(now=subscription.term_end - timedelta(hours=47))
    billing.billing_clock_tick(now=subscription.term_end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.term_number == 1
    assert Payment.objects.get(subscription=subscription, term_number=1).amount_minor == 300_00


@pytest.mark.django_db
def test_a_declined_token_charge_leaves_the_trial_to_try_another_card(localstripe, reader, token_trial_plan):
    subscription = services.subscription_begin(user=reader, plan=token_trial_plan)
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, DECLINED_CARD)
    with pytest.raises(MastheadError):
        billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    subscription.refresh_from_db()
    assert subscription.status == S.PENDING and subscription.has_trial
    assert not TrialUse.objects.exists()
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    assert subscription.status == S.ACTIVE and subscription.term_number == 0


@pytest.mark.django_db
def test_cancelling_during_the_trial_reads_to_its_end_and_is_never_charged(client, localstripe, reader, free_trial_plan):
    subscription = subscribe(reader, free_trial_plan)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))  # the notice went out; cancelling still stops the charge
    services.subscription_cancel(subscription=subscription)
    client.force_login(reader)
    page = client.get(reverse("accounts:account")).content.decode()
    assert f"Your trial ends on {timezone.localtime(end):%-d %B %Y}. You will not be charged." in page
    assert subscription.grants_reading(end - timedelta(minutes=1))
    for offset in (timedelta(minutes=1), timedelta(days=2), timedelta(days=9)):
        billing.billing_clock_tick(now=end + offset)
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED
    assert not Payment.objects.filter(subscription=subscription).exists()
    assert not subscription.grants_reading(end + timedelta(minutes=1))


@pytest.mark.django_db
def test_the_account_page_shows_the_trial_and_the_price_after_it(client, localstripe, reader, free_trial_plan):
    subscription = subscribe(reader, free_trial_plan)
    client.force_login(reader)
    page = client.get(reverse("accounts:account")).content.decode()
    assert f"Trial until {timezone.localtime(subscription.term_end):%-d %B %Y}, then ₹900 every 3 months" in page


@pytest.mark.django_db
def test_a_failed_first_charge_after_a_trial_gives_no_free_grace(
    client, localstripe, reader, free_trial_plan, settings, django_capture_on_commit_callbacks
):
    settings.MASTHEAD_GRACE_DAYS = 7
    subscription = subscribe(reader, free_trial_plan, card=DECLINED_CARD)
    end = subscription.term_end
    with django_capture_on_commit_callbacks(execute=True):
        billing.billing_clock_tick(now=end - timedelta(hours=47))
        billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    assert not subscription.grants_reading(end + timedelta(minutes=2))
    (failed,) = [m for m in mail.outbox if "did not go through" in m.subject]
    assert "Your trial of" in failed.body and "reading stops until it is paid" in failed.body
    client.force_login(reader)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Your trial has ended: you read everything again once the first payment is through" in page
    billing.billing_clock_tick(now=end + timedelta(days=7, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.LAPSED


@pytest.mark.django_db
def test_a_first_term_paid_late_after_a_trial_starts_when_paid(localstripe, reader, free_trial_plan):
    subscription = subscribe(reader, free_trial_plan, card=DECLINED_CARD)
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    save_card(reader, GOOD_CARD)
    billing.billing_clock_tick(now=end + timedelta(days=1, minutes=1))
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 1
    assert subscription.term_start == end + timedelta(days=1, minutes=1)


@pytest.mark.django_db
def test_a_reader_who_had_a_trial_is_told_before_paying_and_charged_the_full_price(client, localstripe, reader, free_trial_plan):
    first = subscribe(reader, free_trial_plan)
    services.subscription_cancel(subscription=first)
    billing.billing_clock_tick(now=first.term_end + timedelta(minutes=1))
    client.force_login(reader)
    page = client.get(reverse("subscriptions:checkout", args=[free_trial_plan.slug])).content.decode()
    used_on = timezone.localtime(TrialUse.objects.get(user=reader).used_at)
    assert f"Your free trial was used on {used_on:%-d %B %Y}; you will be charged ₹900 today." in page
    client.post(reverse("subscriptions:checkout", args=[free_trial_plan.slug]), {"name": "Tia Reader", "state_code": "27"})
    page = client.get(reverse("subscriptions:pay")).content.decode()
    assert "Pay ₹900" in page and "free" not in page.split("<main")[-1].split("</main>")[0].lower().replace("freely", "")
    second = reader.subscriptions.get(status=S.PENDING)
    assert not second.has_trial


@pytest.mark.django_db
def test_a_second_account_with_the_same_card_gets_no_trial_and_is_not_charged_unawares(
    client, localstripe, django_user_model, free_trial_plan
):
    subscribe(_reader(django_user_model, "first"), free_trial_plan)
    other = _reader(django_user_model, "second")
    subscription = services.subscription_begin(user=other, plan=free_trial_plan)
    setup = card_setup_for(other)
    confirm_card(setup.setup_id, GOOD_CARD)
    with pytest.raises(TrialUsed, match="This card has already had a free trial"):
        billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    subscription.refresh_from_db()
    assert subscription.status == S.PENDING and not subscription.has_trial and subscription.due_today.minor == 900_00
    assert not Payment.objects.filter(subscription=subscription).exists()
    assert TrialUse.objects.count() == 1


@pytest.mark.django_db
def test_the_trial_agreed_at_checkout_holds_when_the_plan_drops_it(localstripe, reader, free_trial_plan):
    subscription = services.subscription_begin(user=reader, plan=free_trial_plan)
    free_trial_plan.trial_days = 0
    free_trial_plan.save()
    setup = card_setup_for(reader)
    confirm_card(setup.setup_id, GOOD_CARD)
    billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id)
    assert subscription.status == S.ACTIVE and subscription.term_number == 0


@pytest.mark.django_db
def test_trial_fields_posted_in_the_form_change_nothing(client, localstripe, reader):
    plan = make_plan(slug="no-trial", price_minor=900_00)
    client.force_login(reader)
    client.post(
        reverse("subscriptions:checkout", args=[plan.slug]),
        {"name": "Tia Reader", "state_code": "27", "trial_days": "30", "trial_price_minor": "0"},
    )
    subscription = reader.subscriptions.get()
    assert not subscription.has_trial and subscription.due_today.minor == 900_00


@pytest.mark.django_db(transaction=True)
def test_two_tabs_of_one_reader_start_one_trial(localstripe, reader, free_trial_plan):
    subscription = services.subscription_begin(user=reader, plan=free_trial_plan)
    setups = [card_setup_for(reader), card_setup_for(reader)]
    for setup in setups:
        confirm_card(setup.setup_id, GOOD_CARD)
    _, errors = in_threads(
        *[lambda setup=setup: billing.checkout_pay(subscription=subscription, setup_id=setup.setup_id) for setup in setups]
    )
    assert all(isinstance(error, MastheadError) for error in errors), errors
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 0
    assert TrialUse.objects.count() == 1
    assert subscription.events.filter(reason="trial_started").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_accounts_with_one_card_at_once_get_one_trial(localstripe, django_user_model, free_trial_plan):
    readers = [_reader(django_user_model, f"race{n}") for n in range(2)]
    subscriptions = [services.subscription_begin(user=r, plan=free_trial_plan) for r in readers]
    setups = [card_setup_for(r) for r in readers]
    for setup in setups:
        confirm_card(setup.setup_id, GOOD_CARD)
    _, errors = in_threads(
        *[
            lambda sub=sub, setup=setup: billing.checkout_pay(subscription=sub, setup_id=setup.setup_id)
            for sub, setup in zip(subscriptions, setups)
        ]
    )
    assert [error.code for error in errors] == ["trial_used"]
    for sub in subscriptions:
        sub.refresh_from_db()
    assert sorted(sub.status for sub in subscriptions) == [S.ACTIVE, S.PENDING]
    assert TrialUse.objects.count() == 1
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_the_receipt_for_a_token_price_trial_says_when_it_ends_and_what_follows(
    localstripe, reader, token_trial_plan, smtp, django_capture_on_commit_callbacks, jobs_inline
):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = subscribe(reader, token_trial_plan)
    (receipt,) = smtp.for_address(reader.email)
    body = receipt.get_body(("plain",)).get_content()
    assert "₹1" in receipt["Subject"]
    assert f"This paid for your trial, which ends on {timezone.localtime(subscription.term_end):%-d %B %Y}" in body
    assert "Then we charge ₹300 every month until you cancel" in body


@pytest.mark.django_db
def test_staff_cannot_save_a_trial_that_reads_two_ways_or_costs_a_term():
    plan = make_plan(price_minor=900_00)
    for fields, problem in (
        ({"trial_days": 14, "trial_months": 1}, "not both"),
        ({"trial_days": 14, "trial_price_minor": 50}, "at least ₹1"),
        ({"trial_days": 14, "trial_price_minor": 900_00}, "less than a paid term"),
        ({"trial_price_minor": 100}, "needs a trial length"),
    ):
        for field, value in fields.items():
            setattr(plan, field, value)
        with pytest.raises(ValidationError, match=problem):
            plan.full_clean()
        plan.refresh_from_db()
    plan.trial_days, plan.trial_price_minor = 14, 100
    plan.full_clean()
    assert plan.terms_in_words == "14 days for ₹1, then ₹900 every 3 months"


@pytest.mark.django_db
def test_a_token_trial_charge_in_flight_is_shown_as_being_processed(client, reader, token_trial_plan):
    subscription = services.subscription_begin(user=reader, plan=token_trial_plan)
    payment_services.payment_attempt_open(
        subscription=subscription, term_number=0, amount=subscription.due_today, provider_name="stripe"
    )
    client.force_login(reader)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Your first payment of ₹1 is being processed" in page


@pytest.mark.django_db
def test_a_card_that_had_a_trial_is_told_on_the_payment_page_before_any_charge(
    client, localstripe, django_user_model, free_trial_plan
):
    subscribe(_reader(django_user_model, "first"), free_trial_plan)
    other = _reader(django_user_model, "second")
    client.force_login(other)
    client.post(reverse("subscriptions:checkout", args=[free_trial_plan.slug]), {"name": "Sam Other", "state_code": "27"})
    page = client.get(reverse("subscriptions:pay")).content.decode()
    assert "Start my free trial" in page
    setup_id = page.split('name="setup_id" value="')[1].split('"')[0]
    confirm_card(setup_id, GOOD_CARD)
    answer = client.post(reverse("subscriptions:pay-confirm"), {"setup_id": setup_id}, follow=True)
    page = answer.content.decode()
    assert answer.redirect_chain[-1][0] == reverse("subscriptions:pay")
    assert "This card has already had a free trial" in page and "Nothing was charged" in page
    assert "you will be charged ₹900 today" in page and "Pay ₹900" in page
    subscription = other.subscriptions.get()
    assert subscription.status == S.PENDING and not Payment.objects.filter(subscription=subscription).exists()


def _cancel_on_the_account_page(client, reader, smtp, capture, now=None):
    """The reader cancels from the account page; returns the page shown next and the e-mail's text."""
    with time_machine.travel(now or timezone.now(), tick=False), capture(execute=True):
        client.force_login(reader)
        page = client.post(reverse("accounts:cancel"), follow=True).content.decode()
    (message,) = [m for m in smtp.for_address(reader.email) if "cancelled" in m["Subject"]]
    return page, message.get_body(("plain",)).get_content()


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


@pytest.mark.django_db
def test_cancelling_a_free_trial_says_nothing_will_be_charged_and_reading_ends_with_the_trial(
    client, localstripe, reader, free_trial_plan, smtp, django_capture_on_commit_callbacks
):
    subscription = subscribe(reader, free_trial_plan)
    page, body = _cancel_on_the_account_page(client, reader, smtp, django_capture_on_commit_callbacks)
    trial_ends = _day(subscription.term_end)
    # Nothing was ever charged, so nothing is charged "again".
    assert f"Your trial is cancelled. Nothing will be charged, and you can read everything until your trial ends on {trial_ends}." in page
    assert "charged again" not in page
    assert "Your trial of" in body and "is cancelled. Nothing will be charged." in body
    assert f"Your trial ends on {trial_ends}; you can read everything until then." in body
    assert "charged again" not in body and "paid" not in body


@pytest.mark.django_db
def test_cancelling_a_token_price_trial_says_nothing_more_will_be_charged(
    client, localstripe, reader, token_trial_plan, smtp, django_capture_on_commit_callbacks
):
    subscription = subscribe(reader, token_trial_plan)
    page, body = _cancel_on_the_account_page(client, reader, smtp, django_capture_on_commit_callbacks)
    trial_ends = _day(subscription.term_end)
    assert f"Nothing more will be charged, and you can read everything until your trial ends on {trial_ends}." in page
    assert "is cancelled. Nothing more will be charged." in body


@pytest.mark.django_db
def test_cancelling_after_the_trial_ended_before_the_first_charge_says_the_trial_ended_not_a_paid_term(
    client, localstripe, reader, free_trial_plan, smtp, django_capture_on_commit_callbacks
):
    subscription = subscribe(reader, free_trial_plan)
    end = subscription.term_end
    page, body = _cancel_on_the_account_page(client, reader, smtp, django_capture_on_commit_callbacks, now=end + timedelta(minutes=5))
    assert f"Your trial is cancelled. It ended on {_day(end)}, so full access has ended. Nothing will be charged." in page
    assert "paid term" not in page and "charged again" not in page
    assert f"Your trial ended on {_day(end)}, so full access has ended." in body
    assert "paid term" not in body and "charged again" not in body
    billing.billing_clock_tick(now=end + timedelta(hours=1))
    assert not Payment.objects.filter(subscription=subscription).exists()


def test_the_funnel_counts_a_trial_as_paid_at_its_first_paid_term_under_its_checkouts_story(
    localstripe, reader, free_trial_plan, django_capture_on_commit_callbacks
):
    from masthead.metering.events import funnel_checkout_started, funnel_events_flush
    from masthead.metering.models import FunnelEvent, FunnelEventKind
    from masthead.testing.newsroom import make_article

    story = make_article(headline="Inside the rate decision")
    with django_capture_on_commit_callbacks(execute=True):
        subscription = subscribe(reader, free_trial_plan)
        funnel_checkout_started(subscription_id=subscription.pk, user_id=reader.pk, article_id=story.pk)

    def paid():
        funnel_events_flush()
        return list(FunnelEvent.objects.filter(kind=FunnelEventKind.PAID).values_list("article_id", "count"))

    assert paid() == []  # the trial's start is no payment

    def renew():
        end = subscription.term_end
        with django_capture_on_commit_callbacks(execute=True):
            billing.billing_clock_tick(now=end - timedelta(hours=47))  # the notice the charge waits for
            billing.billing_clock_tick(now=end + timedelta(minutes=1))
        subscription.refresh_from_db()

    renew()
    assert subscription.term_number == 1
    assert paid() == [(story.pk, 1)]
    renew()  # the second paid term is a renewal, not the funnel's step
    assert subscription.term_number == 2 and paid() == [(story.pk, 1)]
