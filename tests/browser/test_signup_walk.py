"""A new reader picks a plan, sees it beside log-in and sign-up, signs up
with a name, and is greeted by it; on a phone and on a desktop."""

import pytest

from masthead.testing.subscriptions import make_plan

from .conftest import PHONE, confirm_mailed_code

pytestmark = pytest.mark.django_db(transaction=True)
CHOSEN = "You chose Smart Quarterly"
PRICE = "₹900 for 3 months (₹300 a month)"


@pytest.fixture
def plans():
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12, position=2)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_new_reader_sees_their_plan_signs_up_with_a_name_and_is_greeted_by_it(
    browser, live_server, plans, artifacts, viewport
):
    context = browser.new_context(viewport=PHONE) if viewport == "phone" else browser.new_context()
    page = context.new_page()
    email = f"asha.{viewport}@example.test"

    page.goto(live_server.url + "/subscribe/")
    page.get_by_role("link", name="Choose Smart Quarterly").click()
    page.wait_for_url("**/accounts/login/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Log in"
    chosen = page.locator("aside", has_text=CHOSEN)
    assert chosen.is_visible() and PRICE in chosen.inner_text()

    page.get_by_role("link", name="Sign up", exact=True).click()
    page.wait_for_url("**/accounts/signup/?next=*")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign up"
    assert PRICE in page.locator("aside", has_text=CHOSEN).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.screenshot(path=artifacts / f"signup-with-plan-{viewport}.png", full_page=True)

    page.get_by_label("First name (optional)").fill("Asha")
    page.get_by_label("Last name (optional)").fill("Rao")
    page.get_by_label("E-mail address").fill(email)
    page.fill("input[name=password1]", "a very long passphrase 42")
    page.fill("input[name=password2]", "a very long passphrase 42")
    page.get_by_role("button", name="Sign up", exact=True).click()
    confirm_mailed_code(page, email)

    page.wait_for_url("**/subscribe/smart-quarterly/")
    assert "Welcome, Asha. You are logged in." in page.locator(".messages").inner_text()
    assert page.locator("input[name=name]").input_value() == "Asha Rao"  # the billing name, filled in
    page.goto(live_server.url + "/account/")
    assert "Logged in as Asha Rao" in page.locator("main").inner_text()
    context.close()
