"""Every reader page laid out on a 390-px phone and on a desktop, in Chromium.

Each page is visited as the reader who would see it (a visitor, a reader past
the meter, a subscriber with payments and invoices), saved as a full-page
screenshot in test-artifacts/ (phone-home.png, desktop-home.png, ...), and
must be no wider than the screen: a page that scrolls sideways on a phone
hides part of every line. A failure names the element that sticks out.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.ads.models import AdSlot
from masthead.core.periods import local_date
from masthead.epaper.tests.factories import make_edition, make_reader
from masthead.newsletters.models import Newsletter
from masthead.payments.providers.base import PaymentDeclined
from masthead.subscriptions.models import Plan
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.stripe import DECLINED_CARD, subscribe
from masthead.testing.subscriptions import make_plan

from .conftest import DESKTOP, PHONE, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
# The demo's menu: on a phone it runs past the screen's edge.
SECTIONS = ["Markets", "Economy", "Politics", "World", "Technology", "Opinion", "Market Analysis"]
STORY = "<p>" + " ".join(["The rupee held steady as importers bought dollars through the morning"] * 5) + ".</p>"

# How far the page reaches past the screen's right edge, and the smallest
# element reaching that far: the one to fix, not the containers around it.
# Elements cut off inside a box that scrolls or clips do not widen the page;
# an absolutely placed one escapes every such box below its containing block.
WIDEST = """() => {
  const page = document.documentElement, screen = page.clientWidth, width = page.scrollWidth;
  if (width <= screen) return null;
  const clipped = (element, right) => {
    let escaping = getComputedStyle(element).position;
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (escaping === "fixed") return true;
      if (escaping === "absolute" && style.position === "static") continue;
      if (style.overflowX !== "visible" && box.getBoundingClientRect().right < right - 1) return true;
      escaping = style.position;
    }
    return false;
  };
  let widest = null, area = Infinity;
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right + window.scrollX >= width - 1 && box.width * box.height < area && !clipped(element, box.right)) {
      widest = element; area = box.width * box.height;
    }
  }
  const name = (element) => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + [...element.classList].map((cls) => "." + cls).join("");
  const path = [];
  for (let element = widest; element && element !== document.body && path.length < 4; element = element.parentElement) {
    path.push(name(element));
  }
  const text = widest ? (widest.textContent || widest.value || "").trim().slice(0, 40) : "";
  return `${width} px wide on a ${screen} px screen; widest: ${path.join(" in ")}${text ? ` ("${text}")` : ""}`;
}"""


@pytest.fixture
def paper(settings, tmp_path):
    """A small publication as the demo has it: the demo's sections, stories to
    find, three plans (the middle one featured), house ads in every position,
    newsletters, and today's e-paper."""
    settings.DATA_DIR = tmp_path
    set_meter(free_limit=1)
    sections = [make_section(name=name, slug=name.lower().replace(" ", "-"), position=n) for n, name in enumerate(SECTIONS)]
    markets = sections[0]
    for n, section in enumerate(sections):
        for m in range(3):
            make_article(section=section, headline=f"{section.name} story {m}: rupee and bond yields", body=STORY,
                         published_ago=timedelta(hours=n * 3 + m + 2))  # fmt: skip
    free = make_article(section=markets, headline="Rupee steadies against the dollar", body=STORY, dateline="Mumbai")
    premium = make_article(section=markets, headline="Inside the rate decision", body=STORY, is_premium=True)
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, position=1)
    make_plan(name="Smart Essential", slug="smart-essential", price_minor=2_700_00, term_months=12, position=2, is_featured=True)
    make_plan(name="Super Saver", slug="super-saver", price_minor=3_900_00, term_months=24, position=3)
    AdSlot.objects.create(position="leaderboard", house_headline="Read without limits", house_text="Subscribe from ₹225 a month.")
    AdSlot.objects.create(position="in_article", house_headline="The morning briefing", house_text="Markets before the bell.")
    AdSlot.objects.create(position="rail", house_headline="Today’s e-paper", house_link="/epaper/")
    # Seeded by a migration, unless an earlier transactional test emptied the database.
    Newsletter.objects.update_or_create(slug="markets", defaults={"name": "Markets", "subscribers_only": True,
                                                                  "description": "The day's market moves, before the bell."})  # fmt: skip
    Newsletter.objects.update_or_create(slug="tech", defaults={"name": "Tech", "description": "The companies shaping technology."})
    return {
        "free": free.get_absolute_url(),
        "premium": premium.get_absolute_url(),
        "section": markets.get_absolute_url(),
    }


@pytest.fixture
def subscriber(paper, localstripe, django_user_model):
    """A subscriber whose first card was declined: a failed payment, then a paid one and its invoice."""
    user = django_user_model.objects.create_user(username="asha", email="asha.rao.subscriber@example.test", password="x" * 20)
    plan = Plan.objects.get(slug="smart-quarterly")
    with pytest.raises(PaymentDeclined):
        subscribe(user, plan, card=DECLINED_CARD)
    subscribe(user, plan)
    return user


