"""Introductory offers end to end: the link, the code at checkout, the
discounted first payment on localstripe, renewals at the offer's price for
its terms and at the plan's after, the invoice, the pre-debit notice."""

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.invoicing.models import Invoice
from masthead.invoicing.pdf import invoice_pdf
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import Offer, OfferRedemption, Subscription, SubscriptionStatus
from masthead.testing.stripe import GOOD_CARD, confirm_card, subscribe
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
S = SubscriptionStatus


@pytest.fixture
def reader(django_user_model):
    return django_user_model.objects.create_user(
        username="asha", email="asha@example.test", password="a long password here", first_name="Asha", last_name="Rao"
    )


@pytest.fixture
def browser(reader):
    client = Client()
    client.force_login(reader)
    return client


@pytest.fixture
def quarterly():
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def annual():
    return make_plan(name="Smart Essential", slug="smart-essential", price_minor=2700_00, term_months=12)


@pytest.fixture
def welcome(quarterly):
    return make_offer(quarterly, name="Welcome offer", code="WELCOME50")


def _details(**form):
    return {"name": "Asha Rao", "state_code": "27", "gstin": ""} | form


def _pay(browser, card=GOOD_CARD):
    pay_page = browser.get("/subscribe/pay/").text
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', pay_page).group(1)
    confirm_card(setup_id, card)
    return pay_page, browser.post("/subscribe/pay/confirm/", {"setup_id": setup_id}, follow=True)


def _shown_offer(page: str) -> str:
    return re.search(r'name="offer_shown" value="([^"]*)"', page).group(1)


def _renew(subscription) -> None:
    end = subscription.term_end
    billing.billing_clock_tick(now=end - timedelta(hours=47))
    billing.billing_clock_tick(now=end + timedelta(minutes=1))
    subscription.refresh_from_db()


# --- The link ------------------------------------------------------------------


def test_an_offer_link_shows_its_plans_at_the_offer_price_and_the_price_after(client, welcome, annual):
    page = client.get("/subscribe/offer/WELCOME50/")
    assert page.status_code == 200
    assert "₹450 for your first 3 months, then ₹900 every 3 months" in page.text
    assert "/subscribe/smart-quarterly/" in page.text
    assert "/subscribe/smart-essential/" not in page.text  # not the offer's plan


def test_an_offer_link_works_in_any_case_and_by_its_random_token(client, welcome, quarterly):
    assert client.get("/subscribe/offer/welcome50/").status_code == 200
    codeless = make_offer(quarterly, name="Newsletter readers", value=20)
    page = client.get(f"/subscribe/offer/{codeless.link_token}/")
    assert page.status_code == 200 and "₹720 for your first 3 months" in page.text


def test_an_unknown_offer_says_so_and_shows_the_ordinary_plans(client, quarterly):
    page = client.get("/subscribe/offer/NOSUCH/")
    assert page.status_code == 404
    assert "No such offer" in page.text and "₹900" in page.text and "/subscribe/smart-quarterly/" in page.text


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        ({"ends_at": timezone.now() - timedelta(minutes=1)}, "This offer has ended."),
        ({"is_active": False}, "This offer has ended."),
        ({"max_redemptions": 1, "redemptions_used": 1}, "This offer has been fully taken up."),
        ({"starts_at": timezone.now() + timedelta(days=1)}, "This offer has not started yet."),
    ],
)
def test_an_offer_that_cannot_be_taken_says_why_and_applies_nothing(client, browser, welcome, quarterly, changes, sentence):
    Offer.objects.filter(pk=welcome.pk).update(**changes)
    page = browser.get("/subscribe/offer/WELCOME50/")
    assert page.status_code == 410
    assert sentence in page.text and "₹900" in page.text and "₹450" not in page.text
    checkout = browser.get("/subscribe/smart-quarterly/")
    assert "₹450" not in checkout.text and "₹900 for 3 months" in checkout.text


# --- Checkout ------------------------------------------------------------------


