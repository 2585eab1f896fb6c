"""Absolute addresses for canonical links, feeds and sitemaps."""

from django.conf import settings


def absolute_url(request, path: str) -> str:
    """The public address of ``path``: MASTHEAD_SITE_URL when set (behind a CDN
    the request's host may be an internal one), else the request's own."""
    if settings.MASTHEAD_SITE_URL:
        return settings.MASTHEAD_SITE_URL + path
    return request.build_absolute_uri(path)
