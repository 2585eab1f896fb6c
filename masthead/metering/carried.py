"""The count without the articles: what an account's month leaves in a browser at log-out.

At log-out the account's month goes back into the browser's so that signing
up again opens nothing more (docs/paywall.md). Only *how many* may go back:
the article ids themselves would make the stories the account read (on any
device) "already counted" in that browser, open in full while every other
story is walled, so the next person at a shared computer could read off the
account holder's month.

So the browser's month gets a stand-in for each article instead: a negative
number that matches no article (ids are positive), derived from the article
id with the site's secret, the same for one article everywhere. Derived
rather than random so that carrying a month again (log in, log out, log in
at the same browser) recognises what it already holds and the count stays
exact: an article and its stand-in are one article. The stand-in cannot be
turned back into the article without the secret, and no page, receipt or
search ever shows one.
"""

from django.utils.crypto import salted_hmac

_SALT = "masthead.metering.carried"
# Stand-ins fill -1 .. -2**62: inside a signed 64-bit column, never an article id.
_SPAN = 2**62


def is_stand_in(article_id: int) -> bool:
    """Whether a counted entry is a stand-in (counts, opens nothing)."""
    return article_id <= 0


def stand_in(article_id: int) -> int:
    """The entry that counts ``article_id`` without naming it (a stand-in stays itself)."""
    if is_stand_in(article_id):
        return article_id
    digest = salted_hmac(_SALT, str(int(article_id)), algorithm="sha256").digest()
    return -(1 + int.from_bytes(digest[:8], "big") % _SPAN)


def readable_ids(article_ids) -> frozenset[int]:
    """The real articles among a period's entries (stand-ins left out)."""
    return frozenset(article_id for article_id in article_ids if not is_stand_in(article_id))


def placeholder(key: str) -> int:
    """An entry that counts one article no article is: a stand-in for no
    article at all, the same for one ``key`` everywhere (so offering it
    twice counts it once). For a period held to where another stopped."""
    digest = salted_hmac(_SALT, f"placeholder:{key}", algorithm="sha256").digest()
    return -(1 + int.from_bytes(digest[:8], "big") % _SPAN)