def test_a_reader_from_an_offer_link_pays_the_offer_price_and_is_told_the_renewal(
    localstripe, browser, reader, welcome, django_capture_on_commit_callbacks
):
    browser.get("/subscribe/offer/WELCOME50/")
    checkout = browser.get("/subscribe/smart-quarterly/")
    assert "₹450 for your first 3 months, then ₹900 every 3 months" in checkout.text
    browser.post("/subscribe/smart-quarterly/", _details(offer_shown=_shown_offer(checkout.text)))

    subscription = Subscription.objects.get(user=reader)
    full_from = local_date(timezone.now() + timedelta(days=92))
    with django_capture_on_commit_callbacks(execute=True):
        pay_page, welcome_page = _pay(browser)
    assert "<strong>₹450</strong> today" in pay_page and "Pay ₹450" in pay_page
    assert "then ₹900 every 3 months (the plan's price from" in pay_page
    assert "Your Smart Quarterly subscription is active" in welcome_page.text
    subscription.refresh_from_db()
    assert (subscription.offer, subscription.offer_terms, subscription.offer_price_minor) == (welcome, 1, 450_00)
    assert subscription.price_minor == 900_00 and subscription.renewal_price.minor == 900_00
    renews = f"{local_date(subscription.term_end):%-d %B %Y}"
    assert f"renews on {renews} for ₹900" in welcome_page.text
    assert f"From {renews} each renewal is at the plan's price, ₹900" in html.unescape(welcome_page.text)
    assert abs((local_date(subscription.term_end) - full_from).days) <= 3
    (payment,) = Payment.objects.filter(subscription=subscription)
    assert payment.status == PaymentStatus.SUCCEEDED and payment.amount_minor == 450_00
    welcome.refresh_from_db()
    assert welcome.redemptions_used == 1 and OfferRedemption.objects.get().subscription == subscription
    account = browser.get("/account/").text
    assert "₹450 for your first 3 months, then ₹900 every 3 months" in account and "₹900" in account


def test_a_code_typed_at_checkout_is_applied_and_its_price_shown_before_paying(localstripe, browser, reader, welcome):
    applied = browser.post("/subscribe/smart-quarterly/", _details(code=" welcome50 ", apply_code="1"))
    assert applied.status_code == 200
    assert "Code WELCOME50 applied: Welcome offer." in applied.text
    assert "₹450 for your first 3 months, then ₹900 every 3 months" in applied.text
    assert 'value="Asha Rao"' in applied.text  # what was typed is kept
    assert not Subscription.objects.exists()
    browser.post("/subscribe/smart-quarterly/", _details(offer_shown=_shown_offer(applied.text)))
    assert Subscription.objects.get(user=reader).first_price.minor == 450_00


def test_a_code_typed_and_sent_with_the_details_is_applied_too(localstripe, browser, reader, welcome):
    browser.post("/subscribe/smart-quarterly/", _details(code="WELCOME50"))
    subscription = Subscription.objects.get(user=reader)
    assert subscription.first_price.minor == 450_00
    pay_page = browser.get("/subscribe/pay/").text
    assert "<strong>₹450</strong> today" in pay_page and "then ₹900 every 3 months (the plan's price from" in pay_page


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("NOSUCH", "We do not know that code."),
        ("ＷＥＬＣＯＭＥ５０", "We do not know that code."),
        ("WELCOME50' OR 1=1--", "We do not know that code."),
        ("ANNUAL", "This offer is not for that plan."),
        ("OLD", "This offer has ended."),
    ],
)
def test_a_wrong_code_says_why_and_begins_nothing(browser, welcome, annual, code, message):
    make_offer(annual, name="Annual", code="ANNUAL")
    make_offer(welcome.plans.get(), name="Old", code="OLD", ends_at=timezone.now() - timedelta(seconds=1))
    for extra in ({"apply_code": "1"}, {}):
        page = browser.post("/subscribe/smart-quarterly/", _details(code=code, **extra))
        assert page.status_code in (200, 400) and message in page.text
    assert not Subscription.objects.exists()
    assert "₹450" not in browser.get("/subscribe/smart-quarterly/").text


def test_a_link_token_is_not_a_code_to_type(browser, quarterly):
    codeless = make_offer(quarterly, name="Partners", value=20)
    page = browser.post("/subscribe/smart-quarterly/", _details(code=codeless.link_token, apply_code="1"))
    assert "We do not know that code." in page.text


