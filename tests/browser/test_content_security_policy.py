"""Every kind of page renders under the site's CSP, which admits no inline styles.

Chromium reports each thing the policy blocked (a style attribute, a <style>
block, a script) as a `securitypolicyviolation` event and a console error;
a page that needed one would look or work wrong for readers.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.epaper.tests.factories import make_edition, make_subscriber
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

# Recorded before any of the page's own code runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || document.location.pathname}:${event.lineNumber} ${event.sample || ""}`);
});
"""


@pytest.fixture
def site(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    section = make_section(name="Markets", slug="markets")
    free = make_article(section=section, headline="Bond yields ease", published_ago=timedelta(minutes=30))
    premium = make_article(section=section, headline="Rupee steadies against the dollar", is_premium=True)
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    edition = make_edition(local_date(timezone.now()), pages=2)
    # Each page, and who opens it: a visitor, a subscriber or a member of the desk.
    return {
        "home": ("/", "visitor"),
        "section": (section.get_absolute_url(), "visitor"),
        "article": (free.get_absolute_url(), "visitor"),
        "paywalled article": (premium.get_absolute_url(), "visitor"),
        "premium article, subscribed": (premium.get_absolute_url(), "subscriber"),
        "subscribe": ("/subscribe/", "visitor"),
        "search": ("/search/?q=rupee", "visitor"),
        "sign in": ("/accounts/login/", "visitor"),
        "sign up": ("/accounts/signup/", "visitor"),
        "account": ("/account/", "subscriber"),
        "e-mail addresses": ("/accounts/email/", "subscriber"),
        "two-factor sign-in": ("/accounts/2fa/", "subscriber"),
        "authenticator set-up": ("/accounts/2fa/totp/activate/", "subscriber"),
        "e-paper": (f"/epaper/{edition.date}/", "subscriber"),
        "admin sign in": ("/admin/login/", "visitor"),
        "admin story list": ("/admin/newsroom/article/", "desk"),
        "admin story editor": ("/admin/newsroom/article/add/", "desk"),
        "API docs": ("/api/v1/docs", "visitor"),
    }


def _watched_page(context):
    page = context.new_page()
    page.csp_console = []
    page.on("console", lambda message: page.csp_console.append(message.text) if "Content Security Policy" in message.text else None)
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def _found(page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.csp_console


def _violations(context, url, *, use=None) -> tuple[list[str], str]:
    page = _watched_page(context)
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    if use:
        use(page)
    found = _found(page)
    page.close()
    return found, response.headers.get("content-security-policy", "")


def _write_in_the_editor(page):
    """The editor's toolbar and menus build their elements as the editor is used."""
    page.locator(".ProseMirror[contenteditable=true]:visible").first.click()
    page.keyboard.type("A line in bold.")
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+b")
    page.wait_for_timeout(200)


def test_no_page_needs_inline_styles_or_breaks_the_policy(browser, live_server, site, django_user_model):
    staff = django_user_model.objects.create_user(
        username="desk", email="desk@example.test", password="a long demo password", is_staff=True
    )
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="newsroom"))
    reader = make_subscriber(django_user_model)

    contexts = {
        "visitor": browser.new_context(viewport=DESKTOP),
        "subscriber": signed_in(browser, live_server, reader),
        "desk": signed_in(browser, live_server, staff),
    }
    problems = []
    try:
        for name, (path, who) in site.items():
            use = _write_in_the_editor if name == "admin story editor" else None
            found, policy = _violations(contexts[who], live_server.url + path, use=use)
            style_src = next((d for d in policy.split(";") if d.strip().startswith("style-src")), "")
            if not policy or "'unsafe-inline'" in style_src:
                problems.append(f"{name} ({path}): style-src is {style_src.strip()!r}")
            problems += [f"{name} ({path}): {violation}" for violation in found]
    finally:
        for context in contexts.values():
            context.close()
    assert not problems, "\n".join(problems)


def test_the_card_form_renders_under_the_policy(browser, live_server, localstripe, django_user_model):
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    reader = django_user_model.objects.create_user(username="meera", email="meera@example.test", password="x" * 20)
    context = signed_in(browser, live_server, reader)
    try:
        page = _watched_page(context)
        page.goto(live_server.url + "/subscribe/smart-quarterly/")
        page.fill("input[name=name]", "Meera Pillai")
        page.select_option("select[name=state_code]", "27")
        page.get_by_role("button", name="Continue to payment").click()
        page.wait_for_url("**/subscribe/pay/")
        page.locator("#card-element input[placeholder=number]").fill("4242424242424242")
        page.wait_for_load_state("networkidle")
        assert not _found(page), "\n".join(_found(page))
    finally:
        context.close()
