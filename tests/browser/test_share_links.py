"""Handing on a gift link or a shared e-paper page, in Chromium: the whole
link in a field as wide as the column, and a Copy button that says it copied,
or, where the browser has no clipboard API, selects the link to copy by hand."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from masthead.core.periods import local_date
from masthead.epaper.tests.factories import make_edition, make_subscriber
from masthead.testing.newsroom import make_article

from .conftest import DESKTOP, PHONE, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
NO_CLIPBOARD_API = "Object.defineProperty(navigator, 'clipboard', {value: undefined});"


@pytest.fixture
def subscriber(django_user_model):
    return make_subscriber(django_user_model)


def link_made(page, live_server, kind: str):
    """The page a subscriber lands on after making a ``kind`` link, and the link's field."""
    if kind == "gift":
        page.goto(live_server.url + make_article(headline="Inside the rate decision", is_premium=True).get_absolute_url() + "gift/")
        page.get_by_role("button", name="Create a gift link").click()
        return page.locator("#gift-link")
    page.goto(f"{live_server.url}/epaper/{make_edition(local_date(timezone.now()), pages=2).date}/")
    page.get_by_role("button", name="Share this page").click()
    return page.locator("#share-link")


def spans_the_column(page, field) -> bool:
    """The field and its Copy button fill the width of the page's column."""
    row = field.locator("xpath=..").bounding_box()
    column = page.evaluate("""() => {
      const main = document.querySelector("main"), style = getComputedStyle(main), box = main.getBoundingClientRect();
      return box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    }""")
    return row["width"] >= column - 1 and field.bounding_box()["width"] >= row["width"] * 0.6


@pytest.mark.parametrize("kind", ["gift", "e-paper page"])
def test_a_subscriber_copies_a_link_to_hand_on_with_one_tap(browser, live_server, settings, tmp_path, subscriber, kind, artifacts):
    settings.DATA_DIR = tmp_path
    context = signed_in(browser, live_server, subscriber, PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        field = link_made(page, live_server, kind)
        link = field.input_value()
        assert link.startswith(live_server.url) and field.get_attribute("readonly") is not None
        assert spans_the_column(page, field)

        page.get_by_role("button", name="Copy the link").click()
        expect(page.get_by_role("status").filter(has_text="Copied")).to_be_visible()
        assert page.evaluate("navigator.clipboard.readText()") == link
        page.screenshot(path=artifacts / f"phone-copied-{kind.replace(' ', '-')}.png", full_page=True)
    finally:
        context.close()


def test_without_the_clipboard_api_copy_selects_the_whole_link(browser, live_server, subscriber, artifacts):
    context = signed_in(browser, live_server, subscriber, DESKTOP)
    context.add_init_script(NO_CLIPBOARD_API)
    page = context.new_page()
    try:
        field = link_made(page, live_server, "gift")
        assert spans_the_column(page, field)
        page.get_by_role("button", name="Copy the link").click()
        expect(page.locator("[data-copy-link-status]")).not_to_be_empty()
        selected = field.evaluate("field => [document.activeElement === field, field.selectionStart, field.selectionEnd]")
        assert selected == [True, 0, len(field.input_value())]
        page.screenshot(path=artifacts / "desktop-copy-fallback.png", full_page=True)
    finally:
        context.close()
