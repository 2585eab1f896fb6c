"""An article's body from its kind's templates: a lead that states the
headline's facts, paragraphs, perhaps a quote, a list and a subhead (the
desk's), within the length the site expects.
"""

import html
import random
import re
from collections import Counter

from masthead.demo.writer.desks.base import Desk, Kind, available
from masthead.demo.writer.vocabulary import RENAMES

_SLOT = re.compile(r"{(\w+)}")
_ALTERNATIVES = re.compile(r"\[\[(.*?)\]\]")
PIN = re.compile(r"^\[L(\d)\]")
# Headline slots whose fact the body states under another name.
_ALIASES = {
    "weeks_n": "weeks",
    "idx_round": "idx",
    "idx_ceil": "idx",
    "rupee_round": "rupee",
    "brent_round": "brent",
    "party_abbr": "party",
    "opp_abbr": "opp",
    "fcb_short": "fcb",
    "summit_short": "summit",
    "product_short": "product",
    "client_h": "client",
    "quarter_short": "quarter",
    "country_h": "country",
}


def alternate(rng: random.Random, template: str) -> str:
    """"[[a|b|c]]" in a template: one of the alternatives, at random."""
    return _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), template)


# When a story happened ("… in March") is said by its date, not its body.
_WHEN = {"month", "month_prev", "year"}


def facts_stated(template: str) -> set[str]:
    """The facts a template states, by their canonical slot names."""
    keys = set()
    for key in _SLOT.findall(_ALTERNATIVES.sub("", template)):
        key = key[:1].lower() + key[1:]
        keys.add(_ALIASES.get(key, key))
    return keys - _WHEN


# "Thaali Labs’" and "Sindhu Wheels’", not "Labs’s": a name ending in s.
_NAME_ENDING_IN_S = re.compile(r"\b([A-Z][\w&-]*s)’s\b")


def finish(text: str, year: int) -> str:
    """Typographic apostrophes and the place names of the day."""
    text = _NAME_ENDING_IN_S.sub(r"\1’", text.replace("'", "’"))
    for new, old, since in RENAMES:
        if year < since and new in text:
            text = text.replace(new, old)
    return text


# How a person is introduced on first mention, when the paragraph that
# introduced them was not drawn: a title before the name, or who they are after it.
_TITLES = {"minister": "{minister_title} {minister}"}
_WHO = {
    "ceo": "{ceo_role} of {co}",
    "founder": "co-founder of {startup}",
    "leader": "the {opp} leader",
    "analyst": "{analyst_role} at {broker}",
    "analyst2": "a fund manager at {broker2}",
    "analyst3": "an analyst at {broker3}",
    "economist": "{economist_role} at {bank}",
    "economist2": "a professor at {university}",
    "f_analyst": "an analyst at {f_firm}",
    "vc_partner": "a partner at {vc}",
    "state_fm": "{state}’s finance minister",
    "pol_analyst": "who studies elections at {university}",
}
_CLOSES_A_CLAUSE = tuple(",.;:”)")


def introduce_people(blocks: list[list], ctx: dict) -> None:
    """A person first named by surname alone ("Upadhyay said") is introduced
    there ("Kunal Upadhyay, co-founder of Thaali Labs, said"): paragraphs are
    drawn in varying sets, so the one that introduced them may not be in
    this story."""
    texts = [block for block in blocks if block[0] not in ("ul", "h2")]
    # Two people of one surname in a story: leave them as they are written.
    everything = " ".join(block[1] for block in texts)
    surnames = Counter(str(ctx[k]) for k in ctx if k.endswith("_last") and str(ctx[k]) in everything)
    for key in [k.removesuffix("_last") for k in ctx if k.endswith("_last")]:
        full, last = str(ctx.get(key, "")), str(ctx[f"{key}_last"])
        if full == last or not full.endswith(last) or surnames[last] > 1:
            continue
        try:
            named = _TITLES[key].format_map(ctx) if key in _TITLES else full
            who = _WHO[key].format_map(ctx) if key in _WHO else ""
        except KeyError:
            named, who = full, ""

        def introduction(match: re.Match) -> str:
            if not who:
                return named
            closed = match.string[match.end() : match.end() + 1] in _CLOSES_A_CLAUSE
            return f"{named}, {who}" if closed else f"{named}, {who},"

        for block in texts:
            if full in block[1]:
                break
            if last in block[1]:
                surname = re.compile(rf"(?<![\w’-]){re.escape(last)}(?![\w-])")
                block[1], found = surname.subn(introduction, block[1], count=1)
                if found:
                    break


