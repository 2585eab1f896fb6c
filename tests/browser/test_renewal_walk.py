"""Paying once, and what a subscriber reads at renewal, on a phone and a desktop.

A new reader pays through Stripe.js served by localstripe; a subscriber at
the end of a term reads on and sees what the account page says about the
renewal (renews today, being processed, failed with a retry date); billing
staff with only their own permissions run the billing clock from the admin.
Each rough edge a walk through these pages found has a test here.
"""

import time
from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from masthead.payments.models import (
    Payment,
    PaymentStatus,
    WebhookEvent,
    WebhookOutcome,
)
from masthead.payments.providers.stripe import StripeProvider
from masthead.payments.selectors import term_attempts
from masthead.payments.services import charge_key
from masthead.subscriptions import billing, services
from masthead.subscriptions.models import (
    RenewalNotice,
    Subscription,
    SubscriptionStatus,
)
from masthead.testing.accounts import make_staff
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import (
    DECLINED_CARD,
    GOOD_CARD,
    register_localstripe_webhook,
    save_card,
    subscribe,
)
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, confirm_mailed_code, fill_card

pytestmark = pytest.mark.django_db(transaction=True)
S = SubscriptionStatus
PASSWORD = "a very long passphrase 42"
PAYWALL = "Subscribe now for unlimited access."
BEING_PROCESSED = "Your payment is being processed."


@pytest.fixture
def shop(localstripe, live_server):
    register_localstripe_webhook(localstripe, live_server.url + "/payments/stripe/webhook/")
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12, position=2)
    story = make_article(is_premium=True, headline="Inside the rate decision", published_ago=timedelta(hours=2))
    return {"plan": plan, "story": story}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _sign_up_and_choose(page, live_server, email):
    page.goto(live_server.url + "/subscribe/")
    page.get_by_role("link", name="Choose Smart Quarterly").click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_role("link", name="Sign up").click()
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    confirm_mailed_code(page, email)
    page.wait_for_url("**/subscribe/smart-quarterly/")
    page.fill("input[name=name]", "Meera Pillai")
    page.select_option("select[name=state_code]", "27")
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/subscribe/pay/")


def _card_form(page) -> str:
    return page.locator("#payment-form").get_attribute("data-client-secret")


def _log_in(page, live_server, email):
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def _subscriber(django_user_model, plan, email, *, card=GOOD_CARD) -> Subscription:
    reader = django_user_model.objects.create_user(username=email.split("@")[0], email=email, password=PASSWORD)
    return subscribe(reader, plan, card=card)


def _term_over(subscription, *, hours=2) -> None:
    """The paid term ended a little while ago and the renewal is not charged yet."""
    subscription.term_end = timezone.now() - timedelta(hours=hours)
    subscription.save(update_fields=["term_end"])


def _notice_due(subscription) -> RenewalNotice:
    """The pre-debit notice went out more than a day ago; its charge date has come."""
    now = timezone.now()
    return RenewalNotice.objects.create(
        subscription=subscription,
        term_number=subscription.term_number + 1,
        amount_minor=subscription.price_minor,
        charge_on=now - timedelta(hours=1),
        sent_at=now - timedelta(hours=30),
    )


def _past_due(subscription) -> Subscription:
    """A renewal charged to a card that declines: the subscription is in its grace period."""
    save_card(subscription.user, DECLINED_CARD)
    _term_over(subscription)
    _notice_due(subscription)
    billing.subscription_clock_run(subscription=subscription)
    subscription.refresh_from_db()
    assert subscription.status == S.PAST_DUE
    return subscription


def _renewal_in_flight(subscription) -> Payment:
    """A worker has claimed the next term's charge and is waiting on the provider."""
    term = subscription.term_number + 1
    attempt = term_attempts(subscription_id=subscription.pk, term_number=term).next_number
    return Payment.objects.create(
        subscription=subscription,
        term_number=term,
        attempt=attempt,
        charge_key=charge_key(subscription_id=subscription.pk, term_number=term, attempt=attempt),
        provider="stripe",
        amount_minor=subscription.price_minor,
        claimed_at=timezone.now(),
    )


def _renewal_line(page) -> str:
    """The account page's "Renewal" fact (not "Next renewal"), as one line."""
    fact = page.locator("xpath=//dl[contains(@class, 'facts')]/dt[normalize-space()='Renewal']/following-sibling::dd[1]")
    return " ".join(fact.inner_text().split())


