"""A HEAD request to the plans page counts a reader as exposed.

What an attacker (or any link checker, uptime monitor or preview bot) does:
sends ``HEAD /subscribe/`` with no cookie, again and again. Each answer has
no body, so nobody sees a plan, an order or an offer, yet each mints a new
reader id and records that reader's exposure in its arm. The experiment's
denominator ("readers exposed") fills with readers who were shown nothing,
diluting the conversion rate of every arm and reaching the declared sample
size on noise.

What should happen: as for a story (the meter counts no HEAD, and a HEAD is
no story view in the funnel), a request that shows nothing exposes nobody.
"""

import pytest
from django.test import Client

from masthead.experiments.models import Exposure, Variable
from masthead.experiments.tests.factories import make_experiment
from masthead.subscriptions.models import Plan
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


def test_a_head_request_to_the_plans_page_exposes_nobody():
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer")
    experiment = make_experiment(
        variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key="offer-head"
    )

    for _ in range(5):
        response = Client().head("/subscribe/")
        assert response.status_code == 200 and response.content == b""

    assert Exposure.objects.filter(experiment=experiment).count() == 0
