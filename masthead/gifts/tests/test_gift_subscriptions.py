"""Gift subscriptions: bought by card against localstripe (real HTTP, the
official SDK), mailed on their day through a real SMTP server, redeemed once."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import (
    CODE_LENGTH,
    GiftCodeInvalid,
    gift_checkout_pay,
    gift_checkout_start,
    gift_code_display,
    gift_emails_send_due,
    gift_purchase_begin,
    gift_redeem,
)
from masthead.invoicing.models import Invoice
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.services import payment_attempt_open, payment_refund
from masthead.subscriptions.billing import billing_clock_tick
from masthead.subscriptions.models import EventReason, RenewalNotice, Subscription, SubscriptionEvent, SubscriptionStatus
from masthead.subscriptions.services import subscriptions_end_due, term_end_after
from masthead.testing.concurrency import in_threads
from masthead.testing.stripe import DECLINED_CARD, GOOD_CARD, confirm_card, intents_with_key, signed_stripe_event, subscribe
from masthead.testing.subscriptions import make_plan
from masthead.testing.admin import refund_confirmation

G = GiftSubscriptionStatus
S = SubscriptionStatus


_after_commit = {}


@pytest.fixture(autouse=True)
def _commit_callbacks(django_capture_on_commit_callbacks):
    """What runs after a request's transaction commits (the gift e-mail sent
    at once), run as it would be, in the tests inside one transaction."""
    _after_commit["capture"] = django_capture_on_commit_callbacks
    yield
    _after_commit.clear()


@pytest.fixture
def buyer(django_user_model):
    return django_user_model.objects.create_user(
        username="giver", email="giver@example.test", password="a long password here", first_name="Meera", last_name="Iyer"
    )


@pytest.fixture
def buyer_browser(buyer):
    client = Client()
    client.force_login(buyer)
    return client


@pytest.fixture
def yearly():
    return make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)


def _gift_form(chosen, **fields):
    return {
        "plan": chosen.slug,
        "recipient_name": "Ravi Kumar",
        "recipient_email": "ravi@example.test",
        "send_on": local_date(timezone.now()).isoformat(),
        "message": "Happy birthday!",
        "name": "Meera Iyer",
        "state_code": "29",
        "gstin": "",
    } | fields


def _buy(browser, plan, card=GOOD_CARD, **fields):
    """The buyer fills in the gift form, then pays on the card page; returns (gift, final response)."""
    response = browser.post("/gift/", _gift_form(plan, **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    gift = GiftSubscription.objects.latest("id")
    pay_page = browser.get(f"/gift/{gift.pk}/pay/").text
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', pay_page).group(1)
    confirm_card(setup_id, card)
    with _after_commit["capture"](execute=True):
        done = browser.post(f"/gift/{gift.pk}/pay/confirm/", {"setup_id": setup_id}, follow=True)
    gift.refresh_from_db()
    return gift, done, setup_id


def _paid_gift(buyer_browser, plan, **fields):
    gift, _, _ = _buy(buyer_browser, plan, **fields)
    assert gift.status in (G.PAID, G.SENT)
    return gift


@pytest.mark.django_db
def test_a_reader_buys_a_gift_by_card_and_gets_a_gst_invoice_the_recipient_gets_the_code(
    localstripe, smtp, buyer, buyer_browser, yearly
):
    gift, done, _ = _buy(buyer_browser, yearly)

    assert "Thank you: your gift is paid" in done.text
    assert (gift.status, gift.price_minor, gift.term_months, gift.plan) == (G.SENT, 2_700_00, 12, yearly)
    payment = Payment.objects.get(gift=gift)
    assert payment.subscription is None and payment.status == PaymentStatus.SUCCEEDED
    assert payment.charge_key == f"masthead-gift{gift.pk}-try1" and payment.amount_minor == 2_700_00
    assert len(intents_with_key(payment.charge_key)) == 1
    invoice = Invoice.objects.get(payment=payment)
    # The buyer's invoice: their name and state (Karnataka: IGST from Maharashtra).
    assert (invoice.buyer_name, invoice.buyer_state_code, invoice.total_minor) == ("Meera Iyer", "29", 2_700_00)
    assert invoice.igst_minor > 0 and "a gift for Ravi Kumar" in invoice.description
    assert invoice.number in done.text
    assert invoice.number in buyer_browser.get("/account/invoices/").text
    # Sent today, at once, to the recipient; the buyer has their receipt with the invoice.
    assert smtp.per_recipient() == {"ravi@example.test": 1, "giver@example.test": 1}
    receipt = smtp.for_address("giver@example.test")[0]
    assert receipt["Subject"].endswith("a gift of Smart Annual ₹2,700")
    assert [part.get_filename() for part in receipt.iter_attachments()] == [f"{invoice.slug}.pdf"]
    assert "for Ravi Kumar (ravi@example.test)" in receipt.get_body(("plain",)).get_content()
    mail = smtp.for_address("ravi@example.test")[0]
    body = mail.get_body(("plain",)).get_content()
    assert mail["Subject"].startswith("Meera Iyer has given you 1 year of ")
    assert gift_code_display(gift.code) in body and "Happy birthday!" in body
    assert f"https://news.example.test/gift/redeem/?code={gift.code}" in body
    # Listed on the buyer's account page until it is redeemed.
    account = buyer_browser.get("/account/").text
    assert "Subscriptions you gave" in account and "ravi@example.test" in account


@pytest.mark.django_db
def test_a_buyer_who_is_not_signed_in_logs_in_or_signs_up_first(client, yearly):
    response = client.get("/gift/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/gift/")
    client.post("/gift/", _gift_form(yearly))
    assert not GiftSubscription.objects.exists()


@pytest.mark.django_db
def test_a_tampered_price_or_plan_changes_nothing(localstripe, buyer_browser, yearly):
    hidden = make_plan(name="Staff Only", slug="staff-only", price_minor=100_00, term_months=24, is_active=False)
    refused = buyer_browser.post("/gift/", _gift_form(yearly, plan=hidden.slug))
    assert refused.status_code == 200 and "Select a valid choice" in refused.text
    assert not GiftSubscription.objects.exists()

    gift, _, _ = _buy(buyer_browser, yearly, price_minor="100", amount="1", term_months="120")
    assert (gift.price_minor, gift.term_months) == (2_700_00, 12)
    assert Payment.objects.get(gift=gift).amount_minor == 2_700_00


@pytest.mark.django_db
def test_a_send_day_in_the_past_is_refused(buyer_browser, yearly):
    yesterday = local_date(timezone.now()) - timedelta(days=1)
    response = buyer_browser.post("/gift/", _gift_form(yearly, send_on=yesterday.isoformat()))
    assert "The day to send the gift cannot be in the past." in response.text
    assert not GiftSubscription.objects.exists()


@pytest.mark.django_db
def test_a_second_click_or_tab_charges_a_gift_once(localstripe, buyer_browser, yearly):
    gift, _, setup_id = _buy(buyer_browser, yearly)
    # The same card form posted again (a double click, the back button).
    again = buyer_browser.post(f"/gift/{gift.pk}/pay/confirm/", {"setup_id": setup_id})
    assert again.status_code == 302 and again["Location"] == f"/gift/{gift.pk}/"
    assert Payment.objects.filter(gift=gift).count() == 1
    assert len(intents_with_key(f"masthead-gift{gift.pk}-try1")) == 1
    assert buyer_browser.get(f"/gift/{gift.pk}/pay/")["Location"] == f"/gift/{gift.pk}/"


@pytest.mark.django_db
def test_a_declined_card_leaves_the_gift_unpaid_and_another_card_pays(localstripe, smtp, buyer_browser, yearly):
    gift, declined, _ = _buy(buyer_browser, yearly, card=DECLINED_CARD)
    assert "Your card was declined. No money was taken. Please try another card." in declined.text
    assert gift.status == G.PENDING_PAYMENT and not smtp.messages
    assert not Invoice.objects.exists()
    pay_page = buyer_browser.get(f"/gift/{gift.pk}/pay/").text
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', pay_page).group(1)
    confirm_card(setup_id, GOOD_CARD)
    with _after_commit["capture"](execute=True):
        buyer_browser.post(f"/gift/{gift.pk}/pay/confirm/", {"setup_id": setup_id})
    gift.refresh_from_db()
    assert gift.status == G.SENT
    assert list(Payment.objects.filter(gift=gift).order_by("attempt").values_list("status", flat=True)) == ["failed", "succeeded"]


@pytest.mark.django_db
def test_another_readers_gift_is_not_found(localstripe, buyer_browser, yearly, django_user_model):
    gift = _paid_gift(buyer_browser, yearly)
    other = Client()
    other.force_login(django_user_model.objects.create_user(username="o", email="o@example.test", password="x" * 20))
    assert other.get(f"/gift/{gift.pk}/").status_code == 404
    assert other.get(f"/gift/{gift.pk}/pay/").status_code == 404
    assert other.post(f"/gift/{gift.pk}/resend/").status_code == 404


@pytest.mark.django_db
def test_a_gift_for_a_later_day_is_mailed_on_that_day_once(localstripe, smtp, buyer_browser, yearly):
    today = local_date(timezone.now())
    gift = _paid_gift(buyer_browser, yearly, send_on=(today + timedelta(days=3)).isoformat())
    assert gift.status == G.PAID and "ravi@example.test" not in smtp.per_recipient()
    assert gift_emails_send_due() == 0

    on_the_day = timezone.now() + timedelta(days=3)
    assert gift_emails_send_due(now=on_the_day) == 1
    assert gift_emails_send_due(now=on_the_day) == 0  # the job again: nothing more
    gift.refresh_from_db()
    assert gift.status == G.SENT
    assert smtp.per_recipient() == {"ravi@example.test": 1, "giver@example.test": 1}


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_a_gift_email_once(localstripe, smtp, buyer_browser, yearly):
    today = local_date(timezone.now())
    _paid_gift(buyer_browser, yearly, send_on=(today + timedelta(days=1)).isoformat())
    tomorrow = timezone.now() + timedelta(days=1)
    sent, errors = in_threads(lambda: gift_emails_send_due(now=tomorrow), lambda: gift_emails_send_due(now=tomorrow))
    assert not errors, errors
    assert sorted(sent) == [0, 1]
    assert smtp.per_recipient()["ravi@example.test"] == 1


@pytest.mark.django_db
def test_a_failed_send_is_tried_again_by_the_next_run(localstripe, smtp, buyer_browser, yearly):
    smtp.refuse.add("ravi@example.test")
    gift = _paid_gift(buyer_browser, yearly)
    assert gift.status == G.PAID  # the send failed: the claim was given back
    smtp.refuse.clear()
    assert gift_emails_send_due() == 1
    gift.refresh_from_db()
    assert gift.status == G.SENT and smtp.per_recipient()["ravi@example.test"] == 1


@pytest.mark.django_db
def test_a_new_reader_redeems_a_gift_and_reads_for_its_term_without_renewal(
    localstripe, buyer_browser, yearly, django_user_model
):
    gift = _paid_gift(buyer_browser, yearly)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    reader = Client()
    reader.force_login(ravi)
    # The e-mail's link fills the code in; lower case and dashes are fine.
    assert gift.code in reader.get(f"/gift/redeem/?code={gift.code}").text
    redeemed = reader.post("/gift/redeem/", {"code": gift_code_display(gift.code).lower()}, follow=True)

    subscription = Subscription.objects.get(user=ravi)
    assert subscription.status == S.GIFT and subscription.price_minor == 0
    assert subscription.term_end == term_end_after(subscription.term_start, 12)
    assert f"you read everything until {local_date(subscription.term_end):%-d %B %Y}" in redeemed.text
    event = SubscriptionEvent.objects.get(subscription=subscription)
    assert (event.from_status, event.to_status, event.reason, event.detail) == (S.PENDING, S.GIFT, EventReason.GIFT_REDEEMED, {"gift": gift.pk})
    gift.refresh_from_db()
    assert (gift.status, gift.redeemed_by, gift.subscription) == (G.REDEEMED, ravi, subscription)
    assert "Subscriptions you gave" not in buyer_browser.get("/account/").text

    # Never charged, never renewed: the clock ends it at its term's end.
    later = subscription.term_end + timedelta(minutes=1)
    billing_clock_tick(now=later)
    subscription.refresh_from_db()
    assert subscription.status == S.ENDED
    assert not Payment.objects.filter(subscription=subscription).exists()
    assert not RenewalNotice.objects.filter(subscription=subscription).exists()


@pytest.mark.django_db
def test_a_reader_who_is_not_signed_in_logs_in_first_and_keeps_the_code(localstripe, client, buyer_browser, yearly):
    gift = _paid_gift(buyer_browser, yearly)
    response = client.post("/gift/redeem/", {"code": gift.code})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/gift/redeem/%3Fcode%3D" + gift.code)
    gift.refresh_from_db()
    assert gift.status == G.SENT


@pytest.mark.django_db
def test_a_subscriber_redeeming_a_gift_gets_their_term_lengthened_and_is_not_charged_early(
    localstripe, buyer_browser, yearly, django_user_model
):
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    gift = _paid_gift(buyer_browser, yearly)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    subscription = subscribe(ravi, quarterly)
    old_end = subscription.term_end
    # The pre-debit notice for the old date has gone out.
    billing_clock_tick(now=old_end - timedelta(hours=30))
    assert RenewalNotice.objects.filter(subscription=subscription, term_number=2).exists()

    gift_redeem(code=gift.code, user=ravi)

    subscription.refresh_from_db()
    new_end = term_end_after(old_end, 12)
    assert (subscription.status, subscription.term_end, subscription.term_number) == (S.ACTIVE, new_end, 1)
    assert subscription.price_minor == 900_00  # renews at its own price, later
    event = subscription.events.get(reason=EventReason.GIFT_REDEEMED)
    assert event.detail["term_end_was"] == old_end.isoformat() and "renewal_notice_withdrawn" in event.detail
    reader = Client()
    reader.force_login(ravi)
    assert f"{local_date(new_end):%-d %B %Y}" in reader.get("/account/").text

    # The old date passes: nothing is charged, and no notice is owed yet.
    billing_clock_tick(now=old_end + timedelta(days=2))
    assert Payment.objects.filter(subscription=subscription).count() == 1
    assert not RenewalNotice.objects.filter(subscription=subscription).exists()
    # Before the new date the notice goes out; the renewal is charged at the new date.
    billing_clock_tick(now=new_end - timedelta(hours=30))
    notice = RenewalNotice.objects.get(subscription=subscription, term_number=2)
    assert notice.charge_on >= new_end - timedelta(days=1)
    billing_clock_tick(now=new_end + timedelta(hours=1))
    assert Payment.objects.filter(subscription=subscription, term_number=2, status=PaymentStatus.SUCCEEDED).count() == 1


@pytest.mark.django_db
def test_a_cancelled_subscriber_or_a_gift_reader_gets_their_end_moved_later(localstripe, buyer_browser, yearly, django_user_model):
    first = _paid_gift(buyer_browser, yearly)
    second = _paid_gift(buyer_browser, yearly)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    gift_redeem(code=first.code, user=ravi)
    subscription = Subscription.objects.get(user=ravi)
    end = subscription.term_end
    gift_redeem(code=second.code, user=ravi)
    subscription.refresh_from_db()
    assert subscription.status == S.GIFT and subscription.term_end == term_end_after(end, 12)
    assert subscriptions_end_due(now=end + timedelta(days=1)) == 0


@pytest.mark.django_db
def test_a_wrong_used_or_voided_code_says_so_and_changes_nothing(localstripe, buyer_browser, yearly, django_user_model):
    gift = _paid_gift(buyer_browser, yearly)
    reader = Client()
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    reader.force_login(ravi)

    assert "That is not a gift code." in reader.post("/gift/redeem/", {"code": "nope"}).text
    forged = ("A" * CODE_LENGTH) if gift.code != "A" * CODE_LENGTH else ("B" * CODE_LENGTH)
    response = reader.post("/gift/redeem/", {"code": forged})
    assert response.status_code == 400 and "No gift has that code." in response.text
    assert not Subscription.objects.filter(user=ravi).exists()

    gift_redeem(code=gift.code, user=ravi)
    other = django_user_model.objects.create_user(username="x", email="x@example.test", password="x" * 20)
    with pytest.raises(GiftCodeInvalid, match="already been redeemed"):
        gift_redeem(code=gift.code, user=other)
    assert not Subscription.objects.filter(user=other).exists()

    voided = _paid_gift(buyer_browser, yearly)
    payment_refund(payment=Payment.objects.get(gift=voided))
    voided.refresh_from_db()
    assert voided.status == G.VOID
    with pytest.raises(GiftCodeInvalid, match="cancelled and refunded"):
        gift_redeem(code=voided.code, user=other)
    assert not Subscription.objects.filter(user=other).exists()


@pytest.mark.django_db
def test_an_unpaid_gift_cannot_be_redeemed(buyer_browser, yearly, django_user_model):
    buyer_browser.post("/gift/", _gift_form(yearly))
    gift = GiftSubscription.objects.get()
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    with pytest.raises(GiftCodeInvalid, match="No gift has that code"):
        gift_redeem(code=gift.code, user=ravi)


@pytest.mark.django_db
def test_a_subscriber_whose_renewal_failed_is_asked_to_fix_their_card_first(localstripe, buyer_browser, yearly, django_user_model):
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    gift = _paid_gift(buyer_browser, yearly)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    subscription = subscribe(ravi, quarterly, card=GOOD_CARD)
    Subscription.objects.filter(pk=subscription.pk).update(status=S.PAST_DUE, grace_until=timezone.now() + timedelta(days=5))
    with pytest.raises(Exception, match="update your card"):
        gift_redeem(code=gift.code, user=ravi)
    gift.refresh_from_db()
    assert gift.status == G.SENT and gift.redeemed_by is None


@pytest.mark.django_db
def test_staff_refund_of_an_unredeemed_gift_voids_it_and_a_redeemed_one_keeps_its_months(
    localstripe, smtp, buyer_browser, yearly, django_user_model
):
    unredeemed = _paid_gift(buyer_browser, yearly)
    redeemed = _paid_gift(buyer_browser, yearly)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    gift_redeem(code=redeemed.code, user=ravi)
    staff = django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20)
    admin = Client()
    admin.force_login(staff)
    payments = [Payment.objects.get(gift=unredeemed).pk, Payment.objects.get(gift=redeemed).pk]
    confirm = admin.post("/admin/payments/payment/", {"action": "refund", "_selected_action": payments})
    assert "it is voided and its code stops working" in confirm.text
    assert "they keep its months" in confirm.text
    with _after_commit["capture"](execute=True):
        admin.post("/admin/payments/payment/", refund_confirmation(admin, payments))
    refunds = [message for message in smtp.for_address("giver@example.test") if "Your refund" in message["Subject"]]
    told = sorted(message.get_body(("plain",)).get_content() for message in refunds)
    assert len(told) == 2
    assert any("The gift is cancelled: its code no longer works." in text for text in told)
    assert any("The gift had already been redeemed: Ravi Kumar keeps it." in text for text in told)

    assert set(Payment.objects.filter(pk__in=payments).values_list("status", flat=True)) == {PaymentStatus.REFUNDED}
    unredeemed.refresh_from_db()
    redeemed.refresh_from_db()
    assert (unredeemed.status, redeemed.status) == (G.VOID, G.REDEEMED)
    assert Subscription.objects.get(user=ravi).status == S.GIFT
    assert "Subscriptions you gave" not in buyer_browser.get("/account/").text


@pytest.mark.django_db
def test_the_buyer_sends_the_gift_email_again_the_next_day(localstripe, smtp, buyer_browser, yearly):
    gift = _paid_gift(buyer_browser, yearly)
    too_soon = buyer_browser.post(f"/gift/{gift.pk}/resend/", follow=True)
    assert "The gift e-mail can be sent again once a day." in too_soon.text
    GiftSubscription.objects.filter(pk=gift.pk).update(sent_at=timezone.now() - timedelta(days=1))
    response = buyer_browser.post(f"/gift/{gift.pk}/resend/", follow=True)
    assert "The gift e-mail is on its way to ravi@example.test again." in response.text
    assert smtp.per_recipient() == {"ravi@example.test": 2, "giver@example.test": 1}


@pytest.mark.django_db(transaction=True)
def test_two_redemptions_of_one_code_at_once_exactly_one_wins(localstripe, buyer_browser, yearly, django_user_model):
    gift = _paid_gift(buyer_browser, yearly)
    readers = [
        django_user_model.objects.create_user(username=f"r{n}", email=f"r{n}@example.test", password="x" * 20) for n in range(2)
    ]
    won, errors = in_threads(*[lambda reader=reader: gift_redeem(code=gift.code, user=reader) for reader in readers])
    assert len(won) == 1, (won, errors)
    assert len(errors) == 1 and isinstance(errors[0], GiftCodeInvalid), errors
    assert Subscription.objects.filter(status=S.GIFT).count() == 1
    gift.refresh_from_db()
    assert gift.status == G.REDEEMED and gift.subscription == Subscription.objects.get(status=S.GIFT)


@pytest.mark.django_db(transaction=True)
def test_a_refund_racing_a_redemption_leaves_one_consistent_outcome(localstripe, buyer_browser, yearly, django_user_model):
    gift = _paid_gift(buyer_browser, yearly)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    payment = Payment.objects.get(gift=gift)
    done, errors = in_threads(lambda: gift_redeem(code=gift.code, user=ravi), lambda: payment_refund(payment=payment))
    gift.refresh_from_db()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    if gift.status == G.VOID:  # the refund came first: the code no longer works
        assert len(errors) == 1 and isinstance(errors[0], GiftCodeInvalid), errors
        assert not Subscription.objects.filter(user=ravi).exists()
    else:  # the redemption came first: the recipient keeps the months
        assert not errors, errors
        assert gift.status == G.REDEEMED and Subscription.objects.get(user=ravi).status == S.GIFT


@pytest.mark.django_db(transaction=True)
def test_two_tabs_paying_one_gift_at_once_charge_it_once(localstripe, buyer, yearly):

    BillingProfile.objects.create(user=buyer, name="Meera Iyer", state_code="29")
    gift = gift_purchase_begin(
        buyer=buyer, plan=yearly, recipient_name="Ravi", recipient_email="ravi@example.test", send_on=local_date(timezone.now())
    )
    forms = [gift_checkout_start(gift=gift).setup for _ in range(2)]
    for form in forms:
        confirm_card(form.setup_id, GOOD_CARD)

    paid, errors = in_threads(
        *[lambda form=form: gift_checkout_pay(gift=GiftSubscription.objects.get(pk=gift.pk), setup_id=form.setup_id, shown_id=form.setup_id) for form in forms]
    )
    assert all(type(error).__name__ in ("ChargeInFlight", "InvalidOperation", "TermAlreadyPaid") for error in errors), errors
    assert Payment.objects.filter(gift=gift, status=PaymentStatus.SUCCEEDED).count() == 1
    assert len(intents_with_key(f"masthead-gift{gift.pk}-try1")) == 1
    assert not Payment.objects.filter(gift=gift).exclude(charge_key=f"masthead-gift{gift.pk}-try1").exists()
    assert Invoice.objects.filter(payment__gift=gift).count() == 1


@pytest.mark.django_db
def test_a_real_event_for_another_readers_charge_cannot_pay_a_gift(client, localstripe, buyer, yearly, django_user_model):

    BillingProfile.objects.create(user=buyer, name="Meera Iyer", state_code="29")
    gift = gift_purchase_begin(
        buyer=buyer, plan=yearly, recipient_name="Ravi", recipient_email="ravi@example.test", send_on=local_date(timezone.now())
    )
    pending, _ = payment_attempt_open(gift=gift, amount=gift.price, provider_name="stripe")
    attacker = django_user_model.objects.create_user(username="att", email="att@example.test", password="x" * 20)
    attacker_payment = Payment.objects.get(subscription=subscribe(attacker, yearly))
    event = {
        "id": "evt_forged_gift",
        "object": "event",
        "type": "payment_intent.succeeded",
        "data": {"object": {"id": attacker_payment.provider_payment_id, "object": "payment_intent", "metadata": {"charge_key": pending.charge_key}}},
    }
    body, headers = signed_stripe_event(event)
    client.post("/payments/stripe/webhook/", body, content_type="application/json", **headers)
    pending.refresh_from_db()
    gift.refresh_from_db()
    assert pending.status == PaymentStatus.PENDING and gift.status == G.PENDING_PAYMENT
    assert not Invoice.objects.filter(payment__gift=gift).exists()


@pytest.mark.django_db
def test_a_reader_in_a_trial_who_redeems_a_gift_is_told_their_first_payment_moves(
    localstripe, buyer_browser, yearly, django_user_model
):
    trial_plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    gift = _paid_gift(buyer_browser, yearly)
    ravi = django_user_model.objects.create_user(username="ravi", email="ravi@example.test", password="x" * 20)
    subscription = subscribe(ravi, trial_plan)
    reader = Client()
    reader.force_login(ravi)
    redeemed = reader.post("/gift/redeem/", {"code": gift.code}, follow=True).text
    subscription.refresh_from_db()
    new_end = f"{local_date(subscription.term_end):%-d %B %Y}"
    assert f"you read everything until {new_end}" in redeemed
    assert f"Your first payment, ₹900, moves to {new_end}" in redeemed