def _facts(page) -> str:
    return " ".join(page.locator("dl.facts").inner_text().split())


def _local(moment, format_string) -> str:
    return dateformat.format(timezone.localtime(moment), format_string)


def _slow_charges(monkeypatch, seconds):
    """Every charge takes a while at the provider, so a second confirm arrives mid-flight."""
    real_charge = StripeProvider.charge

    def slow(self, **kwargs):
        time.sleep(seconds)
        return real_charge(self, **kwargs)

    monkeypatch.setattr(StripeProvider, "charge", slow)


# A new reader pays


def test_on_a_phone_a_new_reader_is_declined_then_double_clicks_pay_and_is_charged_once(phone, live_server, shop, artifacts):
    confirms = []
    phone.on("request", lambda request: confirms.append(request) if request.url.endswith("/subscribe/pay/confirm/") else None)
    _sign_up_and_choose(phone, live_server, "meera@example.test")

    # Reloading the payment page offers the same card form, not a new one each time.
    first_form = _card_form(phone)
    for _ in range(3):
        phone.reload()
        assert _card_form(phone) == first_form

    fill_card(phone, DECLINED_CARD)
    phone.get_by_role("button", name="Pay ₹900").click()
    phone.wait_for_url("**/subscribe/pay/")
    phone.locator(".messages").wait_for()
    assert phone.locator(".messages").inner_text().strip() == "Your card was declined. No money was taken. Please try another card."
    assert _card_form(phone) != first_form  # the used form is gone: a new card form for the next try
    assert phone.get_by_role("button", name="Pay ₹900").is_enabled()

    fill_card(phone, GOOD_CARD)
    phone.get_by_role("button", name="Pay ₹900").dblclick()
    phone.wait_for_url("**/subscribe/welcome/")
    phone.screenshot(path=artifacts / "walk-welcome-phone.png", full_page=True)

    assert len(confirms) == 2  # one for the declined card, one for the double click
    subscription = Subscription.objects.get(user__email="meera@example.test")
    assert subscription.status == S.ACTIVE
    assert Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).count() == 1
    welcome = phone.locator("main").inner_text()
    assert "Your Smart Quarterly subscription is active." in welcome
    assert f"Your subscription renews on {_local(subscription.term_end, 'j F Y')} for ₹900" in welcome

    phone.goto(live_server.url + shop["story"].get_absolute_url())
    assert PAYWALL not in phone.content()
    phone.goto(live_server.url + "/account/")
    assert f"Next renewal {_local(subscription.term_end, 'j F Y')}, ₹900" in _facts(phone)
    payments = phone.locator("table.payments tbody").inner_text()
    assert "Succeeded" in payments and "Failed: Your card was declined." in payments


def test_a_second_tab_confirming_while_the_first_is_charged_is_told_the_payment_is_being_processed(
    desktop, live_server, shop, monkeypatch, artifacts
):
    _sign_up_and_choose(desktop, live_server, "twotabs@example.test")
    second = desktop.context.new_page()
    second.goto(live_server.url + "/subscribe/pay/")
    assert _card_form(second) == _card_form(desktop)  # the same card form in both tabs
    fill_card(desktop, GOOD_CARD)
    fill_card(second, GOOD_CARD)
    _slow_charges(monkeypatch, seconds=3)

    with desktop.expect_request("**/subscribe/pay/confirm/"):
        desktop.get_by_role("button", name="Pay ₹900").click()
    second.get_by_role("button", name="Pay ₹900").click()

    second.wait_for_url("**/account/")
    assert BEING_PROCESSED in second.locator(".messages").inner_text()
    second.screenshot(path=artifacts / "walk-being-processed-desktop.png", full_page=True)
    desktop.wait_for_url("**/subscribe/welcome/")
    subscription = Subscription.objects.get(user__email="twotabs@example.test")
    assert subscription.status == S.ACTIVE
    assert Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).count() == 1
    assert not Payment.objects.filter(subscription=subscription).exclude(status=PaymentStatus.SUCCEEDED).exists()


def test_after_paying_the_payment_page_does_not_offer_the_plans_again(desktop, live_server, shop):
    _sign_up_and_choose(desktop, live_server, "back@example.test")
    fill_card(desktop, GOOD_CARD)
    desktop.get_by_role("button", name="Pay ₹900").click()
    desktop.wait_for_url("**/subscribe/welcome/")
    desktop.goto(live_server.url + "/subscribe/pay/")
    assert not desktop.url.endswith("/subscribe/")


