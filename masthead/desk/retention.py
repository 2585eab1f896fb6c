"""What /desk/retention/ shows: the monthly cohort triangle (replayed from
the subscriptions' event history by the desk's rollup and stored as
CohortMonth rows, which the page reads), churn reasons and save offers taken
on the cancel page, sleeping subscribers (their count stored by the same
rollup), and the win-back mail's funnel (from the funnel's daily rollups).
docs/desk.md says what each number means."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from fractions import Fraction

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from masthead.core.periods import day_bounds, publication_zone
from masthead.metering.models import FunnelEventKind
from masthead.newsletters.sleeping import SLEEPING_DAYS, sleeping_subscribers
from masthead.subscriptions.models import CancelAnswer, CancelOutcome, CancelReason, SaveOfferKind, SubscriptionEvent

from .dashboard import Table, count, percent
from .figures import _PAYING_STATES, desk_state, standing_after
from .models import CohortMonth, FunnelCount, FunnelDimension, SleepingCount
from .selectors import DeskRange

# The triangle's rows: at most this many start months, the latest ones.
COHORT_MONTHS_MAX = 24
# The sleeping list on the page (the CSV has every one).
SLEEPING_SHOWN = 100

Month = tuple[int, int]  # (year, month)


def month_of(moment: datetime) -> Month:
    local = moment.astimezone(publication_zone())
    return local.year, local.month


def month_after(month: Month, months: int = 1) -> Month:
    index = month[0] * 12 + month[1] - 1 + months
    return index // 12, index % 12 + 1


def month_end(month: Month) -> datetime:
    """The first moment of the month after, in the publication's zone."""
    year, number = month_after(month)
    return day_bounds(date(year, number, 1)).start


@dataclass(frozen=True)
class Cohort:
    month: Month
    size: int
    paying: tuple[int, ...]  # still paying at the end of month 0, 1, ... since (the current month: now)

    def share(self, months_since: int) -> Fraction | None:
        return Fraction(self.paying[months_since], self.size) if months_since < len(self.paying) and self.size else None


def cohort_triangle(histories: Iterable[Sequence[tuple[datetime, str, str]]], *, now: datetime) -> list[Cohort]:
    """Pure: subscriptions by the month they first paid (a paid term began,
    not a trial), and how many of each month were paying (active out of a
    trial, cancelling, past due or needs card) at the end of each month since,
    up to the current month, counted as of ``now``.

    ``histories``: each subscription's moves as (occurred_at, to_status,
    reason), oldest first."""
    zone = publication_zone()
    current = month_of(now)
    sizes: dict[Month, int] = defaultdict(int)
    paying: dict[Month, list[int]] = {}
    # Each month's end, worked out once per call, not once per subscription.
    ends: dict[Month, datetime] = {current: now}

    def end_of(month: Month) -> datetime:
        if month not in ends:
            ends[month] = month_end(month)
        return ends[month]

    for moves in histories:
        standing, started, index = None, None, 0
        # The moment the subscription first paid, and the month it did.
        for index, (at, to_status, reason) in enumerate(moves):
            standing = standing_after(standing, to_status=to_status, reason=reason)
            if desk_state(standing) in _PAYING_STATES:
                local = at.astimezone(zone)
                started = (local.year, local.month)
                break
        if started is None or started > current:
            continue
        sizes[started] += 1
        counts = paying.setdefault(started, [0] * (_months_between(started, current) + 1))
        position, month = index + 1, started
        for since in range(len(counts)):
            if position == len(moves):
                # No move left: it stands as it is to the current month.
                if desk_state(standing) in _PAYING_STATES:
                    for rest in range(since, len(counts)):
                        counts[rest] += 1
                break
            end = end_of(month)
            while position < len(moves) and moves[position][0] < end:
                at, to_status, reason = moves[position]
                standing = standing_after(standing, to_status=to_status, reason=reason)
                position += 1
            if desk_state(standing) in _PAYING_STATES:
                counts[since] += 1
            month = month_after(month)
    return [Cohort(month, sizes[month], tuple(paying[month])) for month in sorted(sizes)]


def _months_between(first: Month, last: Month) -> int:
    return (last[0] - first[0]) * 12 + last[1] - first[1]


def subscription_histories(*, since: datetime) -> list[list[tuple[datetime, str, str]]]:
    """Every subscription's moves, oldest first, for subscriptions with a move
    on or after ``since`` or still not ended then (one query, streamed)."""
    histories: dict[int, list] = defaultdict(list)
    moves = SubscriptionEvent.objects.order_by("subscription_id", "occurred_at", "id").values_list(
        "subscription_id", "occurred_at", "to_status", "reason"
    )
    for subscription_id, at, to_status, reason in moves.iterator(chunk_size=10000):
        histories[subscription_id].append((at, to_status, reason))
    return [moves for moves in histories.values() if moves[-1][0] >= since or moves[-1][1] not in ("ended", "lapsed", "refunded")]


