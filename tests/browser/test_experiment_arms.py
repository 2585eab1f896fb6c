"""What a reader in each arm of an offer experiment and an order experiment
sees on the plans page, in Chromium on a phone: the arm's offer and order,
nothing wider than the screen, and no serious accessibility fault."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.http import HttpResponse

from masthead.access.app_settings import app_settings
from masthead.access.readers import anonymous_reader, remember_reader
from masthead.experiments.models import Variable
from masthead.experiments.tests.factories import bucket_by_hand, make_experiment
from masthead.subscriptions.models import Plan
from masthead.testing.subscriptions import make_offer, make_plan

from .conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)
BLOCKING = {"serious", "critical"}


def _reader_browser(browser, live_server, reader_id: str):
    response = HttpResponse()
    remember_reader(response, anonymous_reader(reader_id))
    context = browser.new_context(viewport=PHONE)
    cookie = response.cookies[app_settings.READER_COOKIE].value
    context.add_cookies([{"name": app_settings.READER_COOKIE, "value": cookie, "url": live_server.url}])
    return context


def test_each_arm_reads_its_offer_and_order_on_the_plans_page(browser, live_server, artifacts):
    Plan.objects.update(is_active=False)
    monthly = make_plan(name="Monthly", slug="monthly", price_minor=299_00, term_months=1, position=1)
    make_plan(name="Annual", slug="annual", price_minor=2999_00, term_months=12, position=2)
    welcome = make_offer(monthly, name="Welcome offer")
    make_experiment(variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": welcome}}, key="offer-arm")
    make_experiment(
        variable=Variable.PLAN_ORDER,
        arms={"Site's order": {"plan_order": "monthly, annual"}, "Annual first": {"plan_order": "annual, monthly"}},
        key="order-arm",
    )
    def reader_in(offer_half: bool, order_half: bool) -> str:
        return next(
            f"{n:032x}" for n in range(2000)
            if (bucket_by_hand("offer-arm", f"a:{n:032x}") >= 5_000) == offer_half
            and (bucket_by_hand("order-arm", f"a:{n:032x}") >= 5_000) == order_half
        )  # fmt: skip

    for offer_arm, order_arm in ((True, True), (False, False)):
        context = _reader_browser(browser, live_server, reader_in(offer_arm, order_arm))
        page = context.new_page()
        try:
            page.goto(live_server.url + "/subscribe/")
            names = page.locator(".plan__name").all_inner_texts()
            assert names == (["Annual", "Monthly"] if order_arm else ["Monthly", "Annual"])
            monthly_card = page.locator(".plan", has_text="Monthly")
            assert ("₹149.50" in monthly_card.inner_text()) == offer_arm
            assert ("Welcome offer" in page.content()) == offer_arm
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(artifacts / f"experiment-arms-{int(offer_arm)}{int(order_arm)}.png"), full_page=True)
            blocking = [
                f"{violation['id']} ({violation['impact']}): {violation['help']}"
                for violation in Axe().run(page).response["violations"]
                if violation["impact"] in BLOCKING
            ]
            assert not blocking, "\n".join(blocking)
        finally:
            context.close()
