"""What an article page says about itself to machines: JSON-LD, OpenGraph.

Built only from what any reader may see (headline, standfirst, lead-in):
the structured data is a channel like any other and must never carry more.
"""

from django.conf import settings
from django.utils.text import Truncator

from .models import Article
from .text import plain_text

DESCRIPTION_WORDS = 40


def article_description(article: Article) -> str:
    return article.standfirst or Truncator(plain_text(article.lead_in)).words(DESCRIPTION_WORDS)


def article_credit(article: Article) -> str:
    if article.agency_id:
        return article.agency.name
    return ", ".join(author.name for author in article.authors.all())


# The class on the element that holds the text beyond the lead-in, named in
# Google's paywalled-content markup. Readers who may not read on never
# receive that element at all.
GATED_CSS_CLASS = "article-gated"


def news_article_ld(
    *, article: Article, url: str, site_url: str, logo_url: str, image_url: str | None, free_to_everyone: bool
) -> dict:
    """schema.org NewsArticle for one article page, with Google's paywall markup
    (isAccessibleForFree and hasPart) unless the article is free to everyone."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline[:110],
        "description": article_description(article),
        "datePublished": article.publish_at.isoformat(),
        "dateModified": (article.shown_revision_time or article.publish_at).isoformat(),
        "articleSection": article.section.name,
        "isAccessibleForFree": free_to_everyone,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.MASTHEAD_SITE_NAME,
            "url": site_url,
            "logo": {"@type": "ImageObject", "url": logo_url},
        },
    }
    if article.agency_id:
        data["author"] = [{"@type": "Organization", "name": article.agency.name}]
    else:
        data["author"] = [{"@type": "Person", "name": author.name} for author in article.authors.all()]
    if article.dateline:
        data["dateline"] = article.dateline
    if image_url:
        data["image"] = [image_url]
    if not free_to_everyone:
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": f".{GATED_CSS_CLASS}",
        }
    return data
