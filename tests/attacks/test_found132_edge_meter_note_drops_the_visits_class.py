"""The meter note the edge writes into a re-read story (the ESI
``/_edge/meter-note`` in deploy/edge/masthead.vcl) links to the plans with
no ``via``: a reader who came from search and subscribes from it is counted
as a direct visit, where the origin's own note for the same reader carries
``via=search``.

docs/desk.md: the paywall's and the meter notice's links carry the visit's
class on as via=<class>; a step with no via is direct. The origin's note
was fixed to carry it; the edge's copy of "the origin's own words" was
written without it (the receipt does not say where the visit came from, and
the VCL does not look at the Referer).

What a reader does: arrives from Google, reads a story (the origin answers:
its note links to /subscribe/?from=N&via=search), opens it again from the
same search (the edge answers: /subscribe/?from=N), and subscribes from
there: "subscribe clicked", "checkout started" and "paid" go to "direct".

What should happen: the edge's note links with the visit's class, as the
origin's does for the same reader and story.
"""

import re

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article


pytestmark = pytest.mark.django_db(transaction=True)
FROM_SEARCH = {"Referer": "https://www.google.com/search?q=story"}


def _note_link(page: str) -> str:
    note = re.search(r'<p class="meter-notice"[^>]*>.*?</p>', page, re.S)
    assert note, "the page has its meter note"
    return re.search(r'href="([^"]+)"', note.group(0)).group(1)


def test_the_edge_meter_note_carries_the_visits_class_like_the_origins(edge):
    set_meter(free_limit=5)
    story = make_article()
    reader = requests.Session()
    first = reader.get(edge + story.get_absolute_url(), headers=FROM_SEARCH)
    assert "X-Edge" not in first.headers, "the first view is the origin's (it counts the story)"
    assert "via=search" in _note_link(first.text)

    again = reader.get(edge + story.get_absolute_url(), headers=FROM_SEARCH)
    assert again.headers.get("X-Edge", "").startswith("full")
    assert "via=search" in _note_link(again.text), f"the edge's note links to {_note_link(again.text)}"
