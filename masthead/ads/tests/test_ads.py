from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from masthead.ads.models import AdPosition, AdSlot
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def slots():
    AdSlot.objects.create(position=AdPosition.LEADERBOARD, house_headline="Read the e-paper tonight")
    AdSlot.objects.create(
        position=AdPosition.IN_ARTICLE, tag_html='<div id="adnet"></div><script src="https://ads.example/tag.js"></script>'
    )


def _subscriber(django_user_model):
    user = django_user_model.objects.create_user(
        username="sub", email="sub@example.test", password="x" * 20, complimentary_access=True
    )
    client = Client()
    client.force_login(user)
    return client


def test_readers_who_do_not_subscribe_see_the_ad_slots(client, slots):
    article = make_article()
    page = client.get(article.get_absolute_url()).text
    assert "Read the e-paper tonight" in page
    assert "https://ads.example/tag.js" in page
    assert 'aria-label="Advertisement"' in client.get("/").text


def test_subscribers_get_no_ad_markup_and_no_ad_script(slots, django_user_model):
    subscriber = _subscriber(django_user_model)
    article = make_article()
    # A non-subscriber reads the pages first, so cached pages with ads exist.
    paths = ("/", article.get_absolute_url(), "/premium/", article.section.get_absolute_url(), "/subscribe/")
    visitor = Client()
    for path in paths:
        assert "Advertisement" in visitor.get(path).text or path == "/subscribe/", path
    for path in paths:
        page = subscriber.get(path).text
        assert "Advertisement" not in page, path
        assert "ads.example" not in page, path
        assert 'class="ad ' not in page, path


def test_switched_off_slots_leave_no_empty_box(client):
    AdSlot.objects.create(position=AdPosition.LEADERBOARD, house_headline="Hidden", is_active=False)
    assert "Advertisement" not in client.get("/").text


@time_machine.travel(datetime(2026, 11, 28, 6, 30, tzinfo=UTC), tick=False)  # noon in Kolkata
def test_the_premium_desk_counts_todays_premium_stories(client):
    for n in range(3):
        make_article(is_premium=True, headline=f"Premium story {n}")
    make_article(is_premium=True, headline="Yesterday's premium", published_ago=timedelta(days=1))
    make_article(headline="Free story")
    page = client.get("/premium/").text
    assert "3 premium stories today" in page
    assert "Premium story 0" in page and "Free story" not in page


def test_a_premium_section_is_for_subscribers_and_has_its_own_landing_page(client, django_user_model):
    from masthead.testing.newsroom import make_section

    analysis = make_section(name="Market Analysis", slug="market-analysis", is_premium=True, description="Investment insights.")
    story = make_article(section=analysis, headline="Why banks look cheap", is_premium=False)
    landing = client.get("/section/market-analysis/").text
    assert "Every analysis here is for subscribers." in landing and "Why banks look cheap" in landing
    assert "Subscribe now for unlimited access." in client.get(story.get_absolute_url()).text
    subscriber = _subscriber(django_user_model)
    assert "Subscribe now for unlimited access." not in subscriber.get(story.get_absolute_url()).text


def test_no_ads_where_a_reader_pays_or_manages_their_account(slots, django_user_model, fake_provider):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    member = django_user_model.objects.create_user(username="member", email="member@example.test", password="x" * 20)
    reader = Client()
    reader.force_login(member)
    assert "Read the e-paper tonight" in reader.get("/").text  # a reader who sees ads elsewhere
    assert reader.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27"}).status_code == 302
    pages = {
        "plans": "/subscribe/",
        "checkout details": "/subscribe/smart-quarterly/",
        "payment": "/subscribe/pay/",
        "account": "/account/",
        "invoices": "/account/invoices/",
    }
    for name, path in pages.items():
        response = reader.get(path)
        assert response.status_code == 200, name
        assert "Advertisement" not in response.text and 'class="ad ' not in response.text, name
    visitor = Client()
    for path in ("/accounts/login/", "/accounts/signup/"):
        assert "Advertisement" not in visitor.get(path).text, path
