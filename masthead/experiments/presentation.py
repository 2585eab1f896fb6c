"""How an experiment's results are shown: the interval chart (SVG drawn on
the server: no script, no inline style, so the CSP holds), the table, the CSV."""

from dataclasses import dataclass

from masthead.core.spreadsheet import csv_document

from .stats import ExperimentResult, Interval

WIDTH, ROW, TOP, LEFT, RIGHT = 640, 44, 28, 150, 44


def percent(value: float | None, places: int = 2) -> str:
    return "–" if value is None else f"{value * 100:.{places}f}%"


def points(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:+.2f} pts"


def interval_text(interval: Interval | None, *, signed: bool = False) -> str:
    if interval is None:
        return "–"
    show = points if signed else percent
    return f"{show(interval.low)} to {show(interval.high)}"


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float
    low: float
    high: float
    text: str
    control: bool


@dataclass(frozen=True)
class IntervalChart:
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]
    height: int
    left: int = LEFT
    right: int = WIDTH - RIGHT

    @property
    def view_box(self) -> str:
        return f"0 0 {WIDTH} {self.height}"

    @property
    def bottom(self) -> int:
        return self.height - 24


def interval_chart(result: ExperimentResult) -> IntervalChart:
    """One bar per arm (its rate), with its 95% interval as a whisker, on an
    axis from 0 to a little above the highest interval."""
    highest = max([arm.rate_interval.high for arm in result.arms if arm.rate_interval] or [0.0])
    top = _nice(highest)
    span = WIDTH - RIGHT - LEFT

    def x(value: float) -> float:
        return round(LEFT + span * value / top, 1)

    bars = []
    for index, arm in enumerate(result.arms):
        y = TOP + index * ROW
        interval = arm.rate_interval
        bars.append(
            Bar(
                label=arm.name,
                y=y,
                width=round(x(arm.rate or 0.0) - LEFT, 1),
                low=x(interval.low) if interval else LEFT,
                high=x(interval.high) if interval else LEFT,
                text=f"{arm.name}: {percent(arm.rate)} (95% interval {interval_text(interval)})",
                control=arm.is_control,
            )
        )
    ticks = tuple((x(top * step / 4), percent(top * step / 4, 1)) for step in range(5))
    return IntervalChart(bars=tuple(bars), ticks=ticks, height=TOP + ROW * len(bars) + 24)


def _nice(value: float) -> float:
    """A round top for the axis: 1%, 2%, 5%, 10%, 20%, 50% or 100%."""
    for top in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0):
        if value <= top:
            return top
    return 1.0


COLUMNS = ["Arm", "Readers exposed", "Conversions", "Rate", "Rate 95% interval", "Difference from control", "Difference 95% interval"]


def result_rows(result: ExperimentResult) -> list[list[str]]:
    return [
        [
            arm.name + (" (control)" if arm.is_control else ""),
            f"{arm.exposed:,}",
            f"{arm.conversions:,}",
            percent(arm.rate),
            interval_text(arm.rate_interval),
            "control" if arm.is_control else points(arm.difference),
            "" if arm.is_control else interval_text(arm.difference_interval, signed=True),
        ]
        for arm in result.arms
    ]


def result_csv(result: ExperimentResult) -> str:
    """Rates as fractions with six decimals: a spreadsheet does its own
    formatting. Arm names are Business's words: never run as formulas."""

    def f(value):
        return "" if value is None else f"{value:.6f}"

    header = ["arm", "control", "exposed", "conversions", "rate", "rate_low", "rate_high",
              "difference", "difference_low", "difference_high", "sample_reached"]  # fmt: skip
    rows = []
    for arm in result.arms:
        ri, di = arm.rate_interval, arm.difference_interval
        rows.append([
            arm.name, "yes" if arm.is_control else "no", arm.exposed, arm.conversions, f(arm.rate),
            f(ri.low if ri else None), f(ri.high if ri else None), f(arm.difference),
            f(di.low if di else None), f(di.high if di else None), "yes" if arm.sample_reached else "no",
        ])  # fmt: skip
    return csv_document([header, *rows])
