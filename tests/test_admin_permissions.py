"""Least privilege in the staff admin: what a staff account may see and do is
what its permissions say, nothing more.

The walks over ``admin.site._registry`` cover every model admin, including
ones added later: a new action without ``permissions=`` or a new admin page
that forgets to check the model permission fails here first.
"""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver
from django.utils import timezone

from masthead.epaper.models import Edition, EditionState
from masthead.invoicing.models import Invoice
from masthead.newsroom.models import Article, ArticleStatus
from masthead.payments.models import Payment
from masthead.testing.accounts import make_staff
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan
from masthead.testing.admin import refund_confirmation

pytestmark = pytest.mark.django_db


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


# --- Every action declares its permissions ----------------------------------


def _superuser_request():
    """A request from someone every admin offers everything to."""
    request = RequestFactory().get("/admin/")
    request.user = get_user_model()(username="root", is_staff=True, is_superuser=True, is_active=True)
    return request


def _every_action():
    """(model admin, action name, action function) for every action any admin offers a superuser,
    on the list page and on the change form."""
    request = _superuser_request()
    for model_admin in admin.site._registry.values():
        for location in ActionLocation:
            for name, action in model_admin.get_actions(request, action_location=location).items():
                yield model_admin, name, action.func


def test_every_admin_action_declares_the_permissions_it_needs():
    undeclared = [
        f"{type(model_admin).__name__}.{name}"
        for model_admin, name, function in _every_action()
        # Django's own bulk delete checks the delete permission itself.
        if name != "delete_selected" and not getattr(function, "allowed_permissions", None)
    ]
    assert undeclared == []


def test_the_actions_that_change_things_need_more_than_the_models_own_permissions():
    declared = {name: set(function.allowed_permissions) for _, name, function in _every_action()}
    assert declared["refund"] == {"refund"}
    assert declared["publish_now"] == {"publish"}
    assert declared["unpublish"] == {"publish"}
    assert declared["render_again"] == {"render"}
    assert declared["run_billing_clock"] == {"run_billing_clock"}


# --- No admin page without the model's permission ---------------------------

_PARAMETER = re.compile(r"<[^>]+>")


