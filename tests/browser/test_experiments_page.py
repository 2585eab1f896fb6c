"""An experiment's page on the desk in Chromium, as a member of the Business
group only: a phone and a laptop, screenshots and axe-core."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure
from masthead.experiments.tests.factories import make_allowance_experiment
from masthead.payments.models import Payment
from masthead.subscriptions.models import Subscription
from masthead.testing.accounts import make_staff
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, blocking_accessibility_violations, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def business(django_user_model):
    """A Business member, the group holding the desk's permission as its migration gives it."""
    group, _ = Group.objects.get_or_create(name="Business")
    group.permissions.add(Permission.objects.get(content_type__app_label="desk", codename="view_desk"))
    user = make_staff(username="sales")
    user.groups.add(group)
    return user


def _results(django_user_model):
    experiment = make_allowance_experiment(arms={"Five a month": 5, "Three a month": 3}, sample_size=100, name="Three or five free")
    payer = django_user_model.objects.create_user(username="payer", email="payer@example.test")
    plan = make_plan()
    subscription = Subscription.objects.create(user=payer, plan=plan, price_minor=plan.price_minor, term_months=plan.term_months)
    payment = Payment.objects.create(subscription=subscription, amount_minor=plan.price_minor, term_number=1, charge_key="k")
    for arm, exposed, converted in (("Five a month", 80, 48), ("Three a month", 70, 56)):
        for n in range(exposed):
            exposure = Exposure.objects.create(
                experiment=experiment, arm=experiment.arms.get(name=arm), reader=f"a:{arm}{n}", exposed_at=timezone.now()
            )
            if n < converted:
                Conversion.objects.create(exposure=exposure, payment=payment, converted_at=timezone.now())
    return experiment


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_business_staff_read_an_experiment_on_a_phone_and_a_laptop(browser, live_server, artifacts, business, django_user_model, viewport):
    experiment = _results(django_user_model)
    context = signed_in(browser, live_server, business, viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/desk/experiments/")
        page.get_by_role("link", name="Three or five free").click()
        assert page.get_by_role("heading", name="Three or five free").is_visible()
        assert "has not been reached" in page.get_by_role("status").inner_text()
        assert page.locator("svg.desk-svg .experiment-whisker").count() == 6
        table = page.get_by_role("table", name="Readers exposed, conversions and rates by arm (table)")
        assert "+5.24 pts to +33.39 pts" in table.inner_text()
        # Nothing is wider than the screen: the table scrolls inside its own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        name = "phone" if viewport is PHONE else "desktop"
        page.screenshot(path=str(artifacts / f"experiment-{name}.png"), full_page=True)
        blocking = blocking_accessibility_violations(page)
        assert not blocking, "\n".join(blocking)
        with page.expect_download() as download:
            page.get_by_role("link", name="Every arm's numbers (CSV)").click()
        assert download.value.suggested_filename == f"experiment-{experiment.key}.csv"
    finally:
        context.close()
