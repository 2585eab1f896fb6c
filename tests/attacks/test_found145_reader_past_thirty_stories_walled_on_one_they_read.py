"""A reader whose meter allows more than 30 stories a month, and who has
used it all, is shown the paywall by the edge on a story they read this
month (in full, counted), where the origin shows it to them in full again.

The receipt names at most 30 stories (masthead/metering/receipts.py,
RECEIPT_MAX_ARTICLES: "articles beyond it are simply asked of the store");
the edge (deploy/edge/masthead.vcl) looks a used-up reader up under the
paywall first and turns to the full page only for a story the receipt
names. A counted story past the 30th is not named, so the edge gives the
cached ``wall:p<N>`` page instead of asking the origin, which would find
the story counted and serve it (docs/paywall.md: a story counted this month
can be read again all month).

What a reader sees: a 31-a-month meter (a generous arm, or the desk's
setting); the reader reads 31 stories, meets the paywall on the 32nd, goes
back to the 31st they read a minute ago, and is walled.
"""

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_used_up_reader_rereads_every_story_counted_this_month_past_the_thirtieth(edge):
    set_meter(free_limit=31)
    stories = [make_story_with_hidden_sentence() for _ in range(32)]
    reader = requests.Session()
    for story in stories[:31]:
        assert BEYOND_LEAD_IN in reader.get(edge + story.get_absolute_url()).text
    walled = reader.get(edge + stories[31].get_absolute_url())
    assert PAYWALL_TEXT in walled.text and BEYOND_LEAD_IN not in walled.text

    # The 31st story was read (and counted) a moment ago.
    again = reader.get(edge + stories[30].get_absolute_url())
    assert BEYOND_LEAD_IN in again.text, again.headers.get("X-Edge")
    # And the first ones, which the receipt names, still come in full.
    assert BEYOND_LEAD_IN in reader.get(edge + stories[0].get_absolute_url()).text
