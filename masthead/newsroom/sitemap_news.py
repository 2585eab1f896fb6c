"""The Google News sitemap: articles from the last two days."""

from django.conf import settings
from django.shortcuts import render

from masthead.core.urls import absolute_url

from . import selectors


def news_sitemap(request):
    entries = [
        {"loc": absolute_url(request, article.get_absolute_url()), "article": article}
        for article in selectors.news_sitemap_articles()
    ]
    return render(
        request,
        "newsroom/news_sitemap.xml",
        {"entries": entries, "publication_name": settings.MASTHEAD_SITE_NAME, "language": "en"},
        content_type="application/xml; charset=utf-8",
    )
