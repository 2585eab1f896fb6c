"""What a desk is made of: kinds of story, each a set of templates about one
subject.

A story is written from one kind only: its lead, paragraphs, quote and list
all come from that kind's templates and are filled from one story's facts
(writer/context.py), so every paragraph is about the story's own company,
place or event. A desk shares only its datelines and subheads.

Template syntax, beyond str.format slots such as {co} (and {Co}, the same
value capitalised):

- ``"@YYYY|..."``  only reads naturally from that year on (no start-ups in
  1997, no artificial intelligence in 2003);
- ``"[L1]..."``    on a headline: always pair it with lead 1 of its kind;
- ``"[[a|b|c]]"``  one of the alternatives, picked at random when filled.

A headline's slots are facts the body must state: the lead and paragraphs
that state them are preferred, and a body that misses one is redrawn
(writer/body.py).

Every lead and paragraph of a kind names its ``subject`` or one of its
``aliases`` (the subject's people, "the start-up"): the demo's tests hold
every story to that.
"""

from dataclasses import dataclass


def templates(*texts: str) -> tuple[tuple[int, str], ...]:
    """``(first year, text)`` for each template; the year from its ``@YYYY|``, else 1997."""
    pool = []
    for text in texts:
        year = 1997
        if text.startswith("@"):
            head, text = text[1:].split("|", 1)
            year = int(head)
        pool.append((year, text))
    return tuple(pool)


def available(pool, year: int):
    """The templates of a pool that read naturally in ``year``."""
    return [text for min_year, text in pool if min_year <= year]


@dataclass(frozen=True)
class Kind:
    name: str
    # What the story is about, as a template ("{startup}", "the rupee"), and
    # the other words its paragraphs use for it ("{founder_last}", "the start-up").
    subject: str
    aliases: tuple[str, ...]
    headlines: tuple[tuple[int, str], ...]
    standfirsts: tuple[tuple[int, str], ...]
    leads: tuple[tuple[int, str], ...]
    paragraphs: tuple[tuple[int, str], ...]
    quotes: tuple[tuple[int, str], ...] = ()
    weight: int = 1
    min_year: int = 1997
    sectors: tuple[str, ...] | None = None
    ministries: tuple[str, ...] | None = None
    datelines: tuple[str, ...] | None = None
    dateline_key: str | None = None
    lists: tuple | None = None


@dataclass(frozen=True)
class Desk:
    kinds: tuple[Kind, ...]
    subheads: tuple[str, ...]
    datelines: tuple[str, ...]
    sectors: tuple[str, ...] | None = None
    p_quote: float = 0.3
    p_list: float = 0.2
    p_subhead: float = 0.5
