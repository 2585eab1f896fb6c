"""After staff lower the free limit, the meter note the edge writes into a
re-read story still counts against the old limit, for as long as the
reader's receipt lasts (MASTHEAD_EDGE_RECEIPT_SECONDS, an hour): the note's
numbers come from the receipt (deploy/edge/masthead.vcl, vcl_synth 750:
<limit> - <views>), and saving the meter's rules purges the pages but not
the receipts already given out.

What a reader sees: a five-a-month meter; they read a story ("4 of 5 free
articles left this month"); the desk lowers the meter to two a month; the
reader opens the story again and the edge still tells them "4 of 5 free
articles left this month", where the origin tells the same reader "1 of 2".
They open three more stories counting on the note, and the second is
walled.

What should happen: the note the edge writes says what the origin's would
for the same reader (docs: "The edge's page is the origin's, its meter note
too, word for word").
"""

import re

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def _note(page: str) -> str:
    note = re.search(r'<p class="meter-notice"[^>]*>(.*?)<a ', page, re.S)
    assert note, "the page has its meter note"
    return note.group(1).strip()


def test_the_edge_note_counts_against_the_lowered_limit_like_the_origin(edge, live_server):
    set_meter(free_limit=5)
    story = make_story_with_hidden_sentence()
    reader = requests.Session()
    assert _note(reader.get(edge + story.get_absolute_url()).text) == "4 of 5 free articles left this month."

    set_meter(free_limit=2)
    own_cookies = {name: value for name, value in reader.cookies.items() if name != "mt_rcpt"}
    origin = requests.get(live_server.url + story.get_absolute_url(), cookies=own_cookies)
    assert _note(origin.text) == "1 of 2 free articles left this month.", "the origin's note for this reader"
    # Served by the edge or, its receipt revoked by the change, by the origin once:
    # either way the note is the origin's.
    again = reader.get(edge + story.get_absolute_url())
    assert _note(again.text) == _note(origin.text)
    assert reader.get(edge + story.get_absolute_url()).headers.get("X-Edge", "").startswith("full")
    assert _note(reader.get(edge + story.get_absolute_url()).text) == "1 of 2 free articles left this month."
