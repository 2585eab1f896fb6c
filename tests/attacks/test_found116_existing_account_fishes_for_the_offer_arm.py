"""An existing account takes the offer arm by logging in from a browser
picked for it.

docs/desk.md: "an account that was exposed reads by the arm of its exposure
(the browser's, linked when they signed up from the paywall), not the one
its own id would hash to; an account not yet exposed reads by its own id, as
in any experiment." The link is made at every log-in, not at a sign-up:
any account not yet exposed takes the arm of whatever browser it logs in
on. (For the free allowance this was closed: an account reads by its own id
on every device, so a log-in never chooses its arm.)

What an attacker does: they have an account whose own id puts it in "No
offer". Signed out, they load /subscribe/ with no cookie, again and again;
each answer mints a new reader id and shows its arm. The first that shows
"Welcome offer ₹450" they keep, and log in with it: the browser's exposure
becomes the account's, and checkout applies 50% off. Every probe was also
recorded as a reader exposed in the experiment.

Harm: the control arm's prices mean nothing to anyone who reloads; every
account that wants the discount takes it; the arms are no longer random.

What should happen: an account that existed before logging in on the
browser keeps the arm its own id gives it (as for the allowance); only a
sign-up from the page that showed the offer carries it to the new account.
"""

import pytest
from django.test import Client

from masthead.experiments.models import Exposure, Variable
from masthead.experiments.tests.factories import bucket_by_hand, make_experiment
from masthead.subscriptions.models import Plan
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db
KEY = "offer-fished"
OFFER_PRICE = "₹450"
PASSWORD = "a fine long password"


def test_an_existing_account_keeps_its_own_arm_whatever_browser_it_logs_in_on(django_user_model):
    Plan.objects.update(is_active=False)
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer")
    experiment = make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key=KEY)
    account_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") < 5_000)  # its own id: "No offer"
    django_user_model.objects.create_user(id=account_pk, username="asha", email="asha@example.test", password=PASSWORD)

    fished = None
    for _ in range(40):
        probe = Client()
        if OFFER_PRICE in probe.get("/subscribe/").text:
            fished = probe
            break
    assert fished is not None
    assert fished.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302

    checkout = fished.get("/subscribe/smart-quarterly/").text
    assert 'name="offer_shown" value=""' in checkout, "the account took the offer arm it fished for"
    assert not Exposure.objects.filter(experiment=experiment, user_id=account_pk, arm__name="Welcome").exists()
