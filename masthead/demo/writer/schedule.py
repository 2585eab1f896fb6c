"""When each article is published, in which section, and whether it is
premium: today's early-morning edition (its latest stories the home page's
stable front-page stories), the last sixty days' news, and an archive of a
few stories a week back to January 1997.

Each week of the archive and each day of the recent news is drawn from a
random stream of its own (seed and date), so a week's stories are the same
whenever the demo is loaded: the archive grows at the recent end only.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from masthead.demo.writer.frontpage import FRONT_PAGE, FrontPageStory
from masthead.demo.writer.paper import WIRE_SECTIONS

TZ = ZoneInfo("Asia/Kolkata")

FIRST_DAY = date(1997, 1, 1)
RECENT_DAYS = 60
# The archive: two or three stories a week (about 125 a year).
ARCHIVE_WEEK = (2, 2, 2, 3, 3)
# The last sixty days: a busier news desk, weekdays more than weekends.
RECENT_WEEKDAY = (2, 3, 3, 4)
RECENT_WEEKEND = (0, 1, 1, 2)

# Shares of the non-today articles by section: a business paper, markets
# first; the desks whose stories are about named companies, start-ups and
# states can write more distinct stories than those reporting the month's data.
_SECTION_WEIGHTS = (
    ("markets", 38), ("economy", 9), ("politics", 15), ("world", 6), ("technology", 18),
    ("opinion", 5), ("market-analysis", 9),
)  # fmt: skip
# Today's early-morning edition besides the front-page stories: mostly
# premium, across the desks.
_TODAY_PREMIUM = (
    ("markets", 7), ("economy", 7), ("market-analysis", 6), ("politics", 5), ("technology", 5),
    ("world", 2), ("opinion", 1),
)  # fmt: skip
_TODAY_FREE = ("markets", "markets", "world")
# Wire copy: about one story in six, never opinion or analysis, never premium.
_WIRE_SHARE = 0.23  # of the stories that may be wire copy


@dataclass(frozen=True)
class Slot:
    publish_at: datetime
    section: str
    premium: bool
    wire: bool
    # The stream the story's own words are drawn from.
    key: str
    front_page: FrontPageStory | None = None


def _section_slot(rng: random.Random, when: datetime, key: str, section: str | None = None) -> Slot:
    names = [s for s, _ in _SECTION_WEIGHTS]
    section = section or rng.choices(names, [w for _, w in _SECTION_WEIGHTS])[0]
    if section == "market-analysis":
        premium = True
    elif section == "opinion":
        premium = rng.random() < 0.25
    else:
        premium = rng.random() < 0.12
    wire = not premium and section in WIRE_SECTIONS and rng.random() < _WIRE_SHARE
    return Slot(when, section, premium, wire, key)


def _at_hour(rng: random.Random, day: date) -> datetime:
    minute = rng.randint(5 * 60, 23 * 60)
    return datetime.combine(day, time(minute // 60, minute % 60), TZ)


def _today(seed: int, today: date, not_after: datetime | None) -> list[Slot]:
    """Today's edition, 00:30 to 06:00 local, the front-page stories last.
    Loaded before 06:00, the same stories are drawn closer together, in the
    same order, so that all of them are out by ``not_after``."""
    rng = random.Random(f"masthead-demo:{seed}:today")
    midnight = datetime.combine(today, time(0), TZ)
    squeeze = 1.0
    if not_after is not None and midnight < not_after < midnight + timedelta(hours=6):
        squeeze = (not_after - midnight) / timedelta(hours=6)
    sections = [(s, True, None) for s, n in _TODAY_PREMIUM for _ in range(n)]
    sections += [(s, False, None) for s in _TODAY_FREE]
    rng.shuffle(sections)
    sections += [(story.section, story.premium, story) for story in reversed(FRONT_PAGE)]
    slots = []
    for i, (section, premium, story) in enumerate(sections):
        minute = 30 + int((i + rng.random()) * 330 / len(sections))
        wire = story is None and not premium and section in WIRE_SECTIONS and rng.random() < _WIRE_SHARE
        when = midnight + timedelta(minutes=minute) * squeeze
        slots.append(Slot(when, section, premium, wire, f"{today}:{i}", story))
    return slots


def _recent(seed: int, today: date) -> list[Slot]:
    slots = []
    for back in range(RECENT_DAYS, 0, -1):
        day = today - timedelta(days=back)
        rng = random.Random(f"masthead-demo:{seed}:day:{day}")
        n = rng.choice(RECENT_WEEKEND if day.weekday() >= 5 else RECENT_WEEKDAY)
        for i in range(n):
            slots.append(_section_slot(rng, _at_hour(rng, day), f"{day}:{i}"))
    return slots


def _archive(seed: int, last: date) -> list[Slot]:
    """A few stories a week from the first week of 1997 to ``last``; the
    first story of all is a markets story in January 1997."""
    slots = []
    monday = FIRST_DAY - timedelta(days=FIRST_DAY.weekday())
    while monday <= last:
        rng = random.Random(f"masthead-demo:{seed}:week:{monday}")
        days = [monday + timedelta(days=d) for d in range(7)]
        days = [d for d in days if FIRST_DAY < d <= last]
        for i in range(rng.choice(ARCHIVE_WEEK) if days else 0):
            day = rng.choice(days)
            section = "markets" if not slots else None
            slots.append(_section_slot(rng, _at_hour(rng, day), f"{day}:w{i}", section))
        monday += timedelta(days=7)
    return slots


def plan(seed: int, today: date, count: int | None = None, *, not_after: datetime | None = None) -> list[Slot]:
    """Every article's slot, oldest first, before any text.

    ``count`` None: the whole paper (several thousand stories). A number:
    that many stories in all, today's and the recent ones kept and the
    archive thinned evenly to fit, for fixtures that want a small paper."""
    today_slots = _today(seed, today, not_after)
    if count is not None and count <= len(today_slots):
        # The front-page stories are the latest; keep those first.
        return today_slots[len(today_slots) - count :]
    recent = _recent(seed, today)
    archive = _archive(seed, today - timedelta(days=RECENT_DAYS + 1))
    if count is not None:
        left = count - len(today_slots)
        if left < len(recent):
            recent = [recent[int(i * len(recent) / left)] for i in range(left)]
            archive = []
        else:
            wanted = left - len(recent)
            if wanted < len(archive):
                archive = [archive[int(i * len(archive) / wanted)] for i in range(wanted)]
    slots = archive + recent + today_slots
    return sorted(slots, key=lambda slot: slot.publish_at)
