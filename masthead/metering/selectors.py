"""The meter's reads."""

from datetime import datetime

from .period import meter_period
from .stores import meter_store


def meter_counted(*, reader: str, now: datetime) -> frozenset[int]:
    """The articles counted for ``reader`` (a ``reader_key``) in the period ``now`` falls in."""
    return frozenset(meter_store().articles(reader=reader, period=meter_period(now)))
