"""Absolute addresses for canonical links, feeds, sitemaps and e-mail."""

from django.conf import settings

# Where `manage.py runserver` listens unless told otherwise. `manage.py serve`
# (`make run`) sets MASTHEAD_SITE_URL to its own address for the processes it
# starts, so this is only the last resort of a bare development process.
DEVELOPMENT_SITE_URL = "http://localhost:8000"


def site_url(request=None) -> str:
    """The site's public address, without a trailing slash: MASTHEAD_SITE_URL
    when set (behind a CDN the request's host may be an internal one), else
    the address of the request being answered, else (a job, a command: no
    request to take it from) the development server's."""
    if configured := getattr(settings, "MASTHEAD_SITE_URL", ""):
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEVELOPMENT_SITE_URL


def absolute_url(request, path: str) -> str:
    """The public address of ``path`` (see site_url)."""
    return site_url(request) + path