def cohort_months_first(now: datetime) -> Month:
    """The triangle's first start month: COHORT_MONTHS_MAX months up to now's."""
    return month_after(month_of(now), -(COHORT_MONTHS_MAX - 1))


def retention_rollup(*, now: datetime | None = None) -> int:
    """Replace the stored triangle with the one replayed from every
    subscription's history as of ``now`` (the latest COHORT_MONTHS_MAX start
    months), and the sleeping subscribers' count with theirs now; rows
    written."""
    now = now or timezone.now()
    first_month = cohort_months_first(now)
    since = day_bounds(date(first_month[0], first_month[1], 1)).start
    cohorts = [cohort for cohort in cohort_triangle(subscription_histories(since=since), now=now) if cohort.month >= first_month]
    cells = [
        CohortMonth(started=date(*cohort.month, 1), months_since=months_since, size=cohort.size, paying=paying, computed_at=now)
        for cohort in cohorts
        for months_since, paying in enumerate(cohort.paying)
    ]
    sleeping = sleeping_subscribers(now).count()
    with transaction.atomic():
        CohortMonth.objects.all().delete()
        CohortMonth.objects.bulk_create(cells)
        SleepingCount.objects.all().delete()
        SleepingCount.objects.create(counted_at=now, subscribers=sleeping)
    return len(cells) + 1


def cohorts_stored() -> tuple[list[Cohort], datetime | None]:
    """The triangle as the last rollup wrote it, and when it was computed
    (None: never)."""
    cells = list(CohortMonth.objects.order_by("started", "months_since").values_list("started", "months_since", "size", "paying"))
    by_month: dict[Month, tuple[int, list[int]]] = {}
    for started, months_since, size, paying in cells:
        # Written whole in one transaction: month 0, 1, ... in order.
        by_month.setdefault((started.year, started.month), (size, []))[1].append(paying)
    computed_at = CohortMonth.objects.aggregate(at=Max("computed_at"))["at"] if cells else None
    return [Cohort(month, size, tuple(paying)) for month, (size, paying) in by_month.items()], computed_at


def _month_label(month: Month) -> str:
    return date(month[0], month[1], 1).strftime("%b %Y")


def cohort_table(cohorts: list[Cohort]) -> Table:
    cohorts = cohorts[-COHORT_MONTHS_MAX:]
    width = max((len(cohort.paying) for cohort in cohorts), default=1)
    columns = ("Started paying", "Subscribers", *(f"Month {n}" for n in range(width)))
    shown = tuple(
        (_month_label(c.month), count(c.size), *(percent(c.share(n)) if n < len(c.paying) else "" for n in range(width))) for c in cohorts
    )
    plain = tuple(
        (f"{c.month[0]}-{c.month[1]:02d}", c.size, *(f"{float(c.share(n)) * 100:.1f}" if n < len(c.paying) else "" for n in range(width)))
        for c in cohorts
    )
    return Table("cohorts", "Still paying, by the month they started", columns, shown, plain)


def churn_table(desk_range: DeskRange) -> Table:
    """Answers on the cancel page in the range: by the reason given, how many
    cancelled and how many stayed with the offer shown."""
    start, end = day_bounds(desk_range.first).start, day_bounds(desk_range.last).end
    rows = CancelAnswer.objects.filter(at__gte=start, at__lt=end).values("reason", "outcome").annotate(n=Count("id")).order_by()
    by_reason: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        by_reason[row["reason"]][row["outcome"]] += row["n"]
    labels = {"": "No reason given", **dict(CancelReason.choices)}
    order = [*CancelReason.values, ""]
    shown, plain = [], []
    for reason in order:
        if reason not in by_reason:
            continue
        left, stayed = by_reason[reason][CancelOutcome.CANCELLED], by_reason[reason][CancelOutcome.OFFER_ACCEPTED]
        shown.append((labels[reason], count(left), count(stayed)))
        plain.append((labels[reason], left, stayed))
    return Table("reasons", "Why readers cancelled", ("Reason", "Cancelled", "Stayed with an offer"), tuple(shown), tuple(plain))


