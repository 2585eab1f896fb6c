"""A saved card (or mandate) the provider says is dead: the subscription
needs a new card. Nothing is charged, the reader reads to the end of the
term and its grace period, and is mailed the card link once; a new card
makes it active again (charged at once if the term is over)."""

import hashlib
import hmac
import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.payments.models import BillingProfile, Payment, PaymentStatus, WebhookEvent, WebhookOutcome
from masthead.payments.providers.base import ChargeResult
from masthead.payments.services import payment_attempt_open, payment_settle
from masthead.subscriptions import billing, selectors, services
from masthead.subscriptions.billing.common import NoSavedCard
from masthead.subscriptions.models import EventReason, RenewalNotice, SubscriptionEvent, SubscriptionStatus
from masthead.subscriptions.states import subscription_move
from masthead.testing.razorpay import recorded_body
from masthead.testing.stripe import GOOD_CARD, confirm_card, signed_stripe_event, stripe_client, subscribe
from masthead.testing.subscriptions import make_plan

S = SubscriptionStatus
STRIPE = "/payments/stripe/webhook/"
RAZORPAY = "/payments/razorpay/webhook/"


@pytest.fixture(autouse=True)
def mailbox(smtp, jobs_inline):
    return smtp


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(username="asha", email="asha@example.test", password="a long password here")


@pytest.fixture
def subscribed(localstripe, reader):
    return subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))


def _card(reader) -> BillingProfile:
    return BillingProfile.objects.get(user=reader)


def _detached(profile, *, event_id="evt_detached_1", customer=None) -> tuple[bytes, dict]:
    return signed_stripe_event({
        "id": event_id, "object": "event", "type": "payment_method.detached",
        "data": {
            "object": {"id": profile.provider_payment_method_id, "object": "payment_method", "customer": None},
            "previous_attributes": {"customer": customer or profile.provider_customer_id},
        },
    })  # fmt: skip


def _post(client, url, signed):
    body, headers = signed
    return client.post(url, body, content_type="application/json", **headers)


def _card_mails(inbox, address):
    return [m for m in inbox.for_address(address) if "can no longer be charged" in m["Subject"]]


@pytest.mark.django_db(transaction=True)
def test_a_card_detached_at_stripe_needs_a_new_card_and_the_reader_is_mailed_the_link_once(
    client, subscribed, reader, mailbox
):
    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    assert _post(client, STRIPE, _detached(profile)).status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.status == S.NEEDS_CARD and subscribed.get_status_display() == "Needs a new card"
    assert subscribed.grace_until == subscribed.term_end + timedelta(days=7)
    event = SubscriptionEvent.objects.get(subscription=subscribed, to_status=S.NEEDS_CARD)
    assert event.reason == EventReason.CARD_UNUSABLE and event.from_status == S.ACTIVE
    (message,) = _card_mails(mailbox, reader.email)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert re.search(r"https://news\.example\.test/account/card/\?link=\S+", body)

    # The same event again, and another event about the same card: nothing more.
    assert _post(client, STRIPE, _detached(profile)).status_code == 200
    assert _post(client, STRIPE, _detached(profile, event_id="evt_detached_2")).status_code == 200
    assert len(_card_mails(mailbox, reader.email)) == 1
    assert SubscriptionEvent.objects.filter(subscription=subscribed, to_status=S.NEEDS_CARD).count() == 1


@pytest.mark.django_db
def test_a_subscription_that_needs_a_card_is_never_charged_reads_through_grace_then_lapses(client, subscribed, reader):
    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    _post(client, STRIPE, _detached(profile))
    end = subscribed.term_end
    for offset in (timedelta(hours=-47), timedelta(minutes=1), timedelta(days=1, minutes=1), timedelta(days=5)):
        billing.billing_clock_tick(now=end + offset)
        assert selectors.reading_subscription(user=reader, now=end + offset) is not None
    assert not Payment.objects.filter(subscription=subscribed, term_number=2).exists()
    billing.billing_clock_tick(now=end + timedelta(days=7, minutes=1))
    subscribed.refresh_from_db()
    assert subscribed.status == S.LAPSED
    assert selectors.reading_subscription(user=reader, now=end + timedelta(days=7, minutes=1)) is None


@pytest.mark.django_db
def test_an_event_about_another_customers_card_changes_nothing(client, subscribed, reader):
    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    assert _post(client, STRIPE, _detached(profile, customer="cus_someone_else")).status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.status == S.ACTIVE
    stored = WebhookEvent.objects.get(event_id="evt_detached_1")
    assert stored.outcome == WebhookOutcome.REJECTED and "not the reader who saved it here" in stored.reason


@pytest.mark.django_db
def test_an_event_about_a_card_stripe_still_has_attached_changes_nothing(client, subscribed, reader):
    assert _post(client, STRIPE, _detached(_card(reader))).status_code == 200
    subscribed.refresh_from_db()
    assert subscribed.status == S.ACTIVE
    assert WebhookEvent.objects.get(event_id="evt_detached_1").outcome == WebhookOutcome.IGNORED


