"""When each article is published, in which section, and whether it is
premium: today's early-morning edition, the last sixty days' news and an
archive back to January 1997.
"""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Kolkata")


# Shares of the non-today articles by section.
_SECTION_WEIGHTS = (
    ("markets", 21), ("economy", 18), ("politics", 15), ("world", 13), ("technology", 13),
    ("opinion", 9), ("market-analysis", 11),
)  # fmt: skip
# Today's early-morning edition: mostly premium, across the desks.
_TODAY_PREMIUM = (
    ("markets", 8), ("economy", 7), ("market-analysis", 6), ("politics", 5), ("technology", 5),
    ("world", 2), ("opinion", 1),
)  # fmt: skip
_TODAY_FREE = ("markets", "markets", "economy", "world", "world", "politics")


def plan(rng: random.Random, today: date, count: int, *, not_after: datetime | None = None) -> list[list]:
    """[publish_at, section, premium] for every article, before any text."""
    slots: list[list] = []

    # Today: already live for most of the day, 00:30 to 06:00 local; loaded
    # before 06:00, the same stories are drawn closer together, in the same
    # order, so that all of them are out by ``not_after``.
    midnight = datetime.combine(today, time(0), TZ)
    squeeze = 1.0
    if not_after is not None and midnight < not_after < midnight + timedelta(hours=6):
        squeeze = (not_after - midnight) / timedelta(hours=6)
    today_sections = [(s, True) for s, n in _TODAY_PREMIUM for _ in range(n)]
    today_sections += [(s, False) for s in _TODAY_FREE]
    rng.shuffle(today_sections)
    today_sections = today_sections[: min(len(today_sections), count)]
    n_today = len(today_sections)
    for i, (section, premium) in enumerate(today_sections):
        minute = 30 + int((i + rng.random()) * 330 / n_today)
        slots.append([midnight + timedelta(minutes=minute) * squeeze, section, premium])

    names = [s for s, _ in _SECTION_WEIGHTS]
    weights = [w for _, w in _SECTION_WEIGHTS]

    def free_slot(when: datetime, section: str | None = None) -> list:
        section = section or rng.choices(names, weights)[0]
        if section == "market-analysis":
            premium = True
        elif section == "opinion":
            premium = rng.random() < 0.25
        else:
            premium = rng.random() < 0.12
        return [when, section, premium]

    def at_hour(day: date) -> datetime:
        minute = rng.randint(5 * 60, 23 * 60)
        return datetime.combine(day, time(minute // 60, minute % 60), TZ)

    remaining = count - n_today
    n_recent = min(remaining, max(90, round(count * 0.37)))
    for i in range(n_recent):
        back = 1 + int((i + rng.random()) * 60 / n_recent)  # 1..60 days ago
        slots.append(free_slot(at_hour(today - timedelta(days=min(back, 60)))))

    n_archive = remaining - n_recent
    if n_archive > 0:
        # The oldest story is in January 1997; the rest are spread evenly
        # (stratified) from February 1997 to 61 days ago.
        slots.append(free_slot(at_hour(date(1997, 1, rng.randint(2, 31))), "markets"))
        start, end = date(1997, 2, 1), today - timedelta(days=61)
        span = max(0, (end - start).days)
        others = n_archive - 1
        for i in range(others):
            offset = int((i + rng.random()) * span / others) if others else 0
            slots.append(free_slot(at_hour(start + timedelta(days=min(offset, span)))))
    return slots
