"""`load_demo`: the demo publication written into an empty database."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from masthead.core.periods import day_bounds, local_date
from masthead.demo.writer.frontpage import FRONT_PAGE
from masthead.newsroom.models import Article, Section
from masthead.newsroom.selectors import archive_years
from masthead.search.services import search_backend
from masthead.subscriptions.models import Plan

pytestmark = pytest.mark.django_db


def test_demo_has_depth_fresh_news_and_a_premium_desk(demo):
    now = timezone.now()
    live = Article.objects.live(now)
    assert live.count() >= 300
    assert live.filter(publish_at__gte=now - timedelta(days=60)).count() >= 80
    today = day_bounds(local_date(now))
    assert live.filter(is_premium=True, publish_at__gte=today.start, publish_at__lt=today.end).count() >= 30
    assert local_date(live.order_by("publish_at").first().publish_at).year == 1997
    assert live.filter(agency__isnull=False).exists()
    assert set(Section.objects.values_list("slug", flat=True)) >= {
        "markets", "economy", "politics", "world", "technology", "opinion", "market-analysis",
    }  # fmt: skip


def test_the_whole_demo_is_a_lived_in_archive_with_its_front_page(whole_demo, client):
    """What `make run` loads: a few stories a week in every year since 1997,
    every one findable by search, and the home page opening with the front
    page's named stories, whose links never change."""
    live = Article.objects.live()
    assert live.count() >= 3500
    years = {row["year"]: row["count"] for row in archive_years()}
    assert min(years[year] for year in range(1997, local_date(timezone.now()).year)) >= 100
    assert search_backend().count() == Article.objects.count()
    assert Article.objects.filter(authors__isnull=False).distinct().count() == live.filter(agency__isnull=True).count()
    assert all(article.lead_in and article.revision == 1 for article in live.only("lead_in", "revision")[:500])

    home = client.get("/").content.decode()
    first = FRONT_PAGE[0]
    assert first.headline in home
    for story in FRONT_PAGE:
        assert client.get(f"/articles/{story.slug}/").status_code == 200, story.slug
    found = client.get("/search/", {"q": "Thaali Labs"}).content.decode()
    assert f'href="/articles/{first.slug}/"' in found


def test_demo_plans_are_the_three_reference_plans(demo, client):
    plans = {(p.name, p.price_minor, p.term_months) for p in Plan.objects.all()}
    assert plans == {("Smart Quarterly", 900_00, 3), ("Smart Essential", 2_700_00, 12), ("Super Saver", 3_900_00, 24)}


def test_the_demo_ships_a_welcome_offer_on_the_quarterly_plan(demo, client):
    page = client.get("/subscribe/offer/WELCOME50/")
    assert page.status_code == 200
    assert "₹450 for your first 3 months, then ₹900 every 3 months" in page.content.decode()


def test_loading_the_demo_twice_changes_nothing(demo, capsys):
    before = Article.objects.count()
    call_command("load_demo")
    assert Article.objects.count() == before
    assert "already loaded" in capsys.readouterr().out


def test_every_demo_page_renders(demo, client):
    article = Article.objects.live().filter(agency__isnull=False).first()
    for path in ["/", "/section/markets/", article.get_absolute_url(), "/subscribe/", "/archive/1997/"]:
        assert client.get(path).status_code == 200, path


def test_the_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="refused in production"):
        call_command("load_demo", stdout=StringIO())
    assert not Article.objects.exists() and not Plan.objects.exists()
