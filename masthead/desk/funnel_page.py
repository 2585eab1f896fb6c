"""What /desk/funnel/ shows, from the funnel's daily rollups (FunnelCount):
each step's count and rate from the step before, by day, section, story,
referrer class and device class, and the stories that convert most per
thousand views. The view only reads the request and renders this."""

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Sum

from masthead.metering.models import DeviceClass, FunnelEventKind, ReferrerClass
from masthead.newsroom.models import Article, Section

from . import charts
from .dashboard import Card, Table, _change, count, percent
from .funnel import FUNNEL_STEPS
from .models import DayFigures, FunnelCount, FunnelDimension
from .selectors import DeskRange

STEP_LABELS = {
    FunnelEventKind.STORY_VIEW: "Story views",
    FunnelEventKind.METER_NOTICE: "Meter notices",
    FunnelEventKind.REGISTRATION_WALL_SHOWN: "Registration wall",
    FunnelEventKind.PAYWALL_SHOWN: "Paywall shown",
    FunnelEventKind.SUBSCRIBE_CLICKED: "Subscribe clicked",
    FunnelEventKind.CHECKOUT_STARTED: "Checkout started",
    FunnelEventKind.PAID: "Paid",
}
# A story needs this many views in the range to be ranked by its conversion:
# below it one payment would put a story read by a handful on top.
TOP_STORIES_MIN_VIEWS = 100
TOP_STORIES = 10
# Rows of the by-story table on the page (the CSV has every story).
STORIES_SHOWN = 50
NOT_FROM_A_PAGE = "Not from a page"


@dataclass(frozen=True)
class Link:
    """A table cell that links (a story's headline)."""

    text: str
    href: str

    def __str__(self):
        return self.text


def per_thousand(paid: int, views: int) -> str:
    return "—" if not views else f"{paid * 1000 / views:.2f}"


_STEP_OF = {str(kind): kind for kind in FUNNEL_STEPS}


def step_counts(desk_range: DeskRange, by: FunnelDimension = FunnelDimension.ALL) -> dict:
    """{group: {kind: count}} over the range, from the rollup rows of one
    dimension: ``by`` a story (its id, None for no story), a section (the
    same), a referrer or device class; every event together: one group, None."""
    rows = FunnelCount.objects.filter(dimension=by, day__gte=desk_range.first, day__lte=desk_range.last, kind__in=FUNNEL_STEPS)
    grouped: dict = defaultdict(lambda: dict.fromkeys(FUNNEL_STEPS, 0))
    for value, kind, number in rows.values_list("value", "kind").annotate(n=Sum("count")).order_by():
        grouped[_group_key(by, value)][_STEP_OF[kind]] = number
    return grouped


def _group_key(by: FunnelDimension, value: str):
    if by == FunnelDimension.ALL:
        return None
    if by in (FunnelDimension.STORY, FunnelDimension.SECTION):
        return int(value) if value else None
    return value


def step_counts_by_day(desk_range: DeskRange) -> dict:
    """{day: {kind: count}} over the range."""
    rows = FunnelCount.objects.filter(dimension=FunnelDimension.ALL, day__gte=desk_range.first, day__lte=desk_range.last, kind__in=FUNNEL_STEPS)
    grouped: dict = defaultdict(lambda: dict.fromkeys(FUNNEL_STEPS, 0))
    for day, kind, number in rows.values_list("day", "kind", "count"):
        grouped[day][_STEP_OF[kind]] = number
    return grouped


def _step_cells(steps: dict) -> tuple:
    return (*(count(steps[kind]) for kind in FUNNEL_STEPS), per_thousand(steps[FunnelEventKind.PAID], steps[FunnelEventKind.STORY_VIEW]))


def _step_csv(steps: dict) -> tuple:
    views, paid = steps[FunnelEventKind.STORY_VIEW], steps[FunnelEventKind.PAID]
    return (*(steps[kind] for kind in FUNNEL_STEPS), f"{paid * 1000 / views:.2f}" if views else "")


