"""Search ranks only the newest matches (RANKED_MATCHES, made small here so
a handful of stories show it): what a reader sees of that, and on
PostgreSQL that either plan finds the same stories."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from masthead.access.readers import Reader
from masthead.search.backends import Order, base, postgres, reads, recent, sqlite
from masthead.search.backends.base import Filters
from masthead.search.backends.reads import Read
from masthead.search.query import parse_query
from masthead.search.selectors import search_articles
from masthead.testing.newsroom import make_article, make_section

from .test_search import OPENING, found, new_reader

pytestmark = pytest.mark.django_db

RANKED = 4
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")


def few_ranked(monkeypatch):
    for module in (base, postgres, sqlite):
        monkeypatch.setattr(module, "RANKED_MATCHES", RANKED)


@pytest.fixture(autouse=True)
def _few_ranked(monkeypatch):
    few_ranked(monkeypatch)


def body_with(words: str) -> str:
    return OPENING + f"<p>{words}</p>"


def lighthouse_stories(count=7):
    """``count`` stories that mention the lighthouse once, in the body, one a day
    (story 0 the newest), and an older one with it in the headline."""
    stories = [
        make_article(headline=f"Coast report {n}", body=body_with("The lighthouse keeper waved."),
                     published_ago=timedelta(days=n + 1))
        for n in range(count)
    ]  # fmt: skip
    make_article(headline="Lighthouse saved", standfirst="Volunteers won.", published_ago=timedelta(days=count + 30))
    return stories


def test_a_common_word_finds_the_newest_stories_first_among_equals():
    lighthouse_stories()
    assert found("lighthouse")[:RANKED] == [f"Coast report {n}" for n in range(RANKED)]


def test_a_headline_match_outranks_body_matches_among_the_newest():
    lighthouse_stories(count=5)
    make_article(headline="Lighthouse reopens", published_ago=timedelta(days=2, hours=12))
    assert found("lighthouse")[:RANKED] == ["Lighthouse reopens", "Coast report 0", "Coast report 1", "Coast report 2"]


def test_past_the_newest_matches_results_come_newest_first_and_every_match_once():
    lighthouse_stories()
    headlines = found("lighthouse")
    # The old headline match is not among the newest RANKED: it is not
    # ranked, and comes last, as the oldest.
    assert headlines == [f"Coast report {n}" for n in range(7)] + ["Lighthouse saved"]
    page = search_articles(query=parse_query("lighthouse"), reader=new_reader())
    assert page.total == 8


def test_pages_across_the_ranked_matches_hold_every_match_once(monkeypatch):
    monkeypatch.setattr("masthead.search.selectors.PAGE_SIZE", 3)
    stories = lighthouse_stories()
    make_article(headline="Lighthouse reopens", published_ago=timedelta(hours=5))
    pages = [search_articles(query=parse_query("lighthouse"), reader=new_reader(), page=n) for n in (1, 2, 3)]
    headlines = [article.headline for page in pages for article in page.articles]
    assert headlines[:RANKED] == ["Lighthouse reopens", "Coast report 0", "Coast report 1", "Coast report 2"]
    assert headlines[RANKED:] == [s.headline for s in stories[3:]] + ["Lighthouse saved"]
    assert {page.total for page in pages} == {9}


def test_filters_choose_the_newest_matches_among_what_they_let_through():
    desk = make_section(name="Coast", slug="coast")
    for n in range(6):
        make_article(headline=f"Elsewhere {n}", body=body_with("The lighthouse again."), published_ago=timedelta(hours=n + 1))
    make_article(headline="Coast lighthouse", section=desk, published_ago=timedelta(days=40))
    make_article(headline="Coast keeper", section=desk, body=body_with("A lighthouse."), published_ago=timedelta(days=50))
    assert found("lighthouse", section=desk) == ["Coast lighthouse", "Coast keeper"]
    page = search_articles(query=parse_query("lighthouse"), reader=new_reader(), section=desk)
    assert page.total == 2
    assert found("lighthouse", order=Order.NEWEST)[:6] == [f"Elsewhere {n}" for n in range(6)]
    a_month_ago = timezone.localdate() - timedelta(days=35)
    assert found("lighthouse", day_to=a_month_ago) == ["Coast lighthouse", "Coast keeper"]


def test_a_premium_body_stays_hidden_when_its_word_is_common(subscriber):
    for n in range(6):
        make_article(headline=f"Free {n}", body=body_with("The ferry was late."), published_ago=timedelta(days=n + 1))
    make_article(headline="Premium desk", body=body_with("The ferry strike talks."), is_premium=True)
    assert "Premium desk" not in found("ferry")
    assert search_articles(query=parse_query("ferry"), reader=new_reader()).total == 6
    assert found("ferry", reader=Reader(user=subscriber, anonymous_id=None))[0] == "Premium desk"


@on_postgres
def test_the_word_counts_follow_the_index():
    def stories_with(word):
        with connection.cursor() as cursor:
            cursor.execute("SELECT stories, public_stories FROM search_word WHERE word = %s", [word])
            row = cursor.fetchone()
        return tuple(row) if row else (0, 0)

    first = make_article(headline="Lantern festival", body=body_with("Kites flew."))
    second = make_article(headline="Harbour news", body=body_with("The lantern was lit."))
    assert stories_with("lantern") == (2, 1) and stories_with("kite") == (1, 0)
    second.body = body_with("The lamp was lit.")
    second.save()
    assert stories_with("lantern") == (1, 1)
    first.delete()
    assert stories_with("lantern") == (0, 0)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE search_word SET stories = 99")
    call_command("search_rebuild", stdout=open("/dev/null", "w"))
    assert stories_with("lamp") == (1, 0) and stories_with("") == (1, 1)


@on_postgres
@pytest.mark.parametrize("order", [Order.RELEVANCE, Order.NEWEST])
def test_both_plans_find_the_same_newest_matches(monkeypatch, order):
    lighthouse_stories(count=9)
    make_article(headline="Lighthouse reopens", published_ago=timedelta(days=3, hours=1))
    # Older than the recent slice's own indexes reach.
    make_article(headline="Lighthouse built", published_ago=timedelta(days=recent.RECENT_DAYS + 40))
    for n in range(20):
        make_article(headline=f"Inland {n}")

    def run(read, window_spare=None, cap=None):
        """The search with every statement read the one way ``read``; from
        a window, of about ``window_spare`` x the matches wanted (too small
        a window falls back to every match)."""
        monkeypatch.setattr(postgres, "read_choice", lambda *args, **kwargs: read)
        if window_spare:
            monkeypatch.setattr(reads, "WINDOW_SPARE", window_spare)
        if cap:
            monkeypatch.setattr(postgres, "MAX_RESULTS", cap)
        page = search_articles(query=parse_query("lighthouse"), reader=new_reader(), order=order)
        monkeypatch.undo()
        few_ranked(monkeypatch)
        return [article.headline for article in page.articles], page.total

    walked = run(Read.WALK)
    assert walked[1] == 12 and walked[0][-1] == "Lighthouse built"
    assert run(Read.EVERY) == walked
    # The recent slice holds all but the oldest: enough for a page, not for the count.
    assert run(Read.RECENT) == walked
    assert run(Read.RECENT, cap=5)[1] == 5
    assert run(Read.WINDOW, window_spare=1.5) == walked
    assert run(Read.WINDOW, window_spare=0.5) == walked
    # The count, capped, from a window that holds the cap and from one that does not.
    assert run(Read.WALK, cap=5)[1] == run(Read.WINDOW, window_spare=1.5, cap=5)[1] == 5
    assert run(Read.WINDOW, window_spare=0.2, cap=5)[1] == run(Read.EVERY, cap=5)[1] == 5
    expected_newest = ["Coast report 0", "Coast report 1", "Coast report 2", "Lighthouse reopens"]
    if order == Order.RELEVANCE:
        assert walked[0][:RANKED] == ["Lighthouse reopens", "Coast report 0", "Coast report 1", "Coast report 2"]
    else:
        assert walked[0][:RANKED] == expected_newest


@on_postgres
def test_within_a_section_only_its_matches_are_fetched(monkeypatch):
    """Read from the word indexes, a search within a section fetches its
    own few matches, not the forty elsewhere (each statement replayed under
    EXPLAIN ANALYZE): the section narrows the bitmap (from the GIN indexes,
    which hold it beside the words, or for a section this small its btree)
    instead of being tested on every match's row."""
    desk = make_section(name="Coast", slug="coast")
    for n in range(40):
        make_article(headline=f"Inland lighthouse {n}", body=body_with("The lighthouse again."), is_premium=n % 2 == 0)
    for n in range(3):
        make_article(headline=f"Coast lighthouse {n}", section=desk, is_premium=n == 0)
    monkeypatch.setattr(postgres, "read_choice", lambda *args, **kwargs: Read.EVERY)
    statements = []

    def remember(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(remember):
        page = search_articles(query=parse_query("lighthouse"), reader=new_reader(), section=desk)
    assert sorted(article.headline for article in page.articles) == [f"Coast lighthouse {n}" for n in range(3)]

    def fetched(plan) -> int:
        """The rows a read of the matches fetched, kept or not."""
        rows = 0
        if plan["Node Type"] == "Bitmap Heap Scan" and "@@" in plan.get("Filter", "") + plan["Recheck Cond"]:
            rows = plan["Actual Rows"] + plan.get("Rows Removed by Filter", 0) + plan.get("Rows Removed by Index Recheck", 0)
        return rows + sum(fetched(child) for child in plan.get("Plans", []))

    reads_of_matches = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params in statements:
            if "@@" not in sql or "search_entry" not in sql:
                cursor.execute(sql, params)
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0][0]["Plan"]
            # Each of the section's three fetched at most once per part.
            assert fetched(plan) <= 3 * 2
            reads_of_matches += 1
        transaction.set_rollback(True)
    assert reads_of_matches >= 1


