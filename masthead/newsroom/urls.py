from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from masthead.core.cache_policy import shared_cache
from masthead.core.replica import reads_from_replica

from . import feeds, views
from .sitemaps import SITEMAPS
from .sitemap_news import news_sitemap

app_name = "newsroom"

# Pages that are the same for every reader who is not signed in may be kept
# by a CDN for this long (core/cache_policy.py), and read published stories
# from the read replica when there is one (core/replica.py). The article
# page is neither: it depends on the reader's meter, and an edit must show
# at once.


def FRONT(view):  # noqa: N802 (read as a mark beside the route)
    return shared_cache(60)(reads_from_replica(view))


def LISTINGS(view):  # noqa: N802
    return shared_cache(300)(reads_from_replica(view))

urlpatterns = [
    path("articles/<slug:slug>/", views.article, name="article"),  # the busiest first
    path("", FRONT(views.home), name="home"),
    path("premium/", FRONT(views.premium), name="premium"),
    path("section/<slug:slug>/", FRONT(views.section), name="section"),
    path("section/<slug:slug>/rss/", FRONT(feeds.SectionFeed()), name="section-rss"),
    path("section/<slug:slug>/atom/", FRONT(feeds.SectionAtomFeed()), name="section-atom"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("archive/", LISTINGS(views.archive_index), name="archive"),
    path("archive/<int:year>/", LISTINGS(views.archive_year), name="archive-year"),
    path("archive/<int:year>/<int:month>/", LISTINGS(views.archive_month), name="archive-month"),
    path("archive/<int:year>/<int:month>/<int:day>/", LISTINGS(views.archive_day), name="archive-day"),
    path("feeds/rss/", FRONT(feeds.SiteFeed()), name="rss"),
    path("feeds/atom/", FRONT(feeds.SiteAtomFeed()), name="atom"),
    path("sitemap.xml", LISTINGS(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", FRONT(news_sitemap), name="news-sitemap"),
]
