"""The reader an API request is decided for: the signed-in account, or an
anonymous app known by a signed id in the ``X-Reader`` header.

This is the header twin of the web's reader cookie (masthead.access.readers):
the header holds only a random id, signed so it cannot be chosen; the count
lives on the server. A missing, tampered or unreadable header gets a fresh
id (sent back in the ``X-Reader`` response header), never an error.
"""

from functools import lru_cache

from django.core import signing

from masthead.access.readers import Reader, anonymous_reader, is_reader_id

HEADER = "X-Reader"
SALT = "masthead.api.reader"


def reader_id_signed(reader_id: str) -> str:
    return signing.Signer(salt=SALT).sign(reader_id)


@lru_cache(maxsize=4096)
def reader_id_verified(raw: str) -> str | None:
    """The id in a genuine header value, else None (checked once per process per value)."""
    try:
        value = signing.Signer(salt=SALT).unsign(raw)
    except signing.BadSignature:
        return None
    return value if is_reader_id(value) else None


def api_reader(request) -> Reader:
    """The request's reader, worked out once. Only an authenticated token
    makes a signed-in reader (see auth.py); cookies play no part."""
    reader = getattr(request, "api_reader", None)
    if reader is not None:
        return reader
    user = getattr(request, "auth", None)
    if user is not None and getattr(user, "is_authenticated", False):
        reader = Reader(user=user, anonymous_id=None)
    else:
        raw = request.headers.get(HEADER, "")
        reader = anonymous_reader(reader_id_verified(raw[:200]) if raw else None)
    request.api_reader = reader
    return reader


def remember_api_reader(request, response) -> None:
    """Hand a newly minted anonymous id back to the app, to send from now on."""
    reader = getattr(request, "api_reader", None)
    if reader is not None and reader.minted:
        response[HEADER] = reader_id_signed(reader.anonymous_id)
