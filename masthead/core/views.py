from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static

from .urls import absolute_url


def favicon(request):
    """Browsers ask for /favicon.ico on every page that names none (the admin)."""
    return HttpResponsePermanentRedirect(static("img/favicon.png"))


def page_not_found(request, exception):
    return HttpResponseNotFound(loader.render_to_string("404.html", {}, request))


def server_error(request):
    # No request context: whatever broke (the database, say) must not break
    # the error page too.
    body = loader.render_to_string("500.html", {"site_name": settings.MASTHEAD_SITE_NAME})
    return HttpResponseServerError(body)


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
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