def test_a_posted_price_or_offer_changes_nothing(localstripe, browser, reader, welcome, quarterly):
    other = make_offer(quarterly, name="Staff only", value=90, code="STAFF90", is_active=False)
    browser.get("/subscribe/offer/WELCOME50/")
    checkout = browser.get("/subscribe/smart-quarterly/").text
    browser.post(
        "/subscribe/smart-quarterly/",
        _details(offer_shown=_shown_offer(checkout), price_minor="100", offer="%d" % other.pk, offer_price_minor="100", value="99"),
    )
    subscription = Subscription.objects.get(user=reader)
    assert (subscription.offer, subscription.offer_price_minor) == (welcome, 450_00)


def test_an_offer_ending_while_the_page_is_open_begins_nothing_at_the_full_price_unseen(browser, welcome):
    browser.get("/subscribe/offer/WELCOME50/")
    checkout = browser.get("/subscribe/smart-quarterly/").text
    Offer.objects.filter(pk=welcome.pk).update(ends_at=timezone.now())
    answer = browser.post("/subscribe/smart-quarterly/", _details(offer_shown=_shown_offer(checkout)), follow=True)
    assert not Subscription.objects.exists()
    assert "The price has changed since this page was shown." in answer.text
    assert "This offer has ended. The price below is the plan's own." in html.unescape(answer.text)
    assert "₹900 for 3 months" in answer.text


def test_the_last_redemption_taken_by_another_reader_meanwhile_begins_nothing(browser, welcome, django_user_model):
    Offer.objects.filter(pk=welcome.pk).update(max_redemptions=1)
    browser.get("/subscribe/offer/WELCOME50/")
    checkout = browser.get("/subscribe/smart-quarterly/").text
    other = django_user_model.objects.create_user(username="other", email="other@example.test", password="x" * 20)
    services.subscription_begin(user=other, plan=welcome.plans.get(), offer=welcome)
    answer = browser.post("/subscribe/smart-quarterly/", _details(offer_shown=_shown_offer(checkout)), follow=True)
    assert Subscription.objects.filter(user__username="asha").count() == 0
    assert "₹450" not in answer.text and "₹900 for 3 months" in answer.text


def test_a_reader_takes_an_offer_once_even_after_cancelling(localstripe, reader, welcome, quarterly):
    subscription = subscribe(reader, quarterly, offer=welcome)
    services.subscription_cancel(subscription=subscription)
    Subscription.objects.filter(pk=subscription.pk).update(status=S.ENDED)
    with pytest.raises(services.OfferRefused) as refused:
        services.subscription_begin(user=reader, plan=quarterly, offer=welcome)
    assert refused.value.code == "already_used" and "already used this offer" in refused.value.message
    assert Subscription.objects.filter(user=reader).count() == 1
    welcome.refresh_from_db()
    assert welcome.redemptions_used == 1


def test_a_checkout_replaced_before_paying_gives_its_redemption_back(reader, welcome, quarterly, annual):
    Offer.objects.filter(pk=welcome.pk).update(max_redemptions=1)
    services.subscription_begin(user=reader, plan=quarterly, offer=welcome)
    welcome.refresh_from_db()
    assert welcome.redemptions_used == 1
    services.subscription_begin(user=reader, plan=annual)  # changed their mind
    welcome.refresh_from_db()
    assert welcome.redemptions_used == 0 and not OfferRedemption.objects.exists()
    again = services.subscription_begin(user=reader, plan=quarterly, offer=welcome)
    assert again.first_price.minor == 450_00


def test_later_edits_to_an_offer_do_not_change_what_a_reader_agreed(localstripe, reader, welcome, quarterly):
    subscription = subscribe(reader, quarterly, offer=welcome)
    Offer.objects.filter(pk=welcome.pk).update(value=10, terms=5, is_active=False)
    subscription.refresh_from_db()
    assert [subscription.term_price(n).minor for n in (1, 2)] == [450_00, 900_00]


# --- Renewals, invoices, notices ----------------------------------------------