def test_while_the_first_payment_is_in_flight_a_reload_of_the_account_page_still_says_so(
    desktop, live_server, shop, django_user_model
):
    reader = django_user_model.objects.create_user(username="wait", email="wait@example.test", password=PASSWORD)
    subscription = services.subscription_begin(user=reader, plan=shop["plan"])
    Payment.objects.create(
        subscription=subscription, term_number=1, attempt=1, charge_key=f"masthead-sub{subscription.pk}-term1-try1",
        provider="stripe", amount_minor=subscription.price_minor, claimed_at=timezone.now(),
    )  # fmt: skip
    _log_in(desktop, live_server, "wait@example.test")
    desktop.goto(live_server.url + "/account/")
    assert "being processed" in desktop.locator("main").inner_text()


# A subscriber at renewal


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_subscriber_reads_on_after_the_term_ends_until_the_renewal_is_charged(
    browser, live_server, shop, django_user_model, viewport
):
    subscription = _subscriber(django_user_model, shop["plan"], "ravi@example.test")
    _term_over(subscription)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        _log_in(page, live_server, "ravi@example.test")
        page.goto(live_server.url + shop["story"].get_absolute_url())
        assert PAYWALL not in page.content()
        assert page.locator(".article__body.article-gated").is_visible()

        # No notice yet: the renewal is charged a day after the notice the clock sends.
        page.goto(live_server.url + "/account/")
        facts = _facts(page)
        tomorrow = _local(timezone.now() + timedelta(hours=24), "j F Y")
        assert f"Next renewal {tomorrow}, ₹900" in facts

        _notice_due(subscription)
        page.reload()
        assert _renewal_line(page) == "Renews today, ₹900"
        page.goto(live_server.url + shop["story"].get_absolute_url())
        assert PAYWALL not in page.content()
    finally:
        context.close()


def test_the_account_page_says_a_renewal_payment_is_being_processed(phone, live_server, shop, django_user_model):
    subscription = _subscriber(django_user_model, shop["plan"], "asha@example.test")
    _term_over(subscription)
    _notice_due(subscription)
    _renewal_in_flight(subscription)
    _log_in(phone, live_server, "asha@example.test")
    phone.goto(live_server.url + "/account/")
    assert _renewal_line(phone) == "Your renewal payment of ₹900 is being processed."
    phone.goto(live_server.url + shop["story"].get_absolute_url())
    assert PAYWALL not in phone.content()


def test_on_a_phone_a_failed_renewal_says_when_we_try_again_and_the_card_link_works(
    phone, live_server, shop, django_user_model, artifacts
):
    subscription = _past_due(_subscriber(django_user_model, shop["plan"], "dev@example.test"))
    retry_on = subscription.term_end + timedelta(days=1)  # the first of MASTHEAD_RENEWAL_RETRY_DAYS
    _log_in(phone, live_server, "dev@example.test")
    phone.goto(live_server.url + "/account/")
    assert _renewal_line(phone) == f"Payment failed: we will try again on {_local(retry_on, 'j F')}; update your card."
    facts = _facts(phone)
    assert f"Access until {_local(subscription.grace_until, 'j F Y')} unless the renewal is paid" in facts
    phone.locator("#subscription-heading").locator("..").screenshot(path=artifacts / "walk-payment-failed-phone.png")

    phone.goto(live_server.url + shop["story"].get_absolute_url())
    assert PAYWALL not in phone.content()  # the grace period reads on

    phone.goto(live_server.url + "/account/")
    link = phone.get_by_role("link", name="update your card")
    assert link.is_visible()
    link.tap()
    phone.wait_for_url("**/account/card/")
    assert phone.get_by_role("heading", name="Change your card").is_visible()
    fill_card(phone, GOOD_CARD)
    phone.get_by_role("button", name="Save card").tap()
    phone.wait_for_url("**/account/")
    subscription.refresh_from_db()
    assert subscription.status == S.ACTIVE and subscription.term_number == 2
    paid = f"Your new card is saved. Paid: ₹900, your subscription runs to {_local(subscription.term_end, 'j F Y')}."
    assert phone.locator(".messages").inner_text().strip() == paid
    facts = _facts(phone)
    assert f"Next renewal {_local(subscription.term_end, 'j F Y')}, ₹900" in facts


