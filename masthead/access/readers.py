"""Who is reading: an account, or an anonymous reader known by a signed cookie.

The cookie holds a random id and, once the meter has counted something, the
reader's receipt (metering/receipts.py): which articles the server has
already counted this period. The count lives on the server; the receipt
spares a re-read the trip to it. A tampered or unreadable cookie is treated
as a new reader, never an error.
"""

import re
import uuid
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.conf import settings

from masthead.metering.policy import Decision, MeterState
from masthead.metering.receipts import MeterReceipt, receipt_after, receipt_decode
from masthead.subscriptions.entitlement import is_subscriber

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
    # What the cookie says the meter has counted, and whether this request
    # changed it (then the cookie is written again).
    receipt: MeterReceipt | None = None
    receipt_changed: bool = False

    @property
    def key(self) -> str:
        if self.user is None:
            self.key_used = True
        return reader_key(user=self.user, anonymous_id=self.anonymous_id)

    @cached_property
    def is_subscriber(self) -> bool:
        return self.user is not None and is_subscriber(self.user)

    def meter_known(self, *, period: str, article_id: int) -> MeterState | None:
        """The meter's state when this request already knows it, else None (ask the store).

        Only for anonymous readers: an account's month is shared by its
        devices, so another device may have counted more since.
        """
        if self.user is not None:
            return None
        if self.minted:
            return MeterState(views=0, counts_this_article=False)  # an id made just now has read nothing
        return self.receipt.state_for(period=period, article_id=article_id) if self.receipt else None

    def meter_at_least(self, *, period: str) -> int | None:
        """A lower bound on the meter's count this month, when this request
        has one (the receipt's count; the store may hold more), else None."""
        if self.user is not None or self.receipt is None or self.receipt.period != period:
            return None
        return self.receipt.views

    def meter_answered(self, *, period: str, article_id: int, decision: Decision, count: bool) -> None:
        if self.user is not None:
            return
        receipt = receipt_after(self.receipt, period=period, article_id=article_id, decision=decision, count=count)
        if receipt != self.receipt:
            self.receipt, self.receipt_changed = receipt, True


def reader_key(*, user, anonymous_id: str | None) -> str:
    """The reader's name on the meter: their account's when signed in (one
    period shared by all their devices), else their anonymous id's."""
    return f"u:{user.pk}" if user is not None else f"a:{anonymous_id}"


def anonymous_id_from(request) -> str | None:
    return _reader_cookie(request)[0]


def _reader_cookie(request) -> tuple[str | None, MeterReceipt | None]:
    raw = request.COOKIES.get(settings.MASTHEAD_READER_COOKIE)
    return _verified_reader_cookie(raw) if raw else (None, None)


@lru_cache(maxsize=4096)
def _verified_reader_cookie(raw: str) -> tuple[str | None, MeterReceipt | None]:
    """The reader id and receipt in a signed cookie, or (None, None).

    Checking the signature costs more than the rest of a cached page view;
    the answer for a given cookie never changes, so each process remembers it."""
    from django.http import HttpRequest

    probe = HttpRequest()
    probe.COOKIES[settings.MASTHEAD_READER_COOKIE] = raw
    value = probe.get_signed_cookie(settings.MASTHEAD_READER_COOKIE, default=None, salt=COOKIE_SALT)
    reader_id, _, receipt = (value or "").partition(".")
    if not _READER_ID.match(reader_id):
        return None, None
    return reader_id, receipt_decode(receipt) if receipt else None


def reader_from_request(request) -> Reader:
    anonymous_id, receipt = _reader_cookie(request)
    # Without a session cookie nobody is logged in: skip loading the session.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
    user = request.user if signed_in else None
    if user is not None:
        return Reader(user=user, anonymous_id=anonymous_id)
    if anonymous_id is None:
        return Reader(user=None, anonymous_id=uuid.uuid4().hex, minted=True)
    return Reader(user=None, anonymous_id=anonymous_id, receipt=receipt)


def remember_reader(response, reader: Reader) -> None:
    """Give an anonymous reader their cookie, with the receipt: signed,
    HttpOnly, SameSite=Lax."""
    value = reader.anonymous_id if reader.receipt is None else f"{reader.anonymous_id}.{reader.receipt.encode()}"
    response.set_signed_cookie(
        settings.MASTHEAD_READER_COOKIE,
        value,
        salt=COOKIE_SALT,
        max_age=settings.MASTHEAD_READER_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