def past_the_meter(browser, live_server, paper, reader, screen):
    """A signed-in reader who has read this month's one free story, now on the premium one's paywall."""
    context = signed_in(browser, live_server, reader, SCREENS[screen])
    page = context.new_page()
    page.goto(live_server.url + paper["free"])
    page.goto(live_server.url + paper["premium"])
    return page


def overflow(page) -> str | None:
    return page.evaluate(WIDEST)


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def overlap(one: dict, other: dict) -> bool:
    return (
        one["x"] < other["x"] + other["width"] and other["x"] < one["x"] + one["width"]
        and one["y"] < other["y"] + other["height"] and other["y"] < one["y"] + one["height"]
    )  # fmt: skip


@pytest.mark.parametrize("screen", SCREENS)
def test_no_reader_page_is_wider_than_the_screen(browser, live_server, paper, subscriber, django_user_model, screen, artifacts):
    problems = []

    def look(page, name):
        page.wait_for_load_state("load")
        page.screenshot(path=artifacts / f"{screen}-{name}.png", full_page=True)
        if problem := overflow(page):
            problems.append(f"{name}: {problem}")

    def visit(page, path, name):
        page.goto(live_server.url + path)
        look(page, name)

    edition = f"/epaper/{make_edition(local_date(timezone.now()), pages=4).date}/"
    visitor = browser.new_context(viewport=SCREENS[screen])
    contexts = [visitor]
    try:
        page = visitor.new_page()
        visit(page, "/", "home")
        visit(page, paper["section"], "section")
        visit(page, paper["free"], "article")
        visit(page, "/subscribe/", "plans")
        visit(page, "/search/?q=rupee", "search")
        visit(page, "/epaper/", "epaper")
        visit(page, edition, "epaper-reader")
        visit(page, "/accounts/login/", "login")
        visit(page, "/accounts/signup/", "signup")
        visit(page, "/gift/redeem/", "gift-redeem")

        page = past_the_meter(browser, live_server, paper, make_reader(django_user_model), screen)
        contexts.append(page.context)
        assert page.locator(".paywall").is_visible()
        look(page, "paywall")
        visit(page, "/subscribe/smart-quarterly/", "checkout")
        page.fill("input[name=name]", "Ravi Menon")
        page.select_option("select[name=state_code]", "27")
        page.locator("main form button[type=submit]:not([name=apply_code])").click()
        page.wait_for_url("**/subscribe/pay/")
        page.wait_for_selector("#card-element input")
        look(page, "pay")

        contexts.append(signed_in(browser, live_server, subscriber, SCREENS[screen]))
        page = contexts[-1].new_page()
        visit(page, "/account/", "account")
        visit(page, "/account/invoices/", "invoices")
        page.locator("main table a[href*='/account/invoices/']").first.click()
        look(page, "invoice")
        visit(page, "/gift/", "gift-subscription")
        visit(page, paper["premium"] + "gift/", "gift")
        page.locator("main form button[type=submit]:not([name=apply_code])").click()
        page.wait_for_selector("#gift-link")
        look(page, "gift-link")
        visit(page, edition, "epaper-subscriber")
        page.locator(".epaper__share button").click()
        page.wait_for_selector("#share-link")
        look(page, "share")
        visit(page, page.locator("#share-link").input_value().removeprefix(live_server.url), "epaper-shared")
    finally:
        for context in contexts:
            context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_best_value_badge_keeps_clear_of_the_plan_name(browser, live_server, paper, django_user_model, screen):
    page = past_the_meter(browser, live_server, paper, make_reader(django_user_model), screen)
    try:
        for where in ("the paywall", "the plans page"):
            if where == "the plans page":
                page.goto(live_server.url + "/subscribe/")
            badge = box(page, ".plan--featured .plan__flag")
            name = box(page, ".plan--featured .plan__name")
            assert not overlap(badge, name), f"on {where}, BEST VALUE {badge} covers the plan's name {name}"
            assert badge["height"] < 24, f"on {where}, BEST VALUE wraps onto two lines"
    finally:
        page.context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_form_buttons_keep_clear_of_the_footer_rule(browser, live_server, paper, django_user_model, screen):
    page = past_the_meter(browser, live_server, paper, make_reader(django_user_model), screen)
    visitor = browser.new_context(viewport=SCREENS[screen]).new_page()
    try:
        for reader_page, path in ((visitor, "/accounts/login/"), (visitor, "/accounts/signup/"), (page, "/subscribe/smart-quarterly/")):
            reader_page.goto(live_server.url + path)
            button = box(reader_page, "main form button[type=submit]:not([name=apply_code])")
            footer = box(reader_page, ".site-footer")
            space = footer["y"] - (button["y"] + button["height"])
            assert space >= 24, f"{path}: the button is {space:.0f} px above the footer's rule"
    finally:
        page.context.close()
        visitor.context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_ads_line_up_with_the_column_they_sit_in(browser, live_server, paper, screen):
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    try:
        page.goto(live_server.url + paper["free"])
        column = page.evaluate("""() => {
          const main = document.querySelector("main"), style = getComputedStyle(main), box = main.getBoundingClientRect();
          return {left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight)};
        }""")
        top = box(page, ".ad--leaderboard")
        assert top["x"] >= column["left"] - 0.5 and top["x"] + top["width"] <= column["right"] + 0.5, (
            f"the top ad spans {top['x']:.0f}-{top['x'] + top['width']:.0f} px; the column, {column['left']:.0f}-{column['right']:.0f} px"
        )
        article = box(page, ".article")
        after = box(page, ".ad--in_article")
        assert after["x"] >= article["x"] - 0.5 and after["x"] + after["width"] <= article["x"] + article["width"] + 0.5
    finally:
        context.close()


