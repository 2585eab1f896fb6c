"""The registration wall's marker: which story a sign-up began on.

The wall's sign-up form carries it, signed by the site and dated, so the
funnel's "registered from the wall" counts only sign-ups that started on a
wall the site showed, one per new account (``accounts/signals.py``), and a
query parameter anyone could type counts nothing. A marker copied out of a
page still needs a real sign-up, confirmed by e-mail, to count once.
"""

from django.core import signing

from masthead.core.inputs import LARGEST_ID

WALL_FIELD = "from_wall"
_SALT = "masthead.registration-wall"
# A wall page may be cached for a few seconds and read for a while; a
# sign-up begun a day after the wall was shown is not the wall's.
MARKER_MAX_AGE_SECONDS = 24 * 3600


def wall_marker(article_id: int) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(int(article_id)))


def wall_article(marker: str | None) -> int | None:
    """The article whose wall made ``marker``, or None (missing, forged, expired)."""
    if not marker or len(marker) > 200:
        return None
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(marker, max_age=MARKER_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= LARGEST_ID:
        return None
    return int(value)
