"""Reading the desk's rollups: a range of days, its totals and the same-length
period before it. Nothing here reads raw events, payments or invoices."""

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from masthead.subscriptions.models import Plan

from .figures import DeskState
from .models import DayFigures

DEFAULT_DAYS = 30
RANGE_DAYS_MAX = 3 * 366

# Numbers that stand at a moment (read from the range's last day) and numbers
# that happen (added up over the range's days).
STOCKS = (*(state.value for state in DeskState), "paying", "mrr_minor")
FLOWS = (
    "new", "churned", "payments_count", "payments_minor", "refunds_count", "refunds_minor",
    "credit_notes_count", "credit_notes_minor", "renewals_attempted", "renewals_first_failed",
    "renewals_succeeded", "renewals_recovered",
)  # fmt: skip


@dataclass(frozen=True)
class DeskRange:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def previous(self) -> "DeskRange":
        """The same number of days just before this range."""
        return DeskRange(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range(self.days)]


def default_range(today: date) -> DeskRange:
    return DeskRange(today - timedelta(days=DEFAULT_DAYS - 1), today)


@dataclass(frozen=True)
class Totals:
    """A range's numbers: stocks as at its last day with figures, flows summed."""

    figures: dict
    days_with_figures: int

    def __getitem__(self, name: str) -> int:
        return self.figures[name]

    @property
    def subscribers(self) -> int:
        return sum(self.figures[state.value] for state in DeskState)

    @property
    def net_adds(self) -> int:
        return self.figures["new"] - self.figures["churned"]

    @property
    def arpu_minor(self) -> int | None:
        """MRR per paying subscriber, rounded down to the paisa (none without one)."""
        paying = self.figures["paying"]
        return None if not paying else self.figures["mrr_minor"] // paying

    @property
    def renewal_success(self) -> Fraction | None:
        """Renewals paid over renewals attempted in the range."""
        attempted = self.figures["renewals_attempted"]
        return None if not attempted else Fraction(self.figures["renewals_succeeded"], attempted)

    @property
    def dunning_recovery(self) -> Fraction | None:
        """Renewals paid after a failed attempt, over renewals whose first attempt failed."""
        failed = self.figures["renewals_first_failed"]
        return None if not failed else Fraction(self.figures["renewals_recovered"], failed)


def daily_figures(desk_range: DeskRange, *, plan_id: int | None = None) -> dict[date, DayFigures]:
    """The range's rows (every plan together unless ``plan_id``), by day; a day
    not rolled up yet is missing."""
    rows = DayFigures.objects.filter(day__gte=desk_range.first, day__lte=desk_range.last)
    rows = rows.filter(plan__isnull=True) if plan_id is None else rows.filter(plan_id=plan_id)
    return {row.day: row for row in rows}


def totals(rows: dict[date, DayFigures]) -> Totals:
    figures = dict.fromkeys((*STOCKS, *FLOWS), 0)
    if rows:
        last = rows[max(rows)]
        figures.update({name: getattr(last, name) for name in STOCKS})
        for row in rows.values():
            for name in FLOWS:
                figures[name] += getattr(row, name)
    return Totals(figures=figures, days_with_figures=len(rows))


def desk_plans() -> list[Plan]:
    """The plans the desk can show one by one: every plan, on sale or not
    (a withdrawn plan still has subscribers), in the plans page's order."""
    return list(Plan.objects.order_by("position", "price_minor", "pk"))
