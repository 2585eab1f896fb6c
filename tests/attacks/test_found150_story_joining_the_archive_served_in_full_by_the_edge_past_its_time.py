"""A story that joins the archive (subscribers only) goes on being served in
full by the edge, for up to a second past its time, to a reader whose
receipt names it; the origin shows them the archive's paywall from that
moment.

A fill's time to live is the story's time left in the meter's judgement,
but never less than a second (masthead/edge/services.py, fill_answer:
``max(min(seconds, int(metered_for)), 1)``): a page drawn less than a second
before the story joins the archive is kept for a whole second, past the
moment (docs/deploy.md, "The edge": a page is kept "never past the moment
the story joins the archive").

What a reader sees: they read a story, and re-read it just before it turns
a year old; re-opened a few tenths of a second after, the edge still gives
it in full, where the origin gives the archive's lead-in.
"""

import time
from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def _sleep_until(moment) -> None:
    time.sleep(max((moment - timezone.now()).total_seconds(), 0))


def test_the_edge_serves_no_story_in_full_once_it_has_joined_the_archive(edge):
    set_meter(free_limit=5, archive_age_days=365)
    joins_archive = timezone.now() + timedelta(seconds=4)
    story = make_story_with_hidden_sentence(
        publish_at=joins_archive - timedelta(days=365)
    )
    reader = requests.Session()
    assert (
        BEYOND_LEAD_IN in reader.get(edge + story.get_absolute_url()).text
    )  # counted, by the origin

    _sleep_until(joins_archive - timedelta(seconds=0.7))
    again = reader.get(edge + story.get_absolute_url())
    assert BEYOND_LEAD_IN in again.text and again.headers.get("X-Edge", "").startswith(
        "full:"
    ), again.headers.get("X-Edge")

    _sleep_until(joins_archive + timedelta(seconds=0.1))
    page = reader.get(edge + story.get_absolute_url())
    assert BEYOND_LEAD_IN not in page.text, (
        f"an archive story in full, served by the edge as {page.headers.get('X-Edge')!r}"
    )