def test_newsletter_tick_boxes_sit_on_the_line_of_their_labels(browser, live_server, paper, django_user_model):
    context = signed_in(browser, live_server, make_reader(django_user_model), PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/account/")
        boxes = page.locator("section[aria-labelledby=newsletters-heading] input[type=checkbox]")
        assert boxes.count() >= 1
        for n in range(boxes.count()):
            tick = boxes.nth(n)
            label = page.locator(f"label[for={tick.get_attribute('id')}]").bounding_box()
            tick = tick.bounding_box()
            middle = tick["y"] + tick["height"] / 2
            assert label["y"] <= middle <= label["y"] + label["height"], "the tick box is not on its label's line"
            assert tick["x"] + tick["width"] <= label["x"], "the tick box is not before its label"
    finally:
        context.close()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_search_box_shows_its_whole_placeholder(browser, live_server, paper, screen):
    context = browser.new_context(viewport=SCREENS[screen])
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        # The placeholder is laid out where typed text goes (beside the room a
        # search box keeps for its clear button): typed in, it must not scroll.
        needed, room = page.locator("#site-search-q").evaluate(
            "field => { field.value = field.placeholder; return [field.scrollWidth, field.clientWidth]; }"
        )
        assert needed <= room, f"the placeholder needs {needed} px; the box has {room}"
    finally:
        context.close()


def test_the_phone_menu_fades_where_it_runs_on_and_scrolls_clear_of_the_fade(browser, live_server, paper):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        menu = page.locator(".site-nav__list")
        assert menu.evaluate("list => list.scrollWidth > list.clientWidth"), "the menu fits: nothing to hint at"
        fade = menu.evaluate("list => { const style = getComputedStyle(list); return style.maskImage || style.webkitMaskImage; }")
        assert "gradient" in fade, "the menu is cut at the screen's edge with no hint that it scrolls"
        fade_width = 40  # 2.5rem: the last section must be able to leave it
        menu.evaluate("list => list.scrollTo(list.scrollWidth, 0)")
        last = menu.locator("li").last.bounding_box()
        edge = menu.bounding_box()
        assert last["x"] + last["width"] <= edge["x"] + edge["width"] - fade_width, "scrolled to the end, the last section is still faded"
    finally:
        context.close()


def test_on_a_phone_each_payment_shows_its_invoice_number_whole(browser, live_server, subscriber, artifacts):
    context = signed_in(browser, live_server, subscriber, PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/account/")
        payments = page.locator("table.payments")
        assert "Failed: Your card was declined." in payments.inner_text()
        number = payments.locator("a[href*='/account/invoices/']")
        assert number.inner_text().startswith("MH/")
        lines, right = number.evaluate("link => [link.getClientRects().length, link.getBoundingClientRect().right]")
        assert lines == 1, "the invoice number is broken over lines"
        assert right <= number.evaluate("link => link.closest('.table-scroll').getBoundingClientRect().right"), "the invoice number is cut off"
        payments.screenshot(path=artifacts / "phone-payments.png")
    finally:
        context.close()


def test_a_notice_naming_a_long_address_wraps_within_a_phone_screen(browser, live_server, paper, artifacts):
    """Sign-up's notices name the address ("Confirmation e-mail sent to …");
    a long one is a single word with nowhere to break, and ran past the edge."""
    email = "priyamvada.raghavan.subscriptions@kalyani-analytics.example.in"
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/signup/")
        page.get_by_label("E-mail address").fill(email)
        page.fill("input[name=password1]", "a very long passphrase 42")
        page.fill("input[name=password2]", "a very long passphrase 42")
        page.get_by_role("button", name="Sign up", exact=True).click()
        page.wait_for_url("**/accounts/confirm-email/**")
        assert email in page.locator(".messages").inner_text()
        page.screenshot(path=artifacts / "phone-confirm-email.png", full_page=True)
        assert overflow(page) is None, overflow(page)
    finally:
        context.close()
