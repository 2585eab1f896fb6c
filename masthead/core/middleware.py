"""Requests refused before any view runs."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template import loader

from .errors import error_json


class RefuseNulMiddleware:
    """A NUL character in the path, the query, a cookie or a header is a 400
    before any view or session lookup runs. PostgreSQL text cannot hold one,
    so a slug, token or session id carrying it failed as a 500 deep inside
    whatever looked it up; no address, parameter or credential here has one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request):
            return _bad_request(request)
        return self.get_response(request)


def _holds_nul(request) -> bool:
    texts = [request.path, *request.COOKIES.keys(), *request.COOKIES.values()]
    texts += [text for key, values in request.GET.lists() for text in (key, *values)]
    texts += [value for key, value in request.META.items() if key.startswith("HTTP_") and isinstance(value, str)]
    return any("\x00" in text for text in texts)


def _bad_request(request):
    if request.path.startswith("/api/"):
        return error_json(400, "bad_request", "The request holds a NUL character.")
    # No request context: the session and the reader are not read for this.
    page = loader.render_to_string("400.html", {"site_name": settings.MASTHEAD_SITE_NAME})
    response = HttpResponseBadRequest(page)
    response["Cache-Control"] = "no-store"
    return response
