from django.conf import settings
from django.http import HttpResponseNotFound, HttpResponsePermanentRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static


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
