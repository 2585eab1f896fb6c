"""An experiment of the order of plans: each arm's readers see the plans in
its order on the meter's paywall and on the plans page; the page cache never
hands one arm's order to another's reader; subscribers and staff see the
site's order and are never exposed."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure, Variable
from masthead.experiments.services import conversion_record, exposure_link
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Plan, Subscription, SubscriptionStatus
from masthead.testing.accounts import make_staff
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

from .factories import anonymous_ids_in_half, browser_of, make_experiment

pytestmark = pytest.mark.django_db
KEY = "order-test"


@pytest.fixture
def plans():
    Plan.objects.update(is_active=False)  # only this test's plans on sale
    return [
        make_plan(name="Monthly", slug="monthly", price_minor=29900, term_months=1, position=1),
        make_plan(name="Annual", slug="annual", price_minor=299900, term_months=12, position=2),
        make_plan(name="Quarterly", slug="quarterly", price_minor=79900, term_months=3, position=3),
    ]


def _order_experiment():
    return make_experiment(
        variable=Variable.PLAN_ORDER,
        arms={"Site's order": {"plan_order": "monthly, annual, quarterly"}, "Annual first": {"plan_order": "annual"}},
        key=KEY,
    )


def _listed(page: str) -> list[str]:
    return re.findall(r'<h3 class="plan__name">([^<]+)</h3>', page)


def test_each_arm_sees_its_order_on_the_paywall_and_the_cache_keeps_them_apart(plans):
    set_meter(free_limit=0)
    experiment = _order_experiment()
    (control_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    (annual_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    story = make_article(headline="Story")

    pages = {reader_id: browser_of(reader_id).get(story.get_absolute_url()).text for reader_id in (annual_id, control_id)}

    # The arm's order first; the plans it does not name after, in their own order.
    assert _listed(pages[annual_id]) == ["Annual", "Monthly", "Quarterly"]
    assert _listed(pages[control_id]) == ["Monthly", "Annual", "Quarterly"]
    assert dict(Exposure.objects.filter(experiment=experiment).values_list("reader", "arm__name")) == {
        f"a:{control_id}": "Site's order", f"a:{annual_id}": "Annual first"
    }


def test_the_plans_page_lists_the_arms_order_and_exposes_the_reader_once(plans):
    experiment = _order_experiment()
    (annual_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    browser = browser_of(annual_id)
    assert _listed(browser.get("/subscribe/").text) == ["Annual", "Monthly", "Quarterly"]
    assert _listed(browser.get("/subscribe/").text) == ["Annual", "Monthly", "Quarterly"]
    assert list(Exposure.objects.filter(experiment=experiment).values_list("reader", "arm__name")) == [
        (f"a:{annual_id}", "Annual first")
    ]


def test_a_plan_taken_off_sale_is_passed_over(plans):
    _order_experiment()
    (annual_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    Plan.objects.filter(slug="annual").update(is_active=False)
    assert _listed(browser_of(annual_id).get("/subscribe/").text) == ["Monthly", "Quarterly"]


def test_subscribers_and_staff_see_the_sites_order_and_are_not_exposed(plans, django_user_model):
    experiment = _order_experiment()
    subscriber = django_user_model.objects.create_user(username="sub", email="sub@example.test")
    Subscription.objects.create(
        user=subscriber, plan=plans[0], price_minor=plans[0].price_minor, term_months=1,
        status=SubscriptionStatus.ACTIVE, term_end=timezone.now() + timedelta(days=20),
    )  # fmt: skip
    for user in (subscriber, make_staff(username="desk")):
        browser = browser_of(anonymous_ids_in_half(KEY, first_half=False, count=1)[0])
        browser.force_login(user)
        assert _listed(browser.get("/subscribe/").text) == ["Monthly", "Annual", "Quarterly"]
    assert not Exposure.objects.filter(experiment=experiment).exists()


def test_a_reader_who_pays_after_the_plans_page_converts_their_arm(plans, django_user_model):
    experiment = _order_experiment()
    (annual_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    browser_of(annual_id).get("/subscribe/")
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    exposure_link(anonymous_reader=f"a:{annual_id}", user=reader)
    subscription = Subscription.objects.create(user=reader, plan=plans[1], price_minor=plans[1].price_minor, term_months=12)
    conversion_record(
        Payment.objects.create(
            subscription=subscription, amount_minor=plans[1].price_minor, term_number=1, charge_key="k1",
            status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now() + timedelta(seconds=1),
        )  # fmt: skip
    )
    assert list(Conversion.objects.values_list("exposure__experiment", "exposure__arm__name")) == [
        (experiment.pk, "Annual first")
    ]


def test_a_reader_reading_free_articles_is_not_exposed_until_the_paywall_shows_the_plans(plans):
    set_meter(free_limit=1)
    experiment = _order_experiment()
    (annual_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    browser = browser_of(annual_id)
    browser.get(make_article(headline="Free").get_absolute_url())
    assert not Exposure.objects.filter(experiment=experiment).exists()
    assert _listed(browser.get(make_article(headline="Paywalled").get_absolute_url()).text) == ["Annual", "Monthly", "Quarterly"]
    assert Exposure.objects.filter(experiment=experiment, reader=f"a:{annual_id}").count() == 1