@on_postgres
@pytest.mark.parametrize("read", [Read.WALK, Read.EVERY, Read.RECENT, Read.WINDOW])
def test_within_a_section_words_that_are_all_stop_words_find_nothing(monkeypatch, read):
    """The section's own lexeme is ANDed into the reader's words: with no
    words left (all stop words, which PostgreSQL drops), it must not find
    the whole section."""
    desk = make_section(name="Coast", slug="coast")
    make_article(headline="The tide and the moon", section=desk)
    monkeypatch.setattr(postgres, "read_choice", lambda *args, **kwargs: read)
    page = search_articles(query=parse_query("the and"), reader=new_reader(), section=desk)
    assert (page.articles, page.total) == ([], 0)
    assert found("tide", section=desk) == ["The tide and the moon"]
    # A section's name is no word of its stories.
    assert found("section", section=desk) == [] and found(f"section {desk.pk}") == []


@on_postgres
def test_the_estimate_counts_each_words_stories_and_the_entries_a_filter_keeps():
    for n in range(20):
        make_article(headline=f"Tide table {n}", body=body_with("Tide times." if n else "Tide times and a walrus."))
    section = make_article(headline="Other desk").section_id
    with connection.cursor() as cursor:
        # The filters' entries come from the planner's statistics: these rows', not earlier tests'.
        cursor.execute("ANALYZE search_entry")

        def estimate(text, **filters):
            every = Filters(now=timezone.now(), scope=None, **filters)
            where, params = postgres.PostgresBackend()._where(every)
            return postgres._estimate(cursor, text, public=False, parts=1, filters=every, where=where, params=params)[0]

        common, rare, both, missing = (estimate(text) for text in ("tide", "walrus", "tide walrus", "unicorn"))
        in_section = estimate("tide", section_id=section)
    assert (common.entries, common.kept, round(common.matches), common.listed) == (21, 21, 20, 20)
    assert (round(rare.matches), rare.listed) == (1, 1)
    assert (round(both.matches), both.listed) == (1, 1)
    assert missing.matches == 0 and missing.listed == 0
    assert in_section.kept < in_section.entries == 21


