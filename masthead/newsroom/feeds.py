"""RSS and Atom feeds for the whole site and for each section.

Items carry the headline and description only: a feed is a public channel
and never holds the article body.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from . import selectors
from .models import Section
from .presentation import article_credit, article_description

FEED_SIZE = 30


class LatestArticlesFeed:
    feed_type = Rss201rev2Feed

    def title(self, obj=None):
        if obj is None:
            return settings.MASTHEAD_SITE_NAME
        return f"{obj.name} · {settings.MASTHEAD_SITE_NAME}"

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("newsroom:home")

    def description(self, obj=None):
        if obj is not None and obj.description:
            return obj.description
        return settings.MASTHEAD_SITE_DESCRIPTION

    def items(self, obj=None):
        articles = selectors.live_articles()
        if obj is not None:
            articles = articles.filter(section=obj)
        return articles[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return article_description(item)

    def item_author_name(self, item):
        return article_credit(item) or None

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.shown_revision_time or item.publish_at

    def item_categories(self, item):
        return [item.section.name]


class SiteFeed(LatestArticlesFeed, Feed):
    pass


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class SectionFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
