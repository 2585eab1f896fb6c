"""The busiest admin lists on a laptop (1280 px wide), as each staff role
sees them: beside the admin's navigation and its filters a list has about
630 px, and no column may be pushed out of view."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.demo.ads import demo_ads_load
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_purchase_begin, gift_redeem
from masthead.invoicing.services import credit_note_issue, invoice_issue
from masthead.invoicing.tests.factories import make_billing_profile, make_payment, make_subscription
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.newsroom.models import ArticleStatus, Author
from masthead.payments.models import WebhookEvent, WebhookOutcome
from masthead.testing.accounts import make_staff
from masthead.payments.services import charge_key
from masthead.subscriptions.services import subscription_begin, trial_claim
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long password here"  # make_staff's
# Each staff group's rights, as the migration gives them (a transactional
# test's database is emptied afterwards, groups and all).
STAFF_GROUPS = import_module("masthead.accounts.migrations.0004_staff_groups").STAFF_GROUPS
# Rights given to a group later, by an app's own migration.
LATER_RIGHTS = {
    "Newsroom": [],
    "Business": [],
    "Support": ["invoicing.view_creditnote", "gifts.view_giftsubscription", "subscriptions.view_trialuse"],
}
LISTS = {
    "Newsroom": ["/admin/newsroom/article/"],
    "Business": ["/admin/metering/funnelevent/", "/admin/subscriptions/plan/", "/admin/ads/adslot/"],
    "Support": [
        "/admin/payments/payment/",
        "/admin/payments/webhookevent/",
        "/admin/subscriptions/subscription/",
        "/admin/invoicing/invoice/",
        "/admin/invoicing/creditnote/",
        "/admin/accounts/user/",
        "/admin/gifts/giftsubscription/",
        "/admin/subscriptions/trialuse/",
    ],
}


@pytest.fixture
def busy_site(django_user_model):
    """A little of everything, with the long values real lists hold: the
    demo's long single words (authors' surnames, section names, charge keys,
    e-mail addresses) are what no column can wrap by itself."""
    writers = [Author.objects.create(name=name, slug=name.lower().replace(" ", "-"))
               for name in ("Kabir Anantharaman", "Priyamvada Raghavan")]  # fmt: skip
    section = make_section(name="Entertainment", slug="entertainment")
    for n in range(3):
        story = make_article(
            headline=f"Telecommunications regulator's interconnection-usage-charges consultation draws objections ({n})",
            section=section,
            authors=writers,
        )
        FunnelEvent.objects.create(
            kind=FunnelEventKind.PAYWALL_SHOWN, article_id=story.pk, reason="meter_spent", occurred_at=timezone.now(), count=12
        )
    make_article(status=ArticleStatus.SCHEDULED, publish_at=timezone.now() + timedelta(hours=3), published_ago=None)
    plan = make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12)
    reader = django_user_model.objects.create_user(
        username="priyamvada", email="priyamvada.raghavan.accounts@kalyanianalytics.example.in", password=PASSWORD,
        first_name="Priyamvada", last_name="Raghavan",
    )  # fmt: skip
    make_billing_profile(user=reader, name="Kalyani Analytics Private Limited", state_code="29", gstin="29AAGCB7383J1Z4")
    subscription = make_subscription(user=reader, plan=plan)
    paid = make_payment(subscription=subscription)
    paid.charge_key = charge_key(subscription_id=123456, term_number=12, attempt=3)
    paid.save()
    invoice = invoice_issue(payment=paid, description="Smart Essential digital subscription, 7 Dec 2026 – 6 Dec 2027")
    credit_note_issue(invoice=invoice, amount=invoice.total, reason="refund", description=f"Refund: {invoice.description}")
    declined = make_payment(subscription=subscription, term_number=2, status="failed")
    declined.failure_message = "Your card was declined: insufficient funds."
    declined.note = "Retried by the billing clock tomorrow; the reader was told by e-mail."
    declined.save()
    # A gift redeemed by a reader with a long address, and the trial of another.
    gift = gift_purchase_begin(
        buyer=reader, plan=plan, recipient_name="Venkataraghavan Subramanian",
        recipient_email="venkataraghavan.subramanian@kalyanianalytics.example.in", send_on=local_date(timezone.now()),
    )  # fmt: skip
    recipient = django_user_model.objects.create_user(
        username="venkat", email="venkataraghavan.subramanian@kalyanianalytics.example.in", password=PASSWORD
    )
    GiftSubscription.objects.filter(pk=gift.pk).update(status=GiftSubscriptionStatus.SENT, paid_at=timezone.now(), sent_at=timezone.now())
    gift_redeem(code=gift.code, user=recipient)
    trialist = django_user_model.objects.create_user(
        username="trialist", email="anantharaman.trial.reader@kalyanianalytics.example.in", password=PASSWORD
    )
    trial_plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    trial_claim(subscription=subscription_begin(user=trialist, plan=trial_plan), card_fingerprint="Xq7RbL2mVd9KpT4w")
    demo_ads_load()
    WebhookEvent.objects.create(
        provider="stripe", event_id="evt_1QaC8y547GJhTxtkmZ3XCq", event_type="payment_intent.payment_failed",
        payload={}, outcome=WebhookOutcome.IGNORED, processed_at=timezone.now(),
        reason="The charge was answered already; this event changed nothing.",
    )  # fmt: skip


def _log_in(page, live_server, staff):
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/admin/")


@pytest.mark.parametrize("group", LISTS)
def test_on_a_laptop_every_column_of_the_busiest_lists_is_in_view(group, page, live_server, busy_site, artifacts):
    _log_in(page, live_server, make_staff(*STAFF_GROUPS[group], *LATER_RIGHTS[group], username=group.lower()))
    for path in LISTS[group]:
        assert page.goto(live_server.url + path).status == 200, path
        page.screenshot(path=artifacts / f"admin-list-{path.strip('/').replace('/', '-')}.png")
        assert page.locator("#result_list tbody tr").count() >= 1, path
        results = page.locator("#changelist .results").bounding_box()
        for header in page.locator("#result_list thead th").all():
            box = header.bounding_box()
            assert box["x"] + box["width"] <= results["x"] + results["width"] + 1, (path, header.inner_text())
        widths = page.evaluate(
            "() => { const t = document.querySelector('#result_list'); return [t.scrollWidth, t.closest('.results').clientWidth]; }"
        )
        assert widths[0] <= widths[1], (path, widths)
