"""The paywall funnel's daily rollups (desk.FunnelDay), from the raw
events the site counts in batches (metering.FunnelEvent), and the pruning
of raw events past MASTHEAD_FUNNEL_RAW_DAYS. docs/desk.md says what each
number means."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from masthead.core.periods import day_bounds, local_date, publication_zone
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.newsroom.models import Article

from .app_settings import app_settings
from .models import FunnelDay

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


def funnel_raw_first_day(now: datetime) -> date:
    """The first day whose raw events are all still kept."""
    return local_date(now) - timedelta(days=app_settings.FUNNEL_RAW_DAYS - 1)


def funnel_rollup(*, first: date, last: date, now: datetime | None = None) -> int:
    """Replace the funnel rows of ``first``..``last`` with the raw events of
    those days summed; rows written. Days whose raw events may have been
    pruned (before funnel_raw_first_day) are left as they are: rebuilding them
    from what is left would lose their counts. The caller checks the range."""
    now = now or timezone.now()
    first = max(first, funnel_raw_first_day(now))
    if first > last:
        return 0
    start, end = day_bounds(first).start, day_bounds(last).end
    summed = (
        FunnelEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
        .annotate(desk_day=TruncDate("occurred_at", tzinfo=publication_zone()))
        .values("desk_day", "kind", "article_id", "referrer", "device")
        .annotate(n=Sum("count"))
        .order_by()
    )
    summed = list(summed)
    article_ids = {row["article_id"] for row in summed if row["article_id"] is not None}
    sections = dict(Article.objects.filter(pk__in=article_ids).values_list("pk", "section_id")) if article_ids else {}
    rows = [
        FunnelDay(
            day=row["desk_day"], kind=row["kind"], article_id=row["article_id"], section_id=sections.get(row["article_id"]),
            referrer=row["referrer"], device=row["device"], count=row["n"],
        )  # fmt: skip
        for row in summed
    ]
    with transaction.atomic():
        FunnelDay.objects.filter(day__gte=first, day__lte=last).delete()
        FunnelDay.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def funnel_raw_prune(*, now: datetime | None = None) -> int:
    """Delete raw funnel events older than MASTHEAD_FUNNEL_RAW_DAYS days
    (their days are rolled up by then); how many rows went."""
    now = now or timezone.now()
    before = day_bounds(funnel_raw_first_day(now)).start
    return FunnelEvent.objects.filter(occurred_at__lt=before).delete()[0]
