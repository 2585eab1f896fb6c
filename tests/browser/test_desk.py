"""The business desk in Chromium, as a member of the Business group only,
on the demo publication: a phone and a laptop, screenshots and axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from masthead.core.periods import local_date

from masthead.demo.loader import demo_load
from masthead.desk.models import DayFigures

from .conftest import DESKTOP, PHONE, signed_in

pytestmark = pytest.mark.django_db(transaction=True)
BLOCKING = {"serious", "critical"}


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
        results = Axe().run(page)
        blocking = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + ", ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in BLOCKING
        ]
        assert not blocking, "\n".join(blocking)
        with page.expect_download() as download:
            page.get_by_role("link", name="MRR by day (CSV)").click()
        assert download.value.suggested_filename.startswith("desk-mrr-")
    finally:
        context.close()
