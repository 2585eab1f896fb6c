"""The articles themselves: the calendar's slots, oldest first, each given a
desk's story: a headline unlike any other, a standfirst and a lead of its
own, and a byline or a wire agency.
"""

import random
import re
from datetime import date, datetime

from masthead.demo.writer.body import PIN, alternate, article_body, facts_stated, finish
from masthead.demo.writer.context import Stable, article_context, cap, event_day
from masthead.demo.writer.desks import DESKS
from masthead.demo.writer.desks.base import Kind, available
from masthead.demo.writer.distinct import HeadlineRegister
from masthead.demo.writer.frontpage import FRONT_PAGE, FrontPageStory
from masthead.demo.writer.paper import AGENCIES, AUTHORS_BY_SECTION, DemoArticle
from masthead.demo.writer.schedule import Slot, plan

_PUNCT_SLUG = re.compile(r"[^a-z0-9]+")
_ATTEMPTS = 150
# Where a story goes when its desk has run out of distinct stories for the
# day (years of monthly data say the same things): the news desks whose
# stories are about the most named things. None of them is premium-only, so
# the slot's premium and wire flags still hold.
_FALLBACK_SECTIONS = ("markets", "technology", "politics")
# Headlines tried on one draw of a story's facts before the facts are drawn
# again (drawing them costs more than trying a headline).
_HEADLINES_PER_DRAW = 4


def slugify(text: str) -> str:
    text = text.lower().replace("%", " pc ").replace("&", " and ").replace("₹", " rs ").replace("$", " usd ")
    text = text.replace("’", "").replace("'", "")
    slug = _PUNCT_SLUG.sub("-", text).strip("-")
    if len(slug) > 90:
        slug = slug[:90].rsplit("-", 1)[0]
    return slug or "story"


class _Written:
    """What the paper has printed so far, that no later story may repeat."""

    def __init__(self):
        self.headlines = HeadlineRegister()
        self.standfirsts: set[str] = set()
        self.leads: set[str] = set()
        self.slugs: set[str] = set()

    def slug_for(self, headline: str) -> str:
        slug = base = slugify(headline)
        n = 2
        while slug in self.slugs:
            slug = f"{base}-{n}"
            n += 1
        self.slugs.add(slug)
        return slug


def _kind_named(section: str, name: str) -> Kind:
    return next(kind for kind in DESKS[section].kinds if kind.name == name)


def _fill(template: str, ctx: dict, year: int) -> str:
    return finish(template.format_map(ctx), year)


def _story(rng: random.Random, stable: Stable, slot: Slot, section: str, written: _Written) -> dict | None:
    """Headline, standfirst, body, dateline and subject for one slot, filed
    by ``section``'s desk; None if the desk has nothing left to say that the
    paper has not printed."""
    desk = DESKS[section]
    year = event_day(slot.publish_at).year
    front: FrontPageStory | None = slot.front_page
    for attempt in range(_ATTEMPTS):
        if front:
            kind = _kind_named(section, front.kind)
        else:
            kinds = [k for k in desk.kinds if k.min_year <= year]
            kind = rng.choices(kinds, [k.weight for k in kinds])[0]
        group = f"{section}:{kind.name}"
        ctx = article_context(rng, stable, kind, desk, section, slot.publish_at, front.pins if front else None)
        if kind.dateline_key:
            dateline = str(ctx[kind.dateline_key])
        else:
            dateline = rng.choice(kind.datelines or desk.datelines)
        ctx["city"] = dateline
        if front:
            headline, template, pin = front.headline, front.headline, None
        else:
            for _ in range(_HEADLINES_PER_DRAW):
                template = rng.choice(available(kind.headlines, year))
                pin = PIN.match(template)
                template = alternate(rng, PIN.sub("", template))
                headline = finish(cap(template.format_map(ctx)), year)
                if len(headline) <= 200 and written.headlines.accepts(headline, group):
                    break
            else:
                continue
        body = article_body(
            rng, desk, kind, ctx, year, facts_stated(template), int(pin.group(1)) if pin else None,
            lead=front.lead if front else None,
        )
        if body is None or body[1] in written.leads:
            continue
        standfirst_template = front.standfirst if front else rng.choice(available(kind.standfirsts, year))
        standfirst = _fill(alternate(rng, standfirst_template), ctx, year)
        if standfirst in written.standfirsts or len(standfirst) > 400:
            continue
        written.leads.add(body[1])
        written.standfirsts.add(standfirst)
        if not front:
            written.headlines.add(headline, group)
        return {
            "section": section,
            "headline": headline,
            "standfirst": standfirst,
            "body": body[0],
            "dateline": finish(dateline, year),
            "subject": _fill(kind.subject, ctx, year),
            "aliases": tuple(_fill(alias, ctx, year) for alias in kind.aliases),
        }
    return None


def generate_articles(
    *, today: date, seed: int = 1997, count: int | None = None, not_after: datetime | None = None
) -> list[DemoArticle]:
    """The demo's original articles, newest first: the whole paper, or
    ``count`` of them. Deterministic in ``(today, seed, count)`` and, before
    06:00 on ``today``, ``not_after``: the moment today's stories must
    already be live by (the demo loads before dawn too, and its front page
    must not be empty then).

    Written oldest first, each story drawn from its own slot's random
    stream: a story depends only on the stories before it, so the archive's
    old weeks read the same whatever the day."""
    if count is not None and count < 1:
        return []
    stable = Stable(seed)
    written = _Written()
    # The front page's headlines and slugs are spoken for before any other story.
    for story in FRONT_PAGE:
        written.headlines.add(story.headline, f"{story.section}:{story.kind}")
        written.slugs.add(story.slug)
    articles = []
    for slot in plan(seed, today, count, not_after=not_after):
        rng = random.Random(f"masthead-demo:{seed}:story:{slot.key}")
        for section in dict.fromkeys((slot.section, *_FALLBACK_SECTIONS)):
            story = _story(rng, stable, slot, section, written)
            if story:
                break
        else:  # pragma: no cover - the desks have far more to say than the paper prints
            raise RuntimeError(f"could not write a distinct story for {slot.publish_at:%Y-%m-%d}")
        if slot.front_page:
            slug = slot.front_page.slug
        else:
            slug = written.slug_for(story["headline"])

        section = story["section"]
        if slot.wire:
            authors: tuple[str, ...] = ()
            agency = rng.choice(AGENCIES).slug
        else:
            pool = AUTHORS_BY_SECTION[section]
            if section != "opinion" and len(pool) > 1 and rng.random() < 0.12:
                authors = tuple(rng.sample(pool, 2))
            else:
                authors = (rng.choice(pool),)
            agency = None

        articles.append(
            DemoArticle(
                headline=story["headline"],
                slug=slug,
                standfirst=story["standfirst"],
                body=story["body"],
                section_slug=section,
                author_slugs=authors,
                agency_slug=agency,
                dateline=story["dateline"],
                publish_at=slot.publish_at,
                is_premium=slot.premium,
                subject=story["subject"],
                aliases=story["aliases"],
            )
        )

    articles.sort(key=lambda a: (a.publish_at, a.slug), reverse=True)
    return articles