# The archive of bench/search.py at three million stories: its words' shares.
ARCHIVE = 3_000_000


def _word(share, *, kept=ARCHIVE, parts=1, ranged=False, sectioned=False, fetched_share=0.0):
    return reads.Estimate(entries=ARCHIVE, kept=kept, share=share, listed=int(share * ARCHIVE), parts=parts,
                          ranged=ranged, sectioned=sectioned, fetched_share=fetched_share)  # fmt: skip


def test_a_word_most_stories_hold_is_walked_and_a_rare_one_read_from_the_index():
    assert reads.read_choice(_word(0.6), 200, ordered=True) == Read.WALK
    assert reads.read_choice(_word(0.6), 1000, ordered=False) == Read.WALK
    assert reads.read_choice(_word(0.0005), 200, ordered=True) == Read.EVERY
    assert reads.read_choice(_word(0.0005), 1000, ordered=False) == Read.EVERY
    assert reads.read_choice(_word(0.0), 200, ordered=True) == Read.EVERY


def test_a_middling_word_is_read_within_a_window_of_the_newest_entries():
    middling = _word(0.02, parts=2)
    assert reads.read_choice(middling, 200, ordered=True) == Read.WINDOW
    assert middling.window_entries(200) == 30_000
    # A count needs no order: every match, read until the cap.
    assert reads.read_choice(middling, 1000, ordered=False) == Read.EVERY
    # A window as large as what the filters keep is no window.
    narrow = _word(0.02, kept=20_000, ranged=True)
    assert narrow.window_entries(200) is None and Read.WINDOW not in reads.read_costs(narrow, 200, ordered=True)


