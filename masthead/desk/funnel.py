"""The paywall funnel's daily rollups (desk.FunnelCount), from the raw
events the site counts in batches (metering.FunnelEvent), and the pruning
of raw events past MASTHEAD_FUNNEL_RAW_DAYS. docs/desk.md says what each
number means.

Two writers keep the rollups: a rebuild (``funnel_rollup``: the periodic
job and ``manage.py desk_rollup``) replaces a day's rows with its raw events
summed, and every flush of raw events adds the same events to their days'
rows in the same transaction (``funnel_counts_add``), so today's numbers are
at most one flush late. The two never interleave: on PostgreSQL a rebuild
holds an advisory lock that flushes share; SQLite's write transactions are
one at a time anyway (the site opens them IMMEDIATE)."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from masthead.core.periods import day_bounds, local_date
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.newsroom.models import Article

from .app_settings import app_settings
from .models import FunnelCount, FunnelDimension

# The steps from a story to a first payment, in order: each step's rate is
# its count over the step before.
FUNNEL_STEPS = (
    FunnelEventKind.STORY_VIEW,
    FunnelEventKind.METER_NOTICE,
    FunnelEventKind.REGISTRATION_WALL_SHOWN,
    FunnelEventKind.PAYWALL_SHOWN,
    FunnelEventKind.SUBSCRIBE_CLICKED,
    FunnelEventKind.CHECKOUT_STARTED,
    FunnelEventKind.PAID,
)
# Any fixed number: the PostgreSQL advisory lock a rebuild holds and flushes share.
_ROLLUP_LOCK = 0x6465736B66756E  # "deskfun"
# Rows per INSERT … ON CONFLICT statement (five parameters each).
_UPSERT_ROWS = 500

# (day, kind, dimension, value) → count
Counts = Counter


def funnel_raw_first_day(now: datetime) -> date:
    """The first day whose raw events are all still kept."""
    return local_date(now) - timedelta(days=app_settings.FUNNEL_RAW_DAYS - 1)


def _hold_rollup_lock(*, shared: bool) -> None:
    """Inside a transaction: keep rebuilds and flushes from interleaving (a
    flush between a rebuild's read and its write would be lost until the
    next rebuild). PostgreSQL only; SQLite writers already queue."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pg_advisory_xact_lock{'_shared' if shared else ''}(%s)", [_ROLLUP_LOCK])


def _id_text(pk) -> str:
    return "" if pk is None else str(pk)


def _sections_of(article_ids: Iterable) -> dict:
    ids = {pk for pk in article_ids if pk is not None}
    return dict(Article.objects.filter(pk__in=ids).values_list("pk", "section_id")) if ids else {}


def funnel_counts_of(events: Iterable[tuple[date, str, int | None, str, str, int]]) -> Counts:
    """Pure but for the stories' sections (one query): events as (day, kind,
    story id, referrer, device, count), counted in every dimension."""
    events = list(events)
    sections = _sections_of(event[2] for event in events)
    counts = Counts()
    for day, kind, article_id, referrer, device, number in events:
        counts[(day, kind, FunnelDimension.ALL, "")] += number
        counts[(day, kind, FunnelDimension.STORY, _id_text(article_id))] += number
        counts[(day, kind, FunnelDimension.SECTION, _id_text(sections.get(article_id)))] += number
        counts[(day, kind, FunnelDimension.REFERRER, referrer)] += number
        counts[(day, kind, FunnelDimension.DEVICE, device)] += number
    return counts


def _day_counts(day: date) -> Counts:
    """One day's raw events summed in every dimension: three grouped reads
    (by story, by referrer, by device); every event together is the referrer
    rows summed, a section the sum of its stories."""
    bounds = day_bounds(day)
    raw = FunnelEvent.objects.filter(occurred_at__gte=bounds.start, occurred_at__lt=bounds.end).order_by()
    counts = Counts()
    by_story = list(raw.values_list("kind", "article_id").annotate(n=Sum("count")))
    sections = _sections_of(article_id for _, article_id, _ in by_story)
    for kind, article_id, number in by_story:
        counts[(day, kind, FunnelDimension.STORY, _id_text(article_id))] += number
        counts[(day, kind, FunnelDimension.SECTION, _id_text(sections.get(article_id)))] += number
    for kind, referrer, number in raw.values_list("kind", "referrer").annotate(n=Sum("count")):
        counts[(day, kind, FunnelDimension.REFERRER, referrer)] += number
        counts[(day, kind, FunnelDimension.ALL, "")] += number
    for kind, device, number in raw.values_list("kind", "device").annotate(n=Sum("count")):
        counts[(day, kind, FunnelDimension.DEVICE, device)] += number
    return counts


def funnel_rollup(*, first: date, last: date, now: datetime | None = None) -> int:
    """Replace the funnel rows of ``first``..``last`` with the raw events of
    those days summed; rows written. Days whose raw events may have been
    pruned (before funnel_raw_first_day) are left as they are: rebuilding them
    from what is left would lose their counts. One transaction a day, so a
    flush waits for one day's rebuild at most. The caller checks the range."""
    now = now or timezone.now()
    first = max(first, funnel_raw_first_day(now))
    written = 0
    day = first
    while day <= last:
        with transaction.atomic():
            _hold_rollup_lock(shared=False)
            counts = _day_counts(day)
            FunnelCount.objects.filter(day=day).delete()
            FunnelCount.objects.bulk_create(
                (FunnelCount(day=d, kind=kind, dimension=dimension, value=value, count=n) for (d, kind, dimension, value), n in counts.items() if n),
                batch_size=1000,
            )  # fmt: skip
        written += sum(1 for n in counts.values() if n)
        day += timedelta(days=1)
    return written


def funnel_counts_add(events: Iterable[tuple[datetime, str, int | None, str, str, int]]) -> int:
    """Add freshly written raw events, as (occurred_at, kind, story id,
    referrer, device, count), to their days' rows; rows touched. Called in
    the transaction that writes them (the flush), so the raw rows and the
    rollups are written together or not at all."""
    counts = funnel_counts_of((local_date(at), kind, article_id, referrer, device, n) for at, kind, article_id, referrer, device, n in events)
    if not counts:
        return 0
    _hold_rollup_lock(shared=True)
    table = connection.ops.quote_name(FunnelCount._meta.db_table)
    names = [connection.ops.quote_name(FunnelCount._meta.get_field(name).column) for name in ("dimension", "day", "kind", "value", "count")]
    count_column = names[-1]
    items = sorted(counts.items())  # one order for every writer: concurrent flushes lock rows alike
    with connection.cursor() as cursor:
        for start in range(0, len(items), _UPSERT_ROWS):
            chunk = items[start : start + _UPSERT_ROWS]
            params = []
            for (day, kind, dimension, value), number in chunk:
                params += [str(dimension), connection.ops.adapt_datefield_value(day), kind, value, number]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES {', '.join(['(%s, %s, %s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT ({', '.join(names[:4])}) DO UPDATE SET {count_column} = {table}.{count_column} + excluded.{count_column}",
                params,
            )
    return len(items)


def funnel_raw_prune(*, now: datetime | None = None) -> int:
    """Delete raw funnel events older than MASTHEAD_FUNNEL_RAW_DAYS days
    (their days are rolled up by then); how many rows went."""
    now = now or timezone.now()
    before = day_bounds(funnel_raw_first_day(now)).start
    return FunnelEvent.objects.filter(occurred_at__lt=before).delete()[0]
