"""/desk/experiments/: Business staff read each arm's numbers, the chart, the table and the CSV."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure
from masthead.payments.models import Payment
from masthead.testing.accounts import make_staff

from .factories import make_allowance_experiment

pytestmark = pytest.mark.django_db


@pytest.fixture
def business():
    user = make_staff(username="sales")
    user.groups.add(Group.objects.get(name="Business"))
    browser = Client()
    browser.force_login(user)
    return browser


def _exposed(experiment, arm_name, count, converted=0):
    """``count`` readers exposed to the arm, the first ``converted`` of them paid."""
    arm = experiment.arms.get(name=arm_name)
    payment = Payment.objects.first()
    for n in range(count):
        exposure = Exposure.objects.create(experiment=experiment, arm=arm, reader=f"a:{arm_name}{n}", exposed_at=timezone.now())
        if n < converted:
            Conversion.objects.create(exposure=exposure, payment=payment, converted_at=timezone.now())


@pytest.fixture
def payment(django_user_model):
    """A payment for conversions to point at (the page counts conversions, not money)."""
    from masthead.testing.subscriptions import make_plan
    from masthead.subscriptions.models import Subscription

    user = django_user_model.objects.create_user(username="payer", email="payer@example.test")
    plan = make_plan()
    subscription = Subscription.objects.create(user=user, plan=plan, price_minor=plan.price_minor, term_months=plan.term_months)
    return Payment.objects.create(subscription=subscription, amount_minor=plan.price_minor, term_number=1, attempt=1, charge_key="k")


def test_the_page_shows_each_arms_rate_interval_and_difference_and_calls_no_winner_early(business, payment):
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, sample_size=100)
    _exposed(experiment, "Five", 80, converted=48)
    _exposed(experiment, "Three", 70, converted=56)

    page = business.get(f"/desk/experiments/{experiment.pk}/").text

    assert "Five (control)" in page and "60.00%" in page and "80.00%" in page
    # Newcombe's own example: 56/70 − 48/80 = +20 points, 95% interval +5.24 to +33.39.
    assert "+20.00 pts" in page and "+5.24 pts to +33.39 pts" in page
    # Wilson's interval of 48/80 worked by hand: centre (0.6 + z²/160)/(1 + z²/80) = 0.59542,
    # half-width z·√(0.6·0.4/80 + z²/25600)/(1 + z²/80) = 0.10497.
    assert "49.05% to 70.04%" in page
    assert "The pre-declared sample (100 readers in every arm) has not been reached" in page
    assert "no winner can be called yet" in page and "Converts better" not in page
    assert page.count('class="experiment-whisker"') == 6  # an interval per arm, with its two ends

    listing = business.get("/desk/experiments/").text
    assert "Free allowance" in listing and "(running)" in listing


def test_the_csv_has_every_arms_numbers(business, payment):
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, sample_size=70)
    _exposed(experiment, "Five", 80, converted=48)
    _exposed(experiment, "Three", 70, converted=56)

    response = business.get(f"/desk/experiments/{experiment.pk}/?format=csv")

    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("arm,control,exposed,conversions,rate,rate_low,rate_high,difference")
    assert lines[1].startswith("Five,yes,80,48,0.600000,")
    assert lines[2].startswith("Three,no,70,56,0.800000,") and ",0.052431,0.333873,yes" in lines[2]


def test_only_business_staff_open_the_page(client, django_user_model):
    experiment = make_allowance_experiment(arms={"a": 5, "b": 3})
    assert client.get(f"/desk/experiments/{experiment.pk}/").status_code == 302  # to log in
    reader = django_user_model.objects.create_user(username="reader", email="r@example.test")
    client.force_login(reader)
    assert client.get(f"/desk/experiments/{experiment.pk}/").status_code == 403
    assert client.get("/desk/experiments/").status_code == 403


def test_the_experiment_pages_carry_the_desks_navigation(business):
    """From an experiment, Business staff reach the desk's other pages, and the
    desk's pages lead to the experiments."""
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, sample_size=70)
    listing = business.get("/desk/experiments/").text
    assert '<a href="/desk/funnel/">Funnel</a>' in listing
    assert '<a href="/desk/experiments/" aria-current="page">Experiments</a>' in listing
    detail = business.get(f"/desk/experiments/{experiment.pk}/").text
    assert '<a href="/desk/retention/">Retention</a>' in detail and 'aria-current="page"' not in detail
    assert '<a href="/desk/experiments/?from=' in business.get("/desk/").text  # the range goes along, unread there
