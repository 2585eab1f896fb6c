"""Who is reading: an account, or an anonymous reader known by a signed cookie.

The cookie holds only a random id; the count lives on the server. A
tampered or unreadable cookie is treated as a new reader, never an error.
"""

import re
import uuid
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.conf import settings

from .subscribers import is_subscriber

COOKIE_SALT = "masthead.reader"
_READER_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class Reader:
    user: object | None
    anonymous_id: str | None
    minted: bool = False

    # Set once the meter has used this reader's id: only then does a new
    # reader need their cookie (pages that merely ask "subscriber?" stay
    # cookie-free, and so cacheable by a CDN).
    key_used: bool = False

    @property
    def key(self) -> str:
        if self.user is not None:
            return f"u:{self.user.pk}"
        self.key_used = True
        return f"a:{self.anonymous_id}"

    @cached_property
    def is_subscriber(self) -> bool:
        return self.user is not None and is_subscriber(self.user)


def anonymous_id_from(request) -> str | None:
    raw = request.COOKIES.get(settings.MASTHEAD_READER_COOKIE)
    return _verified_reader_id(raw) if raw else None


@lru_cache(maxsize=4096)
def _verified_reader_id(raw: str) -> str | None:
    """Checking the signature costs more than the rest of a cached page view;
    the answer for a given cookie never changes, so each process remembers it."""
    from django.http import HttpRequest

    probe = HttpRequest()
    probe.COOKIES[settings.MASTHEAD_READER_COOKIE] = raw
    value = probe.get_signed_cookie(settings.MASTHEAD_READER_COOKIE, default=None, salt=COOKIE_SALT)
    return value if value and _READER_ID.match(value) else None


def reader_from_request(request) -> Reader:
    anonymous_id = anonymous_id_from(request)
    # Without a session cookie nobody is logged in: skip loading the session.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
    user = request.user if signed_in else None
    if user is not None:
        return Reader(user=user, anonymous_id=anonymous_id)
    if anonymous_id is None:
        return Reader(user=None, anonymous_id=uuid.uuid4().hex, minted=True)
    return Reader(user=None, anonymous_id=anonymous_id)


def remember_reader(response, reader: Reader) -> None:
    """Give a new anonymous reader their cookie: signed, HttpOnly, SameSite=Lax."""
    response.set_signed_cookie(
        settings.MASTHEAD_READER_COOKIE,
        reader.anonymous_id,
        salt=COOKIE_SALT,
        max_age=settings.MASTHEAD_READER_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
