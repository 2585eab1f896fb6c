from urllib.parse import parse_qs, urlparse

import pytest

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan

from .conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

BEYOND_LEAD_IN = "The committee's final vote is due next week."


def test_a_reader_meets_the_paywall_and_goes_to_log_in(browser, live_server, artifacts):
    set_meter(free_limit=2)
    make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12, position=2, is_featured=True)
    make_plan(name="Super Saver", price_minor=3_900_00, term_months=24, position=3)
    section = make_section(name="Politics", slug="politics")
    opening = " ".join(["Lawmakers debated the proposal for most of the afternoon session"] * 6) + "."
    body = f"<p>{opening}</p><p>{opening}</p><p>{BEYOND_LEAD_IN}</p>"
    stories = [make_article(section=section, headline=f"Council story {n}", body=body) for n in range(3)]

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        for story in stories[:2]:
            page.goto(live_server.url + story.get_absolute_url())
            assert BEYOND_LEAD_IN in page.locator(".article__body").inner_text()
        page.goto(live_server.url + stories[2].get_absolute_url())

        paywall = page.locator(".paywall")
        assert paywall.is_visible()
        assert "You’ve reached your limit of 2 free articles this month." in paywall.inner_text()
        assert "Subscribe now for unlimited access." in paywall.inner_text()
        assert "₹2,700" in paywall.inner_text() and "₹225 a month" in paywall.inner_text()
        # What the reader is not entitled to is not in the page at all, not merely hidden.
        assert BEYOND_LEAD_IN not in page.content()
        assert "Lawmakers debated" in page.locator(".article__lead-in").inner_text()
        page.screenshot(path=artifacts / "paywall-phone.png", full_page=True)

        page.locator(".paywall__login a", has_text="Log in").click()
        page.wait_for_url("**/accounts/login/**")
        query = parse_qs(urlparse(page.url).query)
        assert query["next"] == [stories[2].get_absolute_url()]
        assert page.locator("input[name=login]").is_visible()
    finally:
        context.close()
