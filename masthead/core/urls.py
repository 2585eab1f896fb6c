"""Absolute addresses for canonical links, feeds, sitemaps and e-mail."""

from django.conf import settings


def absolute_url(request, path: str) -> str:
    """The public address of ``path``: MASTHEAD_SITE_URL when set (behind a CDN
    the request's host may be an internal one), else the request's own."""
    if settings.MASTHEAD_SITE_URL:
        return settings.MASTHEAD_SITE_URL + path
    return request.build_absolute_uri(path)


def site_url() -> str:
    """The site's address for links in e-mail, where there is no request to
    take it from: MASTHEAD_SITE_URL, or the development server's address."""
    return (getattr(settings, "MASTHEAD_SITE_URL", "") or "http://localhost:8000").rstrip("/")
