"""The demo writer: deterministic, varied, well-formed copy.

Pure Python: no database and no Django needed.
"""

import hashlib
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from masthead.demo.writer import AGENCIES, AUTHORS, SECTIONS, generate_articles

TODAY = date(2025, 11, 28)
IST = ZoneInfo("Asia/Kolkata")
ALLOWED_TAGS = {"div", "p", "h2", "blockquote", "ul", "li", "strong", "em"}


@pytest.fixture(scope="module")
def articles():
    return generate_articles(today=TODAY)


def local(article):
    return article.publish_at.astimezone(IST)


def words(element) -> int:
    return len(" ".join(element.itertext()).split())


def parse(body: str):
    return ET.fromstring("<div>" + body + "</div>")


# --- Fixed lists -------------------------------------------------------------


def test_sections_are_the_seven_desks_in_order():
    assert [s.slug for s in SECTIONS] == [
        "markets", "economy", "politics", "world", "technology", "opinion", "market-analysis",
    ]  # fmt: skip
    assert [s.name for s in SECTIONS] == [
        "Markets", "Economy", "Politics", "World", "Technology", "Opinion", "Market Analysis",
    ]  # fmt: skip
    assert len({s.position for s in SECTIONS}) == 7
    assert all(s.description for s in SECTIONS)


def test_authors_and_agencies():
    assert 10 <= len(AUTHORS) <= 14
    assert len({a.slug for a in AUTHORS}) == len(AUTHORS)
    for author in AUTHORS:
        assert re.fullmatch(r"[a-z0-9-]+", author.slug)
        assert author.name and author.role
        assert author.bio.endswith(".") and author.bio.count(". ") == 0  # one sentence
    assert 2 <= len(AGENCIES) <= 3
    assert len({a.slug for a in AGENCIES}) == len(AGENCIES)


# --- Determinism and shape ---------------------------------------------------


def test_generation_is_deterministic(articles):
    assert generate_articles(today=TODAY) == articles
    assert generate_articles(today=TODAY, seed=1997, count=400) == articles


def test_different_seeds_give_different_text(articles):
    other = generate_articles(today=TODAY, seed=2024)
    assert [a.headline for a in other] != [a.headline for a in articles]
    assert len({a.body for a in other} & {a.body for a in articles}) < 5


@pytest.mark.parametrize("count", [320, 400, 555])
def test_count_and_order(count):
    generated = generate_articles(today=TODAY, seed=7, count=count)
    assert len(generated) == count
    times = [a.publish_at for a in generated]
    assert times == sorted(times, reverse=True)


def test_publish_times_are_aware_and_never_after_today(articles):
    end_of_today = datetime.combine(TODAY, datetime.max.time(), IST)
    for article in articles:
        assert article.publish_at.tzinfo is not None
        assert article.publish_at.utcoffset() == timedelta(hours=5, minutes=30)
        assert article.publish_at <= end_of_today


def test_plausible_hours(articles):
    for article in articles:
        when = local(article)
        if when.date() == TODAY:
            assert (0, 30) <= (when.hour, when.minute) < (6, 0)
        else:
            assert 5 <= when.hour <= 23


# --- The calendar ------------------------------------------------------------


@pytest.mark.parametrize("count", [320, 400])
def test_thirty_premium_stories_today(count):
    generated = generate_articles(today=TODAY, count=count)
    today = [a for a in generated if local(a).date() == TODAY and a.is_premium]
    assert len(today) >= 30
    for article in today:
        when = local(article)
        assert (0, 30) <= (when.hour, when.minute) < (6, 0)
    sections = {a.section_slug for a in today}
    assert {"markets", "economy", "politics", "technology", "market-analysis"} <= sections


@pytest.mark.parametrize("loaded_at", [(0, 1), (0, 45), (3, 10), (5, 40)])
def test_loaded_before_dawn_todays_stories_are_already_out(loaded_at):
    """Loaded at 00:45, a demo's 00:30-06:00 stories would mostly be scheduled,
    not live: they are drawn closer together instead, the same stories in
    the same order, all out by the moment of loading and all dated today."""
    not_after = datetime.combine(TODAY, datetime.min.time(), IST).replace(hour=loaded_at[0], minute=loaded_at[1])
    usual = [a for a in generate_articles(today=TODAY) if local(a).date() == TODAY]
    early = [a for a in generate_articles(today=TODAY, not_after=not_after) if local(a).date() == TODAY]
    assert [a.slug for a in early] == [a.slug for a in usual]
    assert all(a.publish_at < not_after for a in early)
    assert sum(a.is_premium for a in early) >= 30
    assert max(a.publish_at for a in usual) >= not_after  # the usual times would not all be out


