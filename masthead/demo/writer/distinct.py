"""Telling headlines apart: a reader scanning the archive should never meet
two that read as the same story ("Rupee slips to 85.50 per dollar on
importer demand", then "Rupee slips to 84.61 per dollar on importer demand").

Two headlines are too alike when they open with the same six words, or when
difflib's similarity ratio of the two is above 0.85. The ratio is costly, so
it is only worked out for pairs whose characters could reach it at all:
difflib's own ``quick_ratio`` bound, computed here as one bit count (a
headline's characters as a bit mask, one bit per character and occurrence:
its second "e" is a different bit from its first).

The writer compares a headline with those of its own kind of story (the
template it came from is where a near twin would come from); the demo's
tests compare every pair in the archive.
"""

from difflib import SequenceMatcher

SIMILAR_ABOVE = 0.85
SAME_OPENING_WORDS = 6


def opening(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split()[:SAME_OPENING_WORDS])


class CharacterMasks:
    """Each text's characters as a bit mask, the bits shared by all texts."""

    def __init__(self):
        self.bits: dict[tuple[str, int], int] = {}

    def mask(self, text: str) -> int:
        seen: dict[str, int] = {}
        mask = 0
        for char in text:
            seen[char] = seen.get(char, 0) + 1
            bit = self.bits.setdefault((char, seen[char]), len(self.bits))
            mask |= 1 << bit
        return mask


def similar_to(text: str, mask: int, others: list[tuple[str, int]]) -> bool:
    """Whether any of ``others`` (text, mask) has a difflib ratio with
    ``text`` above SIMILAR_ABOVE; all masks from one CharacterMasks."""
    n = len(text)
    # quick_ratio first, as a bit count: an upper bound of the ratio.
    candidates = [
        other for other, other_mask in others
        if 2 * (mask & other_mask).bit_count() > SIMILAR_ABOVE * (n + len(other))
    ]  # fmt: skip
    if not candidates:
        return False
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    for other in candidates:
        matcher.set_seq1(other)
        if matcher.ratio() > SIMILAR_ABOVE:
            return True
    return False


class HeadlineRegister:
    """The headlines written so far, by group (a desk's kind of story): a
    new one is accepted only if it could not be too like any of its group's,
    and opens with six words no headline has used."""

    def __init__(self):
        self.masks = CharacterMasks()
        self.openings: set[tuple[str, ...]] = set()
        self.by_group: dict[str, list[tuple[int, int]]] = {}

    def accepts(self, headline: str, group: str) -> bool:
        if opening(headline) in self.openings:
            return False
        return not similar_to(headline, self.masks.mask(headline), self.by_group.get(group, []))

    def add(self, headline: str, group: str) -> None:
        self.openings.add(opening(headline))
        self.by_group.setdefault(group, []).append((headline, self.masks.mask(headline)))
