"""What the desk page shows, from the rollups: the cards with their change on
the previous period, and each chart with its table and CSV columns. The view
only reads the request and renders this."""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from masthead.core.money import Money
from masthead.core.spreadsheet import csv_document

from . import charts
from .figures import STATE_LABELS, DeskState
from .selectors import DeskRange, Totals, daily_figures, totals


def rupees(minor: int) -> str:
    return str(Money(minor))


def rupees_short(minor: int) -> str:
    """An axis label, short enough for a phone: ₹500, ₹20k, ₹1.5L (lakh), ₹2Cr (crore)."""
    rupees = minor // 100
    for size, suffix in ((1_00_00_000, "Cr"), (1_00_000, "L"), (1_000, "k")):
        if rupees >= size:
            return f"₹{rupees / size:.1f}".rstrip("0").rstrip(".") + suffix
    return f"₹{rupees}"


def count(number: int) -> str:
    return f"{number:,}"


def percent(share: Fraction | None) -> str:
    return "—" if share is None else f"{float(share) * 100:.1f}%"


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    change: str  # in words, against the previous period
    trend: str  # "up", "down" or "flat": the direction, whatever it means for the business
    help: str
    # Whether a fall is the good news (churn, refunds): the colour follows what it means.
    fewer_is_better: bool = False

    @property
    def tone(self) -> str:
        """"good", "bad" or "flat": how the change reads for the business."""
        if self.trend == "flat":
            return "flat"
        return "good" if (self.trend == "down") == self.fewer_is_better else "bad"


def _change(now: int | None, before: int | None, show) -> tuple[str, str]:
    if now is None or before is None:
        return "no previous figure", "flat"
    difference = now - before
    if difference == 0:
        return "no change", "flat"
    sign = "+" if difference > 0 else "−"
    text = f"{sign}{show(abs(difference))}"
    if before:
        text += f" ({sign}{abs(difference) / before * 100:.1f}%)"
    return text, "up" if difference > 0 else "down"


def _rate_change(now: Fraction | None, before: Fraction | None) -> tuple[str, str]:
    if now is None or before is None:
        return "no previous figure", "flat"
    points = (now - before) * 100
    if points == 0:
        return "no change", "flat"
    return f"{'+' if points > 0 else '−'}{abs(float(points)):.1f} points", "up" if points > 0 else "down"


def cards(current: Totals, previous: Totals) -> list[Card]:
    known = previous.days_with_figures > 0  # no figures before: no change to show

    def card(label, now, before, show, help, fewer_is_better=False):
        change, trend = _change(now, before if known else None, show)
        return Card(
            label=label, value="—" if now is None else show(now), change=change, trend=trend, help=help,
            fewer_is_better=fewer_is_better,
        )  # fmt: skip

    def rate_card(label, now, before, help):
        change, trend = _rate_change(now, before if known else None)
        return Card(label=label, value=percent(now), change=change, trend=trend, help=help)

    return [
        card("MRR", current["mrr_minor"], previous["mrr_minor"], rupees, "Monthly value of paying subscriptions, on the last day"),
        card("Subscribers", current.subscribers, previous.subscribers, count, "Trial, active, cancelling, past due, paused and needs card, on the last day"),
        card("Paying subscribers", current["paying"], previous["paying"], count, "Counted in MRR, on the last day"),
        card("ARPU", current.arpu_minor, previous.arpu_minor, rupees, "MRR per paying subscriber"),
        card("New", current["new"], previous["new"], count, "Subscriptions started in the period (trials included)"),
        card("Churned", current["churned"], previous["churned"], count, "Subscriptions ended, lapsed or refunded in the period", fewer_is_better=True),
        card("Net adds", current.net_adds, previous.net_adds, count, "New less churned"),
        card("Payments", current["payments_minor"], previous["payments_minor"], rupees, f"Payments succeeded: {count(current['payments_count'])}"),
        card("Refunds", current["refunds_minor"], previous["refunds_minor"], rupees, f"Refunds made: {count(current['refunds_count'])}", fewer_is_better=True),
        card("Credit notes", current["credit_notes_minor"], previous["credit_notes_minor"], rupees, f"Credit notes issued: {count(current['credit_notes_count'])}", fewer_is_better=True),
        rate_card("Renewal success", current.renewal_success, previous.renewal_success,
                  f"{count(current['renewals_succeeded'])} renewals paid of {count(current['renewals_attempted'])} attempted"),
        rate_card("Dunning recovery", current.dunning_recovery, previous.dunning_recovery,
                  f"{count(current['renewals_recovered'])} failed renewals paid later, of {count(current['renewals_first_failed'])} that failed first"),
    ]  # fmt: skip


@dataclass(frozen=True)
class Table:
    """A chart's numbers, as its table and its CSV show them."""

    slug: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # shown on the page
    csv_rows: tuple[tuple, ...]  # plain numbers, rupees with two decimals


