"""Charts as SVG geometry, worked out on the server with no I/O: the
template draws the shapes (no script, no inline style, so the site's CSP
holds), and each chart has its table beside it for the exact numbers."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 12, 12, 44
X_LABELS_MAX = 6
SMALL_COUNT = 20


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str
    title: str


@dataclass(frozen=True)
class Series:
    key: str  # its CSS class (desk.css gives each series its colour)
    label: str
    values: Sequence[int]


@dataclass(frozen=True)
class Chart:
    series: tuple[Series, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...] = ()
    line: str = ""  # a polyline's points
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def nice_ceiling(value: int) -> int:
    """The axis' top: 1, 2 or 5 times a power of ten, at or above ``value``
    (at least 1, so an empty chart still has an axis)."""
    step = 1
    while True:
        for multiple in (1, 2, 5):
            if step * multiple >= value:
                return step * multiple
        step *= 10


def axis_top(value: int) -> int:
    """The axis' top: for a small count a multiple of 4, so its four steps
    are whole numbers (a count of 3 on an axis to 4, not 5); else nice_ceiling."""
    if value <= SMALL_COUNT:
        return max(4, -(-value // 4) * 4)
    return nice_ceiling(value)


def _y(value: float, top_value: int) -> float:
    return round(HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / top_value, 1)


def _y_ticks(top_value: int, label: Callable[[int], str]) -> tuple[Tick, ...]:
    return tuple(Tick(at=_y(top_value * n // 4, top_value), label=label(top_value * n // 4)) for n in range(5))


def _slot(index: int, count: int) -> tuple[float, float]:
    """A day's slot on the x axis: its left edge and width."""
    width = (WIDTH - RIGHT - LEFT) / max(count, 1)
    return LEFT + index * width, width


def _x_ticks(days: Sequence[date]) -> tuple[Tick, ...]:
    every = max(1, -(-len(days) // X_LABELS_MAX))
    ticks = []
    for index in range(0, len(days), every):
        left, width = _slot(index, len(days))
        ticks.append(Tick(at=round(left + width / 2, 1), label=f"{days[index].day} {days[index]:%b}"))
    return tuple(ticks)


def line_chart(series: Series, days: Sequence[date], label: Callable[[int], str]) -> Chart:
    top_value = axis_top(max(series.values, default=0))
    points = []
    for index, value in enumerate(series.values):
        left, width = _slot(index, len(days))
        points.append(f"{round(left + width / 2, 1)},{_y(value, top_value)}")
    return Chart(series=(series,), y_ticks=_y_ticks(top_value, label), x_ticks=_x_ticks(days), line=" ".join(points))


def stacked_bar_chart(series: Sequence[Series], days: Sequence[date], label: Callable[[int], str]) -> Chart:
    """One bar a day, each series stacked on the ones before it."""
    top_value = axis_top(max((sum(values) for values in zip(*(s.values for s in series))), default=0))
    bars = []
    for index, day in enumerate(days):
        left, width = _slot(index, len(days))
        below = 0
        for one in series:
            value = one.values[index]
            if value:
                y = _y(below + value, top_value)
                bars.append(Bar(x=round(left + width * 0.1, 1), y=y, width=round(width * 0.8, 1),
                                height=round(_y(below, top_value) - y, 1), series=one.key,
                                title=f"{day:%-d %b}: {one.label} {label(value)}"))  # fmt: skip
            below += value
    return Chart(series=tuple(series), y_ticks=_y_ticks(top_value, label), x_ticks=_x_ticks(days), bars=tuple(bars))


def grouped_bar_chart(series: Sequence[Series], days: Sequence[date], label: Callable[[int], str]) -> Chart:
    """The series side by side within each day's slot."""
    top_value = axis_top(max((max(s.values, default=0) for s in series), default=0))
    bars = []
    for index, day in enumerate(days):
        left, width = _slot(index, len(days))
        bar_width = width * 0.8 / len(series)
        for position, one in enumerate(series):
            value = one.values[index]
            if value:
                y = _y(value, top_value)
                bars.append(Bar(x=round(left + width * 0.1 + position * bar_width, 1), y=y, width=round(bar_width, 1),
                                height=round(_y(0, top_value) - y, 1), series=one.key,
                                title=f"{day:%-d %b}: {one.label} {label(value)}"))  # fmt: skip
    return Chart(series=tuple(series), y_ticks=_y_ticks(top_value, label), x_ticks=_x_ticks(days), bars=tuple(bars))
