import sys
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import (
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
)
from django.template import loader
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme

from .urls import absolute_url


def favicon(request):
    """Browsers ask for /favicon.ico on every page that names none (the admin)."""
    return HttpResponsePermanentRedirect(static("img/favicon.png"))


def page_not_found(request, exception):
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


def permission_denied(request, exception):
    """A page beyond a staff member's role (or a reader's account): the
    site's look and the way back to what they may use."""
    home = "/admin/" if request.path.startswith("/admin/") and request.user.is_staff else "/"
    return HttpResponseForbidden(loader.render_to_string("403.html", {"way_back": home}, request))


def csrf_failure(request, reason=""):
    """A form posted from a tab opened before the reader signed in or out
    elsewhere (its token is stale): say so, and link back to the page the
    form came from, so sending it again works. Never an address off the site."""
    referer = request.headers.get("Referer", "")
    came_from = request.path
    if url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        parts = urlsplit(referer)
        came_from = parts.path + (f"?{parts.query}" if parts.query else "")
    response = HttpResponseForbidden(loader.render_to_string("403_csrf.html", {"way_back": came_from}, request))
    response["Cache-Control"] = "private, no-store"
    return response


# The database or Redis not answering (stopped, restarting, out of
# connections): a passing outage, not a bug. Readers get a 503 that a load
# balancer and a browser know to retry; operators get the log line.
OUTAGES = (OperationalError, InterfaceError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    # No request context: whatever broke (the database, say) must not break
    # the error page too.
    context = {"site_name": settings.MASTHEAD_SITE_NAME}
    if _is_outage(sys.exception()):
        response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponseServerError(loader.render_to_string("500.html", context))
    response["Cache-Control"] = "no-store"
    return response


def _is_outage(error: BaseException | None) -> bool:
    """An OperationalError or InterfaceError (connection level), or Redis unreachable."""
    while error is not None:
        if isinstance(error, OUTAGES):
            return True
        error = error.__cause__ or error.__context__
    return False


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        # A subscribe link with a query is a reader's click from a story's
        # paywall (counted in the funnel) or that story carried on to
        # checkout: a crawler following every link would count clicks nobody
        # made. The plans page itself stays open.
        "Disallow: /subscribe/*?",
        f"Sitemap: {absolute_url(request, '/sitemap.xml')}",
        f"Sitemap: {absolute_url(request, '/news-sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request):
    """Liveness: the process answers. Touches nothing else (a load balancer polls it)."""
    return HttpResponse("ok\n", content_type="text/plain")


def readyz(request):
    """Readiness: the database and the cache answer."""
    from django.core.cache import cache
    from django.db import connection

    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 (any failure means not ready)
        problems.append("database")
    try:
        cache.set("readyz", "1", 5)
    except Exception:  # noqa: BLE001
        problems.append("cache")
    if problems:
        return HttpResponse("not ready: " + ", ".join(problems) + "\n", status=503, content_type="text/plain")
    return HttpResponse("ready\n", content_type="text/plain")
