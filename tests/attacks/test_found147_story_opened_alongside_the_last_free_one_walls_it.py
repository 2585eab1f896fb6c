"""A reader who opens their last free story and another new one at the same
time (two links opened in new tabs, say) is then walled by the edge on the
story they just read, for as long as the receipt lasts
(MASTHEAD_EDGE_RECEIPT_SECONDS, an hour), where the origin shows it to them
in full (it was counted).

Both requests leave with the cookies they came with. The origin counts the
first story and walls the second; the walled page's receipt (mt_rcpt) is
made from the reader cookie the request carried, which does not name the
story counted alongside it, and says the allowance is used ("p2"). When
that answer arrives last, the browser keeps it. The edge (deploy/edge/
masthead.vcl) looks a used-up reader up under the paywall first and gives
the full page only for a story the receipt names: the counted story is
walled, and no page the origin answers for this reader (every metered story
is now the edge's) ever gives them a receipt that names it.
masthead/metering/receipts.py: a receipt read back from a cookie may be
behind the store (another tab), and the origin asks the store then.
"""

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_last_free_story_read_alongside_a_walled_one_can_be_read_again(edge):
    set_meter(free_limit=2)
    first, last_free, alongside = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + first.get_absolute_url()).text
    before_both = reader.cookies.get_dict()

    # Two new stories at once: both requests carry the same cookies.
    opened = reader.get(edge + last_free.get_absolute_url())
    assert BEYOND_LEAD_IN in opened.text and "This is your last free article this month." in opened.text
    walled = requests.get(edge + alongside.get_absolute_url(), cookies=before_both)
    assert PAYWALL_TEXT in walled.text and BEYOND_LEAD_IN not in walled.text
    reader.cookies.update(walled.cookies)  # the answer that arrived last

    again = reader.get(edge + last_free.get_absolute_url())
    assert BEYOND_LEAD_IN in again.text, again.headers.get("X-Edge")
