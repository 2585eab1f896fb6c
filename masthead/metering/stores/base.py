from dataclasses import dataclass
from typing import Protocol

from ..policy import MeterState


@dataclass(frozen=True)
class RecordOutcome:
    """What happened when a view was offered to the store.

    ``counted`` is False when the reader had reached the limit in the
    meantime (a parallel request took the last free article). ``already``
    is True when the article had been counted before (a re-read the caller
    did not know of): it holds, and nothing was added. ``views`` is the
    month's count afterwards when the store knows it without another round
    trip, else None.
    """

    counted: bool
    views: int | None = None
    already: bool = False


class MeterStore(Protocol):
    # Whether ``record`` answers the month's count in the same round trip
    # (then a likely-new article can skip the read before it).
    record_answers_views: bool

    def state(self, *, reader: str, period: str, article_id: int) -> MeterState:
        """How many articles the reader has used this period, and whether this one is among them."""

    def record(self, *, reader: str, period: str, article_id: int, limit: int) -> RecordOutcome:
        """Count the article if it is new and the reader is under ``limit``, atomically.

        Never yields more than ``limit`` distinct articles for one reader and
        period, however many requests race; counting one article twice is a
        no-op that answers ``already``.
        """

    def articles(self, *, reader: str, period: str) -> list[int]:
        """The articles counted for the reader in ``period``, oldest first."""