def test_on_a_phone_the_update_your_card_link_is_one_easy_target(phone, live_server, shop, django_user_model):
    _past_due(_subscriber(django_user_model, shop["plan"], "thumb@example.test"))
    _log_in(phone, live_server, "thumb@example.test")
    phone.goto(live_server.url + "/account/")
    rects = phone.get_by_role("link", name="update your card").evaluate(
        "link => [...link.getClientRects()].map(rect => rect.height)"
    )
    assert len(rects) == 1 and rects[0] >= 24, rects


def test_a_declining_card_saved_while_past_due_says_the_renewal_is_still_unpaid(phone, live_server, shop, django_user_model):
    subscription = _past_due(_subscriber(django_user_model, shop["plan"], "neel@example.test"))
    retry_on = subscription.term_end + timedelta(days=1)
    _log_in(phone, live_server, "neel@example.test")
    phone.goto(live_server.url + "/account/card/")
    fill_card(phone, DECLINED_CARD)
    phone.get_by_role("button", name="Save card").tap()
    phone.wait_for_url("**/account/")
    message = phone.locator(".messages").inner_text()
    assert "declined" in message.lower()
    assert f"we will try again on {_local(retry_on, 'j F')}" in _renewal_line(phone)


def test_a_retry_in_flight_reads_as_being_processed(phone, live_server, shop, django_user_model):
    subscription = _past_due(_subscriber(django_user_model, shop["plan"], "kavya@example.test"))
    _renewal_in_flight(subscription)
    _log_in(phone, live_server, "kavya@example.test")
    phone.goto(live_server.url + "/account/")
    line = _renewal_line(phone)
    assert ". update" not in line
    assert "being processed" in line


