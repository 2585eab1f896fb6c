from dataclasses import dataclass
from typing import Protocol

from ..policy import MeterState


@dataclass(frozen=True)
class RecordOutcome:
    """What happened when a view was offered to the store.

    ``counted`` is False when the reader had reached the limit in the
    meantime (a parallel request took the last free article). ``views`` is
    the month's count afterwards when the store knows it without another
    round trip, else None.
    """

    counted: bool
    views: int | None = None


class MeterStore(Protocol):
    def state(self, *, reader: str, month: str, article_id: int) -> MeterState:
        """How many articles the reader has used this month, and whether this one is among them."""

    def record(self, *, reader: str, month: str, article_id: int, limit: int) -> RecordOutcome:
        """Count the article if it is new and the reader is under ``limit``, atomically.

        Never yields more than ``limit`` distinct articles for one reader and
        month, however many requests race; counting one article twice is a no-op.
        """

    def articles(self, *, reader: str, month: str) -> list[int]:
        """The articles counted for the reader this month, oldest first."""
