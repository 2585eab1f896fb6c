"""Search ranks only the newest matches (RANKED_MATCHES, made small here so
a handful of stories show it): what a reader sees of that, and on
PostgreSQL that either plan finds the same stories."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from masthead.access.readers import Reader
from masthead.search.backends import Order, base, postgres, sqlite
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
    for n in range(20):
        make_article(headline=f"Inland {n}")

    def run(walk, window_spare=None, cap=None):
        """The search with every statement's plan forced to ``walk``; from
        the GIN index, first within a window of about ``window_spare`` x the
        matches wanted (too small a window falls back to every match)."""
        real_use = postgres._Planner.use
        monkeypatch.setattr(postgres._Planner, "use", lambda planner, **_: real_use(planner, walk=walk))
        if window_spare:
            monkeypatch.setattr(postgres, "WINDOW_FROM", 0)
            monkeypatch.setattr(postgres, "WINDOW_SPARE", window_spare)
        if cap:
            monkeypatch.setattr(postgres, "MAX_RESULTS", cap)
        page = search_articles(query=parse_query("lighthouse"), reader=new_reader(), order=order)
        monkeypatch.undo()
        few_ranked(monkeypatch)
        return [article.headline for article in page.articles], page.total

    walked = run(True)
    assert walked[1] == 11
    assert run(False) == walked
    assert run(False, window_spare=1.5) == walked
    assert run(False, window_spare=0.5) == walked
    # The count, capped, from a window that holds the cap and from one that does not.
    assert run(True, cap=5)[1] == run(False, window_spare=1.5, cap=5)[1] == run(False, window_spare=0.2, cap=5)[1] == 5
    expected_newest = ["Coast report 0", "Coast report 1", "Coast report 2", "Lighthouse reopens"]
    if order == Order.RELEVANCE:
        assert walked[0][:RANKED] == ["Lighthouse reopens", "Coast report 0", "Coast report 1", "Coast report 2"]
    else:
        assert walked[0][:RANKED] == expected_newest


@on_postgres
def test_a_common_word_walks_and_a_rare_one_takes_the_index():
    for n in range(20):
        make_article(headline=f"Tide table {n}", body=body_with("Tide times." if n else "Tide times and a walrus."))
    with connection.cursor() as cursor:
        common = postgres._match_share(cursor, "tide", public=False)
        rare = postgres._match_share(cursor, "walrus", public=False)
        both = postgres._match_share(cursor, "tide walrus", public=False)
        missing = postgres._match_share(cursor, "unicorn", public=False)
    assert common.matches == 20 and common.walks(RANKED)
    assert rare.matches == 1 and not rare.walks(RANKED)
    assert both.matches == 1 and not both.walks(RANKED)
    assert missing.matches == 0 and not missing.walks(RANKED)