def test_on_a_phone_the_account_page_with_payments_does_not_scroll_sideways(phone, live_server, shop, django_user_model):
    subscription = _past_due(_subscriber(django_user_model, shop["plan"], "tara@example.test"))
    assert subscription.payments.count() == 2
    _log_in(phone, live_server, "tara@example.test")
    phone.goto(live_server.url + "/account/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_cancelling_after_the_term_ended_but_before_the_renewal_tells_the_truth(phone, live_server, shop, django_user_model):
    subscription = _subscriber(django_user_model, shop["plan"], "leaving@example.test")
    _term_over(subscription)
    _log_in(phone, live_server, "leaving@example.test")
    phone.goto(live_server.url + "/account/")
    phone.get_by_role("link", name="Cancel subscription").tap()
    phone.get_by_role("button", name="Cancel my subscription").tap()
    phone.wait_for_url("**/account/")
    promised = "You can read everything until" in phone.locator(".messages").inner_text()
    phone.goto(live_server.url + shop["story"].get_absolute_url())
    still_reading = PAYWALL not in phone.content()
    assert still_reading or not promised


# Billing staff


BILLING_DESK = (
    "subscriptions.view_subscription",
    "subscriptions.change_subscription",
    "subscriptions.run_billing_clock",
    "payments.view_payment",
    "payments.view_webhookevent",
)


def _staff_log_in(page, live_server, staff):
    # The admin's sign-in is the site's (its limits and second factor).
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", "a long password here")
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/admin/")


def _run_clock_action(page, live_server, subscriptions):
    page.goto(live_server.url + "/admin/subscriptions/subscription/")
    for subscription in subscriptions:
        page.locator(f"input.action-select[value='{subscription.pk}']").check()
    page.select_option("select[name=action]", "run_billing_clock")
    page.get_by_role("button", name="Run").click()
    page.wait_for_url("**/admin/subscriptions/subscription/")
    return page.locator("ul.messagelist li")


def test_billing_staff_run_the_clock_from_the_admin_with_only_their_permissions(
    desktop, live_server, shop, django_user_model, artifacts
):
    due = _subscriber(django_user_model, shop["plan"], "paid@example.test")
    _term_over(due)
    _notice_due(due)
    declining = _subscriber(django_user_model, shop["plan"], "declined@example.test")
    save_card(declining.user, DECLINED_CARD)
    _term_over(declining)
    _notice_due(declining)
    staff = make_staff(*BILLING_DESK, username="billing")
    assert not staff.is_superuser

    _staff_log_in(desktop, live_server, staff)
    messages = _run_clock_action(desktop, live_server, [due, declining])
    texts = messages.all_inner_texts()
    desktop.screenshot(path=artifacts / "walk-admin-clock-desktop.png", full_page=True)
    assert f"Subscription {due.pk} (paid@example.test, Smart Quarterly): renewal charged; status now: Active." in texts
    assert (
        f"Subscription {declining.pk} (declined@example.test, Smart Quarterly): renewal charge declined; "
        "status: Active → Renewal payment failed (grace period)." in texts
    )
    due.refresh_from_db()
    declining.refresh_from_db()
    assert (due.status, due.term_number) == (S.ACTIVE, 2)
    assert declining.status == S.PAST_DUE

    # A second click charges nothing more.
    texts = _run_clock_action(desktop, live_server, [due]).all_inner_texts()
    assert texts == [f"Subscription {due.pk} (paid@example.test, Smart Quarterly): nothing was due; status now: Active."]
    assert Payment.objects.filter(subscription=due, term_number=2).count() == 1

    response = desktop.goto(live_server.url + "/admin/payments/payment/?status=failed")
    assert response.status == 200
    failed = desktop.locator("#result_list tbody").inner_text()
    assert f"masthead-sub{declining.pk}-term2-try1" in failed and "Your card was declined." in failed
    assert desktop.goto(live_server.url + "/admin/payments/webhookevent/").status == 200
    # Refunds are another role's: no refund action here.
    desktop.goto(live_server.url + "/admin/payments/payment/")
    assert "refund" not in " ".join(desktop.locator("select[name=action] option").all_inner_texts()).lower()


def test_staff_who_may_only_read_subscriptions_are_not_offered_the_clock(desktop, live_server, shop, django_user_model):
    _subscriber(django_user_model, shop["plan"], "reader@example.test")
    staff = make_staff("subscriptions.view_subscription", username="reading")
    _staff_log_in(desktop, live_server, staff)
    desktop.goto(live_server.url + "/admin/subscriptions/subscription/")
    assert desktop.locator("#result_list").is_visible()
    options = " ".join(desktop.locator("select[name=action] option").all_inner_texts())
    assert "billing clock" not in options


def test_a_declined_renewal_in_the_admin_is_not_reported_as_a_success(desktop, live_server, shop, django_user_model):
    declining = _subscriber(django_user_model, shop["plan"], "red@example.test", card=GOOD_CARD)
    save_card(declining.user, DECLINED_CARD)
    _term_over(declining)
    _notice_due(declining)
    _staff_log_in(desktop, live_server, make_staff(*BILLING_DESK, username="billing"))
    message = _run_clock_action(desktop, live_server, [declining])
    assert "declined" in message.inner_text()
    assert "success" not in (message.get_attribute("class") or "")


def test_the_admin_says_so_when_a_renewal_is_already_being_charged(desktop, live_server, shop, django_user_model):
    subscription = _subscriber(django_user_model, shop["plan"], "busy@example.test")
    _term_over(subscription)
    _notice_due(subscription)
    _renewal_in_flight(subscription)
    _staff_log_in(desktop, live_server, make_staff(*BILLING_DESK, username="billing"))
    message = _run_clock_action(desktop, live_server, [subscription]).inner_text()
    assert "nothing was due" not in message


def test_on_a_desktop_the_payment_list_shows_each_payments_status_without_scrolling(
    desktop, live_server, shop, django_user_model
):
    _past_due(_subscriber(django_user_model, shop["plan"], "seen@example.test"))
    _staff_log_in(desktop, live_server, make_staff(*BILLING_DESK, username="billing"))
    desktop.goto(live_server.url + "/admin/payments/payment/")
    results = desktop.locator("#changelist .results").bounding_box()
    # "why" holds the provider's failure message and Masthead's note.
    for column in ("status", "why"):
        header = desktop.locator(f"#result_list th.column-{column}").bounding_box()
        assert header["x"] + header["width"] <= results["x"] + results["width"], column


def test_webhook_events_that_changed_nothing_say_why(desktop, live_server, shop, django_user_model):
    _subscriber(django_user_model, shop["plan"], "hook@example.test")
    deadline = time.monotonic() + 15
    while not WebhookEvent.objects.filter(outcome=WebhookOutcome.IGNORED).exists():
        assert time.monotonic() < deadline, "localstripe sent no webhook event"
        time.sleep(0.2)
    _staff_log_in(desktop, live_server, make_staff(*BILLING_DESK, username="billing"))
    desktop.goto(live_server.url + "/admin/payments/webhookevent/?outcome=ignored")
    reasons = desktop.locator("#result_list tbody td.field-reason").all_inner_texts()
    assert reasons and all(reason.strip() not in {"", "-"} for reason in reasons), reasons
