"""Requests refused before any view runs."""

import json

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template import loader

from .errors import error_json


class RefuseNulMiddleware:
    """A NUL character in the path, the query, a cookie, a header or a JSON
    body's text is a 400 before any view or session lookup runs. PostgreSQL
    text cannot hold one, so a slug, token, session id or note carrying it
    failed as a 500 deep inside whatever looked it up or wrote it (and SQLite
    stored it); no address, parameter, credential or field here has one.
    A form body needs no look: Django's form fields refuse a NUL themselves."""

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
    return any("\x00" in text for text in texts) or _json_holds_nul(request)


def _json_holds_nul(request) -> bool:
    """Whether a JSON body has a NUL in any of its strings or keys ("\\u0000"
    once decoded). A body that is not JSON is left to the view to refuse."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE") or request.content_type != "application/json":
        return False
    try:
        document = json.loads(request.body)
    except (ValueError, RecursionError):
        return False
    # Walked without recursion: a body nested deeper than Python's stack is
    # still only data.
    waiting = [document]
    while waiting:
        value = waiting.pop()
        if isinstance(value, str) and "\x00" in value:
            return True
        if isinstance(value, dict):
            waiting.extend(value.keys())
            waiting.extend(value.values())
        elif isinstance(value, list):
            waiting.extend(value)
    return False


def _bad_request(request):
    if request.path.startswith("/api/"):
        return error_json(400, "bad_request", "The request holds a NUL character.")
    # No request context: the session and the reader are not read for this.
    page = loader.render_to_string("400.html", {"site_name": settings.MASTHEAD_SITE_NAME})
    response = HttpResponseBadRequest(page)
    response["Cache-Control"] = "no-store"
    return response