def _csv_rupees(minor: int) -> str:
    """Paise as rupees with two decimals, exactly (no float): -150 is -1.50."""
    sign = "-" if minor < 0 else ""
    return f"{sign}{abs(minor) // 100}.{abs(minor) % 100:02d}"


STATE_SERIES = tuple((state.value, STATE_LABELS[state]) for state in DeskState)


def _day(day: date) -> str:
    return day.isoformat()


def tables(days: list[date], rows: dict) -> dict[str, Table]:
    """Each chart's table; a day not rolled up yet shows as such."""
    missing = "not rolled up"

    def each(build_shown, build_csv):
        shown, plain = [], []
        for day in days:
            row = rows.get(day)
            if row is None:
                shown.append((_day(day), missing))
                plain.append((_day(day),))
            else:
                shown.append((_day(day), *build_shown(row)))
                plain.append((_day(day), *build_csv(row)))
        return tuple(shown), tuple(plain)

    mrr = each(lambda r: (rupees(r.mrr_minor), count(r.paying)), lambda r: (_csv_rupees(r.mrr_minor), r.paying))
    states = each(
        lambda r: (*(count(getattr(r, key)) for key, _ in STATE_SERIES), count(r.subscribers)),
        lambda r: (*(getattr(r, key) for key, _ in STATE_SERIES), r.subscribers),
    )
    flows = each(lambda r: (count(r.new), count(r.churned), f"{r.net_adds:+,}" if r.net_adds else "0"), lambda r: (r.new, r.churned, r.net_adds))
    return {
        "mrr": Table("mrr", "MRR by day", ("Day", "MRR", "Paying subscribers"), *mrr),
        "states": Table("states", "Subscribers by state", ("Day", *(label for _, label in STATE_SERIES), "All"), *states),
        "flows": Table("flows", "New and churned subscribers", ("Day", "New", "Churned", "Net adds"), *flows),
    }


def all_columns_csv_table(days: list[date], rows: dict) -> Table:
    """Every number of every day, for a spreadsheet."""
    columns = ("Day", *(label for _, label in STATE_SERIES), "Paying", "MRR (INR)", "New", "Churned", "Net adds",
               "Payments", "Payments (INR)", "Refunds", "Refunds (INR)", "Credit notes", "Credit notes (INR)",
               "Renewals attempted", "Renewals failed first", "Renewals paid", "Renewals recovered")  # fmt: skip
    plain = []
    for day in days:
        r = rows.get(day)
        if r is None:
            plain.append((_day(day),))
            continue
        plain.append((
            _day(day), *(getattr(r, key) for key, _ in STATE_SERIES), r.paying, _csv_rupees(r.mrr_minor), r.new, r.churned,
            r.net_adds, r.payments_count, _csv_rupees(r.payments_minor), r.refunds_count, _csv_rupees(r.refunds_minor),
            r.credit_notes_count, _csv_rupees(r.credit_notes_minor), r.renewals_attempted, r.renewals_first_failed,
            r.renewals_succeeded, r.renewals_recovered,
        ))  # fmt: skip
    return Table("all", "Every number by day", columns, (), tuple(plain))


def csv_text(table: Table) -> str:
    # The MRR table's money column is in rupees in the CSV: say so in its header.
    header = tuple(f"{c} (INR)" if c == "MRR" else c for c in table.columns)
    return csv_document([header, *table.csv_rows])


def chart_set(days: list[date], rows: dict) -> dict[str, charts.Chart]:
    def values(key):
        return [getattr(rows[day], key) if day in rows else 0 for day in days]

    return {
        "mrr": charts.line_chart(charts.Series("mrr", "MRR", values("mrr_minor")), days, rupees_short),
        "states": charts.stacked_bar_chart(
            [charts.Series(key, label, values(key)) for key, label in STATE_SERIES], days, count
        ),
        "flows": charts.grouped_bar_chart(
            [charts.Series("new", "New", values("new")), charts.Series("churned", "Churned", values("churned"))], days, count
        ),
    }


@dataclass(frozen=True)
class Desk:
    desk_range: DeskRange
    cards: list[Card]
    charts: dict
    tables: dict
    missing_days: int


def desk_page(desk_range: DeskRange, *, plan_id: int | None = None) -> Desk:
    """The page for every plan together, or for one plan (``plan_id``)."""
    rows = daily_figures(desk_range, plan_id=plan_id)
    previous = daily_figures(desk_range.previous, plan_id=plan_id)
    days = desk_range.each_day()
    return Desk(
        desk_range=desk_range,
        cards=cards(totals(rows), totals(previous)),
        charts=chart_set(days, rows),
        tables=tables(days, rows),
        missing_days=len(days) - len(rows),
    )
