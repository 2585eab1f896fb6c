"""How the PostgreSQL engine reads a search's matches: chosen per statement
from what each way of reading is expected to cost (pure).

Three ways to find the newest matches (or, for the count, any matches up to
the cap):
- WALK: down the publish_at btree newest first, testing each entry's words,
  until enough are found: cheap per match for a word most stories hold,
  ruinous for a rare one (every walked entry's vector is read).
- WINDOW: from the GIN index, only within the newest entries that should hold
  WINDOW_SPARE times the matches wanted (a btree range ANDed into the bitmap),
  falling back to EVERY when the window held too few.
- RECENT: as EVERY, from the recent slice's own GIN indexes (recent.py),
  falling back to EVERY when the slice held too few (unless it holds every
  entry the filters keep).
- EVERY: from the GIN index, every match (then sorted by time, or, for a
  count, read until the cap).

Each part matched (the public part, the full text) is its own GIN scan, and
each fetches every entry matching on it, whether or not its condition then
keeps it: the rows fetched are each part's matches. Each entry's vectors
hold its section as a lexeme of their own, ANDed into the words within a
section, so there the GIN index lists and fetches only the section's
matches.

The planner's own guess of how many stories hold a word is a sample, and a
wrong one costs seconds, so the engine estimates from its exact word counts
(search_word) and chooses here; the costs are per unit of work, measured on
the three-million-story archive (docs/performance.md).
"""

import math
from dataclasses import dataclass
from enum import StrEnum


class Read(StrEnum):
    WALK = "walk"
    WINDOW = "window"
    RECENT = "recent"
    EVERY = "every"


# Microseconds per unit of work, measured on the 3 x 10^6 archive (EXPLAIN
# ANALYZE of each read, 7 December 2026).
WALKED_ENTRY = 7.0  # an entry walked newest first: its vector read and tested
LISTED_POSTING = 0.3  # a posting the GIN index lists into a bitmap, whose pages are then sorted
LISTED_ENTRY = 0.15  # an entry a btree range lists (a window's start, the window, a date range)
FETCHED_ROW = 1.2  # a row fetched for a bitmap: its time and flags, never its vectors (1-1.5)

# A window should hold this many times the matches wanted: words are not
# spread evenly in time, and a window holding too few is read in vain.
WINDOW_SPARE = 3


@dataclass(frozen=True)
class Estimate:
    """What a search is expected to read, from the word counts."""

    # Entries in the index, and those the filters keep (section, dates).
    entries: int
    kept: int
    # The share of entries holding every word (the words taken as independent).
    share: float
    # Postings the GIN index lists per part: about the rarest word's.
    listed: int
    # The parts matched, each its own GIN scan (public part, full text).
    parts: int = 1
    # A date range, which a btree lists into the bitmap.
    ranged: bool = False
    # A section, whose lexeme the GIN indexes AND into the words: only the
    # section's matches are fetched.
    sectioned: bool = False
    # The share of entries fetched from the GIN indexes: each part's own
    # matches (its own words' share); 0: ``share`` for each part.
    fetched_share: float = 0.0
    # The recent slice (recent.py): its entries, those of them the filters
    # keep, and whether it holds every entry they keep; 0: no slice.
    recent: int = 0
    recent_kept: int = 0
    covers: bool = False
    # The share holding the words among the slice's entries: on the full
    # text when the reader matches any story's (most recent stories are
    # open to them), else as ``share``; 0: as ``share``.
    recent_share: float = 0.0

    @property
    def matches(self) -> float:
        return self.share * self.kept

    @property
    def fetched(self) -> float:
        return self.fetched_share or self.share * self.parts

    def window_entries(self, wanted: int) -> int | None:
        """The newest kept entries expected to hold WINDOW_SPARE x ``wanted``
        matches; None when that is every kept entry."""
        if self.share <= 0:
            return None
        entries = math.ceil(WINDOW_SPARE * wanted / self.share)
        return entries if entries < self.kept else None


def _from_index(estimate: Estimate, entries: int, kept: int, wanted: int, *, ordered: bool) -> float:
    """Reading matches from a GIN index over ``entries`` entries, of which
    the filters keep ``kept``."""
    listing = estimate.listed * entries / max(estimate.entries, 1) * estimate.parts * LISTED_POSTING
    if estimate.ranged:
        # The range's entries listed from the btree, ANDed into the bitmap.
        listing += kept * LISTED_ENTRY
    # Each part's matches fetched (within the range or section: elsewhere,
    # every match in the index, its filters tested on the row)...
    rows = estimate.fetched * (kept if estimate.ranged or estimate.sectioned else entries)
    matches = estimate.share * kept
    if not ordered and matches > wanted:
        # ...where a count stops once ``wanted`` passed the filters.
        rows *= wanted / matches
    return listing + rows * FETCHED_ROW


def read_costs(estimate: Estimate, wanted: int, *, ordered: bool) -> dict[Read, float]:
    """Each way's expected cost in microseconds, to find ``wanted`` matches:
    the newest (``ordered``), or any (a count up to a cap)."""
    share, kept = estimate.share, estimate.kept
    walked = kept if share <= 0 else min(wanted / share, kept)
    costs = {
        Read.WALK: walked * WALKED_ENTRY,
        Read.EVERY: _from_index(estimate, estimate.entries, kept, wanted, ordered=ordered),
    }
    window = estimate.window_entries(wanted)
    if ordered and window is not None:
        # The window's start found down the btree, then the window listed.
        listing = estimate.listed * estimate.parts * LISTED_POSTING
        costs[Read.WINDOW] = listing + 2 * window * LISTED_ENTRY + estimate.fetched * window * FETCHED_ROW
    if estimate.recent and (estimate.covers or (estimate.recent_share or share) * estimate.recent_kept >= wanted):
        # Expected to hold enough (or all there is): else read in vain.
        costs[Read.RECENT] = _from_index(estimate, estimate.recent, estimate.recent_kept, wanted, ordered=ordered)
    return costs


def read_choice(estimate: Estimate, wanted: int, *, ordered: bool, without: Read | None = None) -> Read:
    """The cheapest way (other than ``without``, one already tried in vain);
    on a tie the one that reads least at worst (EVERY, then RECENT, WINDOW,
    WALK)."""
    costs = read_costs(estimate, wanted, ordered=ordered)
    ways = [read for read in (Read.EVERY, Read.RECENT, Read.WINDOW, Read.WALK) if read != without]
    return min(ways, key=lambda read: costs.get(read, math.inf))
