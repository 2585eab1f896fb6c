"""The API's addresses: each version's operations, wrapped so that every
answer (JSON, image, or an error ninja itself produced) leaves with the
headers of a per-reader response, and anything unknown is a JSON 404."""

from functools import wraps

from django.urls import URLPattern, path, re_path

from .errors import MESSAGES, STATUS_CODES, error_json
from .readers import remember_api_reader
from .v1.api import api as api_v1

VARY = "Cookie, X-Session-Token, X-Reader"


def per_reader(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            response = error_json(405, STATUS_CODES[405], MESSAGES[405])
            response["Allow"] = allowed
        remember_api_reader(request, response)
        # What an answer holds depends on who asks (token, anonymous reader):
        # never from a shared cache. Files keep their own private max-age.
        if "Cache-Control" not in response or "private" not in response["Cache-Control"]:
            response["Cache-Control"] = "private, no-cache"
        response["Vary"] = VARY
        return response

    return wrapped


def _wrapped(patterns):
    return [
        URLPattern(pattern.pattern, per_reader(pattern.callback), pattern.default_args, pattern.name)
        if isinstance(pattern, URLPattern)
        else pattern
        for pattern in patterns
    ]


def not_found(request, rest=""):
    return per_reader(lambda request: error_json(404, STATUS_CODES[404], MESSAGES[404]))(request)


v1_patterns, v1_app_name, v1_namespace = api_v1.urls

urlpatterns = [
    path("", (_wrapped(v1_patterns), v1_app_name, v1_namespace)),
    re_path(r"^(?P<rest>.*)$", not_found),
]
