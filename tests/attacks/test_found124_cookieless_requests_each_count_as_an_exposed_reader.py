"""Every request to the plans page without a reader cookie is counted as a
new reader exposed to the experiment, and writes a row.

docs/desk.md: a reader is exposed "the first time" a page shows them the
arm, one ``Exposure`` row per reader per experiment, so the result page's
"readers exposed" counts people. But a request with no reader cookie is
given a fresh reader id, and the plans page records that id's exposure at
once, before anything shows the id is kept by anyone: a client that never
sends the cookie back (a bot, a link checker, a preview fetcher, an uptime
monitor, or anyone with a loop) is a new exposed reader on every request.

What an attacker does: `while true; do curl -s https://site/subscribe/; done`.
Each request writes one Exposure row (no limit, no cookie needed) and adds
one reader to an arm who will never convert: the table grows without bound,
the arms' conversion rates fall towards nothing, and the experiment reaches
its sample size on requests, not readers, so its result is read early and
means nothing.

What should happen: a client that keeps no cookie is counted once at most
(or not at all): repeated cookie-less requests add no readers to the
experiment.
"""

import pytest
from django.test import Client

from masthead.experiments.models import Exposure, Variable
from masthead.experiments.tests.factories import make_experiment
from masthead.subscriptions.models import Plan
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


def test_requests_that_keep_no_cookie_do_not_each_count_as_a_reader():
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer")
    experiment = make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key="offer-cookieless")

    for _ in range(30):
        assert Client().get("/subscribe/").status_code == 200  # a client that sends no cookie back

    assert Exposure.objects.filter(experiment=experiment).count() <= 1, "thirty requests counted as thirty readers"
