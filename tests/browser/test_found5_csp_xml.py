"""The footer of every page links the sitemap (and the RSS and Atom feeds).
Opened in Chromium, /sitemap.xml is shown by its XML viewer, which styles the
tree with inline styles; the site's CSP (no inline styles) blocks them and
Chromium reports violations: the reader who follows the footer link gets the
tree unstyled. (The feeds held: Chromium reports nothing on them.)"""

import pytest
from django.test import Client

from masthead.testing.newsroom import make_article

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} ${event.sample || ""}`);
});
"""


def test_the_footers_sitemap_and_feeds_open_in_chromium_without_a_policy_violation(browser, live_server):
    make_article(headline="Bond yields ease")
    footer = Client().get("/").text
    problems = []
    context = browser.new_context()
    try:
        for path in ("/sitemap.xml", "/feeds/rss/", "/feeds/atom/"):
            assert f'href="{path}"' in footer
            page = context.new_page()
            console = []
            page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
            page.add_init_script(RECORD_VIOLATIONS)
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            problems += [f"{path}: {found}" for found in page.evaluate("window.__cspViolations || []") + console]
            page.close()
    finally:
        context.close()
    assert not problems, "\n".join(problems)