@pytest.mark.django_db
def test_a_forged_detach_event_is_refused(client, subscribed, reader):
    body, headers = _detached(_card(reader))
    assert client.post(STRIPE, body, content_type="application/json", HTTP_STRIPE_SIGNATURE="t=1,v1=00").status_code == 400
    subscribed.refresh_from_db()
    assert subscribed.status == S.ACTIVE


def _new_card(browser: Client, reader) -> str:
    browser.force_login(reader)
    page = browser.get("/account/").text
    assert "Needs a new card" in page and "Your card can no longer be charged" in page
    card_page = browser.get("/account/card/").text
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', card_page).group(1)
    confirm_card(setup_id, GOOD_CARD)
    return browser.post("/account/card/", {"setup_id": setup_id}, follow=True).text


@pytest.mark.django_db
def test_a_new_card_during_the_term_makes_it_active_without_a_charge(client, subscribed, reader):
    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    _post(client, STRIPE, _detached(profile))
    done = _new_card(Client(), reader)
    assert "Your new card is saved." in done
    subscribed.refresh_from_db()
    assert subscribed.status == S.ACTIVE and subscribed.grace_until is None and subscribed.term_number == 1
    assert not Payment.objects.filter(subscription=subscribed, term_number=2).exists()


@pytest.mark.django_db
def test_a_new_card_after_the_term_ended_is_charged_at_once(client, subscribed, reader):
    import time_machine

    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    _post(client, STRIPE, _detached(profile))
    with time_machine.travel(subscribed.term_end + timedelta(days=2), tick=False):
        done = _new_card(Client(), reader)
    subscribed.refresh_from_db()
    assert subscribed.status == S.ACTIVE and subscribed.term_number == 2
    assert "Paid: ₹900, your subscription runs to" in done
    assert Payment.objects.filter(subscription=subscribed, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1


@pytest.mark.django_db
def test_a_reader_who_needs_a_card_may_cancel(client, subscribed, reader):
    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    _post(client, STRIPE, _detached(profile))
    subscribed.refresh_from_db()
    services.subscription_cancel(subscription=subscribed, by=reader)
    assert subscribed.status == S.CANCELLING


# Razorpay: a card or UPI mandate token cancelled or paused at the bank.

CUSTOMER = "cust_Mr7yTzS3Xn1uKc"
TOKEN = "token_Mr9tKn0dE4dCard"


@pytest.fixture
def razorpay_reader(db, reader, razorpay_keys):
    BillingProfile.objects.create(
        user=reader, name="Razorpay Reader", state_code="29", provider="razorpay", provider_customer_id=CUSTOMER,
        provider_payment_method_id=TOKEN,
    )  # fmt: skip
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))


def _token_event(event: str, *, customer=CUSTOMER, token=TOKEN):
    payload = {
        "entity": "event", "event": event, "contains": ["token"],
        "payload": {"token": {"entity": {"id": token, "entity": "token", "customer_id": customer, "status": event.split(".")[1]}}},
        "created_at": 1764300009,
    }  # fmt: skip
    body = json.dumps(payload).encode()
    signature = hmac.new(b"razorpay-webhook-secret", body, hashlib.sha256).hexdigest()
    return body, {"HTTP_X_RAZORPAY_SIGNATURE": signature}


def _token_answer(status: str, customer=CUSTOMER) -> dict:
    answer = recorded_body("token_cancelled.json", status=status, customer_id=customer, recurring_details={"status": status})
    return {("GET", f"/v1/customers/{CUSTOMER}/tokens/{TOKEN}"): [(200, answer)]}


@pytest.mark.parametrize("event", ["token.cancelled", "token.paused"])
def test_a_razorpay_mandate_cancelled_or_paused_needs_a_new_card(
    client, razorpay_reader, razorpay_answers, mailbox, reader, event, django_capture_on_commit_callbacks
):
    recorded = razorpay_answers(_token_answer(event.split(".")[1]))
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, RAZORPAY, _token_event(event)).status_code == 200
    razorpay_reader.refresh_from_db()
    assert razorpay_reader.status == S.NEEDS_CARD
    assert [path for _, path, _ in recorded.sent] == [f"/v1/customers/{CUSTOMER}/tokens/{TOKEN}"]
    assert len(_card_mails(mailbox, reader.email)) == 1


def test_a_razorpay_token_event_for_a_token_still_confirmed_changes_nothing(client, razorpay_reader, razorpay_answers):
    razorpay_answers(_token_answer("confirmed"))
    assert _post(client, RAZORPAY, _token_event("token.cancelled")).status_code == 200
    razorpay_reader.refresh_from_db()
    assert razorpay_reader.status == S.ACTIVE


def test_a_razorpay_token_event_naming_another_customer_is_rejected(client, razorpay_reader, razorpay_answers):
    razorpay_answers({})
    assert _post(client, RAZORPAY, _token_event("token.cancelled", customer="cust_Other0000000")).status_code == 200
    razorpay_reader.refresh_from_db()
    assert razorpay_reader.status == S.ACTIVE
    assert WebhookEvent.objects.get().outcome == WebhookOutcome.REJECTED


