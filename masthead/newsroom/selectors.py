"""Reads for the reader-facing pages, feeds and sitemaps.

Everything here returns only live articles (published, or scheduled for a
time that has come), so no page can show a draft by forgetting a filter.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth, ExtractYear, TruncDate
from django.utils import timezone

from masthead.core.periods import day_bounds, local_date, publication_zone
from masthead.subscriptions.returns import StoryLink

from .models import Article, Section

LEAD_STORY_COUNT = 5
SECTION_TEASER_COUNT = 4
LATEST_COUNT = 12
PREMIUM_RAIL_COUNT = 8
NEWS_SITEMAP_WINDOW = timedelta(days=2)


def live_articles(*, now: datetime | None = None) -> QuerySet[Article]:
    return (
        Article.objects.live(now)
        .select_related("section", "agency")
        .prefetch_related("authors")
        .order_by("-publish_at", "-id")
    )


def live_story_link(article_id: int) -> StoryLink | None:
    """A live story's headline and address (a new subscriber's "Continue
    reading"); None for a draft, a story not yet published, or no story."""
    article = Article.objects.live().filter(pk=article_id).only("headline", "slug").first()
    return StoryLink(headline=article.headline, path=article.get_absolute_url()) if article else None


def navigation_sections() -> QuerySet[Section]:
    return Section.objects.filter(in_navigation=True)


@dataclass(frozen=True)
class SectionTeasers:
    section: Section
    articles: list[Article]


@dataclass(frozen=True)
class HomePage:
    lead: list[Article]
    premium_today: list[Article]
    premium_today_count: int
    sections: list[SectionTeasers]
    latest: list[Article]


def premium_today(*, now: datetime | None = None) -> QuerySet[Article]:
    """Premium stories published on the publication's current day."""
    now = now or timezone.now()
    today = day_bounds(local_date(now))
    return live_articles(now=now).filter(is_premium=True, publish_at__gte=today.start)


def premium_stories_this_week(*, now: datetime | None = None) -> bool:
    """Whether the premium desk has had a story in the last seven days."""
    now = now or timezone.now()
    return live_articles(now=now).filter(is_premium=True, publish_at__gte=now - timedelta(days=7)).exists()


def premium_section_stories() -> bool:
    """Whether a premium section (market analysis) has any live story."""
    return live_articles().filter(section__is_premium=True).exists()


def next_go_live(*, now: datetime | None = None) -> datetime | None:
    """When the next scheduled article goes live, if any is waiting."""
    return Article.objects.upcoming(now or timezone.now()).order_by("publish_at").values_list("publish_at", flat=True).first()


def home_page(*, now: datetime | None = None) -> HomePage:
    """The front page. The premium rail is the whole premium desk of the day;
    the section blocks skip what the lead and the rail already show."""
    now = now or timezone.now()
    recent = list(live_articles(now=now)[: LEAD_STORY_COUNT + LATEST_COUNT])
    lead, latest = recent[:LEAD_STORY_COUNT], recent[LEAD_STORY_COUNT:]
    shown = {article.pk for article in lead}
    premium = premium_today(now=now)
    premium_rail = list(premium[:PREMIUM_RAIL_COUNT])
    shown.update(article.pk for article in premium_rail)
    sections = [
        SectionTeasers(
            section,
            list(live_articles(now=now).filter(section=section).exclude(pk__in=shown)[:SECTION_TEASER_COUNT]),
        )
        for section in navigation_sections()
    ]
    return HomePage(
        lead=lead,
        premium_today=premium_rail,
        premium_today_count=premium.count(),
        sections=[teasers for teasers in sections if teasers.articles],
        latest=latest,
    )


def section_articles(*, section: Section, now: datetime | None = None) -> QuerySet[Article]:
    return live_articles(now=now).filter(section=section)


def articles_on_day(*, day: date, now: datetime | None = None) -> QuerySet[Article]:
    bounds = day_bounds(day)
    return live_articles(now=now).filter(publish_at__gte=bounds.start, publish_at__lt=bounds.end)


@dataclass(frozen=True)
class ArchiveSpan:
    first: date
    last: date


def archive_span(*, now: datetime | None = None) -> ArchiveSpan | None:
    """The first and last publication days the archive reaches."""
    live = Article.objects.live(now)
    oldest = live.order_by("publish_at").values_list("publish_at", flat=True).first()
    newest = live.order_by("-publish_at").values_list("publish_at", flat=True).first()
    if oldest is None:
        return None
    return ArchiveSpan(local_date(oldest), local_date(newest))


def neighbouring_days(*, day: date, now: datetime | None = None) -> tuple[date | None, date | None]:
    """The nearest earlier and later days that have articles."""
    bounds = day_bounds(day)
    live = Article.objects.live(now)
    before = live.filter(publish_at__lt=bounds.start).order_by("-publish_at").values_list("publish_at", flat=True).first()
    after = live.filter(publish_at__gte=bounds.end).order_by("publish_at").values_list("publish_at", flat=True).first()
    return (local_date(before) if before else None, local_date(after) if after else None)


def archive_years(*, now: datetime | None = None) -> list[dict]:
    """[{"year": 1997, "count": 12}, …], oldest first, by publication-zone year."""
    return list(
        Article.objects.live(now)
        .annotate(year=ExtractYear("publish_at", tzinfo=publication_zone()))
        .values("year")
        .annotate(count=Count("id"))
        .order_by("year")
    )


def archive_months(*, year: int, now: datetime | None = None) -> list[dict]:
    zone = publication_zone()
    return list(
        Article.objects.live(now)
        .annotate(year=ExtractYear("publish_at", tzinfo=zone), month=ExtractMonth("publish_at", tzinfo=zone))
        .filter(year=year)
        .values("month")
        .annotate(count=Count("id"))
        .order_by("month")
    )


def archive_days(*, year: int, month: int, now: datetime | None = None) -> list[dict]:
    zone = publication_zone()
    first = date(year, month, 1)
    after = (first + timedelta(days=32)).replace(day=1)
    return list(
        Article.objects.live(now)
        .filter(publish_at__gte=day_bounds(first).start, publish_at__lt=day_bounds(after).start)
        .annotate(day=TruncDate("publish_at", tzinfo=zone))
        .values("day")
        .annotate(count=Count("id"))
        .order_by("day")
    )


def news_sitemap_articles(*, now: datetime | None = None) -> QuerySet[Article]:
    """What Google News wants: articles from the last two days, at most 1,000."""
    now = now or timezone.now()
    return live_articles(now=now).filter(publish_at__gte=now - NEWS_SITEMAP_WINDOW)[:1000]
