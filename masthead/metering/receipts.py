"""A reader's receipt: the articles the meter has already counted this period.

The count lives on the server (the store decides every new article,
atomically). The receipt only repeats, in the reader's signed cookie, what
the store has already answered: "article 12 was counted for you in
2026-12, your 3rd". Counted articles stay counted until the period ends, so
a receipt can never be wrong about them, only behind: a re-read of an
article on the receipt needs no round trip to the store, and anything else
still asks the store.

A receipt cannot open more than the store allows: it only ever names
articles the store counted, and an old receipt replayed names fewer. Being
signed with the reader cookie, it cannot be written by hand.
"""

from dataclasses import dataclass
from datetime import datetime

from .period import is_meter_period, meter_period
from .policy import OVER_LIMIT, MeterAnswer, MeterState

# A receipt lists at most this many articles (a cookie stays small whatever
# the free limit); articles beyond it are simply asked of the store.
RECEIPT_MAX_ARTICLES = 30


@dataclass(frozen=True)
class MeterReceipt:
    period: str
    views: int
    article_ids: frozenset[int]
    # Whether it lists every article the store holds for the reader in its
    # period: only for a reader whose id this very request made (nothing
    # counted but what this request counted). A receipt read back from a
    # cookie may be behind the store (another tab, an old cookie replayed),
    # so it never is; this is not written into the cookie.
    complete: bool = False

    def state_for(self, *, period: str, article_id: int) -> MeterState | None:
        """The meter's state when the receipt knows it (a re-read of a counted
        article; anything, on a complete receipt), or None: ask the store."""
        if period != self.period:
            return None
        if article_id in self.article_ids:
            return MeterState(views=self.views, counts_this_article=True)
        return MeterState(views=self.views, counts_this_article=False) if self.complete else None

    def views_at_least(self, *, period: str) -> int | None:
        """A lower bound on the period's count (the store may hold more), or None."""
        return self.views if period == self.period else None

    def encode(self) -> str:
        # Only characters a cookie value may hold unquoted.
        ids = "-".join(str(article_id) for article_id in sorted(self.article_ids))
        return f"{self.period}.{self.views}.{ids}"


def receipt_for_new_reader(now: datetime) -> MeterReceipt:
    """The receipt of a reader whose id was made just now: nothing counted,
    and known to be so (the store need not be asked before counting)."""
    return MeterReceipt(period=meter_period(now), views=0, article_ids=frozenset(), complete=True)


def receipt_decode(text: str) -> MeterReceipt | None:
    """The receipt in a (verified) cookie, or None when it is not one."""
    parts = text.split(".")
    if len(parts) != 3:
        return None
    period, views, ids = parts
    try:
        article_ids = frozenset(int(part) for part in ids.split("-"))
        count = int(views)
    except ValueError:
        return None
    # Only articles a page view counted: never a stand-in (carried.py), which
    # names no article and would read as "already counted" for none.
    if not is_meter_period(period) or len(article_ids) > RECEIPT_MAX_ARTICLES or min(article_ids) <= 0:
        return None
    return MeterReceipt(period=period, views=count, article_ids=article_ids)


def receipt_after(
    receipt: MeterReceipt | None, *, period: str, article_id: int, answer: MeterAnswer, count: bool
) -> MeterReceipt | None:
    """The receipt once the store has given ``answer`` for this view.

    Only a page view (``count``) changes it, never a HEAD request or a search
    snippet, so those pages send no cookie; and only with an article the
    store holds: one it had already counted, or one it has just counted. A
    receipt from an earlier period is replaced.
    """
    if not count or answer.verdict in OVER_LIMIT:
        return receipt
    if receipt is None or receipt.period != period:
        return MeterReceipt(period=period, views=answer.views, article_ids=frozenset({article_id}))
    # Unchanged when the article is already on it; a full one keeps its
    # articles (and so no longer lists them all).
    full = len(receipt.article_ids) >= RECEIPT_MAX_ARTICLES
    article_ids = receipt.article_ids if full else receipt.article_ids | {article_id}
    return MeterReceipt(
        period=period,
        views=max(receipt.views, answer.views),
        article_ids=article_ids,
        complete=receipt.complete and not full,
    )
