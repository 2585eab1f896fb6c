import hashlib
from collections import Counter

import pytest

from masthead.experiments.assignment import BUCKETS, arm_index, bucket


def test_a_reader_always_lands_in_the_same_bucket_computed_from_sha256():
    digest = hashlib.sha256(b"wall-3-or-5:a:0123456789abcdef0123456789abcdef").digest()
    expected = int.from_bytes(digest[:8], "big") % 10_000
    for _ in range(3):
        assert bucket(experiment_key="wall-3-or-5", reader_id="a:0123456789abcdef0123456789abcdef") == expected


def test_readers_split_in_the_declared_shares():
    seen = Counter(
        arm_index(experiment_key="split", reader_id=f"a:{n:032x}", holdout_percent=10, arm_percents=[45, 45])
        for n in range(20_000)
    )
    # 10% / 45% / 45% of 20,000 readers, within about four standard deviations.
    assert abs(seen[None] - 2_000) < 170 and abs(seen[0] - 9_000) < 280 and abs(seen[1] - 9_000) < 280


def test_two_experiments_split_the_same_readers_independently():
    pairs = Counter(
        (
            arm_index(experiment_key="one", reader_id=f"u:{n}", holdout_percent=0, arm_percents=[50, 50]),
            arm_index(experiment_key="two", reader_id=f"u:{n}", holdout_percent=0, arm_percents=[50, 50]),
        )
        for n in range(8_000)
    )
    assert all(abs(count - 2_000) < 200 for count in pairs.values()) and len(pairs) == 4


def test_shares_that_do_not_add_up_split_nobody():
    with pytest.raises(ValueError):
        arm_index(experiment_key="x", reader_id="a:1", holdout_percent=10, arm_percents=[50, 50])
    assert BUCKETS == 10_000


def _reader_in_bucket(wanted: int, key: str = "edges") -> str:
    """A reader id whose bucket in experiment ``key`` is ``wanted``."""
    return next(f"a:{n}" for n in range(1_000_000) if bucket(experiment_key=key, reader_id=f"a:{n}") == wanted)


@pytest.mark.parametrize(
    ("at", "arm"),
    [(0, None), (999, None), (1000, 0), (5499, 0), (5500, 1), (9999, 1)],
)
def test_the_holdout_takes_the_first_buckets_and_the_arms_the_rest_in_order(at, arm):
    """10% holdout, then 45% and 45%: bucket 999 is the holdout's last, 1000 the first arm's first, 5500 the second's."""
    reader = _reader_in_bucket(at)
    assert arm_index(experiment_key="edges", reader_id=reader, holdout_percent=10, arm_percents=[45, 45]) == arm


def test_shares_that_do_not_add_up_are_refused_in_words():
    with pytest.raises(ValueError, match="^the holdout and the arms must share 100 per cent$"):
        arm_index(experiment_key="x", reader_id="a:1", holdout_percent=10, arm_percents=[50, 45])
