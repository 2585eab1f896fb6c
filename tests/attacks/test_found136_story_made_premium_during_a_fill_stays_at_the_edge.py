"""A story made premium (or edited, or unpublished) while the edge is
filling one of its variants stays at the edge in its old state for
MASTHEAD_EDGE_PAGE_SECONDS.

The fill (masthead/newsroom/views.py, _edge_fill) reads the story, decides
the variant and renders it; the purge (masthead/edge/services.py,
purge_story) goes out when the change commits. When the change commits while
a fill is being rendered, the purge finds nothing to drop (the edge has no
object yet: it is still waiting for the origin's answer), and the answer
that arrives afterwards, drawn from the story as it was, is stored and
served for the page's whole life. Revocations were made safe against the
same race (tokens are stamped with the moment the origin decided); purges
were not.

What a reader sees: they read a metered story (the origin counts it); the
desk makes it premium a moment later, while the edge is fetching the story's
full page; for the next two minutes the edge keeps giving the reader the
full text of a premium story, though every view is well after the change.

What should happen: a change to a story reaches edge readers within a
second, whatever the edge was fetching when it was made.
"""

import threading
import time

import pytest
import requests

from masthead.newsroom import views
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_story_made_premium_during_a_fill_is_not_kept_at_the_edge(edge, monkeypatch):
    set_meter(free_limit=5)
    story = make_story_with_hidden_sentence()
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + story.get_absolute_url()).text  # counted by the origin

    filling, changed = threading.Event(), threading.Event()
    draw = views._article_page

    def slow_fill(*args, **kwargs):
        # The edge's fill (signed_in is given only there): decided, now rendering.
        if kwargs.get("signed_in") is not None and not filling.is_set():
            filling.set()
            changed.wait(10)
        return draw(*args, **kwargs)

    monkeypatch.setattr(views, "_article_page", slow_fill)
    in_flight = threading.Thread(target=reader.get, args=(edge + story.get_absolute_url(),))
    in_flight.start()
    assert filling.wait(10), "the re-read asked the origin for the full page"
    story.is_premium = True
    story.save()  # the purge goes out as the change commits
    time.sleep(0.3)
    changed.set()
    in_flight.join(10)

    time.sleep(1.5)  # well past "within a second" of the change
    later = reader.get(edge + story.get_absolute_url())
    assert BEYOND_LEAD_IN not in later.text, f"served by the edge as {later.headers.get('X-Edge')!r}"
