from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override

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

# A browser shows a sitemap with its own XML viewer, which styles the tree
# inline (and draws its arrows as data: images); the document is data the
# site wrote, runs nothing and loads nothing from elsewhere.
XML_FOR_BROWSERS = csp_override(
    {"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE], "img-src": ["data:"]}
)


urlpatterns = [
    path("articles/<slug:slug>/", views.article, name="article"),  # the busiest first
    path("articles/<slug:slug>/gift/", views.article_gift, name="article-gift"),
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
    path("sitemap.xml", XML_FOR_BROWSERS(LISTINGS(sitemap_views.sitemap)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", XML_FOR_BROWSERS(FRONT(news_sitemap)), name="news-sitemap"),
]
