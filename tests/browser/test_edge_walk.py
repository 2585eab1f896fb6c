"""A reader, a subscriber and a reader past the month's allowance walk
through the edge (Varnish in front of the site) on a phone and a desktop:
what the edge serves them looks and reads as the site's own pages."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, PAYWALL_TEXT, make_story_with_hidden_sentence

from .conftest import DESKTOP, PHONE, blocking_accessibility_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_readers_walk_through_the_edge(browser, edge, artifacts, viewport):
    set_meter(free_limit=2)
    first, second, third = (make_story_with_hidden_sentence(headline=f"Tide tables for week {n}") for n in (1, 2, 3))
    size = "phone" if viewport == PHONE else "desktop"

    reader = browser.new_context(viewport=viewport)
    page = reader.new_page()
    page.goto(edge + first.get_absolute_url())
    reread = page.goto(edge + first.get_absolute_url())  # a re-read: the edge's copy
    assert reread.headers["x-edge"].startswith("full:1-2")
    assert page.locator(".meter-notice").inner_text().startswith("1 of 2 free articles left this month.")
    assert BEYOND_LEAD_IN in page.content()
    page.screenshot(path=artifacts / f"edge-reread-{size}.png", full_page=False)
    assert blocking_accessibility_violations(page) == []
    page.goto(edge + second.get_absolute_url())  # the month's last: the origin counts it
    page.goto(edge + third.get_absolute_url())  # walled by the origin, then by the edge
    walled = page.goto(edge + third.get_absolute_url())
    assert walled.headers["x-edge"].startswith("wall:p2")
    assert PAYWALL_TEXT in page.content() and BEYOND_LEAD_IN not in page.content()
    page.screenshot(path=artifacts / f"edge-paywall-{size}.png", full_page=False)
    assert blocking_accessibility_violations(page) == []
    reader.close()

    user = get_user_model().objects.create_user(
        username="ines@example.test", email="ines@example.test", password="x" * 20, complimentary_access=True
    )
    client = Client()
    client.force_login(user)
    member = browser.new_context(viewport=viewport)
    member.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": edge}])
    page = member.new_page()
    page.goto(edge + third.get_absolute_url())
    served = page.goto(edge + third.get_absolute_url())
    assert served.headers["x-edge"].startswith("subscriber")
    assert BEYOND_LEAD_IN in page.content() and page.get_by_role("link", name="Log out").count() == 1
    assert "ines" not in page.content()
    page.screenshot(path=artifacts / f"edge-subscriber-{size}.png", full_page=False)
    assert blocking_accessibility_violations(page) == []
    member.close()
