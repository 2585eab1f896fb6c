"""The plans page promises only what the site delivers right now."""

import pytest

from masthead.core.localcache import local_cache
from masthead.partners.models import Partner
from masthead.partners.services import partner_codes_load
from masthead.subscriptions.models import Benefit, Feature
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _plans_page(client) -> str:
    local_cache.clear()  # the checked list is kept for a minute
    return client.get("/subscribe/").text


def test_partner_access_is_promised_only_while_codes_remain(client, django_user_model):
    make_plan()
    Benefit.objects.create(title="Complimentary partner access", feature=Feature.PARTNER_ACCESS)
    assert "Complimentary partner access" not in _plans_page(client)

    partner = Partner.objects.create(name="The World Review", slug="world-review", instructions="Redeem online.")
    partner_codes_load(partner=partner, upload=b"ONLY-CODE\n")
    assert "Complimentary partner access" in _plans_page(client)

    reader = django_user_model.objects.create_user(username="r", email="r@example.com", password="x")
    partner.codes.update(claimed_by=reader)
    assert "Complimentary partner access" not in _plans_page(client)


def test_premium_and_market_analysis_lines_need_such_stories(client):
    make_plan()
    Benefit.objects.create(title="Exclusive premium stories", feature=Feature.PREMIUM)
    Benefit.objects.create(title="Market analysis desk", feature=Feature.MARKET_ANALYSIS)
    page = _plans_page(client)
    assert "Exclusive premium stories" not in page and "Market analysis desk" not in page

    make_article(headline="A premium story", is_premium=True)
    make_article(headline="An analysis", section=make_section(name="Market Analysis", is_premium=True))
    page = _plans_page(client)
    assert "Exclusive premium stories" in page and "Market analysis desk" in page


def test_a_line_without_a_feature_is_shown_and_a_switched_off_line_never(client):
    make_plan()
    Benefit.objects.create(title="Printed calendar at new year")
    Benefit.objects.create(title="Ad-free reading", feature=Feature.AD_FREE, is_active=False)
    page = _plans_page(client)
    assert "Printed calendar at new year" in page and "Ad-free reading" not in page


def test_the_paywall_lists_the_same_checked_benefits(client):
    from masthead.testing.metering import set_meter

    set_meter(free_limit=0)
    make_plan()
    Benefit.objects.create(title="Complimentary partner access", feature=Feature.PARTNER_ACCESS)
    Benefit.objects.create(title="Ad-free reading", feature=Feature.AD_FREE)
    article = make_article(headline="Behind the paywall")
    page = client.get(article.get_absolute_url()).text
    assert "Subscribe to read the full story" in page
    assert "Ad-free reading" in page and "Complimentary partner access" not in page


def test_staff_see_which_lines_are_hidden_and_an_edit_shows_at_once(client, django_user_model):
    from django.test import Client

    admin_client = Client()
    admin_client.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    make_plan()
    benefit = Benefit.objects.create(title="Ad-free reading", feature=Feature.AD_FREE)
    Benefit.objects.create(title="Complimentary partner access", feature=Feature.PARTNER_ACCESS)
    listing = admin_client.get("/admin/subscriptions/benefit/").text
    assert listing.count('alt="True"') >= 1 and 'alt="False"' in listing

    assert "Ad-free reading" in client.get("/subscribe/").text
    admin_client.post(
        f"/admin/subscriptions/benefit/{benefit.pk}/change/",
        {"title": "Reading without ads", "description": "", "feature": Feature.AD_FREE, "position": 1, "is_active": "on"},
    )
    assert "Reading without ads" in client.get("/subscribe/").text


def test_every_benefit_the_demo_promises_is_delivered(client):
    """The demo's plans page lists all eight benefits, each backed by a working feature."""
    from masthead.demo.loader import DEMO_BENEFITS, demo_load

    demo_load(count=120)
    page = _plans_page(client)
    for title, _description, _feature in DEMO_BENEFITS:
        assert title.replace("&", "&amp;") in page, title


def test_the_epaper_and_newsletter_lines_wait_for_the_feature(client):
    from masthead.newsletters.models import Newsletter

    make_plan()
    Benefit.objects.create(title="E-paper replica", feature=Feature.EPAPER)
    Benefit.objects.create(title="Curated newsletters", feature=Feature.NEWSLETTERS)
    Newsletter.objects.update(active=False)
    page = _plans_page(client)
    assert "E-paper replica" not in page and "Curated newsletters" not in page
    Newsletter.objects.create(name="Weekend Reads", slug="weekend-reads")
    assert "Curated newsletters" in _plans_page(client)


def test_every_feature_a_benefit_can_promise_is_checked_by_the_app_that_delivers_it():
    # Each app registers its check when it loads; a feature left out would
    # quietly hide every line that promises it.
    from masthead.subscriptions.benefits import _feature_checks
    from masthead.subscriptions.models import Feature

    assert set(_feature_checks) == set(Feature)
