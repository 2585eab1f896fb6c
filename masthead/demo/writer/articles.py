"""The articles themselves: the calendar's slots, each given a desk's story,
a unique headline, slug and lead, and a byline or a wire agency.
"""

import random
import re
from datetime import date, datetime

from masthead.demo.writer.body import PIN, article_body, facts_stated, finish
from masthead.demo.writer.context import Stable, article_context, cap, event_day
from masthead.demo.writer.desks import DESKS
from masthead.demo.writer.desks.base import available
from masthead.demo.writer.paper import AGENCIES, AUTHORS_BY_SECTION, WIRE_SECTIONS, DemoArticle
from masthead.demo.writer.schedule import plan

_PUNCT_SLUG = re.compile(r"[^a-z0-9]+")


def _slugify(text: str) -> str:
    text = text.lower().replace("%", " pc ").replace("&", " and ").replace("₹", " rs ").replace("$", " usd ")
    text = text.replace("’", "").replace("'", "")
    slug = _PUNCT_SLUG.sub("-", text).strip("-")
    if len(slug) > 90:
        slug = slug[:90].rsplit("-", 1)[0]
    return slug or "story"


def generate_articles(
    *, today: date, seed: int = 1997, count: int = 400, not_after: datetime | None = None
) -> list[DemoArticle]:
    """``count`` original demo articles, newest first. Deterministic in
    ``(today, seed, count)`` and, before 06:00 on ``today``, ``not_after``:
    the moment today's stories must already be live by (the demo loads
    before dawn too, and its front page must not be empty then)."""
    if count < 1:
        return []
    rng = random.Random(f"masthead-demo:{seed}:{today.isoformat()}")
    stable = Stable(seed)
    slots = plan(rng, today, count, not_after=not_after)

    # Wire copy: about 17 per cent, never opinion or analysis, never premium.
    eligible = [i for i, (_, section, premium) in enumerate(slots) if not premium and section in WIRE_SECTIONS]
    wire = set(rng.sample(eligible, min(len(eligible), round(count * 0.17))))

    used_headlines: set[str] = set()
    used_leads: set[str] = set()
    used_slugs: set[str] = set()
    articles = []
    for i, (publish_at, section, premium) in enumerate(slots):
        desk = DESKS[section]
        year = event_day(publish_at).year
        article = None
        for attempt in range(400):
            kinds = [k for k in desk.kinds if k.min_year <= year]
            kind = rng.choices(kinds, [k.weight for k in kinds])[0]
            ctx = article_context(rng, stable, kind, desk, publish_at)
            if kind.dateline_key:
                dateline = str(ctx[kind.dateline_key])
            else:
                dateline = rng.choice(kind.datelines or desk.datelines)
            ctx["city"] = dateline
            template = rng.choice(available(kind.headlines, year))
            pin = PIN.match(template)
            template = PIN.sub("", template)
            headline = finish(cap(template.format_map(ctx)), year)
            if attempt >= 300:
                headline = f"{headline} ({ctx['month']} {ctx['year']})"
            if headline in used_headlines or len(headline) > 200:
                continue
            body = article_body(rng, desk, kind, ctx, year, facts_stated(template), int(pin.group(1)) if pin else None)
            if body is None or body[1] in used_leads:
                continue
            shared = available(desk.standfirsts, year)
            pool = shared if shared and rng.random() < 0.15 else available(kind.standfirsts, year)
            standfirst = finish(rng.choice(pool).format_map(ctx), year)
            if len(standfirst) > 400:
                continue
            article = (headline, standfirst, body[0], finish(dateline, year))
            used_leads.add(body[1])
            break
        if article is None:  # pragma: no cover - the templates make this unreachable
            raise RuntimeError(f"could not write a distinct {section} story")
        headline, standfirst, body, dateline = article
        used_headlines.add(headline)

        slug = base = _slugify(headline)
        n = 2
        while slug in used_slugs:
            slug = f"{base}-{n}"
            n += 1
        used_slugs.add(slug)

        if i in wire:
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
                headline=headline,
                slug=slug,
                standfirst=standfirst,
                body=body,
                section_slug=section,
                author_slugs=authors,
                agency_slug=agency,
                dateline=dateline,
                publish_at=publish_at,
                is_premium=premium,
            )
        )

    articles.sort(key=lambda a: (a.publish_at, a.slug), reverse=True)
    return articles
