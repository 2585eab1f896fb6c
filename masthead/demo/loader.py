"""The demo publication written into an empty database: sections, writers
and articles, plans and the "what's included" list, a partner, house ads, the
e-paper editions and the demo logins.

Everything here is written for the project (see demo/writer/) and is
deterministic, so two machines loading the demo see the same site.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.demo import writer
from masthead.demo.ads import demo_ads_load
from masthead.demo.desk_history import HISTORY_DAYS, demo_desk_history_load, demo_funnel_history_load
from masthead.demo.editions import demo_editions_load
from masthead.demo.logins import demo_users_ensure
from masthead.demo.partners import demo_partner_load
from masthead.desk.services import desk_rollup
from masthead.newsroom.models import Agency, Article, ArticleStatus, Author, Section
from masthead.search.services import search_rebuild
from masthead.subscriptions.models import Benefit, Feature, Offer, OfferKind, Plan

DEMO_PLANS = (
    # name, slug, price in rupees, term in months, featured
    ("Smart Quarterly", "smart-quarterly", 900, 3, False),
    ("Smart Essential", "smart-essential", 2_700, 12, True),
    ("Super Saver", "super-saver", 3_900, 24, False),
)

# Each line names the feature that delivers it: a line is shown only while
# its feature has something to give (subscriptions/benefits.py).
DEMO_BENEFITS = (
    ("Exclusive premium stories online", "Premium stories every day, handpicked by our editors", Feature.PREMIUM),
    ("Complimentary partner access", "A subscription to a partner publication, included with yours", Feature.PARTNER_ACCESS),
    ("E-paper", "Digital replica of our daily newspaper — with options to read, save, and share", Feature.EPAPER),
    ("Curated newsletters", "Insights on markets, finance, politics, tech, and more delivered to your inbox", Feature.NEWSLETTERS),
    ("Market analysis & investment insights", "In-depth market analysis and insights from our analysts", Feature.MARKET_ANALYSIS),
    ("Archives", "Every story back to 1997, by date and by full-text search", Feature.ARCHIVES),
    ("Ad-free reading", "Uninterrupted reading experience with no advertisements", Feature.AD_FREE),
    ("Seamless access across all devices", "One account on mobile, tablet or PC", Feature.DEVICES),
)  # fmt: skip


def demo_is_loaded() -> bool:
    return Article.objects.exists()


@transaction.atomic
def demo_load(*, seed: int = 1997, count: int | None = None) -> int:
    """Write the demo publication into an empty database; returns the number
    of articles (the whole archive, or ``count`` of them)."""
    now = timezone.now()
    today = local_date(now)
    sections = {
        spec.slug: Section.objects.create(
            slug=spec.slug, name=spec.name, description=spec.description, position=spec.position
        )
        for spec in writer.SECTIONS
    }
    # Market analysis is a premium section with its own landing page.
    Section.objects.filter(slug="market-analysis").update(is_premium=True)
    authors = {
        spec.slug: Author.objects.create(slug=spec.slug, name=spec.name, role=spec.role, bio=spec.bio)
        for spec in writer.AUTHORS
    }
    agencies = {spec.slug: Agency.objects.create(slug=spec.slug, name=spec.name) for spec in writer.AGENCIES}
    articles = writer.generate_articles(today=today, seed=seed, count=count, not_after=now)
    _articles_write(articles, sections=sections, authors=authors, agencies=agencies)
    for position, (name, slug, rupees, months, featured) in enumerate(DEMO_PLANS, start=1):
        Plan.objects.create(
            name=name, slug=slug, price_minor=rupees * 100, term_months=months, position=position, is_featured=featured
        )
    _offer_load(now)
    for position, (title, description, feature) in enumerate(DEMO_BENEFITS, start=1):
        Benefit.objects.create(title=title, description=description, feature=feature, position=position)
    demo_partner_load(rng=random.Random(seed))
    demo_ads_load()
    demo_users_ensure()
    # Rendered here, not on the job queue, so the e-paper reads at once after `make run`.
    demo_editions_load(today=today)
    # Five months of subscribers, rolled up, so the business desk has figures
    # at once (the periodic job keeps yesterday and today up to date after this).
    demo_desk_history_load(rng=random.Random(seed), now=now)
    demo_funnel_history_load(rng=random.Random(seed), now=now)
    desk_rollup(first=today - timedelta(days=HISTORY_DAYS + 30), last=today, now=now)
    return len(articles)


# The demo's introductory offer: half off the first quarter, by link or code.
DEMO_OFFER_CODE = "WELCOME50"


def _offer_load(now) -> None:
    offer = Offer.objects.create(
        name="Welcome offer", kind=OfferKind.PERCENT, value=50, terms=1, starts_at=now, code=DEMO_OFFER_CODE, max_redemptions=1000
    )
    offer.plans.set(Plan.objects.filter(slug="smart-quarterly"))


def _articles_write(articles, *, sections: dict, authors: dict, agencies: dict) -> None:
    """The archive's thousands of articles in a few statements, not one save
    each: the same rows save() would write (text prepared, revision 1), then
    their bylines, then the search index, all in the loader's transaction."""
    rows = []
    for spec in articles:
        article = Article(
            headline=spec.headline,
            slug=spec.slug,
            standfirst=spec.standfirst,
            body=spec.body,
            section=sections[spec.section_slug],
            agency=agencies[spec.agency_slug] if spec.agency_slug else None,
            dateline=spec.dateline,
            status=ArticleStatus.PUBLISHED,
            publish_at=spec.publish_at,
            is_premium=spec.is_premium,
            revision=1,
        )
        article.prepare_text()
        rows.append(article)
    Article.objects.bulk_create(rows, batch_size=500)
    Byline = Article.authors.through
    Byline.objects.bulk_create(
        [
            Byline(article_id=article.pk, author_id=authors[slug].pk)
            for article, spec in zip(rows, articles)
            for slug in spec.author_slugs
        ],
        batch_size=1000,
    )
    search_rebuild()
