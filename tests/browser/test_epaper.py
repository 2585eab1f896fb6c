"""The e-paper reader in Chromium: turning pages by button, key and thumbnail, zooming, and what readers who do not subscribe get."""

import pytest
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.epaper.tests.factories import make_edition, make_subscriber

from .conftest import DESKTOP, PHONE, blocking_accessibility_violations, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def edition(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return make_edition(local_date(timezone.now()), pages=4)


def shown_page(page) -> str:
    return " ".join(page.locator(".epaper__count").inner_text().split())


def wait_for_image(page, number: int):
    # The image may not be in the page yet (it is still loading, or a turn
    # is replacing it): keep waiting rather than failing on a missing element.
    page.wait_for_function(
        "n => { const img = document.querySelector('[data-epaper-image]');"
        " return !!img && img.src.endsWith('/pages/' + n + '.webp') && img.complete && img.naturalWidth > 0; }",
        arg=number,
    )


def test_a_subscriber_turns_the_pages_of_todays_edition(browser, live_server, django_user_model, edition, artifacts):
    context = signed_in(browser, live_server, make_subscriber(django_user_model), DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/epaper/{edition.date}/")
        assert shown_page(page) == "Page 1 / 4"
        wait_for_image(page, 1)
        assert page.locator("[data-epaper-previous]").is_hidden()

        page.get_by_role("link", name="Next page").click()
        assert shown_page(page) == "Page 2 / 4"
        wait_for_image(page, 2)
        assert page.url.endswith("?page=2")
        assert page.locator("[data-epaper-per-page]").first.get_attribute("href").endswith("/pages/2/save.pdf")

        page.keyboard.press("ArrowRight")
        assert shown_page(page) == "Page 3 / 4"
        wait_for_image(page, 3)
        page.keyboard.press("ArrowLeft")
        assert shown_page(page) == "Page 2 / 4"
        wait_for_image(page, 2)

        image = page.locator("[data-epaper-image]")
        width = image.bounding_box()["width"]
        page.get_by_role("button", name="Zoom in").click()
        assert image.bounding_box()["width"] > width * 1.4
        page.get_by_role("button", name="Zoom out").click()
        assert abs(image.bounding_box()["width"] - width) < 2

        page.locator('[data-epaper-thumb="4"]').click()
        assert shown_page(page) == "Page 4 / 4"
        wait_for_image(page, 4)
        assert page.locator("[data-epaper-next]").is_hidden()
        page.go_back()
        assert shown_page(page) == "Page 2 / 4"
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=artifacts / "epaper-reader.png")

        assert not blocking_accessibility_violations(page)
    finally:
        context.close()


def test_the_reader_on_a_phone_swipes_to_the_next_page(browser, live_server, django_user_model, edition, artifacts):
    context = signed_in(browser, live_server, make_subscriber(django_user_model, "phone"), PHONE)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/epaper/{edition.date}/")
        wait_for_image(page, 1)
        box = page.locator("[data-epaper-viewport]").bounding_box()
        y = box["y"] + 100
        # A swipe from right to left, as pointer events (what a finger sends too).
        page.mouse.move(box["x"] + box["width"] - 20, y)
        page.mouse.down()
        page.mouse.move(box["x"] + 20, y, steps=8)
        page.mouse.up()
        assert shown_page(page) == "Page 2 / 4"
        wait_for_image(page, 2)
        page.screenshot(path=artifacts / "epaper-reader-phone.png")
    finally:
        context.close()


def test_a_reader_without_a_subscription_gets_the_front_page_then_the_subscribe_prompt(page, live_server, edition, artifacts):
    page.goto(f"{live_server.url}/epaper/")
    page.get_by_role("link", name="Read the latest edition").click()
    wait_for_image(page, 1)
    assert "Today’s front page is free for everyone." in page.content()
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**?page=2")
    assert page.locator("[data-epaper-image]").count() == 0
    assert "This page of the e-paper is for subscribers." in page.locator(".paywall").inner_text()
    assert "/pages/2.webp" not in page.content()
    page.screenshot(path=artifacts / "epaper-paywall.png", full_page=True)
    assert not blocking_accessibility_violations(page)

    page.goto(f"{live_server.url}/epaper/")
    assert not blocking_accessibility_violations(page)
