from datetime import timedelta

import pytest

from masthead.testing.newsroom import (
    make_agency,
    make_article,
    make_author,
    make_section,
)
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    markets = make_section(name="Markets", slug="markets", position=1)
    economy = make_section(name="Economy", slug="economy", position=2)
    author = make_author(name="Anjali Deshpande", role="Markets Editor")
    lead = make_article(
        section=markets,
        authors=[author],
        headline="Lenders lead a late rally as bond yields ease",
        standfirst="Banking shares recovered in the final hour of trade.",
        dateline="Mumbai",
        body=(
            "<p>Banking shares led a late recovery on Thursday as government bond yields eased for a third "
            "session, lifting the benchmark index off its lows in the final hour of trade.</p>"
            "<p>Traders said the move was driven by short covering ahead of the long weekend.</p>"
        ),
        published_ago=timedelta(minutes=20),
    )
    make_article(section=economy, agency=make_agency(name="Asia Wire Service"), headline="Factory output steadies")
    for n in range(6):
        make_article(section=economy, headline=f"Economy brief {n}", published_ago=timedelta(hours=n + 2))
    make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    return lead


def test_a_reader_follows_a_link_from_the_home_page_to_an_article(page, live_server, newsroom, artifacts):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=newsroom.headline).first.click()

    page.wait_for_url(f"**{newsroom.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == newsroom.headline
    body = page.locator(".article__body").inner_text()
    assert "Banking shares led a late recovery" in body
    assert "short covering" in body
    assert "Anjali Deshpande" in page.locator(".article__byline").inner_text()

    page.screenshot(path=artifacts / "article-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=artifacts / "article-phone.png", full_page=True)
    # On a phone the text fits the screen: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


def test_keyboard_users_can_skip_to_the_content(page, live_server, newsroom):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    skip.press("Enter")
    assert page.evaluate("location.hash") == "#main"