@pytest.mark.django_db
def test_staff_find_the_subscriptions_that_need_a_card_in_the_admin(client, subscribed, reader, django_user_model):
    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    _post(client, STRIPE, _detached(profile))
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    listing = staff.get("/admin/subscriptions/subscription/?status__exact=needs_card").text
    assert "asha@example.test" in listing and "Needs a new card" in listing
    history = staff.get(f"/admin/subscriptions/subscription/{subscribed.pk}/change/").text
    assert "The saved card or mandate stopped working at the provider" in history


@pytest.mark.django_db
def test_a_renewal_charge_that_lands_after_the_card_was_reported_dead_renews_the_term(client, subscribed, reader):
    subscribed.term_end = timezone.now() - timedelta(hours=1)
    subscribed.save(update_fields=["term_end"])
    charge, _ = payment_attempt_open(subscription=subscribed, term_number=2, amount=subscribed.price, provider_name="stripe")
    subscription_move(
        subscription=subscribed, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE, grace_until=subscribed.term_end + timedelta(days=7)
    )
    payment_settle(payment_id=charge.pk, result=ChargeResult(succeeded=True, payment_id="pi_landed"))
    charge.refresh_from_db()
    subscribed.refresh_from_db()
    assert charge.status == PaymentStatus.SUCCEEDED and not charge.duplicate
    assert subscribed.status == S.ACTIVE and subscribed.term_number == 2 and subscribed.grace_until is None


def _paused_with_a_dead_card(client, subscribed, reader):
    services.subscription_pause(subscription=subscribed, months=2, now=subscribed.term_end - timedelta(days=5))
    profile = _card(reader)
    stripe_client().v1.payment_methods.detach(profile.provider_payment_method_id)
    assert _post(client, STRIPE, _detached(profile)).status_code == 200
    subscribed.refresh_from_db()
    return subscribed


@pytest.mark.django_db(transaction=True)
def test_a_paused_subscription_whose_card_dies_is_neither_announced_nor_charged_when_the_pause_ends(
    client, subscribed, reader, mailbox
):
    paused = _paused_with_a_dead_card(client, subscribed, reader)
    assert paused.status == S.PAUSED  # the reader chose the pause: it stays
    assert WebhookEvent.objects.get(event_id="evt_detached_1").outcome == WebhookOutcome.APPLIED
    mails = _card_mails(mailbox, reader.email)
    assert len(mails) == 1
    body = mails[0].get_body(preferencelist=("plain",)).get_content()
    assert "Your subscription stays paused." in body and "/account/card/?link=" in body
    # Told again about the same card: nothing more.
    _post(client, STRIPE, _detached(_card(reader), event_id="evt_detached_2"))
    assert len(_card_mails(mailbox, reader.email)) == 1

    # Resuming early needs a new card.
    with pytest.raises(NoSavedCard, match="can no longer be charged"):
        billing.pause_resume_now(subscription=paused, now=paused.term_end + timedelta(days=10))

    # The pause's end: no pre-debit notice, no charge, a new card needed.
    pause_end = paused.pause_until
    for offset in (timedelta(hours=-47), timedelta(minutes=1), timedelta(days=1, minutes=1)):
        billing.billing_clock_tick(now=pause_end + offset)
    assert not RenewalNotice.objects.filter(subscription=paused).exists()
    assert not Payment.objects.filter(subscription=paused, term_number=2).exists()
    paused.refresh_from_db()
    assert paused.status == S.NEEDS_CARD
    assert paused.term_end == pause_end and paused.grace_until == pause_end + timedelta(days=7)
    assert len(_card_mails(mailbox, reader.email)) == 1  # mailed once, when the card died
    # Then as any subscription needing a card: a new card is charged at once.
    import time_machine

    with time_machine.travel(pause_end + timedelta(days=2), tick=False):
        done = _new_card(Client(), reader)
    assert "Paid: ₹900" in done
    paused.refresh_from_db()
    assert paused.status == S.ACTIVE and paused.term_number == 2


@pytest.mark.django_db(transaction=True)
def test_a_paused_reader_who_saves_a_new_card_renews_with_it_when_the_pause_ends(client, subscribed, reader):
    paused = _paused_with_a_dead_card(client, subscribed, reader)
    browser = Client()
    browser.force_login(reader)
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', browser.get("/account/card/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    browser.post("/account/card/", {"setup_id": setup_id})
    pause_end = paused.pause_until
    for offset in (timedelta(hours=-47), timedelta(minutes=1), timedelta(days=1, minutes=1)):
        billing.billing_clock_tick(now=pause_end + offset)
    paused.refresh_from_db()
    assert paused.status == S.ACTIVE and paused.term_number == 2
    assert Payment.objects.get(subscription=paused, term_number=2).status == PaymentStatus.SUCCEEDED