@pytest.fixture
def one_of_each():
    """A row for the models staff handle, so change, history and delete pages
    are asked about a real object (a missing one only redirects)."""
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from masthead.ads.models import AdPosition, AdSlot
    from masthead.devices.models import DeviceSettings
    from masthead.experiments.tests.factories import make_allowance_experiment
    from masthead.gifts.models import GiftSettings
    from masthead.invoicing.services import credit_note_issue, invoice_issue
    from masthead.subscriptions.models import PauseSettings, RetrySettings, WinbackSend, WinbackSettings
    from masthead.invoicing.tests.factories import (
        make_billing_profile,
        make_payment,
        make_subscription,
    )
    from masthead.metering.models import FunnelEvent, MeterSettings
    from masthead.newsletters.models import Delivery, Issue, Newsletter
    from masthead.newsroom.models import Agency, Author
    from masthead.partners.models import Partner
    from masthead.partners.services import partner_codes_load
    from masthead.payments.models import WebhookEvent
    from masthead.subscriptions.models import Benefit, CancelAnswer, Feature, PlanChange, SaveOfferSettings, Subscription
    from masthead.gifts.subscriptions import gift_purchase_begin
    from masthead.subscriptions.services import subscription_begin, trial_claim
    from masthead.testing.subscriptions import make_offer

    reader = get_user_model().objects.create_user(username="asha", email="asha@example.test", password="a long password")
    # create_user records the address (verified), so its admin pages have a row.
    UserSession.objects.create(user=reader, ip="127.0.0.1", session_key="s" * 32, user_agent="Firefox")
    Authenticator.objects.create(user=reader, type=Authenticator.Type.RECOVERY_CODES, data={})
    make_article(
        headline="A story staff without rights must not see",
        authors=[Author.objects.create(name="Ravi", slug="ravi")],
        agency=Agency.objects.create(name="Wire", slug="wire"),
    )
    make_article(headline="Tomorrow's story", status=ArticleStatus.SCHEDULED, published_ago=timedelta(hours=-5))
    plan = make_plan()
    Benefit.objects.create(title="E-paper", feature=Feature.EPAPER)
    newcomer = get_user_model().objects.create_user(username="newcomer", email="new@example.test", password="a long password")
    welcome = make_offer(plan, code="WELCOME50")
    subscription_begin(user=newcomer, plan=plan, offer=welcome)
    trialist = get_user_model().objects.create_user(username="trialist", email="trial@example.test", password="a long password")
    trial_claim(subscription=subscription_begin(user=trialist, plan=make_plan(trial_days=14)), card_fingerprint="fp_card_1")
    gift_purchase_begin(
        buyer=reader, plan=plan, recipient_name="Ravi", recipient_email="ravi@example.test", send_on=date(2026, 5, 4),
        now=datetime(2026, 5, 4, 6, tzinfo=UTC),
    )  # fmt: skip
    make_billing_profile(user=reader)
    paid = make_subscription(user=reader, plan=plan)
    invoice = invoice_issue(payment=make_payment(subscription=paid), description="A term")
    credit_note_issue(invoice=invoice, amount=invoice.total, reason="refund", description="Refund: A term")
    PlanChange.objects.create(
        subscription=paid, from_plan=plan, to_plan=make_plan(), term_number=2, credit_minor=300_00, amount_minor=600_00,
        price_minor=900_00, unused_days=30, term_days=90, status="failed", created_at=timezone.now(),
    )  # fmt: skip
    MeterSettings.objects.get_or_create(pk=1)
    GiftSettings.objects.get_or_create(pk=1)
    PauseSettings.objects.get_or_create(pk=1)
    SaveOfferSettings.objects.get_or_create(pk=1)
    CancelAnswer.objects.create(
        subscription=Subscription.objects.filter(user=newcomer).first(), reason="other", text="Moving", outcome="cancelled",
        offer_shown="discount", offer=welcome, at=timezone.now(),
    )  # fmt: skip
    WinbackSettings(is_on=True, offer=welcome).save()
    WinbackSend.objects.create(user=reader, subscription=paid, offer=welcome, sent_at=timezone.now())
    RetrySettings.objects.get_or_create(pk=1)
    DeviceSettings.objects.get_or_create(pk=1)
    FunnelEvent.objects.create(kind=FunnelEvent._meta.get_field("kind").choices[0][0], occurred_at=timezone.now())
    WebhookEvent.objects.create(provider="stripe", event_id="evt_1", event_type="charge.refunded", payload={})
    AdSlot.objects.create(position=AdPosition.RAIL)
    partner_codes_load(partner=Partner.objects.create(name="Review", slug="review", low_stock_threshold=20), upload=b"CODE-1")
    Edition.objects.create(date=date(2026, 5, 4), pdf="editions/2026-05-04/edition.pdf", state=EditionState.FAILED)
    make_allowance_experiment(arms={"Five": 5, "Three": 3})
    issue = Issue.objects.create(newsletter=Newsletter.objects.first(), subject="Morning brief")
    Delivery.objects.create(issue=issue, recipient=reader, email=reader.email)


