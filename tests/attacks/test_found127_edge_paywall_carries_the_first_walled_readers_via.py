"""The edge's cached paywall (the ``wall:p<N>`` variant) keeps the referrer
class of the reader whose visit filled it: every later reader the edge walls
on that story is sent to the plans with that reader's ``via``.

The fill request carries the walled reader's own headers to the origin (the
edge drops only the cookie), and the paywall's subscribe links are written
with funnel_visit_via(), read from the request's Referer. One reader arriving
from a search engine (or anyone sending ``Referer: https://www.google.com/``)
writes ``via=search`` into the page the edge then shows every direct reader
past their allowance: the funnel's "from search" column counts their
checkouts (docs/paywall.md: the links carry the reader's own visit's class;
the same hole was closed for the origin's own page cache).

What should happen: a page the edge keeps for every reader carries no
visitor's class (or the edge's paywall is not shared across visit classes).
"""

import re

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article


pytestmark = pytest.mark.django_db(transaction=True)


def _past_the_allowance(base: str, stories, **headers) -> requests.Session:
    reader = requests.Session()
    for story in stories[:2]:
        # The first is the month's one free story; the second is walled by
        # the origin, which gives the receipt naming the edge's paywall.
        assert reader.get(base + story.get_absolute_url(), headers=headers).status_code == 200
    return reader


def _subscribe_links(page: str) -> set[str]:
    return set(re.findall(r'href="(/subscribe/\?[^"]*)"', page))


def test_a_direct_reader_walled_at_the_edge_is_not_counted_as_from_search(edge):
    set_meter(free_limit=1)
    stories = [make_article(headline=f"Story {n}") for n in range(3)]
    searcher = _past_the_allowance(edge, stories, Referer="https://www.google.com/search?q=story")
    first = searcher.get(edge + stories[2].get_absolute_url(), headers={"Referer": "https://www.google.com/"})
    assert first.headers.get("X-Edge", "").startswith("wall:p1")
    assert any("via=search" in link for link in _subscribe_links(first.text))

    direct = _past_the_allowance(edge, stories)
    walled = direct.get(edge + stories[2].get_absolute_url())
    assert walled.headers.get("X-Edge", "").startswith("wall:p1")
    links = _subscribe_links(walled.text)
    assert links, "the paywall has its subscribe links"
    assert not any("via=" in link for link in links), f"a direct reader's paywall links: {sorted(links)}"