def test_a_date_range_is_listed_from_its_btree_and_a_section_read_from_the_word_indexes():
    year = _word(0.02, kept=100_000, ranged=True)
    section = _word(0.02, kept=375_000, sectioned=True)
    costs_year, costs_section = (reads.read_costs(word, 200, ordered=True) for word in (year, section))
    listing = 0.02 * ARCHIVE * reads.LISTED_POSTING
    assert costs_year[Read.EVERY] == pytest.approx(listing + 100_000 * reads.LISTED_ENTRY + 2000 * reads.FETCHED_ROW)
    # Only the section's matches are fetched: its postings are in the index.
    assert costs_section[Read.EVERY] == pytest.approx(listing + 0.02 * 375_000 * reads.FETCHED_ROW)
    # A count stops once the cap passed the filters.
    counting = reads.read_costs(section, 1000, ordered=False)[Read.EVERY]
    assert counting == pytest.approx(listing + 1000 * reads.FETCHED_ROW)
    walked = min(200 / 0.02, 375_000) * reads.WALKED_ENTRY
    assert costs_section[Read.WALK] == pytest.approx(walked)
    # Without the section in the index, every match in the archive would be fetched and tested.
    unsectioned = reads.read_costs(_word(0.02, kept=375_000), 200, ordered=True)[Read.EVERY]
    assert unsectioned == pytest.approx(listing + 0.02 * ARCHIVE * reads.FETCHED_ROW)
    assert reads.read_costs(_word(0.02, kept=375_000), 1000, ordered=False)[Read.EVERY] == pytest.approx(
        listing + 1000 * ARCHIVE / 375_000 * reads.FETCHED_ROW
    )


def test_each_part_fetches_its_own_matches():
    """A reader matching two parts: each part's GIN scan fetches every
    entry matching on it, before its condition keeps one or the other."""
    public_and_full = _word(0.01, parts=2, fetched_share=0.01 + 0.02)
    costs = reads.read_costs(public_and_full, 200, ordered=True)
    listing = 30_000 * 2 * reads.LISTED_POSTING
    assert costs[Read.EVERY] == pytest.approx(listing + 90_000 * reads.FETCHED_ROW)
    # The matches kept are the public part's share; the rows read, both parts'.
    counted = reads.read_costs(public_and_full, 1000, ordered=False)[Read.EVERY]
    assert counted == pytest.approx(listing + 90_000 * 1000 / 30_000 * reads.FETCHED_ROW)
    assert public_and_full.fetched == 0.03 and _word(0.01, parts=2).fetched == 0.02


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_the_recent_slice_follows_the_calendar_and_finds_the_same_stories():
    """Its own indexes start RECENT_DAYS back; the daily job moves them once
    they are RECENT_SLACK_DAYS behind, and searches find the same."""
    lighthouse_stories(count=3)

    def since_and_indexes():
        with connection.cursor() as cursor:
            since = recent.current_since(cursor)
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_entry'")
            return since, sorted(name for (name,) in cursor.fetchall() if "_since_" in name)

    before = found("lighthouse")
    since, indexes = since_and_indexes()
    assert since == recent.recent_since(timezone.now()) and len(indexes) == 2
    assert recent.recent_slice_move(timezone.now()) is None  # not behind yet
    later = timezone.now() + timedelta(days=recent.RECENT_SLACK_DAYS + 1)
    moved = recent.recent_slice_move(later)
    assert moved == recent.recent_since(later) > since
    assert since_and_indexes() == (moved, sorted(recent.index_name(part, moved) for part in ("document", "public_document")))
    assert found("lighthouse") == before


