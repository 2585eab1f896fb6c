"""A metered story's full page stays at the edge after the story joins the
archive: the fill gives it a lifetime ending when the story does
(masthead/newsroom/views.py, _edge_fill: "The full text goes to the archive
(and behind the paywall) on time"), but deploy/edge/masthead.vcl gives every
variant ten seconds of grace, and Varnish serves an object in its grace to
the next reader (fetching the new one in the background).

What a reader sees: the reader counted the story this month; a few seconds
after it joins the archive (subscribers only, docs/paywall.md), the origin
would show them the archive wall, but the edge gives them the full text
once more.

What should happen: no full page once the story is in the archive.
"""

import time
from datetime import timedelta

import pytest
import requests

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_story_that_joined_the_archive_is_not_served_in_full_by_the_edge(edge):
    set_meter(free_limit=5, archive_age_days=30)
    joins_archive_in = 4
    story = make_story_with_hidden_sentence(published_ago=timedelta(days=30) - timedelta(seconds=joins_archive_in))
    joins_archive_at = time.time() + joins_archive_in
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + story.get_absolute_url()).text  # counted by the origin
    kept = reader.get(edge + story.get_absolute_url())
    assert kept.headers.get("X-Edge", "").startswith("full") and BEYOND_LEAD_IN in kept.text

    time.sleep(max(joins_archive_at - time.time(), 0) + 1.5)
    later = reader.get(edge + story.get_absolute_url())
    assert BEYOND_LEAD_IN not in later.text, f"served by the edge as {later.headers.get('X-Edge')!r}"