def test_loaded_after_dawn_the_times_are_the_usual_ones(articles):
    later = datetime.combine(TODAY, datetime.min.time(), IST).replace(hour=9)
    assert [a.publish_at for a in generate_articles(today=TODAY, not_after=later)] == [a.publish_at for a in articles]


@pytest.mark.parametrize("count", [320, 400])
def test_fresh_news_in_last_sixty_days(count):
    generated = generate_articles(today=TODAY, count=count)
    recent = [a for a in generated if TODAY - timedelta(days=60) <= local(a).date() <= TODAY]
    assert len(recent) >= 80
    # Not just today's edition: the past two months have news too.
    assert len([a for a in recent if local(a).date() < TODAY]) >= 80


@pytest.mark.parametrize("count", [320, 400])
def test_archive_reaches_back_to_1997(count):
    generated = generate_articles(today=TODAY, count=count)
    oldest = min(generated, key=lambda a: a.publish_at)
    assert local(oldest).date().year == 1997 and local(oldest).month == 1
    older = [a for a in generated if local(a).date() < TODAY - timedelta(days=60)]
    assert all(local(a).date() >= date(1997, 1, 1) for a in generated)
    years = {local(a).year for a in older}
    span = set(range(1997, TODAY.year))
    assert len(span - years) <= 2, sorted(span - years)


# --- Sections, bylines, premium ----------------------------------------------


def test_every_section_has_articles(articles):
    counts = Counter(a.section_slug for a in articles)
    assert set(counts) == {s.slug for s in SECTIONS}
    assert min(counts.values()) >= 10


def test_market_analysis_is_all_premium(articles):
    analysis = [a for a in articles if a.section_slug == "market-analysis"]
    assert analysis and all(a.is_premium for a in analysis)
    assert any(not a.is_premium for a in articles)


def test_opinion_is_by_our_writers(articles):
    known = {a.slug for a in AUTHORS}
    for article in articles:
        if article.section_slug == "opinion":
            assert article.agency_slug is None
            assert article.author_slugs and set(article.author_slugs) <= known


def test_wire_copy_has_no_byline(articles):
    known_agencies = {a.slug for a in AGENCIES}
    known_authors = {a.slug for a in AUTHORS}
    wire = [a for a in articles if a.agency_slug]
    assert 0.15 * len(articles) <= len(wire) <= 0.20 * len(articles)
    for article in wire:
        assert article.agency_slug in known_agencies
        assert article.author_slugs == ()
        assert article.section_slug in {"markets", "economy", "world", "politics", "technology"}
    for article in articles:
        if not article.agency_slug:
            assert article.author_slugs and set(article.author_slugs) <= known_authors
            assert len(set(article.author_slugs)) == len(article.author_slugs)


# --- The copy ----------------------------------------------------------------


def test_slugs_unique(articles):
    slugs = [a.slug for a in articles]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
        assert len(slug) <= 200


def test_headlines_distinct_and_sized(articles):
    headlines = [a.headline for a in articles]
    assert len(set(headlines)) == len(headlines)
    for article in articles:
        assert 0 < len(article.headline) <= 200
        assert article.headline[0].isupper() or article.headline[0].isdigit()
        assert 0 < len(article.standfirst) <= 400
        assert article.standfirst.count(". ") <= 1  # one or two sentences
        assert article.dateline and article.dateline[0].isupper()


def test_bodies_are_well_formed(articles):
    for article in articles:
        root = parse(article.body)
        tags = {element.tag for element in root.iter()}
        assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
        top = [child.tag for child in root]
        assert 5 <= top.count("p") <= 10
        assert top.count("h2") <= 1
        assert top.count("blockquote") <= 1
        assert top.count("ul") <= 1
        for quote in root.findall("blockquote"):
            assert [c.tag for c in quote] == ["p"]
        for ul in root.findall("ul"):
            assert len(ul) >= 1 and all(c.tag == "li" for c in ul)
        assert (root.text or "").strip() == ""
        assert all((child.tail or "").strip() == "" for child in root)


def test_body_length(articles):
    for article in articles:
        assert 180 <= words(parse(article.body)) <= 600


def test_first_paragraph_is_a_lead(articles):
    for article in articles:
        first = parse(article.body)[0]
        assert first.tag == "p"
        assert 30 <= words(first) <= 80


def test_slot_values_are_escaped():
    # "Harbour & Vale Consumer" and friends must arrive as &amp; in the HTML,
    # and read as "&" in headlines, which are plain text.
    found = False
    for seed in range(6):
        for article in generate_articles(today=TODAY, seed=seed):
            assert not re.search(r"&(?!amp;|lt;|gt;|#)", article.body)
            if "&amp;" in article.body:
                found = True
                assert "&" in " ".join(parse(article.body).itertext())
            assert "&amp;" not in article.headline
    assert found