STEP_COLUMNS = (*(STEP_LABELS[kind] for kind in FUNNEL_STEPS), "Paid per 1,000 views")


def steps_table(steps: dict) -> Table:
    """Each step, its rate from the step before and per 1,000 story views."""
    views = steps[FunnelEventKind.STORY_VIEW]
    shown, plain, before = [], [], None
    for kind in FUNNEL_STEPS:
        number = steps[kind]
        rate = None if before is None or not before else Fraction(number, before)
        shown.append((STEP_LABELS[kind], count(number), "—" if before is None else percent(rate), per_thousand(number, views)))
        plain.append((STEP_LABELS[kind], number, "" if rate is None else f"{float(rate) * 100:.2f}", f"{number * 1000 / views:.2f}" if views else ""))
        before = number
    return Table("steps", "The funnel, step by step", ("Step", "Count", "From the step before", "Per 1,000 views"), tuple(shown), tuple(plain))


def _grouped_table(slug: str, title: str, first_column: str, groups: list[tuple[object, dict]]) -> Table:
    shown = tuple((name, *_step_cells(steps)) for name, steps in groups)
    plain = tuple((str(name), *_step_csv(steps)) for name, steps in groups)
    return Table(slug, title, (first_column, *STEP_COLUMNS), shown, plain)


def _by_views(grouped: dict) -> list:
    return sorted(grouped.items(), key=lambda item: (-item[1][FunnelEventKind.STORY_VIEW], -item[1][FunnelEventKind.PAID], str(item[0])))


def _class_label(choices, value: str) -> str:
    return dict(choices.choices).get(value, NOT_FROM_A_PAGE) if value else NOT_FROM_A_PAGE


def _stories(ids) -> dict[int, Link]:
    found = Article.objects.filter(pk__in=[one for one in ids if one is not None]).only("pk", "headline", "slug", "publish_at", "section")
    return {story.pk: Link(story.headline, story.get_absolute_url()) for story in found}


def _story_name(article_id, stories: dict):
    if article_id is None:
        return "No story (the plans page, a win-back mail)"
    return stories.get(article_id, f"Story {article_id} (deleted)")


def _top_ranked(by_story: dict) -> list:
    """The stories that convert most: at least TOP_STORIES_MIN_VIEWS views
    and a payment, by paid per view, the first TOP_STORIES."""
    ranked = [
        (article_id, steps) for article_id, steps in by_story.items()
        if article_id is not None and steps[FunnelEventKind.STORY_VIEW] >= TOP_STORIES_MIN_VIEWS and steps[FunnelEventKind.PAID]
    ]  # fmt: skip
    ranked.sort(key=lambda item: (-Fraction(item[1][FunnelEventKind.PAID], item[1][FunnelEventKind.STORY_VIEW]), -item[1][FunnelEventKind.PAID], item[0]))
    return ranked[:TOP_STORIES]


def top_converting(ranked: list, stories: dict) -> Table:
    shown = tuple(
        (_story_name(a, stories), count(s[FunnelEventKind.STORY_VIEW]), count(s[FunnelEventKind.PAID]), per_thousand(s[FunnelEventKind.PAID], s[FunnelEventKind.STORY_VIEW]))
        for a, s in ranked
    )  # fmt: skip
    plain = tuple((str(_story_name(a, stories)), s[FunnelEventKind.STORY_VIEW], s[FunnelEventKind.PAID], f"{s[FunnelEventKind.PAID] * 1000 / s[FunnelEventKind.STORY_VIEW]:.2f}") for a, s in ranked)
    return Table("top", f"Stories that convert most (at least {TOP_STORIES_MIN_VIEWS} views)", ("Story", "Views", "Paid", "Paid per 1,000 views"), shown, plain)


