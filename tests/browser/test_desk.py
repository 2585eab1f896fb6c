"""The business desk in Chromium, as a member of the Business group only,
on the demo publication: a phone and a laptop, screenshots and axe-core."""

import pytest
from playwright.sync_api import expect
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from masthead.core.periods import local_date

from masthead.demo.loader import demo_load
from masthead.desk.models import DayFigures

from .conftest import DESKTOP, PHONE, blocking_accessibility_violations, signed_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff_groups():
    """The staff groups, with the desk in Business's hands as its migration
    puts it (a transactional test's database is emptied afterwards, groups and all)."""
    for name in ("Newsroom", "Business", "Support"):
        Group.objects.get_or_create(name=name)
    Group.objects.get(name="Business").permissions.add(Permission.objects.get(content_type__app_label="desk", codename="view_desk"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_business_staff_read_the_desk_on_a_phone_and_a_laptop(browser, live_server, artifacts, staff_groups, viewport):
    demo_load(count=12)
    business = get_user_model().objects.get(email="business@masthead.test")
    assert not business.is_superuser and [group.name for group in business.groups.all()] == ["Business"]
    context = signed_in(browser, live_server, business, viewport=viewport)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/desk/")
        assert page.get_by_role("heading", name="Business desk").is_visible()
        # The first card is MRR, as the demo's rollup of today has it.
        today = DayFigures.objects.get(plan__isnull=True, day=local_date(timezone.now()))
        assert today.mrr_minor > 0
        assert page.locator(".desk-card__value").first.inner_text() == str(today.mrr)
        assert page.locator("svg.desk-svg").count() == 3
        assert page.get_by_role("table", name="MRR by day (table)").is_visible()
        # Nothing is wider than the screen: the tables scroll inside their own box.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        name = "phone" if viewport is PHONE else "desktop"
        page.screenshot(path=str(artifacts / f"desk-{name}.png"), full_page=True)
        blocking = blocking_accessibility_violations(page)
        assert not blocking, "\n".join(blocking)
        with page.expect_download() as download:
            page.get_by_role("link", name="MRR by day (CSV)").click()
        assert download.value.suggested_filename.startswith("desk-mrr-")
    finally:
        context.close()


DESK_PAGES = [
    ("funnel", "The funnel", "The funnel, step by step (table)", "The funnel by day (CSV)"),
    ("retention", "Retention", "Still paying, by the month they started (table)", "Why readers cancelled (CSV)"),
    ("offers", "Offers, trials and gifts", "Trials (table)", "Trials (CSV)"),
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_funnel_retention_and_offers_pages_on_a_phone_and_a_laptop(browser, live_server, artifacts, staff_groups, viewport):
    demo_load(count=12)
    business = get_user_model().objects.get(email="business@masthead.test")
    context = signed_in(browser, live_server, business, viewport=viewport)
    page = context.new_page()
    name = "phone" if viewport is PHONE else "desktop"
    try:
        page.goto(live_server.url + "/desk/")
        for slug, heading, table, csv_link in DESK_PAGES:
            # Reached from the desk's own navigation, with the range kept.
            page.get_by_role("navigation", name="Business desk").get_by_role("link", name=heading if slug != "funnel" else "Funnel").click()
            # The click navigates: wait for the page it leads to, not the one it leaves.
            expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
            expect(page.get_by_role("table", name=table)).to_be_visible()
            # The demo's desk is not empty.
            assert page.get_by_role("table", name=table).locator("tbody tr").count() > 0
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            page.screenshot(path=str(artifacts / f"desk-{slug}-{name}.png"), full_page=True)
            blocking = blocking_accessibility_violations(page)
            assert not blocking, f"{slug}: " + "\n".join(blocking)
            with page.expect_download() as download:
                page.get_by_role("link", name=csv_link).click()
            assert download.value.suggested_filename.startswith(f"desk-{slug}-")
        page.goto(live_server.url + "/desk/funnel/")
        assert page.locator("svg.desk-svg").count() == 1
        assert "paid per 1,000 story views" in page.locator(".desk__period").inner_text()
    finally:
        context.close()
