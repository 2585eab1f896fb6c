"""When staff raise the free limit, a reader whose month was used under the
old limit keeps being shown the paywall by the edge, for as long as their
receipt lasts (MASTHEAD_EDGE_RECEIPT_SECONDS, an hour), where the origin
gives them the new free stories.

The receipt (masthead/edge/tokens.py, mt_rcpt) says which paywall the edge
may show for new stories ("p1": the plain paywall of a one-a-month meter).
Saving the meter's rules purges every story from the edge
(masthead/edge/signals.py), but the receipts already given out are still
honoured: the edge refills the "wall:p1" variant (the origin fills whatever
limit the variant names) and shows it. masthead/access/replay.py: the edge
"only serves a page the origin would have served the same reader".

What a reader sees: their one free story of the month is read and the next
one walled; the desk raises the meter to five a month to draw readers in;
every new story the reader opens in the next hour is walled by the edge,
though the origin would let them read four more (and counts them against
the new limit once their receipt runs out).

What should happen: a change to the meter's rules reaches edge readers as
it reaches the origin's.
"""

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_the_raised_meter_lets_read_is_not_walled_by_the_edge(edge):
    set_meter(free_limit=1)
    read, walled, new = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + read.get_absolute_url()).text
    assert PAYWALL_TEXT in reader.get(edge + walled.get_absolute_url()).text  # the month is used

    set_meter(free_limit=5)  # four more this month
    page = reader.get(edge + new.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, f"walled by the edge as {page.headers.get('X-Edge')!r}"