def day_table_and_chart(desk_range: DeskRange) -> tuple[Table, charts.Chart]:
    by_day = step_counts_by_day(desk_range)
    days = desk_range.each_day()
    empty = dict.fromkeys(FUNNEL_STEPS, 0)
    groups = [(day.isoformat(), by_day.get(day, empty)) for day in days]
    table = _grouped_table("days", "The funnel by day", "Day", groups)

    def values(kind):
        return [by_day.get(day, empty)[kind] for day in days]

    chart = charts.grouped_bar_chart(
        [charts.Series("clicked", "Subscribe clicked", values(FunnelEventKind.SUBSCRIBE_CLICKED)),
         charts.Series("checkout", "Checkout started", values(FunnelEventKind.CHECKOUT_STARTED)),
         charts.Series("paid", "Paid", values(FunnelEventKind.PAID))],
        days, count,
    )  # fmt: skip
    return table, chart


def funnel_cards(current: dict, previous: dict, known: bool) -> list[Card]:
    result = []
    for kind in FUNNEL_STEPS:
        change, trend = _change(current[kind], previous[kind] if known else None, count)
        result.append(Card(label=STEP_LABELS[kind], value=count(current[kind]), change=change, trend=trend, help=""))
    return result


@dataclass(frozen=True)
class FunnelPage:
    cards: list[Card]
    conversion: str  # paid per 1,000 views over the range
    chart: charts.Chart
    tables: dict[str, Table]
    missing_days: int


def funnel_tables(desk_range: DeskRange, *, stories_shown: int | None = None) -> tuple[dict[str, Table], charts.Chart]:
    """Every table of the page (and of its CSVs), and the chart by day. The
    by-story table has every story, or the ``stories_shown`` most viewed
    (the page: only those stories are looked up)."""
    total = step_counts(desk_range)[None]
    sections = dict(Section.objects.values_list("pk", "name"))
    by_section = step_counts(desk_range, by=FunnelDimension.SECTION)
    by_story = step_counts(desk_range, by=FunnelDimension.STORY)
    listed, top = _by_views(by_story), _top_ranked(by_story)
    stories_title = "By story"
    if stories_shown is not None and len(listed) > stories_shown:
        listed, stories_title = listed[:stories_shown], f"By story (the {stories_shown} most viewed; the CSV has all)"
    stories = _stories({key for key, _ in listed} | {key for key, _ in top})
    referrers = step_counts(desk_range, by=FunnelDimension.REFERRER)
    devices = step_counts(desk_range, by=FunnelDimension.DEVICE)
    days, chart = day_table_and_chart(desk_range)
    return {
        "steps": steps_table(total),
        "days": days,
        "sections": _grouped_table("sections", "By section", "Section", [
            (sections.get(key, "No section") if key is not None else "No section", steps) for key, steps in _by_views(by_section)]),
        "stories": _grouped_table("stories", stories_title, "Story", [(_story_name(key, stories), steps) for key, steps in listed]),
        "referrers": _grouped_table("referrers", "By where readers came from", "Came from", [
            (_class_label(ReferrerClass, key), steps) for key, steps in _by_views(referrers)]),
        "devices": _grouped_table("devices", "By device", "Device", [(_class_label(DeviceClass, key), steps) for key, steps in _by_views(devices)]),
        "top": top_converting(top, stories),
    }, chart  # fmt: skip


def funnel_page(desk_range: DeskRange) -> FunnelPage:
    tables, chart = funnel_tables(desk_range, stories_shown=STORIES_SHOWN)
    current = step_counts(desk_range)[None]
    previous_range = desk_range.previous
    previous = step_counts(previous_range)[None]
    # A day is rolled up when its desk figures are (desk_rollup writes both).
    known = DayFigures.objects.filter(day__gte=previous_range.first, day__lte=previous_range.last, plan=None).exists()
    rolled = DayFigures.objects.filter(day__gte=desk_range.first, day__lte=desk_range.last, plan=None).count()
    return FunnelPage(
        cards=funnel_cards(current, previous, known),
        conversion=per_thousand(current[FunnelEventKind.PAID], current[FunnelEventKind.STORY_VIEW]),
        chart=chart,
        tables=tables,
        missing_days=desk_range.days - rolled,
    )
