"""Writing the desk's daily rollups (docs/desk.md defines every number)."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from masthead.core.errors import InvalidOperation
from masthead.core.periods import day_bounds, local_date, publication_zone
from masthead.invoicing.models import CreditNote
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import EventReason, Subscription, SubscriptionEvent

from .figures import (
    ALL_PLANS, PAID_TERM_REASONS, Counted, DeskState, Standing, Tally, count_move, desk_state, monthly_value, mrr_minor, standing_after,
)  # fmt: skip
from .funnel import funnel_rollup
from .retention import retention_rollup
from .models import DayFigures

# The longest range one call rebuilds: three years of days, a row per plan each.
ROLLUP_DAYS_MAX = 3 * 366
PAID_STATUSES = (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED)
# Term 1 is bought at checkout (or when a trial ends); term 2 is the first renewal.
FIRST_RENEWAL_TERM = 2


class RollupRangeInvalid(InvalidOperation):
    code = "rollup_range_invalid"


def rollup_range_check(*, first: date, last: date, today: date) -> None:
    """A clear refusal, before anything is read or written."""
    if first > last:
        raise RollupRangeInvalid(message=f"The range starts ({first}) after it ends ({last}).")
    if last > today:
        raise RollupRangeInvalid(message=f"{last} has not begun yet: the last day can be today ({today}) at the latest.")
    if (last - first).days + 1 > ROLLUP_DAYS_MAX:
        raise RollupRangeInvalid(message=f"At most {ROLLUP_DAYS_MAX} days at a time.")


def desk_rollup(*, first: date, last: date, now: datetime | None = None) -> int:
    """Rebuild the figures of every day from ``first`` to ``last`` (days in
    the publication's zone); returns the number of rows written. Running it
    again writes the same rows: a day's rows are replaced, never added to.

    States at the end of each day are replayed from the subscriptions' event
    history (the state machine records every move), starting from where each
    subscription stood when ``first`` began, so any past range can be rebuilt
    and a day's rollup reads only that day's moves.

    The funnel's rows of those days are rebuilt too (funnel.funnel_rollup),
    and the retention page's cohort triangle and sleeping count are written
    afresh as of ``now`` whatever the range (retention.retention_rollup)."""
    now = now or timezone.now()
    rollup_range_check(first=first, last=last, today=local_date(now))
    start, end = day_bounds(first).start, day_bounds(last).end
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]

    states = _states_by_day(start=start, days=days)
    others = defaultdict(dict)
    for source in (_money_by_day(start=start, end=end), _renewals_by_day(start=start, end=end)):
        for key, figures in source.items():
            others[key].update(figures)

    plans = {plan for by_plan in states.values() for plan in by_plan} | {plan for _, plan in others}
    rows = []
    for day in days:
        for plan in sorted(plans, key=lambda plan: (plan is not ALL_PLANS, plan or 0)):
            row = DayFigures(day=day, plan_id=plan, computed_at=now, **states[day].get(plan, {}), **others.get((day, plan), {}))
            rows.append(row)
    with transaction.atomic():
        DayFigures.objects.filter(day__gte=first, day__lte=last).delete()
        DayFigures.objects.bulk_create(rows, batch_size=1000)
    return len(rows) + funnel_rollup(first=first, last=last, now=now) + retention_rollup(now=now)


def desk_rollup_recent(*, now: datetime | None = None) -> int:
    """What the periodic job rolls up: yesterday (final once it is over) and today so far."""
    now = now or timezone.now()
    today = local_date(now)
    return desk_rollup(first=today - timedelta(days=1), last=today, now=now)


def _standings_at(moment: datetime) -> dict[int, tuple[Standing, Counted]]:
    """Where each subscription stood just before ``moment`` (its last move's
    status; in its trial if a trial had started and no paid term had begun),
    counted under the plan and price its last move left it on."""
    before = SubscriptionEvent.objects.filter(subscription=OuterRef("pk"), occurred_at__lt=moment)
    last = before.order_by("-occurred_at", "-id")
    rows = (
        Subscription.objects.annotate(
            status_then=Subquery(last.values("to_status")[:1]),
            plan_then=Coalesce(Subquery(last.values("plan_id")[:1]), "plan_id", output_field=BigIntegerField()),
            price_then=Coalesce(Subquery(last.values("price_minor")[:1]), "price_minor"),
            months_then=Coalesce(Subquery(last.values("term_months")[:1]), "term_months"),
            trial_started=Exists(before.filter(reason=EventReason.TRIAL_STARTED)),
            term_paid=Exists(before.filter(reason__in=PAID_TERM_REASONS)),
        )
        .filter(status_then__isnull=False)
        .values_list("pk", "status_then", "trial_started", "term_paid", "plan_then", "price_then", "months_then")
    )
    standings = {}
    for pk, status, trial, paid, plan, price, months in rows.iterator(chunk_size=5000):
        standing = Standing(status=status, in_trial=trial and not paid)
        standings[pk] = (standing, Counted(desk_state(standing), plan, monthly_value(price_minor=price, term_months=months)))
    return standings


def _states_by_day(*, start: datetime, days: list[date]) -> dict[date, dict]:
    """For each day and plan (and all plans): subscribers by state and MRR at
    the day's end, and the new and churned subscribers of the day. Each move
    counts under the plan and price it left the subscription on (events
    written before they recorded them: the subscription's own)."""
    tallies: dict[int | None, Tally] = defaultdict(Tally)
    tallies[ALL_PLANS]  # the every-plan row exists even on a site with no subscribers
    standings = _standings_at(start)
    for _, counted in standings.values():
        count_move(tallies, None, counted)
    for tally in tallies.values():
        tally.day_done()  # those already counted before the range are not new in it

    end = day_bounds(days[-1]).end
    moves = (
        SubscriptionEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
        .order_by("occurred_at", "id")
        .values_list("subscription_id", "to_status", "reason", "occurred_at", Coalesce("plan_id", "subscription__plan_id", output_field=BigIntegerField()),
                     Coalesce("price_minor", "subscription__price_minor"), Coalesce("term_months", "subscription__term_months"))
    )  # fmt: skip
    moves_by_day = defaultdict(list)
    for move in moves.iterator(chunk_size=5000):
        moves_by_day[local_date(move[3])].append(move)

    by_day = {}
    for day in days:
        for pk, to_status, reason, _, plan, price, months in moves_by_day.get(day, ()):
            standing, counted = standings.get(pk, (None, None))
            after = standing_after(standing, to_status=to_status, reason=reason)
            now_counted = Counted(desk_state(after), plan, monthly_value(price_minor=price, term_months=months))
            count_move(tallies, counted, now_counted)
            standings[pk] = (after, now_counted)
        by_day[day] = {plan: _state_figures(tally) for plan, tally in tallies.items()}
        for tally in tallies.values():
            tally.day_done()
    return by_day


def _state_figures(tally: Tally) -> dict:
    return {
        **{state.value: tally.states[state] for state in DeskState},
        "paying": tally.paying,
        "mrr_minor": mrr_minor(tally.monthly),
        "new": tally.new,
        "churned": tally.churned,
    }


def _counted_by_day(queryset, *, moment: str, amount, plan, names: tuple[str, str], start, end) -> dict:
    """(day, plan) → {count name: rows, amount name: their sum}, days in the
    publication's zone; every row counts once for its plan and once for all plans."""
    rows = (
        queryset.filter(**{f"{moment}__gte": start, f"{moment}__lt": end})
        .annotate(desk_day=TruncDate(moment, tzinfo=publication_zone()), desk_plan=plan)
        .values("desk_day", "desk_plan")
        .annotate(n=Count("pk"), total=Sum(amount))
        .order_by()
    )
    counted = defaultdict(lambda: dict.fromkeys(names, 0))
    for row in rows:
        # A set: a row with no plan belongs to the every-plan key once, not twice.
        for key in {(row["desk_day"], row["desk_plan"]), (row["desk_day"], ALL_PLANS)}:
            counted[key][names[0]] += row["n"]
            counted[key][names[1]] += row["total"] or 0
    return counted


# A payment is for a subscription's term or for a gift subscription: either names its plan.
_PAYMENT_PLAN = Coalesce("subscription__plan_id", "gift__plan_id")


def _money_by_day(*, start: datetime, end: datetime) -> dict:
    """Payments that succeeded, refunds and credit notes, by day and plan
    (a gift subscription's under the plan given). An
    extra charge for a term already paid (``duplicate``) is money that bought
    nothing and went straight back: in neither payments nor refunds."""
    paid = Payment.objects.filter(duplicate=False, status__in=PAID_STATUSES)
    sources = (
        (paid, "succeeded_at", F("amount_minor"), _PAYMENT_PLAN, ("payments_count", "payments_minor")),
        (
            paid.filter(status=PaymentStatus.REFUNDED),
            "refunded_at",
            Coalesce("refunded_minor", "amount_minor"),
            _PAYMENT_PLAN,
            ("refunds_count", "refunds_minor"),
        ),
        (
            CreditNote.objects.all(),
            "issued_at",
            F("total_minor"),
            Coalesce("invoice__payment__subscription__plan_id", "invoice__payment__gift__plan_id"),
            ("credit_notes_count", "credit_notes_minor"),
        ),
    )
    merged = defaultdict(dict)
    for queryset, moment, amount, plan, names in sources:
        for key, figures in _counted_by_day(queryset, moment=moment, amount=amount, plan=plan, names=names, start=start, end=end).items():
            merged[key].update(figures)
    return merged


def _renewals_by_day(*, start: datetime, end: datetime) -> dict:
    """Renewal terms (a term after the first) by day and plan: attempted on
    the day of their first charge attempt (and whether that one failed);
    succeeded on the day they were paid, recovered if an attempt before the
    paying one failed (dunning worked)."""
    touched = Payment.objects.filter(subscription=OuterRef("subscription"), term_number=OuterRef("term_number")).filter(
        Q(created_at__gte=start, created_at__lt=end) | Q(succeeded_at__gte=start, succeeded_at__lt=end)
    )
    attempts = (
        Payment.objects.filter(subscription__isnull=False, term_number__gte=FIRST_RENEWAL_TERM, duplicate=False)
        .filter(Exists(touched))
        .order_by("subscription_id", "term_number", "attempt", "created_at", "id")
        .values_list("subscription_id", "term_number", "status", "created_at", "succeeded_at", "subscription__plan_id")
    )
    terms = defaultdict(list)
    for pk, term, status, created_at, succeeded_at, plan in attempts.iterator(chunk_size=5000):
        terms[(pk, term)].append((status, created_at, succeeded_at, plan))

    counted = defaultdict(lambda: dict.fromkeys(("renewals_attempted", "renewals_first_failed", "renewals_succeeded", "renewals_recovered"), 0))

    def count(moment: datetime, plan, name: str) -> None:
        day = local_date(moment)
        for key in {(day, plan), (day, ALL_PLANS)}:
            counted[key][name] += 1

    for tries in terms.values():
        first_status, first_at, _, plan = tries[0]
        if start <= first_at < end:
            count(first_at, plan, "renewals_attempted")
            if first_status == PaymentStatus.FAILED:
                count(first_at, plan, "renewals_first_failed")
        for n, (status, _, succeeded_at, _) in enumerate(tries):
            if status in PAID_STATUSES:
                if start <= succeeded_at < end:
                    count(succeeded_at, plan, "renewals_succeeded")
                    if any(earlier[0] == PaymentStatus.FAILED for earlier in tries[:n]):
                        count(succeeded_at, plan, "renewals_recovered")
                break
    return counted
