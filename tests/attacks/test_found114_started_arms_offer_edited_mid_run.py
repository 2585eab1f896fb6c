"""A started experiment's arms are read-only, but the offer an arm shows is
not: editing the offer changes the arm mid-run.

docs/desk.md: once an experiment has started "its arms, shares, holdout,
key, start and sample size are read-only ... a new arm, or any change to an
arm, is refused", because readers were split and treated by them. An offer
arm stores only which offer it shows (``Arm.offer``); what the arm gives
readers (50% off one quarter) lives on the offer, which Business staff edit
in the offer admin at any time.

What happens: a week into "Welcome 50% vs no offer", the desk edits the
offer to 20% off, or to three terms, or onto another plan. The arm, and the
admin's page for it, look unchanged; its readers are treated differently
from one day to the next; the result page compares a mixture of two
treatments under one arm's name and nobody can tell from it. (Nor can the
arm be frozen by hand: the experiment's page refuses any arm change.)

What should happen: the terms of an offer that a started, unended
experiment's arm shows (its kind, value, terms and plans) are refused with
a sentence, as the arm itself is; switching it off or ending it stays
possible (docs: such an offer is then shown to nobody).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from masthead.experiments.models import Variable
from masthead.experiments.tests.factories import make_experiment
from masthead.subscriptions.models import Offer
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


def test_the_offer_of_a_running_arm_keeps_its_terms():
    welcome, desk, quarterly = _running_arm_offer()
    page = _offer_change(desk, welcome, quarterly, value="20", terms="3", is_active="on")
    assert "cannot change until the experiment ends" in page

    welcome = Offer.objects.get(pk=welcome.pk)
    assert (welcome.value, welcome.terms) == (50, 1), "the running arm's offer now gives 20% off three terms"


def test_the_offer_of_a_running_arm_can_still_be_switched_off():
    welcome, desk, quarterly = _running_arm_offer()
    _offer_change(desk, welcome, quarterly, value="50", terms="1", is_active="")
    assert not Offer.objects.get(pk=welcome.pk).is_active


def _running_arm_offer():
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer", value=50, terms=1)
    make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key="offer-edited")
    user = get_user_model().objects.create_user(
        username="business", email="business@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Business"))
    desk = Client()
    desk.force_login(user)
    return welcome, desk, quarterly


def _offer_change(desk, welcome, quarterly, *, value: str, terms: str, is_active: str) -> str:
    response = desk.post(
        f"/admin/subscriptions/offer/{welcome.pk}/change/",
        {
            "name": "Welcome offer", "kind": "percent", "value": value, "terms": terms, "plans": [str(quarterly.pk)],
            "starts_at_0": welcome.starts_at.strftime("%Y-%m-%d"), "starts_at_1": welcome.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": "", "ends_at_1": "", "max_redemptions": "", "code": "", "is_active": is_active,
        },
    )  # fmt: skip
    return response.content.decode()
