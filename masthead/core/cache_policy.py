"""Who may keep a copy of a page: by default only the reader's own browser.

Every response leaves with a ``Cache-Control`` header. A view that sets its
own (the article page, the e-paper's files) keeps it. A view marked
``@shared_cache(seconds)`` — pages that are the same for everyone who is not
signed in: the home page, sections, the archive, feeds, sitemaps — may be
kept by a CDN or proxy for that long, but only when the request carried no
session and the response sets no cookie; ``Vary: Cookie`` keeps a shared
cache from handing it to a signed-in reader. Everything else is
``private, no-cache``: nothing that depends on the meter or the account can
be served from a shared cache to the wrong reader. A reader's own account
pages (``/account/…``, allauth's ``/accounts/…``) are ``private, no-store``:
not even the reader's browser keeps them, so the next person at a shared
computer cannot bring back someone's details, devices or invoices.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import patch_vary_headers

PRIVATE = "private, no-cache"
PRIVATE_NO_STORE = "private, no-store"
_ACCOUNT_PATHS = ("/account/", "/accounts/")
# Browsers revalidate at once; shared caches keep the page for the view's time.
_PUBLIC = "public, max-age=0, s-maxage={seconds}"
_SHAREABLE_STATUSES = {200, 301, 404}


def shared_cache(seconds: int):
    def mark(view):
        @wraps(view)
        def marked(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.shared_cache_seconds = seconds
            return response

        return marked

    return mark


class CachePolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        seconds = getattr(response, "shared_cache_seconds", None)
        if seconds and _shareable(request, response):
            response["Cache-Control"] = _PUBLIC.format(seconds=seconds)
            patch_vary_headers(response, ("Cookie",))
        elif request.path.startswith(_ACCOUNT_PATHS):
            response["Cache-Control"] = PRIVATE_NO_STORE
        else:
            response["Cache-Control"] = PRIVATE
        return response


def _shareable(request, response) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in _SHAREABLE_STATUSES
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.cookies
    )
