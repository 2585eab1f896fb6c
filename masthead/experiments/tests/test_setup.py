"""Staff set up an experiment in the admin: what they may do, and what is refused."""

import html
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from masthead.experiments.models import Arm, Experiment, Variable
from masthead.testing.accounts import make_staff
from masthead.testing.metering import set_meter
from masthead.subscriptions.models import Offer
from masthead.testing.subscriptions import make_offer, make_plan

from .factories import make_allowance_experiment

pytestmark = pytest.mark.django_db


def _business_browser():
    user = make_staff(username="sales")
    user.groups.add(Group.objects.get(name="Business"))
    browser = Client()
    browser.force_login(user)
    return browser


def _form(**changes):
    now = timezone.now()
    data = {
        "name": "Three or seven", "key": "three-or-seven", "variable": "free_allowance", "holdout_percent": "10",
        "starts_at_0": (now + timedelta(days=1)).strftime("%Y-%m-%d"), "starts_at_1": "00:00:00",
        "ends_at_0": (now + timedelta(days=15)).strftime("%Y-%m-%d"), "ends_at_1": "00:00:00",
        "sample_size": "2000",
        "arms-TOTAL_FORMS": "2", "arms-INITIAL_FORMS": "0", "arms-MIN_NUM_FORMS": "0", "arms-MAX_NUM_FORMS": "1000",
        "arms-0-position": "0", "arms-0-name": "Seven", "arms-0-percent": "45", "arms-0-free_allowance": "7",
        "arms-1-position": "1", "arms-1-name": "Three", "arms-1-percent": "45", "arms-1-free_allowance": "3",
    }  # fmt: skip
    return data | changes


def test_business_staff_set_up_an_experiment_in_the_admin():
    browser = _business_browser()
    add_page = browser.get("/admin/experiments/experiment/add/")
    assert add_page.status_code == 200
    # Only what works is offered.
    assert [value for value, _ in Variable.choices] == ["free_allowance", "paywall_message", "registration_wall", "plan_order", "offer_shown"]
    assert "Conversion to paid per reader exposed" in add_page.text

    response = browser.post("/admin/experiments/experiment/add/", _form())
    assert response.status_code == 302
    experiment = Experiment.objects.get()
    assert [(arm.name, arm.percent, arm.free_allowance) for arm in experiment.arms.all()] == [("Seven", 45, 7), ("Three", 45, 3)]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"arms-1-percent": "40"}, "add up to 95%, not 100%"),
        ({"arms-TOTAL_FORMS": "1", "arms-0-percent": "90"}, "at least two arms"),
        ({"arms-1-free_allowance": ""}, "Say how many free articles a month each arm gives."),
        ({"variable": "paywall_message", "arms-0-paywall_message": "Subscribe now for unlimited access."},
         "Write the message each arm shows (control: the site&#x27;s own words)."),
        ({"ends_at_0": timezone.now().strftime("%Y-%m-%d")}, "The end must come after the start."),
        ({"variable": "registration_wall", "arms-0-registration_wall": "true"},
         "Say whether each arm shows the registration wall."),
        ({"variable": "registration_wall", "arms-0-registration_wall": "true", "arms-1-registration_wall": "false"},
         "The meter settings give a free account no extra articles"),
    ],
)
def test_an_experiment_that_cannot_split_readers_is_refused_and_nothing_is_saved(changes, message):
    response = _business_browser().post("/admin/experiments/experiment/add/", _form(**changes))
    assert response.status_code == 200 and message in response.text
    assert not Experiment.objects.exists() and not Arm.objects.exists()


def test_a_registration_wall_experiment_is_set_up_with_a_yes_or_no_per_arm():
    set_meter(free_limit=5, account_extra=3)
    response = _business_browser().post(
        "/admin/experiments/experiment/add/",
        _form(variable="registration_wall", **{"arms-0-registration_wall": "true", "arms-1-registration_wall": "false"}),
    )
    assert response.status_code == 302
    assert [(arm.name, arm.registration_wall) for arm in Experiment.objects.get().arms.all()] == [("Seven", True), ("Three", False)]


@pytest.mark.parametrize(
    "orders, message",
    [
        (("annual, monthly", ""), "Give the order of plans: their slugs, first shown first, separated by commas."),
        (("annual, monthly", "annual, annual"), "Each plan once: annual is named twice."),
        (("annual, monthly", "annual, weekly"), "No plan on sale has the slug weekly."),
        (("annual, monthly", "retired"), "No plan on sale has the slug retired."),
    ],
)
def test_an_order_of_plans_naming_no_plan_on_sale_is_refused_and_nothing_is_saved(orders, message):
    make_plan(slug="annual"), make_plan(slug="monthly"), make_plan(slug="retired", is_active=False)
    arms = {"arms-0-plan_order": orders[0], "arms-1-plan_order": orders[1]}
    response = _business_browser().post("/admin/experiments/experiment/add/", _form(variable="plan_order", **arms))
    assert response.status_code == 200 and message in response.text
    assert not Experiment.objects.exists() and not Arm.objects.exists()