def _admin_paths(patterns, prefix, object_id):
    """Every URL under ``patterns``, with ``object_id`` for each parameter."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _admin_paths(pattern.url_patterns, route, object_id)
        elif isinstance(pattern, URLPattern):
            yield _PARAMETER.sub(object_id, route).lstrip("^").rstrip("$")


def _model_admin_paths():
    request = _superuser_request()
    for model, model_admin in admin.site._registry.items():
        row = model_admin.get_queryset(request).order_by("pk").first()
        yield from _admin_paths(
            model_admin.urls, f"/admin/{model._meta.app_label}/{model._meta.model_name}/", str(row.pk if row else 1)
        )


REFUSED = (403, 404)


def _unrefused(browser, method: str) -> dict:
    """The admin pages of every model that ``browser`` is not refused, with their status codes."""
    reached = {}
    for path in _model_admin_paths():
        response = getattr(browser, method)(path, {})
        if response.status_code == 302:
            # A redirect may only lead somewhere that refuses in turn.
            path = f"{path} -> {response['Location']}"
            response = browser.get(response["Location"])
        if response.status_code not in REFUSED:
            reached[path] = response.status_code
    return reached


def test_every_models_admin_pages_are_walked(one_of_each):
    # A model admin added later needs a row in one_of_each, or its change
    # pages would only be asked about an object that does not exist.
    request = _superuser_request()
    empty = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not model_admin.get_queryset(request).exists()
    ]
    assert empty == []
    paths = list(_model_admin_paths())
    # Ids of real rows (PostgreSQL does not restart its sequences between tests).
    invoice, payment = Invoice.objects.get(), Payment.objects.get()
    for expected in (
        "/admin/newsroom/article/",
        f"/admin/invoicing/invoice/{invoice.pk}/change/",
        f"/admin/payments/payment/{payment.pk}/history/",
    ):
        assert expected in paths


def test_staff_without_permissions_reach_no_admin_page_of_any_model(one_of_each):
    assert _unrefused(_browser(make_staff()), "get") == {}


def test_staff_without_permissions_cannot_post_to_any_admin_page(one_of_each):
    assert _unrefused(_browser(make_staff()), "post") == {}


def test_staff_without_permissions_are_not_told_a_partners_stock(one_of_each):
    browser = _browser(make_staff())
    assert browser.get("/admin/partners/partner/").status_code == 403
    assert "code(s) left" not in browser.get("/admin/").text


@pytest.mark.parametrize(
    "path",
    [
        "metering.MeterSettings", "gifts.GiftSettings", "devices.DeviceSettings", "subscriptions.PauseSettings",
        "subscriptions.SaveOfferSettings", "subscriptions.WinbackSettings", "subscriptions.RetrySettings",
    ],  # fmt: skip
)
def test_staff_without_permissions_do_not_create_the_settings(path):
    from django.apps import apps

    model = apps.get_model(path)
    model.objects.all().delete()
    _browser(make_staff()).get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
    assert not model.objects.exists()


def test_staff_who_may_change_users_cannot_hand_out_rights():
    desk = make_staff("accounts.view_user", "accounts.change_user")
    reader = get_user_model().objects.create_user(username="reader", email="reader@example.test", password="x" * 20)
    browser = _browser(desk)
    page = f"/admin/accounts/user/{reader.pk}/change/"
    form = browser.get(page).text
    assert 'name="is_superuser"' not in form and 'name="groups"' not in form and 'name="user_permissions"' not in form
    answer = browser.post(
        page,
        {
            "username": "reader", "email": "reader@example.test", "first_name": "Asha", "last_name": "",
            "is_active": "on", "is_staff": "on", "is_superuser": "on",
            "groups": [Group.objects.get(name="Support").pk], "complimentary_access": "",
            "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        },
    )  # fmt: skip
    assert answer.status_code == 302, answer.text
    reader.refresh_from_db()
    assert reader.first_name == "Asha"
    assert not reader.is_staff and not reader.is_superuser and not reader.groups.exists()


def test_staff_accounts_are_changed_by_superusers_only():
    # Their own included: a staff account's password or address is a way into its rights.
    desk = make_staff("accounts.view_user", "accounts.change_user")
    colleague = make_staff("payments.refund_payment", username="colleague")
    browser = _browser(desk)
    for account in (desk, colleague):
        assert browser.post(f"/admin/accounts/user/{account.pk}/change/", {"first_name": "Changed"}).status_code == 403
        assert browser.get(f"/admin/accounts/user/{account.pk}/password/").status_code == 403
    colleague.refresh_from_db()
    assert colleague.first_name != "Changed"


def test_staff_who_may_change_groups_cannot_widen_their_own():
    from django.contrib.auth.models import Permission

    desk = make_staff("auth.view_group", "auth.change_group")
    support = Group.objects.get(name="Support")
    desk.groups.add(support)
    before = set(support.permissions.all())
    answer = _browser(desk).post(
        f"/admin/auth/group/{support.pk}/change/",
        {"name": "Support", "permissions": [permission.pk for permission in Permission.objects.all()]},
    )
    assert answer.status_code == 403
    assert set(support.permissions.all()) == before


# --- Publishing articles -----------------------------------------------------

ARTICLES = "/admin/newsroom/article/"


@pytest.fixture
def draft():
    return make_article(headline="Budget leaked early", status=ArticleStatus.DRAFT, publish_at=None, published_ago=None)


@pytest.fixture
def live():
    return make_article(headline="Rates held at 6.5%")


@pytest.mark.parametrize("permissions", [["newsroom.view_article"], ["newsroom.view_article", "newsroom.change_article"]])
def test_staff_who_may_not_publish_are_not_offered_publishing_and_a_forged_post_does_nothing(permissions, draft, live):
    browser = _browser(make_staff(*permissions))
    listing = browser.get(ARTICLES)
    assert listing.status_code == 200 and "Budget leaked early" in listing.text
    assert 'value="publish_now"' not in listing.text and 'value="unpublish"' not in listing.text

    browser.post(ARTICLES, {"action": "publish_now", "_selected_action": [draft.pk]})
    browser.post(ARTICLES, {"action": "unpublish", "_selected_action": [live.pk]})
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT
    assert live.is_live()


def test_staff_who_may_publish_publish_and_take_off(draft, live):
    browser = _browser(make_staff("newsroom.view_article", "newsroom.publish_article"))
    listing = browser.get(ARTICLES).text
    assert 'value="publish_now"' in listing and 'value="unpublish"' in listing

    published = browser.post(ARTICLES, {"action": "publish_now", "_selected_action": [draft.pk]}, follow=True)
    assert "1 article(s) published." in published.text
    taken_off = browser.post(ARTICLES, {"action": "unpublish", "_selected_action": [live.pk]}, follow=True)
    assert "1 article(s) back to draft." in taken_off.text
    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.is_live()
    assert live.status == ArticleStatus.DRAFT


def test_staff_who_may_edit_but_not_publish_cannot_publish_through_the_form(draft):
    browser = _browser(make_staff("newsroom.view_article", "newsroom.change_article"))
    form = browser.get(f"{ARTICLES}{draft.pk}/change/").text
    assert 'name="status"' not in form and 'name="publish_at_0"' not in form
    browser.post(
        f"{ARTICLES}{draft.pk}/change/",
        {
            "headline": "Budget leaked early", "slug": draft.slug, "standfirst": draft.standfirst, "body": draft.body,
            "section": draft.section_id, "status": ArticleStatus.PUBLISHED, "dateline": "",
        },
    )  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT and not draft.is_live()


# --- Rendering an e-paper edition again ---------------------------------------

EDITIONS = "/admin/epaper/edition/"


@pytest.fixture
def failed_edition(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return Edition.objects.create(date=date(2026, 5, 4), pdf="editions/2026-05-04/edition.pdf", state=EditionState.FAILED)


def test_staff_who_may_only_view_editions_cannot_render_one_again(failed_edition):
    browser = _browser(make_staff("epaper.view_edition", "epaper.change_edition"))
    assert 'value="render_again"' not in browser.get(EDITIONS).text
    browser.post(EDITIONS, {"action": "render_again", "_selected_action": [failed_edition.pk]})
    failed_edition.refresh_from_db()
    assert failed_edition.state == EditionState.FAILED


def test_staff_who_may_render_editions_render_a_failed_one_again(failed_edition):
    browser = _browser(make_staff("epaper.view_edition", "epaper.render_edition"))
    assert 'value="render_again"' in browser.get(EDITIONS).text
    done = browser.post(EDITIONS, {"action": "render_again", "_selected_action": [failed_edition.pk]}, follow=True)
    assert "1 edition(s) queued to be rendered again." in done.text
    failed_edition.refresh_from_db()
    assert failed_edition.state == EditionState.PENDING


# --- Sending a newsletter issue ------------------------------------------------


def test_staff_who_may_compose_but_not_send_an_issue_cannot_send_it():
    from masthead.newsletters.models import IssueStatus
    from masthead.newsletters.tests.conftest import make_issue, make_newsletter

    issue = make_issue(make_newsletter())
    composer = make_staff(
        "newsletters.view_issue", "newsletters.change_issue", "newsletters.view_issuearticle",
        "newsletters.add_issuearticle", "newsletters.change_issuearticle", "newsletters.delete_issuearticle",
        "newsroom.view_article",
    )  # fmt: skip
    browser = _browser(composer)
    page = f"/admin/newsletters/issue/{issue.pk}/change/"
    form = browser.get(page).text
    assert 'name="subject"' in form
    assert 'name="_send_now"' not in form and 'name="_schedule"' not in form
    entry = issue.entries.get()
    answer = browser.post(
        page,
        {
            "newsletter": issue.newsletter_id, "subject": "Sent anyway", "intro": issue.intro,
            "entries-TOTAL_FORMS": "1", "entries-INITIAL_FORMS": "1", "entries-0-id": entry.pk,
            "entries-0-issue": issue.pk, "entries-0-article": entry.article_id, "entries-0-position": "0",
            "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0", "_send_now": "1",
        },
    )  # fmt: skip
    assert answer.status_code == 403
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and issue.subject != "Sent anyway"


# --- Staff groups ---------------------------------------------------------------


def test_creating_the_staff_groups_again_adds_only_what_is_missing():
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Permission

    staff_groups = import_module("masthead.accounts.migrations.0004_staff_groups")
    support = Group.objects.get(name="Support")
    before = set(support.permissions.values_list("codename", flat=True))
    # Staff gave Support one more right by hand, and took one away.
    support.permissions.add(Permission.objects.get(codename="change_user"))
    support.permissions.remove(Permission.objects.get(codename="refund_payment"))

    staff_groups.staff_groups_create(apps, None)
    staff_groups.staff_groups_create(apps, None)
    assert set(support.permissions.values_list("codename", flat=True)) == before | {"change_user"}
    assert Group.objects.filter(name__in=["Newsroom", "Business", "Support"]).count() == 3


def _member_of(group_name: str, username: str):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_the_staff_groups_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Newsroom", "Business", "Support"}


# The staff-set settings, each app's own, by the field that shows on its page.
SETTINGS_PAGES = {
    "free_limit": "/admin/metering/metersettings/1/change/",
    "gifts_per_month": "/admin/gifts/giftsettings/1/change/",
    "devices_per_account": "/admin/devices/devicesettings/1/change/",
    "pauses_per_year": "/admin/subscriptions/pausesettings/1/change/",
    "pause_months": "/admin/subscriptions/saveoffersettings/1/change/",
}


def test_a_newsroom_member_edits_and_publishes_articles_but_sees_no_money(draft):
    browser = _browser(_member_of("Newsroom", "desk"))
    assert browser.get(ARTICLES).status_code == 200
    assert browser.get("/admin/epaper/edition/").status_code == 200
    assert browser.get("/admin/newsletters/issue/").status_code == 200
    browser.post(ARTICLES, {"action": "publish_now", "_selected_action": [draft.pk]})
    assert Article.objects.get(pk=draft.pk).is_live()
    for money in ("/admin/payments/payment/", "/admin/invoicing/invoice/", "/admin/subscriptions/subscription/"):
        assert browser.get(money).status_code == 403, money
    for settings_page in SETTINGS_PAGES.values():
        assert browser.get(settings_page).status_code == 403, settings_page


def test_a_business_member_changes_the_meter_and_the_ad_slots(settings):
    from masthead.ads.models import AdPosition, AdSlot
    from masthead.devices.models import DeviceSettings
    from masthead.gifts.models import GiftSettings
    from masthead.metering.models import MeterSettings
    from masthead.subscriptions.models import PauseSettings

    browser = _browser(_member_of("Business", "sales"))
    for field, change_page in SETTINGS_PAGES.items():
        settings_page = browser.get(change_page.removesuffix("1/change/"), follow=True)
        assert settings_page.status_code == 200 and f'name="{field}"' in settings_page.text, change_page
    for change_page, values in (
        (SETTINGS_PAGES["free_limit"], {"free_limit": 7, "archive_age_days": 30}),
        (SETTINGS_PAGES["gifts_per_month"], {"gifts_per_month": 5}),
        (SETTINGS_PAGES["devices_per_account"], {"devices_per_account": 4}),
        (SETTINGS_PAGES["pauses_per_year"], {"shortest_months": 1, "longest_months": 2, "pauses_per_year": 2}),
    ):
        answer = browser.post(change_page, values)
        assert answer.status_code == 302, answer.text
    assert MeterSettings.objects.get(pk=1).free_limit == 7
    assert GiftSettings.current().gifts_per_month == 5
    assert DeviceSettings.current().devices_per_account == 4
    assert (PauseSettings.current().longest_months, PauseSettings.current().pauses_per_year) == (2, 2)
    refused = browser.post(SETTINGS_PAGES["pauses_per_year"], {"shortest_months": 3, "longest_months": 2, "pauses_per_year": 1})
    assert refused.status_code == 200 and "cannot be shorter than the shortest" in refused.text

    slot = AdSlot.objects.create(position=AdPosition.LEADERBOARD, house_headline="Subscribe today")
    assert browser.get(f"/admin/ads/adslot/{slot.pk}/change/").status_code == 200
    for page in ("/admin/subscriptions/plan/add/", "/admin/subscriptions/benefit/add/", "/admin/partners/partner/add/"):
        assert browser.get(page).status_code == 200, page
    assert browser.get("/admin/metering/funnelevent/").status_code == 200
    assert browser.get("/admin/newsroom/article/").status_code == 403
    assert browser.get("/admin/payments/payment/").status_code == 403


def test_a_business_member_sets_the_cancel_pages_offer_and_reads_the_answers_without_changing_them():
    from masthead.subscriptions.models import CancelAnswer, SaveOfferSettings, Subscription
    from masthead.subscriptions.services import subscription_begin
    from masthead.testing.subscriptions import make_offer

    plan = make_plan()
    stay = make_offer(plan, name="Stay with us")
    browser = _browser(_member_of("Business", "sales"))
    page = SETTINGS_PAGES["pause_months"]
    assert browser.get(page.removesuffix("1/change/"), follow=True).status_code == 200  # the row is made on the first visit
    refused = browser.post(page, {"kind": "discount", "pause_months": 1, "discount_offer": ""})
    assert refused.status_code == 200 and "Choose the offer whose discount the next renewal gets." in refused.text
    assert browser.post(page, {"kind": "discount", "pause_months": 1, "discount_offer": stay.pk}).status_code == 302
    assert (SaveOfferSettings.current().kind, SaveOfferSettings.current().discount_offer) == ("discount", stay)

    reader = get_user_model().objects.create_user(username="leaver", email="leaver@example.test", password="x" * 20)
    answer = CancelAnswer.objects.create(
        subscription=subscription_begin(user=reader, plan=plan), reason="too_expensive", outcome="cancelled", at=timezone.now()
    )
    listing = browser.get("/admin/subscriptions/cancelanswer/")
    assert listing.status_code == 200 and "It is too expensive" in listing.text
    assert browser.post(f"/admin/subscriptions/cancelanswer/{answer.pk}/delete/", {"post": "yes"}).status_code == 403
    assert browser.get("/admin/subscriptions/cancelanswer/add/").status_code == 403
    assert CancelAnswer.objects.filter(pk=answer.pk).exists() and Subscription.objects.filter(user=reader).exists()


def test_a_support_member_sees_subscriptions_payments_and_invoices_but_not_the_newsroom():
    browser = _browser(_member_of("Support", "helpdesk"))
    for page in (
        "/admin/subscriptions/subscription/", "/admin/payments/payment/", "/admin/payments/billingprofile/",
        "/admin/invoicing/invoice/", "/admin/payments/webhookevent/", "/admin/gifts/giftsubscription/",
        "/admin/subscriptions/trialuse/", "/admin/subscriptions/planchange/",
    ):  # fmt: skip
        assert browser.get(page).status_code == 200, page
    assert browser.get("/admin/subscriptions/planchange/add/").status_code == 403
    assert browser.get(ARTICLES).status_code == 403
    assert browser.get("/admin/metering/metersettings/1/change/").status_code == 403
    assert browser.get(ARTICLES).status_code == 403
    assert browser.get("/admin/metering/metersettings/1/change/").status_code == 403


# --- Groups and money: refunds and invoices -----------------------------------------


@pytest.fixture
def paid(localstripe):
    """A reader's first term, paid at localstripe, and its tax invoice."""
    from masthead.invoicing.services import invoice_issue
    from masthead.payments.models import BillingProfile, Payment
    from masthead.testing.stripe import subscribe
    from masthead.testing.subscriptions import make_plan

    reader = get_user_model().objects.create_user(username="asha", email="asha@example.test", password="a long password here")
    subscription = subscribe(reader, make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3))
    payment = Payment.objects.get(subscription=subscription, term_number=1)
    BillingProfile.objects.filter(user=reader).update(name="Asha Rao", state_code="27")
    invoice_issue(payment=payment, description="Smart Quarterly digital subscription")
    return payment


