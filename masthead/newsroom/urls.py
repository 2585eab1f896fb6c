from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS
from .sitemap_news import news_sitemap

app_name = "newsroom"

urlpatterns = [
    path("articles/<slug:slug>/", views.article, name="article"),  # the busiest first
    path("", views.home, name="home"),
    path("premium/", views.premium, name="premium"),
    path("section/<slug:slug>/", views.section, name="section"),
    path("section/<slug:slug>/rss/", feeds.SectionFeed(), name="section-rss"),
    path("section/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section-atom"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("archive/", views.archive_index, name="archive"),
    path("archive/<int:year>/", views.archive_year, name="archive-year"),
    path("archive/<int:year>/<int:month>/", views.archive_month, name="archive-month"),
    path("archive/<int:year>/<int:month>/<int:day>/", views.archive_day, name="archive-day"),
    path("feeds/rss/", feeds.SiteFeed(), name="rss"),
    path("feeds/atom/", feeds.SiteAtomFeed(), name="atom"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", news_sitemap, name="news-sitemap"),
]