def _n_words(text: str) -> int:
    return len(text.split())


def article_body(
    rng: random.Random,
    desk: Desk,
    kind: Kind,
    ctx: dict,
    year: int,
    promised: set[str],
    pin: int | None,
    *,
    lead: str | None = None,
) -> tuple[str, str] | None:
    """The article's HTML and its lead, or None if this draw cannot make a good one.

    ``promised`` are the headline's facts: the lead that states most of them
    is preferred, paragraphs stating the rest come next, and the draw is
    rejected if the finished body still leaves one out. ``lead``, a template
    of its own, replaces the kind's (the front page's stories)."""

    def fill(template: str) -> str:
        return finish(alternate(rng, template).format_map(ctx), year)

    leads = [(i, t) for i, (y, t) in enumerate(kind.leads) if y <= year]
    if lead is None and pin is not None and any(i == pin for i, _ in leads):
        lead = kind.leads[pin][1]
    elif lead is None:
        scored = [(len(facts_stated(t) & promised), t) for _, t in leads]
        best = max(score for score, _ in scored)
        lead = rng.choice([t for score, t in scored if score == best])
    missing = promised - facts_stated(lead)

    # Only the kind's own paragraphs: a desk-wide pool is how a start-up's
    # story once wandered into cybersecurity and the rupee.
    pool = available(kind.paragraphs, year)
    order = {template: i for i, template in enumerate(pool)}
    rng.shuffle(pool)
    chosen: list[str] = []
    for template in pool:
        if missing & facts_stated(template):
            chosen.append(template)
            missing -= facts_stated(template)
    k = rng.randint(4, 6)
    chosen += [t for t in pool if t not in chosen][: max(0, k - len(chosen))]
    spare = [t for t in pool if t not in chosen]

    def n_words(templates_: list[str]) -> int:
        return sum(_n_words(t) for t in templates_)

    # Long enough, then not too long (dropping what no headline fact needs).
    while (n_words(chosen) < 170 or len(chosen) < 4) and spare and len(chosen) < 8:
        chosen.append(spare.pop())
    promised_in = {t for t in chosen if facts_stated(t) & promised}
    while n_words(chosen) > 480 and len(chosen) > 4:
        droppable = [t for t in chosen if t not in promised_in]
        if not droppable:
            break
        chosen.remove(droppable[-1])
    # In the order the kind tells its story.
    chosen.sort(key=order.__getitem__)

    # Each block is [type, text-or-items]; the types are lead, p, intro, ul, quote, h2.
    blocks: list[list] = [["lead", fill(lead)]]
    blocks += [["p", fill(t)] for t in chosen]

    quotes = available(kind.quotes, year)
    if quotes and rng.random() < desk.p_quote:
        blocks.insert(rng.randint(2, len(blocks)), ["quote", fill(rng.choice(quotes))])

    if kind.lists and rng.random() < desk.p_list:
        intros, items = rng.choice(kind.lists)
        picked = rng.sample(items, min(len(items), rng.randint(3, 5)))
        at = rng.randint(2, len(blocks))
        blocks[at:at] = [["intro", fill(rng.choice(intros))], ["ul", [fill(i) for i in picked]]]

    introduce_people(blocks, ctx)

    def words() -> int:
        total = 0
        for type_, content in blocks:
            total += sum(map(_n_words, content)) if type_ == "ul" else _n_words(content)
        return total

    def paragraphs() -> int:
        return sum(1 for b in blocks if b[0] in ("lead", "p", "intro"))

    if rng.random() < desk.p_subhead and desk.subheads:
        spots = [i for i in range(3, len(blocks) - 1) if blocks[i][0] == "p"]
        if spots:
            blocks.insert(rng.choice(spots), ["h2", rng.choice(desk.subheads)])

    total, count = words(), paragraphs()
    if not (180 <= total <= 600 and 5 <= count <= 10 and 30 <= _n_words(blocks[0][1]) <= 80):
        return None
    text = " ".join(" ".join(c) if t == "ul" else c for t, c in blocks).lower()
    if any(finish(str(ctx[key]), year).lower() not in text for key in promised):
        return None

    out = []
    for type_, content in blocks:
        if type_ == "ul":
            out.append("<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in content) + "</ul>")
        elif type_ == "quote":
            out.append(f"<blockquote><p>{html.escape(content, quote=False)}</p></blockquote>")
        elif type_ == "h2":
            out.append(f"<h2>{html.escape(content, quote=False)}</h2>")
        else:
            out.append(f"<p>{html.escape(content, quote=False)}</p>")
    return "\n".join(out), blocks[0][1]