def test_an_order_of_plans_is_saved_as_the_slugs_in_order():
    make_plan(slug="annual"), make_plan(slug="monthly")
    arms = {"arms-0-plan_order": "monthly,annual", "arms-1-plan_order": " annual ,, "}
    response = _business_browser().post("/admin/experiments/experiment/add/", _form(variable="plan_order", **arms))
    assert response.status_code == 302
    assert list(Arm.objects.values_list("plan_order", flat=True)) == ["monthly, annual", "annual"]


@pytest.mark.parametrize(
    "offer_changes, message",
    [
        ({}, "Choose the offer at least one arm shows (control usually shows none)."),
        ({"ends_at": timezone.now() - timedelta(hours=1)}, "“Welcome” cannot be shown: this offer has ended."),
        ({"is_active": False}, "“Welcome” cannot be shown: this offer has ended."),
        ({"starts_at": timezone.now() + timedelta(days=3)}, "“Welcome” cannot be shown: this offer has not started yet."),
        ({"max_redemptions": 1, "redemptions_used": 1}, "“Welcome” cannot be shown: this offer has been fully taken up."),
        ({"plan_on_sale": False}, "“Welcome” cannot be shown: none of its plans is on sale."),
    ],
)
def test_an_offer_that_cannot_be_taken_is_refused_and_nothing_is_saved(offer_changes, message):
    offer_changes = dict(offer_changes)  # the parameter is shared by every run of the test: never changed
    plan = make_plan(is_active=offer_changes.pop("plan_on_sale", True))
    offer = make_offer(plan, name="Welcome")
    arms = {}
    if offer_changes or "on sale" in message:
        Offer.objects.filter(pk=offer.pk).update(**offer_changes)
        arms = {"arms-1-offer": str(offer.pk)}
    response = _business_browser().post("/admin/experiments/experiment/add/", _form(variable="offer_shown", **arms))
    assert response.status_code == 200 and message in html.unescape(response.text)
    assert not Experiment.objects.exists() and not Arm.objects.exists()


def test_an_offer_experiment_is_set_up_with_no_offer_for_control():
    offer = make_offer(make_plan(), name="Welcome")
    response = _business_browser().post(
        "/admin/experiments/experiment/add/", _form(variable="offer_shown", **{"arms-1-offer": str(offer.pk)})
    )
    assert response.status_code == 302
    assert [(arm.name, arm.offer) for arm in Experiment.objects.get().arms.all()] == [("Seven", None), ("Three", offer)]


def test_one_experiment_per_variable_at_a_time():
    make_allowance_experiment(arms={"a": 5, "b": 3}, name="Running now")
    response = _business_browser().post(
        "/admin/experiments/experiment/add/", _form(starts_at_0=timezone.now().strftime("%Y-%m-%d"))
    )
    assert "“Running now” varies the same thing at the same time" in response.text
    assert Experiment.objects.count() == 1


def test_arms_and_the_split_cannot_change_once_the_experiment_has_started():
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    arm = experiment.arms.first()
    arm.full_clean()  # saved as it is (the page saved to rename or end the experiment): nothing changes
    arm.free_allowance = 9
    with pytest.raises(ValidationError, match="its arms can no longer change"):
        arm.full_clean()
    with pytest.raises(ValidationError, match="its arms can no longer change"):
        Arm(experiment=experiment, name="c", position=3, percent=10, free_allowance=4).full_clean()
    experiment.holdout_percent = 20
    with pytest.raises(ValidationError, match="its holdout can no longer change"):
        experiment.full_clean()
    page = _business_browser().get(f"/admin/experiments/experiment/{experiment.pk}/change/")
    assert page.status_code == 200
    assert 'name="arms-0-free_allowance"' not in page.text and 'name="holdout_percent"' not in page.text
    assert 'name="name"' in page.text and 'name="ends_at_0"' in page.text


@pytest.mark.parametrize("group", ["Support", "Newsroom"])
def test_other_staff_may_not_touch_experiments(group):
    user = make_staff(username="other")
    user.groups.add(Group.objects.get(name=group))
    browser = Client()
    browser.force_login(user)
    assert browser.get("/admin/experiments/experiment/add/").status_code == 403
    assert browser.get("/desk/experiments/").status_code == 403