def test_copy_varies(articles):
    leads = [" ".join(parse(a.body)[0].itertext()) for a in articles]
    assert len(set(leads)) == len(leads)
    openings = Counter(" ".join(lead.split()[:4]) for lead in leads)
    assert len(openings) >= 60
    assert openings.most_common(1)[0][1] < 0.05 * len(articles)
    first_words = Counter(a.headline.split()[0] for a in articles)
    assert first_words.most_common(1)[0][1] < 0.1 * len(articles)
    assert len({a.standfirst for a in articles}) >= 60
    assert not any("{" in a.body or "}" in a.body or "{" in a.headline for a in articles)


def test_period_place_names():
    old = [a for a in generate_articles(today=TODAY, seed=11) if local(a).year < 2001]
    assert old
    for article in old:
        assert "Kolkata" not in article.body + article.dateline
        assert "Bengaluru" not in article.body + article.dateline + article.headline


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_other_seeds_keep_the_promises(seed):
    today = date(2026, 3, 2) if seed % 2 else TODAY
    generated = generate_articles(today=today, seed=seed, count=320 + 37 * seed)
    assert len({a.slug for a in generated}) == len(generated)
    assert len({a.headline for a in generated}) == len(generated)
    premium_today = [a for a in generated if local(a).date() == today and a.is_premium]
    assert len(premium_today) >= 30
    for article in generated:
        root = parse(article.body)
        assert 180 <= words(root) <= 600
        assert 30 <= words(root[0]) <= 80
        assert article.section_slug != "market-analysis" or article.is_premium
        assert not (article.agency_slug and article.author_slugs)


# --- The same copy for the same seed -------------------------------------------

# Each field of every article, hashed, as the writer wrote them before it was
# split into desks: any change to the copy a given seed yields shows here, by field.
FIELDS = ("headline", "slug", "standfirst", "body", "section_slug", "author_slugs", "agency_slug", "dateline",
          "publish_at", "is_premium")  # fmt: skip


def fingerprint(articles) -> dict[str, str]:
    digests = {field: hashlib.sha256() for field in FIELDS}
    for article in articles:
        for field, digest in digests.items():
            value = getattr(article, field)
            text = value.isoformat() if isinstance(value, datetime) else repr(value)
            digest.update(text.encode() + b"\0")
    return {field: digest.hexdigest()[:16] for field, digest in digests.items()}


WRITTEN = {
    "the demo as loaded": {"today": TODAY, "seed": 1997, "count": 400},
    "another seed and day, loaded before dawn": {
        "today": date(2026, 3, 2),
        "seed": 3,
        "count": 357,
        "not_after": datetime(2026, 3, 2, 3, 10, tzinfo=IST),
    },
    "a small paper": {"today": date(2024, 2, 29), "seed": 42, "count": 60},
}

FINGERPRINTS = {
    "the demo as loaded": {
        "headline": "1eeac86777de63c2",
        "slug": "ef8364d90819e9a9",
        "standfirst": "b5cb295329332ea1",
        "body": "2f8232a378d7584e",
        "section_slug": "c78093da026ee0f1",
        "author_slugs": "f05bfc32559b05c0",
        "agency_slug": "f65a995feb563853",
        "dateline": "a3b674b9f54b908b",
        "publish_at": "47830068c98b6cb2",
        "is_premium": "71daea9e96b87b78",
    },
    "another seed and day, loaded before dawn": {
        "headline": "e2ec0595d376d1f8",
        "slug": "51095164eaded580",
        "standfirst": "b2bd9038760750b9",
        "body": "dc7401e1867ae37d",
        "section_slug": "53f1f829e8da6c52",
        "author_slugs": "e005c19291e17771",
        "agency_slug": "5c73c29c2fb4d268",
        "dateline": "5c42f17e78c2f59d",
        "publish_at": "d14b03bed3448e91",
        "is_premium": "ab48e649c280171c",
    },
    "a small paper": {
        "headline": "ff93540265cd19b4",
        "slug": "6de2accdff2280b8",
        "standfirst": "2231691f8e8fe63a",
        "body": "829510290f1744ca",
        "section_slug": "07ee8ece0c483c2f",
        "author_slugs": "56e6a0fe90a32342",
        "agency_slug": "3e51b971a13e2caf",
        "dateline": "efafc863d2dd5b22",
        "publish_at": "5cdd5d5592e1d353",
        "is_premium": "76c0058cb11229b5",
    },
    "lists": "6f3bb3c4b6020c74",
}


@pytest.mark.parametrize("name", WRITTEN)
def test_the_same_seed_writes_the_same_copy(name):
    assert fingerprint(generate_articles(**WRITTEN[name])) == FINGERPRINTS[name]


def test_the_same_sections_authors_and_agencies():
    listed = repr((SECTIONS, AUTHORS, AGENCIES)).encode()
    assert hashlib.sha256(listed).hexdigest()[:16] == FINGERPRINTS["lists"]
