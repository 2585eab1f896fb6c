"""An experiment of the free allowance that starts or ends at its set time
(not at a save) changes what the origin decides for a reader, but the edge
goes on showing the paywall a receipt from before names, for as long as the
receipt lasts (MASTHEAD_EDGE_RECEIPT_SECONDS, an hour).

Receipts are revoked (REVOKE r:all) only when an experiment or arm is saved
or deleted (masthead/experiments/signals.py); the experiments the origin
runs are those with starts_at <= now < ends_at, checked on every request
(masthead/experiments/services.py, running_experiments). So an experiment
scheduled for later, or one that ends on its date, flips the allowance with
nothing sent to the edge: a reader walled under the old allowance holds a
receipt saying "p1" and the edge serves the cached ``wall:p1`` page on
every new story, where the origin gives them the story in full (and counts
it).

What a reader sees: a one-a-month arm ends; the site's meter is five a
month again; the reader, who has read one story, opens a new one and meets
the paywall (and the same the other way: an arm of three a month starts,
and a reader who used their one is still walled).
"""

import time
from datetime import timedelta

import pytest
import requests
from django.utils import timezone

from masthead.experiments.tests.factories import make_allowance_experiment
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def _walled_at_the_edge(edge, reader, read, refused, probe):
    assert BEYOND_LEAD_IN in reader.get(edge + read.get_absolute_url()).text
    first_wall = reader.get(edge + refused.get_absolute_url())
    assert "X-Edge" not in first_wall.headers and PAYWALL_TEXT in first_wall.text
    # The edge now replays the paywall (and keeps it for the probe story).
    walled = reader.get(edge + probe.get_absolute_url())
    assert walled.headers.get("X-Edge", "").startswith("wall:p1") and BEYOND_LEAD_IN not in walled.text


def _meter(settings, free_limit):
    """The meter's rules, and past the revocation a change of them sends
    again once other workers' copies ran out: what follows is the schedule's
    doing alone."""
    settings.MASTHEAD_METER_RULES_SECONDS = 1
    set_meter(free_limit=free_limit)
    time.sleep(2)


def test_when_an_allowance_experiment_ends_a_reader_with_articles_left_reads_new_stories(edge, settings):
    _meter(settings, 5)
    make_allowance_experiment(arms={"control": 1, "one": 1}, ends_at=timezone.now() + timedelta(seconds=12))
    read, refused, probe = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    _walled_at_the_edge(edge, reader, read, refused, probe)

    time.sleep(13)
    # The experiment is over: the meter is five a month, one is read.
    page = reader.get(edge + probe.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, page.headers.get("X-Edge")


def test_when_a_larger_allowance_experiment_starts_a_walled_reader_reads_new_stories(edge, settings):
    _meter(settings, 1)
    make_allowance_experiment(arms={"control": 3, "three": 3}, starts_at=timezone.now() + timedelta(seconds=12))
    read, refused, probe = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    _walled_at_the_edge(edge, reader, read, refused, probe)

    time.sleep(13)
    # Every reader is now in an arm of three a month, one is read.
    page = reader.get(edge + probe.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, page.headers.get("X-Edge")
