"""Who is reading: an account, or an anonymous reader known by a signed cookie.

The cookie holds a random id and, once the meter has counted something, the
reader's receipt (metering/receipts.py): which articles the server has
already counted this period. The count lives on the server; the receipt
spares a re-read the trip to it. A tampered or unreadable cookie is treated
as a new reader, never an error.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.conf import settings
from django.core import signing

from masthead.metering.receipts import MeterReceipt, receipt_decode, receipt_for_new_reader
from masthead.subscriptions.entitlement import is_subscriber
from masthead.subscriptions.selectors import subscription_refusing_checkout
from .app_settings import app_settings
from .crawlers import request_crawler_check

COOKIE_SALT = "masthead.reader"
# The app's twin of the cookie: a signed id in the X-Reader header (the API
# hands it out and reads it; docs/api.md).
APP_READER_HEADER = "X-Reader"
APP_READER_SALT = "masthead.api.reader"
_READER_ID = re.compile(r"^[0-9a-f]{32}$")


def is_reader_id(value: str) -> bool:
    """Whether ``value`` has the shape of an id this site mints. Asked after
    a signature check too: the signature proves the site wrote the value,
    not that it is a reader id."""
    return bool(_READER_ID.match(value))


def anonymous_reader(reader_id: str | None, *, receipt: MeterReceipt | None = None) -> "Reader":
    """The anonymous reader a verified id names or, without one, a new reader
    with a fresh random id (handed back to them once the meter uses it)."""
    if reader_id is None:
        return Reader(user=None, anonymous_id=uuid.uuid4().hex, minted=True)
    return Reader(user=None, anonymous_id=reader_id, receipt=receipt)


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
    # Set only for a request whose user-agent claims a search engine's
    # crawler: the check of its address that proves the claim (crawlers.py),
    # run the first time the access decision asks. The claim alone grants
    # nothing.
    crawler_check: Callable[[], bool] | None = None
    # Whether this reader's paywall shows the words under its heading. The
    # API's article answer carries none (an app draws its own paywall), so
    # an API reader is never shown them.
    sees_paywall_message: bool = True

    @property
    def key(self) -> str:
        if self.user is None:
            self.key_used = True
        return reader_key(user=self.user, anonymous_id=self.anonymous_id)

    def meter_receipt(self, now) -> MeterReceipt | None:
        """What this request knows of the reader's period for the meter: the
        cookie's receipt, or for an id made just now, that they have read
        nothing (so the meter need not ask its store). Made only when the
        meter is asked: most pages never do."""
        if self.receipt is None and self.minted:
            return receipt_for_new_reader(now)
        return self.receipt

    @cached_property
    def verified_crawler(self) -> bool:
        """A search engine's crawler, proved by its address. Never a signed-in reader."""
        return self.user is None and self.crawler_check is not None and self.crawler_check()

    @property
    def counted_as_reader(self) -> bool:
        """Whether this reading counts as a reader's, in the paywall's funnel
        and in experiments: staff's and a proved crawler's do not (neither is
        anyone who might subscribe). A crawler's user-agent alone proves
        nothing, so an unproved one counts."""
        if self.user is not None:
            return not self.user.is_staff
        return not self.verified_crawler

    @cached_property
    def is_subscriber(self) -> bool:
        return self.user is not None and is_subscriber(self.user)

    @cached_property
    def has_subscription(self) -> bool:
        """Whether the account has a subscription checkout would refuse them
        a new one for (reading, in a trial, paused, waiting for a new card):
        even when it grants no reading now, nothing may offer them another."""
        return self.user is not None and subscription_refusing_checkout(user=self.user) is not None

    def carry_receipt(self, receipt: MeterReceipt | None) -> None:
        """Keep the meter's receipt after a view, for the cookie. Only an
        anonymous reader carries one: an account's period is shared by its
        devices, so the meter asks its store."""
        if self.user is None and receipt != self.receipt:
            self.receipt, self.receipt_changed = receipt, True


def stand_in_reader(*, subscriber: bool) -> Reader:
    """A reader of a kind, not a person: for a page drawn once for every
    reader of that kind (the edge's variants), which shows ads and the
    header by the kind alone."""
    reader = Reader(user=None, anonymous_id=None)
    reader.__dict__["is_subscriber"] = subscriber  # is_subscriber's cached value
    return reader


def reader_key(*, user, anonymous_id: str | None) -> str:
    """The reader's name on the meter: their account's when signed in (one
    period shared by all their devices), else their anonymous id's."""
    return f"u:{user.pk}" if user is not None else f"a:{anonymous_id}"


def anonymous_id_from(request) -> str | None:
    return _reader_cookie(request)[0]


def signing_in_reader_id(request) -> str | None:
    """The anonymous reader a log-in or log-out request comes from, whose
    month is carried to and from the account: the browser's reader cookie
    or, without one, an app's signed ``X-Reader`` header (apps log in
    through the headless API, with no cookies)."""
    return anonymous_id_from(request) or app_reader_id(request)


def app_reader_id(request) -> str | None:
    raw = request.headers.get(APP_READER_HEADER, "")
    return app_reader_id_verified(raw[:200]) if raw else None


def app_reader_id_signed(reader_id: str) -> str:
    return signing.Signer(salt=APP_READER_SALT).sign(reader_id)


@lru_cache(maxsize=4096)
def app_reader_id_verified(raw: str) -> str | None:
    """The id in a genuine ``X-Reader`` value, else None (checked once per process per value)."""
    try:
        value = signing.Signer(salt=APP_READER_SALT).unsign(raw)
    except signing.BadSignature:
        return None
    return value if is_reader_id(value) else None


def _reader_cookie(request) -> tuple[str | None, MeterReceipt | None]:
    raw = request.COOKIES.get(app_settings.READER_COOKIE)
    return _verified_reader_cookie(raw) if raw else (None, None)


@lru_cache(maxsize=4096)
def _verified_reader_cookie(raw: str) -> tuple[str | None, MeterReceipt | None]:
    """The reader id and receipt in a signed cookie, or (None, None).

    Checking the signature costs more than the rest of a cached page view;
    the answer for a given cookie never changes, so each process remembers it."""
    from django.http import HttpRequest

    probe = HttpRequest()
    probe.COOKIES[app_settings.READER_COOKIE] = raw
    value = probe.get_signed_cookie(app_settings.READER_COOKIE, default=None, salt=COOKIE_SALT)
    reader_id, _, receipt = (value or "").partition(".")
    if not is_reader_id(reader_id):
        return None, None
    return reader_id, receipt_decode(receipt) if receipt else None


def reader_from_request(request) -> Reader:
    anonymous_id, receipt = _reader_cookie(request)
    # Without a session cookie nobody is logged in: skip loading the session.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
    user = request.user if signed_in else None
    if user is not None:
        return Reader(user=user, anonymous_id=anonymous_id)
    reader = anonymous_reader(anonymous_id, receipt=receipt)
    reader.crawler_check = request_crawler_check(request)
    return reader


def remember_reader(response, reader: Reader) -> None:
    """Give an anonymous reader their cookie, with the receipt: signed,
    HttpOnly, SameSite=Lax."""
    receipt = reader.receipt
    value = f"{reader.anonymous_id}.{receipt.encode()}" if receipt and receipt.article_ids else reader.anonymous_id
    response.set_signed_cookie(
        app_settings.READER_COOKIE,
        value,
        salt=COOKIE_SALT,
        max_age=app_settings.READER_COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
