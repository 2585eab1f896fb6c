"""Playwright driving Debian's Chromium against a live Masthead server.

No browser download: Playwright launches /usr/bin/chromium (or
MASTHEAD_CHROMIUM). Without it the browser tests are skipped with a plain
message, except in CI, where a missing browser is a failure.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from masthead.testing.environment import require

CHROMIUM = Path(os.environ.get("MASTHEAD_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def signed_in(browser, live_server, user, viewport=DESKTOP):
    """A browser context carrying the user's session cookie (signed in without
    the sign-in page, for tests about what comes after it)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}])
    return context


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def fill_card(page, number):
    """Type a card into the Stripe.js form localstripe serves."""
    card = page.locator("#card-element")
    card.locator("input[placeholder=number]").fill(number)
    card.locator("input[placeholder=exp_month]").fill("12")
    card.locator("input[placeholder=exp_year]").fill("34")
    card.locator("input[placeholder=cvc]").fill("123")
    card.locator("input[placeholder=postal_code]").fill("40001")


def confirm_mailed_code(page, email):
    """After sign-up: type the confirmation code mailed to the address (the
    live server runs in this process, so its mail is in the test outbox)."""
    from django.core import mail

    page.wait_for_url("**/accounts/confirm-email/**")
    (message,) = [message for message in mail.outbox if email in message.to]
    page.fill("input[name=code]", re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.body).group(1))
    page.get_by_role("button", name="Confirm").click()


def blocking_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it stands,
    one line each with where they are: the bar every page of the site meets."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
