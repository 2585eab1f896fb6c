"""After staff raise the free limit, a web worker that still holds the old
rules (for MASTHEAD_METER_RULES_SECONDS) walls a reader and gives them a
receipt naming the old paywall; it is issued after the receipts were
revoked, so the edge honours it for its whole life
(MASTHEAD_EDGE_RECEIPT_SECONDS, an hour) and keeps walling the reader on
every new story, long after every worker reads the new limit.

Saving the meter's rules revokes every receipt issued until the commit
(masthead/edge/signals.py, REVOKE r:all by the millisecond), but the other
workers keep their copy of the rules (masthead/metering/rules.py,
current_rules) for a few seconds, and a receipt made in those seconds says
"p1" with a time after the revocation. The same happens with an experiment
changed or ended (each worker keeps its list of running experiments for
RUNNING_SECONDS).

What a reader sees: the meter goes from one a month to five; the reader,
who read one story, opens a new one in the next seconds and meets the
paywall (the worker had not caught up: fair enough), and then, for the next
hour, every new story they open is walled by the edge, where the origin
gives it in full.
"""

import time

import pytest
import requests
from django.utils import timezone

from masthead.experiments import services as experiments
from masthead.experiments.tests.factories import make_allowance_experiment
from masthead.metering import rules
from masthead.metering.app_settings import app_settings as meter_settings
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def test_once_every_worker_reads_a_raised_limit_the_edge_walls_no_reader_with_articles_left(edge, monkeypatch):
    set_meter(free_limit=1)
    read, met_in_the_seconds, later = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + read.get_absolute_url()).text
    rules.forget_rules()
    before = rules.current_rules()

    set_meter(free_limit=5)  # receipts revoked, every story purged
    time.sleep(0.05)
    # Another web worker, which read the rules a moment before the change.
    monkeypatch.setattr(rules, "_cached", (time.monotonic() + meter_settings.METER_RULES_SECONDS, before))
    reader.get(edge + met_in_the_seconds.get_absolute_url())

    time.sleep(meter_settings.METER_RULES_SECONDS + 1)  # every worker reads the new rules now
    assert rules.current_rules().free_limit == 5
    page = reader.get(edge + later.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, f"served by the edge as {page.headers.get('X-Edge')!r}"


def test_once_every_worker_sees_an_experiment_ended_the_edge_walls_no_reader_with_articles_left(edge, monkeypatch):
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"control": 1, "one": 1})
    read, met_in_the_seconds, later = (make_story_with_hidden_sentence() for _ in range(3))
    reader = requests.Session()
    assert BEYOND_LEAD_IN in reader.get(edge + read.get_absolute_url()).text
    experiments.forget_running_experiments()
    assert experiments.running_experiments(timezone.now())
    before = experiments._running

    experiment.ends_at = timezone.now()
    experiment.save()  # receipts revoked
    time.sleep(0.05)
    # Another web worker, which listed the running experiments a moment before.
    monkeypatch.setattr(experiments, "_running", (time.monotonic() + experiments.RUNNING_SECONDS, before[1]))
    reader.get(edge + met_in_the_seconds.get_absolute_url())

    time.sleep(experiments.RUNNING_SECONDS + 1)  # every worker sees the experiment over now
    assert not experiments.running_experiments(timezone.now())
    page = reader.get(edge + later.get_absolute_url())
    assert BEYOND_LEAD_IN in page.text, f"served by the edge as {page.headers.get('X-Edge')!r}"