def save_offers_table(desk_range: DeskRange) -> Table:
    start, end = day_bounds(desk_range.first).start, day_bounds(desk_range.last).end
    rows = (
        CancelAnswer.objects.filter(at__gte=start, at__lt=end).exclude(offer_shown="")
        .values("offer_shown", "outcome").annotate(n=Count("id")).order_by()
    )  # fmt: skip
    by_kind: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        by_kind[row["offer_shown"]][row["outcome"]] += row["n"]
    shown, plain = [], []
    for kind, label in SaveOfferKind.choices:
        if kind not in by_kind:
            continue
        taken, refused = by_kind[kind][CancelOutcome.OFFER_ACCEPTED], by_kind[kind][CancelOutcome.CANCELLED]
        rate = Fraction(taken, taken + refused) if taken + refused else None
        shown.append((label, count(taken + refused), count(taken), percent(rate)))
        plain.append((label, taken + refused, taken, "" if rate is None else f"{float(rate) * 100:.1f}"))
    return Table("save_offers", "Save offers on the cancel page", ("Offer", "Shown", "Accepted", "Accepted (share)"), tuple(shown), tuple(plain))


def winback_table(desk_range: DeskRange) -> Table:
    kinds = (FunnelEventKind.WINBACK_SENT, FunnelEventKind.WINBACK_OPENED, FunnelEventKind.WINBACK_RETURNED)
    totals = dict(
        FunnelCount.objects.filter(dimension=FunnelDimension.ALL, day__gte=desk_range.first, day__lte=desk_range.last, kind__in=kinds)
        .values("kind").annotate(n=Sum("count")).order_by().values_list("kind", "n")
    )  # fmt: skip
    shown, plain, sent = [], [], totals.get(FunnelEventKind.WINBACK_SENT, 0)
    for kind in kinds:
        number = totals.get(kind, 0)
        rate = Fraction(number, sent) if sent and kind != FunnelEventKind.WINBACK_SENT else None
        shown.append((FunnelEventKind(kind).label, count(number), "—" if rate is None else percent(rate)))
        plain.append((FunnelEventKind(kind).label, number, "" if rate is None else f"{float(rate) * 100:.1f}"))
    return Table("winback", "Win-back mail", ("Step", "Count", "Of those sent"), tuple(shown), tuple(plain))


SLEEPING_TITLE = f"Sleeping subscribers (no reading in {SLEEPING_DAYS} days)"


def sleeping_table(now: datetime, *, first: int | None = None) -> Table:
    """Paying readers who read nothing signed in for SLEEPING_DAYS days, for
    the newsletter team: staff data, on a page only Business staff open.
    Every one (the CSV), or the ``first`` few by address (the page)."""
    readers = sleeping_subscribers(now).order_by("email", "pk").values_list("first_name", "last_name", "email")
    if first is not None:
        readers = readers[:first]
    rows = tuple((f"{first_name} {last}".strip() or "—", email) for first_name, last, email in readers.iterator(chunk_size=5000))
    return Table("sleeping", SLEEPING_TITLE, ("Name", "E-mail"), rows, rows)


@dataclass(frozen=True)
class RetentionPage:
    tables: dict[str, Table]
    sleeping: SleepingCount | None  # as last counted (None: never)
    cohorts_computed_at: datetime | None


def retention_tables(desk_range: DeskRange, *, now: datetime | None = None) -> dict[str, Table]:
    """Every table of the page, with every row (its CSVs)."""
    now = now or timezone.now()
    cohorts, _ = cohorts_stored()
    return {
        "cohorts": cohort_table(cohorts),
        "reasons": churn_table(desk_range),
        "save_offers": save_offers_table(desk_range),
        "winback": winback_table(desk_range),
        "sleeping": sleeping_table(now),
    }


def retention_page(desk_range: DeskRange, *, now: datetime | None = None) -> RetentionPage:
    """The page: the sleeping subscribers as last counted by the rollup, and
    the first SLEEPING_SHOWN of them now (the CSV lists them all)."""
    now = now or timezone.now()
    cohorts, computed_at = cohorts_stored()
    counted = SleepingCount.objects.order_by("-counted_at").first()
    sleeping = sleeping_table(now, first=SLEEPING_SHOWN + 1)
    if len(sleeping.rows) > SLEEPING_SHOWN:
        rows = sleeping.rows[:SLEEPING_SHOWN]
        sleeping = Table(sleeping.slug, sleeping.title + f" (the first {SLEEPING_SHOWN} by address; the CSV has all)", sleeping.columns, rows, rows)
    tables = {
        "cohorts": cohort_table(cohorts),
        "reasons": churn_table(desk_range),
        "save_offers": save_offers_table(desk_range),
        "winback": winback_table(desk_range),
        "sleeping": sleeping,
    }
    return RetentionPage(tables=tables, sleeping=counted, cohorts_computed_at=computed_at)
