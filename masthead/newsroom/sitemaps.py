from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class ArticleSitemap(Sitemap):
    """Every live article; Django pages the file past 50,000 entries."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        return selectors.live_articles().select_related(None).prefetch_related(None).only(
            "slug", "publish_at", "revised_at"
        )

    def lastmod(self, article):
        return article.shown_revision_time or article.publish_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return list(selectors.navigation_sections())


class PageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["newsroom:home", "newsroom:archive", "subscriptions:plans"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "sections": SectionSitemap, "articles": ArticleSitemap}
