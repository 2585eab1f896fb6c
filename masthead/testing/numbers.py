"""Unique numbers for the names and slugs factories make up."""

from itertools import count

_sequence = count(1)


def next_number() -> int:
    return next(_sequence)
