"""Which arm a reader is in: a pure function of the experiment and the reader.

The same reader always lands in the same arm of an experiment, on every
process and after a restart, with nothing stored; different experiments
split the same readers independently (the experiment's key is hashed in).
"""

import hashlib
from collections.abc import Sequence

BUCKETS = 10_000


def bucket(*, experiment_key: str, reader_id: str) -> int:
    """0..9999, uniform over readers: the first eight bytes of sha256."""
    digest = hashlib.sha256(f"{experiment_key}:{reader_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def arm_index(*, experiment_key: str, reader_id: str, holdout_percent: int, arm_percents: Sequence[int]) -> int | None:
    """The index of the reader's arm in ``arm_percents``, or None for the
    holdout. The holdout takes the first ``holdout_percent`` of the buckets,
    the arms the rest in order; the percentages sum to 100."""
    if holdout_percent + sum(arm_percents) != 100:
        raise ValueError("the holdout and the arms must share 100 per cent")
    at = bucket(experiment_key=experiment_key, reader_id=reader_id)
    edge = holdout_percent * BUCKETS // 100
    if at < edge:
        return None
    for index, percent in enumerate(arm_percents):
        edge += percent * BUCKETS // 100
        if at < edge:
            return index
    return None  # unreachable: the shares cover every bucket
