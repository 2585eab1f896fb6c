import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest

from masthead.testing.newsroom import (
    make_agency,
    make_article,
    make_author,
    make_section,
)

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def _json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_sitemap_lists_every_live_article_and_no_draft(client):
    live = [make_article(published_ago=timedelta(days=n * 400)) for n in range(3)]
    draft = make_article(published_ago=None, status="draft")
    response = client.get("/sitemap.xml")
    root = ElementTree.fromstring(response.content)
    locations = {loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)}
    for article in live:
        assert f"http://testserver{article.get_absolute_url()}" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations


def test_news_sitemap_has_only_the_last_two_days(client):
    fresh = make_article(headline="Fresh & new", published_ago=timedelta(hours=5))
    stale = make_article(published_ago=timedelta(days=3))
    response = client.get("/news-sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    urls = root.findall("s:url", SITEMAP_NS)
    locations = [url.find("s:loc", SITEMAP_NS).text for url in urls]
    assert f"http://testserver{fresh.get_absolute_url()}" in locations
    assert f"http://testserver{stale.get_absolute_url()}" not in locations
    title = urls[locations.index(f"http://testserver{fresh.get_absolute_url()}")].find("news:news/news:title", SITEMAP_NS)
    assert title.text == "Fresh & new"


@pytest.mark.parametrize("path", ["/feeds/rss/", "/feeds/atom/"])
def test_site_feeds_are_valid_and_carry_no_body_text(client, path):
    article = make_article(headline="Rupee firms", body="<p>" + "secretword " * 80 + "</p>", standfirst="The rupee rose.")
    response = client.get(path)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    titles = [entry.title for entry in feed.entries]
    assert "Rupee firms" in titles
    assert "secretword" not in response.text
    assert feed.entries[titles.index("Rupee firms")].link.endswith(article.get_absolute_url())


@pytest.mark.parametrize("suffix", ["rss", "atom"])
def test_section_feeds_list_only_that_section(client, suffix):
    markets, world = make_section(slug="markets", name="Markets"), make_section(slug="world", name="World")
    make_article(section=markets, headline="Bond yields ease")
    make_article(section=world, headline="Summit opens")
    feed = feedparser.parse(client.get(f"/section/markets/{suffix}/").content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Bond yields ease"]


def test_article_page_has_valid_news_article_json_ld(client):
    author = make_author(name="Kabir Rao")
    article = make_article(authors=[author], headline='Quotes "and" <tags> in a headline', dateline="Pune")
    page = client.get(article.get_absolute_url()).text
    (data,) = _json_ld(page)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == 'Quotes "and" <tags> in a headline'
    assert data["author"] == [{"@type": "Person", "name": "Kabir Rao"}]
    assert data["mainEntityOfPage"]["@id"].endswith(article.get_absolute_url())
    assert data["datePublished"].startswith(str(article.publish_at.year))
    assert "</script" not in json.dumps(data) or "<tags>" in data["headline"]
    assert "<tags>" not in page.split('application/ld+json">')[1].split("</script>")[0]


def test_wire_copy_json_ld_credits_the_agency(client):
    article = make_article(agency=make_agency(name="Continental Press Agency"))
    (data,) = _json_ld(client.get(article.get_absolute_url()).text)
    assert data["author"] == [{"@type": "Organization", "name": "Continental Press Agency"}]


def test_article_page_has_open_graph_twitter_and_canonical_tags(client, settings):
    settings.MASTHEAD_SITE_URL = "https://news.example.com"
    article = make_article(headline="Markets close higher", standfirst="A broad rally lifted stocks.")
    page = client.get(article.get_absolute_url()).text
    canonical = f"https://news.example.com{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert f'<meta property="og:url" content="{canonical}">' in page
    assert '<meta property="og:title" content="Markets close higher">' in page
    assert '<meta property="og:description" content="A broad rally lifted stocks.">' in page
    assert '<meta name="twitter:card" content="summary">' in page


def test_robots_txt_points_crawlers_at_both_sitemaps(client):
    text = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/news-sitemap.xml" in text
    assert "Disallow: /preview/" in text
