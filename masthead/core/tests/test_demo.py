from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from masthead.core.demo import DEMO_LOGINS
from masthead.core.management.commands import serve
from masthead.core.periods import day_bounds, local_date
from masthead.newsroom.models import Article, Section
from masthead.subscriptions.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_demo_has_depth_fresh_news_and_a_premium_desk(demo):
    now = timezone.now()
    live = Article.objects.live(now)
    assert live.count() >= 300
    assert live.filter(publish_at__gte=now - timedelta(days=60)).count() >= 80
    today = day_bounds(local_date(now))
    assert live.filter(is_premium=True, publish_at__gte=today.start, publish_at__lt=today.end).count() >= 30
    assert local_date(live.order_by("publish_at").first().publish_at).year == 1997
    assert live.filter(agency__isnull=False).exists()
    assert set(Section.objects.values_list("slug", flat=True)) >= {
        "markets", "economy", "politics", "world", "technology", "opinion", "market-analysis",
    }  # fmt: skip


def test_demo_plans_are_the_three_reference_plans(demo, client):
    plans = {(p.name, p.price_minor, p.term_months) for p in Plan.objects.all()}
    assert plans == {("Smart Quarterly", 900_00, 3), ("Smart Essential", 2_700_00, 12), ("Super Saver", 3_900_00, 24)}


def _login(role: str):
    return next(login for login in DEMO_LOGINS if login.role == role)


def test_demo_logins_work_and_the_editor_reaches_the_admin(demo, client):
    editor, reader = _login("editor"), _login("reader")
    assert authenticate(username=reader.email, password=reader.password) is not None
    assert client.login(username=editor.email, password=editor.password)
    assert client.get("/admin/newsroom/article/").status_code == 200


def test_each_demo_staff_login_does_its_own_job_and_no_other(demo):
    """A newcomer needs no superuser: business staff set the meter and the ad
    slots, support refunds and reads invoices, the editor publishes."""
    pages = {
        "editor": ["/admin/newsroom/article/", "/admin/epaper/edition/", "/admin/newsletters/issue/"],
        "business": ["/admin/metering/metersettings/", "/admin/ads/adslot/", "/admin/partners/partner/"],
        "support": ["/admin/payments/payment/", "/admin/invoicing/invoice/", "/admin/subscriptions/subscription/"],
    }
    for role, allowed in pages.items():
        login = _login(role)
        user = get_user_model().objects.get(email=login.email)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [login.group]
        browser = Client()
        assert browser.login(username=login.email, password=login.password)
        for path in allowed:
            assert browser.get(path, follow=True).status_code == 200, (role, path)
        for other, refused in pages.items():
            if other != role:
                for path in refused:
                    assert browser.get(path).status_code == 403, (role, path)


def test_make_run_prints_every_demo_login_and_what_it_is_for(settings):
    settings.PRODUCTION = False
    out = StringIO()
    serve.Command(stdout=out)._announce("127.0.0.1", 8000)
    printed = out.getvalue()
    for login in DEMO_LOGINS:
        assert f"{login.email} / {login.password}" in printed
    assert "meter settings" in printed and "refunds" in printed


def test_loading_the_demo_twice_changes_nothing(demo, capsys):
    before = Article.objects.count()
    call_command("load_demo")
    assert Article.objects.count() == before
    assert "already loaded" in capsys.readouterr().out


def test_every_demo_page_renders(demo, client):
    article = Article.objects.live().filter(agency__isnull=False).first()
    for path in ["/", "/section/markets/", article.get_absolute_url(), "/subscribe/", "/archive/1997/"]:
        assert client.get(path).status_code == 200, path


def test_a_demo_loaded_before_a_login_was_added_gets_it_on_the_next_run(demo):
    business = _login("business")
    get_user_model().objects.filter(email=business.email).delete()
    call_command("load_demo", verbosity=0)
    assert authenticate(username=business.email, password=business.password) is not None