def test_renewals_are_at_the_offer_price_for_its_terms_then_at_the_plan_price(localstripe, reader, quarterly):
    offer = make_offer(quarterly, name="Two for less", kind="fixed", value=300_00, terms=2)
    subscription = subscribe(reader, quarterly, offer=offer)
    _renew(subscription)
    _renew(subscription)
    assert subscription.term_number == 3 and subscription.status == S.ACTIVE
    amounts = list(Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).order_by("term_number").values_list("amount_minor", flat=True))
    assert amounts == [600_00, 600_00, 900_00]


def test_the_invoice_shows_the_price_the_discount_and_tax_on_the_discounted_value(localstripe, reader, welcome, quarterly, browser):
    subscription = subscribe(reader, quarterly, offer=welcome)
    invoice = Invoice.objects.get(payment__subscription=subscription)
    # ₹450 paid: taxable value ₹381.36 and ₹68.64 tax; at ₹900 it would have been ₹762.71.
    assert (invoice.total_minor, invoice.taxable_minor, invoice.cgst_minor + invoice.sgst_minor) == (450_00, 381_36, 68_64)
    assert (invoice.gross_minor, invoice.discount_minor) == (762_71, 381_35)
    assert invoice.discount_label == "Welcome offer, term 1 of 1"
    page = browser.get(invoice.get_absolute_url()).text
    assert "₹762.71" in page and "Less discount: Welcome offer, term 1 of 1" in page and "−₹381.35" in page
    assert "Taxable value (after discount)" in page and "₹381.36" in page
    _renew(subscription)
    renewal_invoice = Invoice.objects.get(payment__subscription=subscription, payment__term_number=2)
    assert (renewal_invoice.total_minor, renewal_invoice.discount_minor, renewal_invoice.gross_minor) == (900_00, 0, 0)
    assert "Less discount" not in browser.get(renewal_invoice.get_absolute_url()).text


def test_the_invoice_pdf_shows_the_discount(localstripe, reader, welcome, quarterly):
    subscribe(reader, quarterly, offer=welcome)
    pdf = invoice_pdf(Invoice.objects.get(), compress=False)
    assert b"Less discount: Welcome offer, term 1 of 1" in pdf and b"762.71" in pdf and b"381.35" in pdf


def _notice_text(smtp) -> str:
    (message,) = [m for m in smtp.for_address("asha@example.test") if "renews on" in m["Subject"]]
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def test_the_notice_before_the_first_full_price_renewal_says_the_price_goes_up(
    localstripe, smtp, reader, welcome, quarterly, django_capture_on_commit_callbacks
):
    subscription = subscribe(reader, quarterly, offer=welcome)
    with django_capture_on_commit_callbacks(execute=True):
        billing.renewal_notices_send(now=subscription.term_end - timedelta(hours=47))
    text = _notice_text(smtp)
    assert "we will charge ₹900 to the card you saved" in text
    assert "Your introductory offer has ended: this renewal is at the plan's full price, ₹900, up from the ₹450" in text


def test_the_notice_before_the_last_offer_renewal_says_what_comes_after(
    localstripe, smtp, reader, quarterly, django_capture_on_commit_callbacks
):
    offer = make_offer(quarterly, name="Two for less", kind="fixed", value=300_00, terms=2)
    subscription = subscribe(reader, quarterly, offer=offer)
    with django_capture_on_commit_callbacks(execute=True):
        billing.renewal_notices_send(now=subscription.term_end - timedelta(hours=47))
    text = _notice_text(smtp)
    assert "we will charge ₹600 to the card you saved" in text
    assert "This is the last renewal at your offer's price. The renewal after it will be at the plan's full price, ₹900." in text
    assert "has ended" not in text


def test_a_notice_without_an_offer_says_nothing_of_one(localstripe, smtp, reader, quarterly, django_capture_on_commit_callbacks):
    subscription = subscribe(reader, quarterly)
    with django_capture_on_commit_callbacks(execute=True):
        billing.renewal_notices_send(now=subscription.term_end - timedelta(hours=47))
    text = _notice_text(smtp)
    assert "we will charge ₹900" in text and "offer" not in text
