"""A running arm's offer is locked only while its experiment runs, and a
started experiment's end can be moved to any time from now on: end it,
edit the offer, and move the end back. The arm comes back with new terms.

docs/desk.md: an offer shown by a running arm "cannot have its kind, value,
terms or plans edited"; once an experiment has started only its name and
its end may change. The end is checked only against the past: an ended
experiment's end may be moved later again, which re-opens it.

What an attacker (a Business desk user who wants the arm to win) does: a
week into "Welcome 50% vs no offer" they set the experiment's end to now,
edit the offer to 20% off three terms (no longer locked: nothing runs), and
set the end back a fortnight ahead. The experiment runs on under the same
arm name, its readers before and after treated by two different offers;
the result page mixes them and nobody can tell.

What should happen: the offer of an arm keeps its terms for the whole run
of an experiment that has started: either an ended experiment cannot be
re-opened (its end moved later once it has passed), or the offer of any
started experiment's arm stays locked.
"""


import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from masthead.experiments.models import Experiment, Variable
from masthead.experiments.tests.factories import make_experiment
from masthead.subscriptions.models import Offer
from masthead.testing.subscriptions import make_offer, make_plan

pytestmark = pytest.mark.django_db


def test_an_arms_offer_keeps_its_terms_across_ending_and_reopening_its_experiment():
    quarterly = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    welcome = make_offer(quarterly, name="Welcome offer", value=50, terms=1)
    experiment = make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key="offer-reopened")
    desk = _business_desk()
    planned_end = experiment.ends_at

    _experiment_end_moved(experiment, timezone.now())  # "end now": allowed
    edited = _offer_change(desk, welcome, quarterly, value="20", terms="3")
    assert "cannot change until the experiment ends" not in edited  # not running: the lock is off

    reopened = True
    try:
        _experiment_end_moved(experiment, planned_end)
    except ValidationError:
        reopened = False
    welcome = Offer.objects.get(pk=welcome.pk)
    treated_differently = (welcome.value, welcome.terms) != (50, 1)
    assert not (reopened and treated_differently), "the experiment runs again with its arm's offer at new terms"


def _experiment_end_moved(experiment, ends_at):
    # What the experiment's admin page does on save: the model's own checks, then the write.
    experiment = Experiment.objects.get(pk=experiment.pk)
    experiment.ends_at = ends_at
    experiment.full_clean()
    experiment.save()


def _business_desk() -> Client:
    user = get_user_model().objects.create_user(
        username="business", email="business@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Business"))
    desk = Client()
    desk.force_login(user)
    return desk


def _offer_change(desk, welcome, quarterly, *, value: str, terms: str) -> str:
    response = desk.post(
        f"/admin/subscriptions/offer/{welcome.pk}/change/",
        {
            "name": "Welcome offer", "kind": "percent", "value": value, "terms": terms, "plans": [str(quarterly.pk)],
            "starts_at_0": welcome.starts_at.strftime("%Y-%m-%d"), "starts_at_1": welcome.starts_at.strftime("%H:%M:%S"),
            "ends_at_0": "", "ends_at_1": "", "max_redemptions": "", "code": "", "is_active": "on",
        },
    )  # fmt: skip
    return response.content.decode()


