"""A story the new meter rules put in the archive is refilled at the edge,
in full, from a web worker's copy of the old rules, and kept there for
MASTHEAD_EDGE_PAGE_SECONDS, long after every worker reads the new rules.

Saving the meter's rules purges every story from the edge
(masthead/edge/signals.py) and refreshes the rules in the saving process;
every other process keeps its copy for MASTHEAD_METER_RULES_SECONDS
(masthead/metering/rules.py, current_rules). The fill
(masthead/newsroom/views.py, _edge_fill; masthead/access/replay.py,
variant_decision) reads the story fresh from the database but judges it
by the process's cached rules, so a fill served by another worker in those
seconds stores the story as still metered, with a lifetime worked out from
the old archive age. Round one's fix for a worker's cached article
(fresh=True) did not reach the rules the fill judges it by.

What a reader sees: staff shorten the archive age from a year to 30 days;
a 60-day-old story a reader counted this month is now archive (subscribers
only). The reader's next view reaches a worker that had not yet re-read the
rules; for the next two minutes the edge gives that reader (and every
reader whose receipt names the story) the full text of an archive story,
where the origin, seconds after the change, shows them the archive wall.

What should happen: once every worker reads the new rules (seconds), no
edge page kept under the old ones is served.
"""

import time
from datetime import timedelta

import pytest
import requests

from masthead.metering import rules
from masthead.metering.app_settings import app_settings as meter_settings
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_story_moved_to_the_archive_is_not_kept_in_full_at_the_edge(edge, monkeypatch):
    set_meter(free_limit=5, archive_age_days=365)
    story = make_story_with_hidden_sentence(published_ago=timedelta(days=60))
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + story.get_absolute_url()).text  # counted by the origin
    rules.forget_rules()
    before = rules.current_rules()

    set_meter(free_limit=5, archive_age_days=30)  # the story is archive now; every story purged
    # Another web worker, which read the rules a moment before the change
    # and keeps them for MASTHEAD_METER_RULES_SECONDS.
    monkeypatch.setattr(rules, "_cached", (time.monotonic() + meter_settings.METER_RULES_SECONDS, before))
    reader.get(edge + story.get_absolute_url())

    time.sleep(meter_settings.METER_RULES_SECONDS + 1)  # every worker reads the new rules now
    assert rules.current_rules().archive_age == timedelta(days=30)
    later = reader.get(edge + story.get_absolute_url())
    assert BEYOND_LEAD_IN not in later.text, f"served by the edge as {later.headers.get('X-Edge')!r}"
