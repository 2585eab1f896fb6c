"""The meter in the database: SQLite on one machine, PostgreSQL at scale.

A view is a row, unique per (reader, period, article); the period's name
(metering/period.py) is in the ``month`` column. Counting is one
conditional INSERT: it adds the row only while the reader has fewer than
``limit`` rows in the period. Two requests from one reader must not both
see "4 of 5" and both insert, so the insert runs with the reader's period
locked: SQLite admits one writer at a time, and its single statement counts
and inserts under that lock; on PostgreSQL a transaction-scoped advisory
lock keyed by (reader, period) serialises that reader alone.
"""

from django.db import connection, transaction
from django.utils import timezone

from ..models import MeteredView
from ..policy import MeterState
from .base import RecordOutcome

_TABLE = MeteredView._meta.db_table
_STATE = f"""
    SELECT COUNT(*), COALESCE(SUM(CASE WHEN article_id = %s THEN 1 ELSE 0 END), 0)
    FROM {_TABLE} WHERE reader = %s AND month = %s
"""  # noqa: S608 (the table name is ours; every value is a parameter)
_CONDITIONAL_INSERT = f"""
    INSERT INTO {_TABLE} (reader, month, article_id, viewed_at)
    SELECT %s, %s, %s, %s
    WHERE (SELECT COUNT(*) FROM {_TABLE} WHERE reader = %s AND month = %s) < %s
    ON CONFLICT (reader, month, article_id) DO NOTHING
"""  # noqa: S608 (the table name is ours; every value is a parameter)


class DatabaseMeterStore:
    # A new row's count takes a second statement, so reading first costs
    # nothing more, and a re-read then takes no write lock.
    record_answers_views = False

    def state(self, *, reader: str, period: str, article_id: int) -> MeterState:
        # Every article page asks this: plain SQL on the unique index, no ORM compile.
        if connection.vendor == "sqlite":
            # On SQLite the driver's own cursor: Django's wrapper costs as much as the query.
            connection.ensure_connection()
            views, this = connection.connection.execute(_STATE.replace("%s", "?"), (article_id, reader, period)).fetchone()
        else:
            with connection.cursor() as cursor:
                cursor.execute(_STATE, [article_id, reader, period])
                views, this = cursor.fetchone()
        return MeterState(views=views, counts_this_article=bool(this))

    def record(self, *, reader: str, period: str, article_id: int, limit: int) -> RecordOutcome:
        params = [reader, period, article_id, timezone.now(), reader, period, limit]
        if connection.vendor == "postgresql":
            # READ COMMITTED takes a fresh snapshot per statement, so the
            # insert after the lock sees every view committed before it.
            # No savepoint inside a caller's transaction: the lock then lasts
            # until that transaction ends, which only widens it.
            with transaction.atomic(savepoint=False), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"meter:{reader}:{period}"])
                cursor.execute(_CONDITIONAL_INSERT, params)
                inserted = cursor.rowcount == 1
        else:
            # One statement is atomic on SQLite, which admits one writer at a time.
            with connection.cursor() as cursor:
                cursor.execute(_CONDITIONAL_INSERT, params)
                inserted = cursor.rowcount == 1
        if inserted:
            return RecordOutcome(counted=True)
        # Either a parallel request counted this article, or the limit was reached.
        state = self.state(reader=reader, period=period, article_id=article_id)
        return RecordOutcome(counted=state.counts_this_article, views=state.views, already=state.counts_this_article)

    def articles(self, *, reader: str, period: str) -> list[int]:
        return list(
            MeteredView.objects.filter(reader=reader, month=period).order_by("viewed_at", "id").values_list("article_id", flat=True)
        )
