"""Reads of the e-paper: only ready editions ever reach a reader."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.http import Http404

from .models import Edition, Page


@dataclass(frozen=True)
class CalendarDay:
    day: date
    in_month: bool
    edition: Edition | None
    is_latest: bool


def latest_edition() -> Edition | None:
    return Edition.objects.ready().order_by("-date").first()


def ready_edition(day: date) -> Edition | None:
    """The day's edition if it is ready: pending and failed editions do not exist for readers."""
    return Edition.objects.ready().filter(date=day).first()


def edition_for_reader(day: date) -> Edition:
    """The ready edition of a day, or 404."""
    edition = ready_edition(day)
    if edition is None:
        raise Http404("No e-paper edition for that day.")
    return edition


def editions_around(*, first: date, last: date) -> tuple[Edition | None, Edition | None]:
    """The nearest ready editions before ``first`` and after ``last``: where
    to send a reader who asked for a day or a month without one."""
    ready = Edition.objects.ready()
    return ready.filter(date__lt=first).order_by("-date").first(), ready.filter(date__gt=last).order_by("date").first()


def edition_page(edition: Edition, number: int) -> Page:
    page = edition.pages.filter(number=number).first()
    if page is None:
        raise Http404("That edition has no such page.")
    return page


def edition_pages(edition: Edition) -> list[Page]:
    return list(edition.pages.order_by("number"))


def month_grid(year: int, month: int) -> list[list[CalendarDay]]:
    """The weeks (Monday first) of a month, each day with its ready edition if any."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    editions = {
        edition.date: edition
        for edition in Edition.objects.ready().filter(date__gte=weeks[0][0], date__lte=weeks[-1][-1])
    }
    latest = latest_edition()
    return [
        [
            CalendarDay(
                day=day,
                in_month=day.month == month,
                edition=editions.get(day),
                is_latest=latest is not None and day == latest.date,
            )
            for day in week
        ]
        for week in weeks
    ]


def months_with_editions() -> tuple[date | None, date | None]:
    """The first days of the earliest and latest months that have an edition."""
    ready = Edition.objects.ready()
    first, last = ready.order_by("date").first(), ready.order_by("-date").first()
    if first is None:
        return None, None
    return first.date.replace(day=1), last.date.replace(day=1)


def editions_available() -> bool:
    """Whether the e-paper has anything to give a subscriber yet."""
    return Edition.objects.ready().exists()
