"""The meter as a reader meets it, over HTTP."""

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import requests
import time_machine
from django.test import Client, RequestFactory
from django.utils import timezone

from masthead.access.readers import anonymous_id_from, reader_key
from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent
from masthead.metering.period import meter_period
from masthead.metering.stores import meter_store
from masthead.testing.environment import redis_url_for_tests, require
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article, make_section
from masthead.testing.subscriptions import make_plan
from masthead.access.app_settings import app_settings

pytestmark = pytest.mark.django_db

READER_COOKIE = app_settings.READER_COOKIE
PAYWALL = "Subscribe now for unlimited access."


def _stories(count, **fields):
    return [make_article(headline=f"Story {n}", **fields) for n in range(count)]


def _is_full(response, article):
    return PAYWALL not in response.text and "Second paragraph of the story." in response.text


def test_free_limit_articles_in_full_then_the_paywall_then_rereading_is_free(client):
    set_meter(free_limit=3)
    first, second, third, fourth = _stories(4)
    for article in (first, second, third):
        assert _is_full(client.get(article.get_absolute_url()), article)
    blocked = client.get(fourth.get_absolute_url())
    assert PAYWALL in blocked.text
    assert "You’ve reached your limit of 3 free articles this month." in blocked.text
    assert _is_full(client.get(first.get_absolute_url()), first)


def test_the_meter_notice_counts_down(client):
    set_meter(free_limit=5)
    first, second = _stories(2)
    assert "4 of 5 free articles left this month." in client.get(first.get_absolute_url()).text
    assert "3 of 5 free articles left this month." in client.get(second.get_absolute_url()).text
    assert "3 of 5 free articles left this month." in client.get(first.get_absolute_url()).text


def test_the_paywall_links_to_login_returning_here_and_to_the_plans(client):
    set_meter(free_limit=0)
    make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12)
    (article,) = _stories(1)
    page = client.get(article.get_absolute_url()).text
    assert f'href="/accounts/login/?next={article.get_absolute_url()}"' in page
    assert f'href="/subscribe/?from={article.pk}"' in page
    assert "Subscribe to read the full story →" in page
    assert "Renews automatically, cancel anytime" in page
    assert "₹2,700" in page and "₹225 a month" in page


def test_a_head_request_spends_nothing(client):
    set_meter(free_limit=1)
    first, second = _stories(2)
    client.head(first.get_absolute_url())
    assert _is_full(client.get(second.get_absolute_url()), second)


@pytest.mark.parametrize(
    ("zone", "last_moment", "first_moment"),
    [
        ("Asia/Kolkata", datetime(2026, 11, 30, 18, 29, 59, tzinfo=UTC), datetime(2026, 11, 30, 18, 30, tzinfo=UTC)),
        # British Summer Time: March ends at 23:00 UTC.
        ("Europe/London", datetime(2027, 3, 31, 22, 59, 59, tzinfo=UTC), datetime(2027, 3, 31, 23, 0, tzinfo=UTC)),
        # Greenwich Mean Time: January ends at midnight UTC.
        ("Europe/London", datetime(2027, 1, 31, 23, 59, 59, tzinfo=UTC), datetime(2027, 2, 1, 0, 0, tzinfo=UTC)),
    ],
)
def test_the_meter_turns_over_at_midnight_in_the_publication_zone(settings, zone, last_moment, first_moment):
    settings.TIME_ZONE = zone
    set_meter(free_limit=1)
    with time_machine.travel(last_moment - timedelta(hours=1), tick=False):
        first, second = _stories(2)
    reader = Client()
    with time_machine.travel(last_moment, tick=False):
        assert _is_full(reader.get(first.get_absolute_url()), first)
        assert PAYWALL in reader.get(second.get_absolute_url()).text
    with time_machine.travel(first_moment, tick=False):
        assert _is_full(reader.get(second.get_absolute_url()), second)


def test_staff_change_the_limit_in_the_admin_without_a_restart(client, django_user_model):
    set_meter(free_limit=1)
    first, second = _stories(2)
    client.get(first.get_absolute_url())
    assert PAYWALL in client.get(second.get_absolute_url()).text

    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    response = staff.post("/admin/metering/metersettings/1/change/", {"free_limit": 2, "archive_age_days": 365})
    assert response.status_code == 302

    assert _is_full(client.get(second.get_absolute_url()), second)


def test_exempt_sections_and_articles_are_free_and_not_counted(client):
    set_meter(free_limit=1)
    public = make_section(meter_exempt=True)
    exempt_in_section = make_article(section=public)
    exempt_article = make_article(meter_exempt=True)
    (metered,) = _stories(1)
    assert _is_full(client.get(exempt_in_section.get_absolute_url()), exempt_in_section)
    assert _is_full(client.get(exempt_article.get_absolute_url()), exempt_article)
    assert _is_full(client.get(metered.get_absolute_url()), metered)
    # Only the metered story was counted, in whichever store the meter uses.
    assert meter_store().articles(reader=_meter_key(client), period=meter_period(timezone.now())) == [metered.pk]


def test_premium_beats_always_free(client):
    """A premium story in an always-free section, or ticked both premium and
    always free, is for subscribers: the lead-in and the paywall, nothing counted."""
    set_meter(free_limit=5)
    premium_in_public_section = make_article(section=make_section(meter_exempt=True), is_premium=True)
    premium_and_exempt = make_article(meter_exempt=True, is_premium=True)
    for article in (premium_in_public_section, premium_and_exempt):
        page = client.get(article.get_absolute_url())
        assert not _is_full(page, article) and "Second paragraph of the story." not in page.text
        assert '"isAccessibleForFree": false' in page.text
    assert READER_COOKIE not in client.cookies or not meter_store().articles(
        reader=_meter_key(client), period=meter_period(timezone.now())
    )


