"""The demo's house ads: a newcomer sees them as a reader who does not
subscribe, and sees them go when signed in as the demo subscriber."""

import re

import pytest
from django.test import Client
from django.utils.html import escape

from masthead.ads.models import AdPosition, AdSlot
from masthead.demo.ads import DEMO_HOUSE_ADS
from masthead.demo.logins import DEMO_LOGINS
from masthead.newsroom.models import Article

pytestmark = pytest.mark.django_db

# As the page writes them (Today&#x27;s).
HEADLINES = {position: escape(headline) for position, headline, _text, _link in DEMO_HOUSE_ADS}


def _subscriber() -> Client:
    login = next(login for login in DEMO_LOGINS if login.subscribes)
    client = Client()
    assert client.login(username=login.email, password=login.password)
    return client


def test_a_newcomer_sees_house_ads_until_they_sign_in_as_the_subscriber(demo, client):
    story = Article.objects.live().filter(is_premium=False).order_by("-publish_at").first()
    home, article = client.get("/").text, client.get(story.get_absolute_url()).text
    assert HEADLINES[AdPosition.LEADERBOARD] in home and HEADLINES[AdPosition.RAIL] in home
    assert HEADLINES[AdPosition.LEADERBOARD] in article and HEADLINES[AdPosition.IN_ARTICLE] in article
    assert 'aria-label="Advertisement"' in home and 'aria-label="Advertisement"' in article

    subscriber = _subscriber()
    for path in ("/", story.get_absolute_url()):
        page = subscriber.get(path).text
        assert "Advertisement" not in page, path
        assert not any(headline in page for headline in HEADLINES.values()), path


def test_every_house_ad_leads_to_a_page_of_the_site_and_carries_no_outside_address(demo, client):
    slots = AdSlot.objects.all()
    assert {slot.position for slot in slots} == set(AdPosition.values)
    for slot in slots:
        assert slot.is_active and slot.house_headline and slot.house_text and not slot.tag_html
        assert slot.house_link.startswith("/"), slot.house_link
        assert client.get(slot.house_link, follow=True).status_code == 200, slot.house_link
    home = client.get("/").text
    for ad in re.findall(r'<aside class="ad .*?</aside>', home, re.S):
        assert "http" not in ad and "<img" not in ad
