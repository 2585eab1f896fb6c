"""The demo logins: one per staff role and a reader, printed by `make run`."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import Client

from masthead.demo.logins import DEMO_LOGINS, demo_users_ensure
from masthead.demo.management.commands import serve
from masthead.invoicing.models import Invoice
from masthead.newsroom.models import Article
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.subscriptions.models import Subscription, SubscriptionStatus
from masthead.testing.newsroom import PAYWALL_TEXT
from masthead.testing.stripe import GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _login(role: str):
    return next(login for login in DEMO_LOGINS if login.role == role)


def test_demo_logins_work_and_the_editor_reaches_the_admin(demo, client):
    editor, reader = _login("editor"), _login("reader")
    assert authenticate(username=reader.email, password=reader.password) is not None
    assert client.login(username=editor.email, password=editor.password)
    assert client.get("/admin/newsroom/article/").status_code == 200


def test_each_demo_staff_login_does_its_own_job_and_no_other(demo):
    """A newcomer needs no superuser: business staff set the meter and the ad
    slots, support refunds and reads invoices, the editor publishes."""
    pages = {
        "editor": ["/admin/newsroom/article/", "/admin/epaper/edition/", "/admin/newsletters/issue/"],
        "business": ["/admin/metering/metersettings/", "/admin/ads/adslot/", "/admin/partners/partner/"],
        "support": ["/admin/payments/payment/", "/admin/invoicing/invoice/", "/admin/subscriptions/subscription/"],
    }
    for role, allowed in pages.items():
        login = _login(role)
        user = get_user_model().objects.get(email=login.email)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [login.group]
        browser = Client()
        assert browser.login(username=login.email, password=login.password)
        for path in allowed:
            assert browser.get(path, follow=True).status_code == 200, (role, path)
        for other, refused in pages.items():
            if other != role:
                for path in refused:
                    assert browser.get(path).status_code == 403, (role, path)


def test_make_run_prints_every_demo_login_and_what_it_is_for(settings):
    settings.PRODUCTION = False
    out = StringIO()
    serve.Command(stdout=out)._announce("127.0.0.1", 8000)
    printed = out.getvalue()
    for login in DEMO_LOGINS:
        assert f"{login.email} / {login.password}" in printed
    assert "meter settings" in printed and "refunds" in printed
    # One column for what each login is for, however long the login.
    columns = {line.index(login.does) for line in printed.splitlines() for login in DEMO_LOGINS if login.does in line}
    assert len(columns) == 1


def test_a_demo_loaded_before_a_login_was_added_gets_it_on_the_next_run(demo):
    business = _login("business")
    get_user_model().objects.filter(email=business.email).delete()
    call_command("load_demo", verbosity=0)
    assert authenticate(username=business.email, password=business.password) is not None


def test_in_production_make_run_prints_no_demo_login(settings):
    settings.PRODUCTION = True
    out = StringIO()
    serve.Command(stdout=out)._announce("127.0.0.1", 8000)
    printed = out.getvalue()
    assert "Demo logins" not in printed
    assert not any(login.password in printed for login in DEMO_LOGINS)


def test_the_demo_subscriber_reads_everything_and_finds_their_payment_and_invoice(demo):
    subscriber = _login("subscriber")
    browser = Client()
    assert browser.login(username=subscriber.email, password=subscriber.password)
    premium = Article.objects.live().filter(is_premium=True).first()
    assert PAYWALL_TEXT not in browser.get(premium.get_absolute_url()).text
    user = get_user_model().objects.get(email=subscriber.email)
    assert not user.is_staff and not user.complimentary_access
    payment = Payment.objects.get(subscription__user=user)
    assert payment.status == PaymentStatus.SUCCEEDED
    # Support, who may try to refund it, read why they cannot.
    assert payment.provider == "demo" and "never taken by a payment provider" in payment.note
    invoice = Invoice.objects.get(payment=payment)
    account = browser.get("/account/").text
    assert "Smart Essential" in account and "₹2,700" in account
    assert invoice.number in account
    assert browser.get(invoice.get_absolute_url()).status_code == 200


def test_a_demo_loaded_before_the_subscriber_was_added_gets_them_subscribed_once():
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12)
    demo_users_ensure()
    demo_users_ensure()
    subscription = Subscription.objects.get(user__email=_login("subscriber").email)
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert Payment.objects.filter(subscription=subscription, status=PaymentStatus.SUCCEEDED).count() == 1
    assert Invoice.objects.filter(payment__subscription=subscription).count() == 1


def test_the_demo_subscriber_can_change_their_card_though_no_provider_took_their_payment(localstripe):
    """Their billing profile names no customer at any provider: changing the
    card makes one at today's provider, as checkout would, instead of asking
    the provider for a customer it never had."""
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12)
    demo_users_ensure()
    subscriber = _login("subscriber")
    browser = Client()
    assert browser.login(username=subscriber.email, password=subscriber.password)
    form = browser.get("/account/card/")
    assert form.status_code == 200, [str(message) for message in form.context["messages"]] if form.context else form
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', form.text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    saved = browser.post("/account/card/", {"setup_id": setup_id}, follow=True)
    assert "Your new card is saved." in saved.text
    profile = BillingProfile.objects.get(user__email=subscriber.email)
    assert profile.provider == "stripe" and profile.provider_customer_id and profile.provider_payment_method_id