def test_the_recent_slice_is_read_first_when_it_should_hold_enough():
    from dataclasses import replace

    word = replace(_word(0.02, parts=2), recent=200_000, recent_kept=200_000)
    assert reads.read_choice(word, 200, ordered=True) == Read.RECENT
    assert reads.read_choice(word, 1000, ordered=False) == Read.RECENT
    # Tried in vain: the next cheapest.
    assert reads.read_choice(word, 200, ordered=True, without=Read.RECENT) == Read.WINDOW
    # Expected to hold a hundred of the two hundred wanted: not tried...
    too_few = replace(word, recent_kept=5_000)
    assert Read.RECENT not in reads.read_costs(too_few, 200, ordered=True)
    # ...unless it holds every story the filters keep (a date range inside it),
    # or most of its stories match on their full text.
    assert Read.RECENT in reads.read_costs(replace(too_few, covers=True), 200, ordered=True)
    assert Read.RECENT in reads.read_costs(replace(too_few, recent_share=0.05), 200, ordered=True)


def test_each_ways_cost_is_its_units_of_work():
    """The cost model, term by term, for a reader matching two parts: a
    window, a date range read in full or counted, and the recent slice."""
    from dataclasses import replace

    posting, entry, row, walked = reads.LISTED_POSTING, reads.LISTED_ENTRY, reads.FETCHED_ROW, reads.WALKED_ENTRY
    word = replace(_word(0.02, parts=2), recent=300_000, recent_kept=300_000)
    costs = reads.read_costs(word, 200, ordered=True)
    listing = 60_000 * 2 * posting
    assert costs[Read.WALK] == pytest.approx(10_000 * walked)
    # Each part fetches its own matches: twice the share's rows.
    assert costs[Read.EVERY] == pytest.approx(listing + 120_000 * row)
    assert costs[Read.WINDOW] == pytest.approx(listing + 2 * 30_000 * entry + 1200 * row)
    assert costs[Read.RECENT] == pytest.approx(6_000 * 2 * posting + 12_000 * row)
    counted = reads.read_costs(word, 1000, ordered=False)
    assert counted[Read.RECENT] == pytest.approx(6_000 * 2 * posting + 2000 * row)
    assert counted[Read.EVERY] == pytest.approx(listing + 2000 * row)

    year = _word(0.02, kept=100_000, ranged=True)
    assert reads.read_costs(year, 1000, ordered=False)[Read.EVERY] == pytest.approx(
        60_000 * posting + 100_000 * entry + 1000 * row
    )
    # Exactly as many expected in the slice as wanted: worth reading.
    edge_of_enough = replace(word, recent_kept=10_000)
    assert Read.RECENT in reads.read_costs(edge_of_enough, 200, ordered=True)


def test_a_window_is_a_window_only_when_smaller_than_what_the_filters_keep():
    assert _word(0.02, kept=30_001).window_entries(200) == 30_000
    assert _word(0.02, kept=30_000).window_entries(200) is None
    assert _word(0.0).window_entries(200) is None


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_migrating_an_index_written_without_sections_lets_it_search_within_one(monkeypatch):
    desk = make_section(name="Coast", slug="coast")
    make_article(headline="Coast lighthouse", section=desk)
    make_article(headline="Inland lighthouse")
    monkeypatch.setattr(postgres, "read_choice", lambda *args, **kwargs: Read.EVERY)
    call_command("migrate", "search", "0004", verbosity=0)
    # Read from the word indexes, entries without their section's lexeme are not found in it.
    assert found("lighthouse", section=desk) == []
    call_command("migrate", "search", verbosity=0)
    assert found("lighthouse", section=desk) == ["Coast lighthouse"]
    assert sorted(found("lighthouse")) == ["Coast lighthouse", "Inland lighthouse"]