def _invoice_of(payment):
    from masthead.invoicing.models import Invoice

    return Invoice.objects.get(payment=payment)


def test_a_support_member_refunds_a_payment_and_reads_any_readers_invoice(paid):
    from masthead.payments.models import PaymentStatus

    browser = _browser(_member_of("Support", "helpdesk"))
    invoice = _invoice_of(paid)
    assert browser.get(invoice.get_absolute_url()).status_code == 200
    assert browser.get(invoice.get_pdf_url()).status_code == 200
    done = browser.post("/admin/payments/payment/", refund_confirmation(browser, [paid.pk]), follow=True)
    assert "Refunded 1 payment (₹900)" in done.text
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.REFUNDED


@pytest.mark.parametrize("group", ["Newsroom", "Business"])
def test_staff_outside_support_cannot_read_a_readers_invoice(paid, group):
    browser = _browser(_member_of(group, "desk"))
    invoice = _invoice_of(paid)
    # Not found, as for a number that does not exist: staff cannot learn which numbers are taken.
    assert browser.get(invoice.get_absolute_url()).status_code == 404
    assert browser.get(invoice.get_pdf_url()).status_code == 404
    assert browser.get("/admin/payments/payment/").status_code == 403


def test_support_finds_a_readers_invoice_by_their_address_and_from_the_payment(paid):
    browser = _browser(_member_of("Support", "helpdesk"))
    invoice = _invoice_of(paid)
    found = browser.get("/admin/invoicing/invoice/", {"q": "asha@example.test"}).text
    assert invoice.number in found and "asha@example.test" in found
    payment_page = browser.get(f"/admin/payments/payment/{paid.pk}/change/").text
    assert f'href="/admin/invoicing/invoice/{invoice.pk}/change/"' in payment_page