def _meter_key(client) -> str:
    """The meter's key for the anonymous reader behind this client's cookie."""
    request = RequestFactory().get("/")
    request.COOKIES[READER_COOKIE] = client.cookies[READER_COOKIE].value
    return reader_key(user=None, anonymous_id=anonymous_id_from(request))


def test_logging_in_carries_the_anonymous_month_into_the_account(client, django_user_model):
    set_meter(free_limit=3)
    user = django_user_model.objects.create_user(username="r", email="reader@example.test", password="a fine long password")
    stories = _stories(5)
    # The account already read one story on another device this month.
    other_device = Client()
    other_device.force_login(user)
    other_device.get(stories[0].get_absolute_url())
    # Anonymously: the same story and two more.
    for article in stories[:3]:
        client.get(article.get_absolute_url())

    response = client.post(
        "/accounts/login/", {"login": "reader@example.test", "password": "a fine long password", "next": stories[0].get_absolute_url()}
    )
    assert response.status_code == 302 and response["Location"] == stories[0].get_absolute_url()

    # 1 (account) + 2 new from the anonymous month = 3: the limit, no story counted twice.
    for article in stories[:3]:
        assert _is_full(client.get(article.get_absolute_url()), article)
    assert PAYWALL in client.get(stories[3].get_absolute_url()).text


def test_a_next_address_off_site_is_refused_at_login(client, django_user_model):
    django_user_model.objects.create_user(username="r", email="reader@example.test", password="a fine long password")
    response = client.post("/accounts/login/", {"login": "reader@example.test", "password": "a fine long password", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_the_funnel_records_notice_paywall_and_subscribe_click(client, settings):
    settings.MASTHEAD_FUNNEL_BATCH = 1
    set_meter(free_limit=1)
    first, second = _stories(2)
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())
    client.get(f"/subscribe/?from={second.pk}")
    funnel_events_flush()
    kinds = list(FunnelEvent.objects.order_by("id").values_list("kind", "article_id"))
    assert kinds == [
        ("story_view", first.pk),
        ("meter_notice", first.pk),
        ("meter_reached", first.pk),
        ("story_view", second.pk),
        ("paywall_shown", second.pk),
        ("subscribe_clicked", second.pk),
    ]


def test_a_metered_article_view_costs_at_most_four_queries(client, django_assert_max_num_queries):
    set_meter(free_limit=5)
    first, second = _stories(2)
    client.get(first.get_absolute_url())  # mints the reader cookie
    client.head(second.get_absolute_url())  # warms the article cache; a HEAD spends nothing
    with django_assert_max_num_queries(4):
        assert _is_full(client.get(second.get_absolute_url()), second)
    with django_assert_max_num_queries(4):
        assert _is_full(client.get(second.get_absolute_url()), second)


REDIS_URL = redis_url_for_tests()


@pytest.fixture
def meter_backend(request, monkeypatch):
    """Run a test against one meter store, whatever the settings chose."""
    from masthead.metering import services
    from masthead.metering.stores.database import DatabaseMeterStore

    if request.param == "redis":
        require(bool(REDIS_URL), "no Redis configured (set MASTHEAD_TEST_REDIS_URL)")
        from masthead.metering.stores.redis import RedisMeterStore

        store = RedisMeterStore(REDIS_URL, prefix=f"test-meter-{uuid.uuid4().hex}")
    else:
        store = DatabaseMeterStore()
    monkeypatch.setattr(services, "meter_store", lambda: store)
    return store


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("meter_backend", ["database", "redis"], indirect=True)
def test_twenty_parallel_requests_from_one_reader_yield_exactly_the_limit(live_server, meter_backend):
    set_meter(free_limit=5)
    stories = _stories(20)
    session = requests.Session()
    session.get(live_server.url + "/robots.txt")
    # One reader: take a cookie from a first article, then race twenty new ones.
    warmup = make_article(headline="Warm-up")
    session.get(live_server.url + warmup.get_absolute_url())
    cookie = session.cookies.get("mh_reader")
    assert cookie
    barrier = threading.Barrier(len(stories))
    results = []

    def read(article):
        barrier.wait()
        response = requests.get(live_server.url + article.get_absolute_url(), cookies={"mh_reader": cookie}, timeout=30)
        results.append((response.status_code, PAYWALL not in response.text))

    threads = [threading.Thread(target=read, args=(article,)) for article in stories]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [status for status, _ in results] == [200] * 20
    # The warm-up took one free article; four remain for the race.
    assert sum(full for _, full in results) == 4


def test_a_cached_page_never_carries_another_readers_details(django_user_model):
    """Pages are cached per (article, decision, logged in or not): nothing of
    one reader may reach another through that cache."""
    (article,) = _stories(1)
    first = django_user_model.objects.create_user(username="one", email="first.reader@example.test", password="x" * 20)
    second = django_user_model.objects.create_user(username="two", email="second.reader@example.test", password="x" * 20)
    pages = []
    for user in (first, second):
        reader = Client()
        reader.force_login(user)
        pages.append(reader.get(article.get_absolute_url()).text)
    assert "first.reader@example.test" not in pages[1]
    assert "second.reader@example.test" not in pages[0]
