"""axe-core, run in Chromium, on the pages every reader sees."""

from datetime import timedelta

import pytest

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, blocking_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site():
    section = make_section(name="Markets", slug="markets", description="Stocks, bonds and currencies.")
    article = make_article(section=section, headline="Rupee steadies against the dollar", is_premium=True, dateline="Mumbai")
    for n in range(5):
        make_article(section=section, headline=f"Market story {n}", published_ago=timedelta(hours=n + 2))
    make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12, position=2, is_featured=True)
    free = make_article(section=section, headline="Bond yields ease", published_ago=timedelta(minutes=30))
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "article": free.get_absolute_url(),
        "paywall": article.get_absolute_url(),
        "plans": "/subscribe/",
        "login": "/accounts/login/",
        "search": "/search/?q=market",
        "redeem": "/gift/redeem/",
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", ["home", "section", "article", "paywall", "plans", "login", "search", "redeem"])
def test_reader_pages_have_no_serious_accessibility_violations(browser, live_server, site, name, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_server.url + site[name])
        blocking = blocking_accessibility_violations(page)
        assert not blocking, "\n".join(blocking)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_registration_wall_and_its_form_have_no_serious_accessibility_violations(browser, live_server, viewport):
    set_meter(free_limit=0, account_extra=3)
    story = make_article(headline="Bond yields ease")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_server.url + story.get_absolute_url())
        assert page.locator(".regwall form").is_visible()
        blocking = blocking_accessibility_violations(page)
        assert not blocking, "\n".join(blocking)
    finally:
        context.close()
