"""An anonymous reader reads their free articles, meets the registration
wall, signs up on it, types the mailed code and is back on the story, in
full, with the meter counting on from where it was; on a phone and a desktop."""

import re

import pytest

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article, make_section

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

BEYOND_LEAD_IN = "The committee's final vote is due next week."


def _mailed_code(smtp, email) -> str:
    (message,) = [message for address, message in smtp.messages if address == email]
    return re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.get_body(("plain",)).get_content()).group(1)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_registration_wall_signs_a_reader_up_and_returns_them_to_the_story(
    browser, live_server, smtp, artifacts, viewport
):
    set_meter(free_limit=2, account_extra=3)
    section = make_section(name="Politics", slug="politics")
    opening = " ".join(["Lawmakers debated the proposal for most of the afternoon session"] * 6) + "."
    body = f"<p>{opening}</p><p>{opening}</p><p>{BEYOND_LEAD_IN}</p>"
    stories = [make_article(section=section, headline=f"Council story {n}", body=body) for n in range(3)]
    email = f"asha.{viewport}@example.test"

    context = browser.new_context(viewport=PHONE if viewport == "phone" else DESKTOP)
    page = context.new_page()
    try:
        for story in stories[:2]:
            page.goto(live_server.url + story.get_absolute_url())
            assert BEYOND_LEAD_IN in page.locator(".article__body").inner_text()
        page.goto(live_server.url + stories[2].get_absolute_url())

        wall = page.locator(".regwall")
        assert wall.is_visible()
        assert "Sign up free to read 3 more stories this month" in wall.inner_text()
        assert BEYOND_LEAD_IN not in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        page.screenshot(path=artifacts / f"registration-wall-{viewport}.png", full_page=True)

        wall.get_by_label("First name (optional)").fill("Asha")
        wall.get_by_label("E-mail address").fill(email)
        wall.get_by_label("Password", exact=True).fill("a very long passphrase 42")
        wall.get_by_label("Password (again)").fill("a very long passphrase 42")
        wall.get_by_role("button", name="Sign up free").click()

        page.wait_for_url("**/accounts/confirm-email/**")
        page.fill("input[name=code]", _mailed_code(smtp, email))
        page.get_by_role("button", name="Confirm").click()

        page.wait_for_url(live_server.url + stories[2].get_absolute_url())
        assert BEYOND_LEAD_IN in page.locator(".article__body").inner_text()
        # Two read before signing up, this one now: 5 - 3.
        assert page.locator(".meter-notice").inner_text().startswith("Asha, you have 2 of 5 free articles left this month.")
        page.screenshot(path=artifacts / f"registration-wall-returned-{viewport}.png", full_page=True)
    finally:
        context.close()
