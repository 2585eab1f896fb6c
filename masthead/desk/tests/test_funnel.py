"""The funnel's daily rollups (one per dimension: every event, story,
section, referrer, device) are the raw events summed, exactly, whether
rebuilt from the raw rows or kept up by each flush; they can be rebuilt for
any range whose raw events are kept, and outlive the raw events;
/desk/funnel/ shows each step's rate and the tables by day, section, story,
referrer and device, with a CSV of each."""

import csv
import io
import random
from collections import Counter
from datetime import UTC, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.desk.funnel import FUNNEL_STEPS, funnel_raw_prune, funnel_rollup
from masthead.desk.models import FunnelCount, FunnelDimension as Dim
from masthead.desk.services import desk_rollup
from masthead.newsroom.models import Article
from masthead.metering.events import FunnelVisit, funnel_event_record, funnel_events_discard, funnel_events_flush
from masthead.metering.models import DeviceClass, FunnelEvent, FunnelEventKind as K, ReferrerClass
from masthead.testing.newsroom import make_article, make_section

from .history import at

pytestmark = pytest.mark.django_db


def _business(name="biz"):
    user = get_user_model().objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20, is_staff=True)
    user.groups.add(Group.objects.get(name="Business"))
    client = Client()
    client.force_login(user)
    return client


def _event(kind, when, *, article=None, referrer="", device="", count=1):
    return FunnelEvent.objects.create(
        kind=kind, article_id=article, referrer=referrer, device=device, count=count,
        occurred_at=when.astimezone(UTC).replace(second=0, microsecond=0),
    )  # fmt: skip


@pytest.fixture
def today():
    return local_date(timezone.now())


def _expected_from_raw() -> Counter:
    """Every raw row counted once in each dimension, another way: by a loop
    over the rows, each story's section looked up as it is now."""
    section_of = dict(Article.objects.values_list("pk", "section_id"))
    expected = Counter()
    for row in FunnelEvent.objects.all():
        day = local_date(row.occurred_at)
        section = section_of.get(row.article_id)
        for dimension, value in [
            (Dim.ALL, ""), (Dim.STORY, "" if row.article_id is None else str(row.article_id)),
            (Dim.SECTION, "" if section is None else str(section)), (Dim.REFERRER, row.referrer), (Dim.DEVICE, row.device),
        ]:  # fmt: skip
            expected[(day, row.kind, dimension, value)] += row.count
    return expected


def _rolled() -> Counter:
    return Counter({(row.day, row.kind, row.dimension, row.value): row.count for row in FunnelCount.objects.all()})


def _random_events(chance, days, stories, count=600):
    kinds = [kind.value for kind in K]
    for _ in range(count):
        day = chance.choice(days)
        hour, minute = chance.choice([(0, chance.randrange(30)), (23, chance.randrange(60)), (chance.randrange(24), chance.randrange(60))])
        when = at(day, hour, minute)
        if when > timezone.now():
            continue
        _event(chance.choice(kinds), when, article=chance.choice(stories), referrer=chance.choice(["", *ReferrerClass.values]),
               device=chance.choice(["", *DeviceClass.values]), count=chance.randint(1, 5))  # fmt: skip


def test_the_rollup_is_the_raw_events_counted_another_way(today):
    """Random events over ten days (some in the half hour after midnight IST,
    the day before in UTC): each dimension's rows of a day are a count over
    the raw rows, and every dimension adds up to the same total."""
    chance = random.Random(20261207)
    sections = [make_section(name=f"Section {n}", slug=f"section-{n}") for n in range(3)]
    stories = [make_article(section=chance.choice(sections)).pk for _ in range(6)] + [None]
    days = [today - timedelta(days=n) for n in range(9, -1, -1)]
    _random_events(chance, days, stories)
    desk_rollup(first=days[0], last=days[-1])

    assert _rolled() == _expected_from_raw()
    assert FunnelCount.objects.count() == len(_rolled()), "one row per day, step, dimension and value"
    totals = Counter()
    for row in FunnelCount.objects.all():
        totals[(row.day, row.kind, row.dimension)] += row.count
    for (day, kind, dimension), total in totals.items():
        assert total == totals[(day, kind, Dim.ALL)], (day, kind, dimension)

    # Rebuilt for a part of the range, twice: the same rows.
    before = _rolled()
    call_command("desk_rollup", "--from", str(days[3]), "--to", str(days[5]), stdout=io.StringIO())
    assert _rolled() == before
    call_command("desk_rollup", "--from", str(days[3]), "--to", str(days[5]), stdout=io.StringIO())
    assert _rolled() == before


def test_each_flush_keeps_its_days_rollups_current(today):
    """Events counted by the site reach the rollups with the flush that writes
    them, before any rebuild, and a rebuild afterwards changes nothing."""
    funnel_events_discard()
    markets = make_section(name="Markets", slug="markets")
    story = make_article(section=markets).pk
    for _ in range(3):
        funnel_event_record(kind=K.STORY_VIEW, article_id=story, visit=FunnelVisit("search", "phone"))
    funnel_event_record(kind=K.PAYWALL_SHOWN, article_id=story, visit=FunnelVisit("search", "phone"))
    funnel_event_record(kind=K.WINBACK_SENT)
    funnel_events_flush()
    assert _rolled() == _expected_from_raw()
    assert _rolled()[(today, K.STORY_VIEW, Dim.SECTION, str(markets.pk))] == 3

    desk_rollup(first=today - timedelta(days=1), last=today)
    assert _rolled() == _expected_from_raw()
    # A flush after the rebuild adds to the rebuilt rows.
    funnel_event_record(kind=K.STORY_VIEW, article_id=story, visit=FunnelVisit("direct", "desktop"))
    funnel_events_flush()
    assert _rolled() == _expected_from_raw()
    assert _rolled()[(today, K.STORY_VIEW, Dim.ALL, "")] == 4
    desk_rollup(first=today, last=today)
    assert _rolled() == _expected_from_raw()


def test_raw_events_past_the_setting_go_and_their_rollups_stay(settings, today):
    old, recent = today - timedelta(days=8), today - timedelta(days=2)
    _event(K.STORY_VIEW, at(old), count=7)
    _event(K.STORY_VIEW, at(recent), count=3)
    desk_rollup(first=old, last=today)  # rolled up while both were kept (90 days by default)
    settings.MASTHEAD_FUNNEL_RAW_DAYS = 5
    assert funnel_raw_prune() == 1
    assert list(FunnelEvent.objects.values_list("count", flat=True)) == [3]
    # A rebuild of the whole range keeps the day whose raw events are gone.
    desk_rollup(first=old, last=today)
    for dimension in Dim.values:
        assert sorted(FunnelCount.objects.filter(dimension=dimension).values_list("day", "count")) == [(old, 7), (recent, 3)]
    assert funnel_rollup(first=old, last=old) == 0


def test_the_retention_setting_refuses_a_value_the_job_could_lose_days_with(settings):
    from django.core.exceptions import ImproperlyConfigured

    from masthead.desk.app_settings import app_settings

    settings.MASTHEAD_FUNNEL_RAW_DAYS = 2
    with pytest.raises(ImproperlyConfigured, match="at least 3"):
        app_settings.FUNNEL_RAW_DAYS


@pytest.fixture
def funnel(today):
    """Two stories in two sections over the last days: 1,000 and 200 views."""
    politics = make_section(name="Politics", slug="politics")
    markets = make_section(name="Markets", slug="markets")
    rates = make_article(headline="Inside the rate decision", section=markets)
    vote = make_article(headline="The vote count, street by street", section=politics)
    day = today - timedelta(days=1)
    for kind, story, referrer, device, count in [
        (K.STORY_VIEW, rates, "search", "phone", 600), (K.STORY_VIEW, rates, "social", "desktop", 400),
        (K.STORY_VIEW, vote, "direct", "phone", 200),
        (K.METER_NOTICE, rates, "search", "phone", 300), (K.REGISTRATION_WALL_SHOWN, rates, "search", "phone", 100),
        (K.PAYWALL_SHOWN, rates, "search", "phone", 100), (K.PAYWALL_SHOWN, vote, "direct", "phone", 100),
        (K.SUBSCRIBE_CLICKED, rates, "search", "phone", 20), (K.SUBSCRIBE_CLICKED, vote, "direct", "phone", 20),
        (K.CHECKOUT_STARTED, rates, "search", "phone", 10), (K.CHECKOUT_STARTED, vote, "direct", "phone", 8),
        (K.PAID, rates, "search", "phone", 4), (K.PAID, vote, "direct", "phone", 5),
    ]:  # fmt: skip
        _event(kind, at(day, 10), article=story.pk, referrer=referrer, device=device, count=count)
    desk_rollup(first=today - timedelta(days=60), last=today)
    return {"rates": rates, "vote": vote}


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_business_staff_see_each_step_and_its_rate(funnel):
    page = _business().get("/desk/funnel/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<strong>7.50</strong> paid per 1,000 story views" in text  # 9 paid of 1,200 views
    # Steps table: paywall 200 of 300 meter notices' step... each rate is over the step before.
    steps = _csv(_business("b2").get("/desk/funnel/", {"format": "csv", "table": "steps"}))
    assert steps[0] == ["Step", "Count", "From the step before", "Per 1,000 views"]
    assert steps[1:] == [
        ["Story views", "1200", "", "1000.00"],
        ["Meter notices", "300", "25.00", "250.00"],
        ["Registration wall", "100", "33.33", "83.33"],
        ["Paywall shown", "200", "200.00", "166.67"],
        ["Subscribe clicked", "40", "20.00", "33.33"],
        ["Checkout started", "18", "45.00", "15.00"],
        ["Paid", "9", "50.00", "7.50"],
    ]
    # The story table links each headline to its story.
    assert f'<a href="{funnel["rates"].get_absolute_url()}">Inside the rate decision</a>' in text


def test_the_tables_by_referrer_device_section_and_the_stories_that_convert_most(funnel):
    client = _business()
    referrers = _csv(client.get("/desk/funnel/", {"format": "csv", "table": "referrers"}))
    assert referrers[0][0] == "Came from" and referrers[0][-1] == "Paid per 1,000 views"
    by_name = {row[0]: row for row in referrers[1:]}
    assert by_name["Search"][1] == "600" and by_name["Search"][-2:] == ["4", "6.67"]
    assert by_name["Social"][1] == "400" and by_name["Social"][-2:] == ["0", "0.00"]
    devices = {row[0]: row for row in _csv(client.get("/desk/funnel/", {"format": "csv", "table": "devices"}))[1:]}
    assert devices["Phone"][1] == "800" and devices["Desktop"][1] == "400"
    sections = {row[0]: row for row in _csv(client.get("/desk/funnel/", {"format": "csv", "table": "sections"}))[1:]}
    assert sections["Markets"][-2:] == ["4", "4.00"] and sections["Politics"][-2:] == ["5", "25.00"]
    top = _csv(client.get("/desk/funnel/", {"format": "csv", "table": "top"}))
    assert top[1:] == [["The vote count, street by street", "200", "5", "25.00"], ["Inside the rate decision", "1000", "4", "4.00"]]
    days = _csv(client.get("/desk/funnel/", {"format": "csv", "table": "days"}))
    assert len(days) == 1 + 30 and days[0][:2] == ["Day", "Story views"]


def test_the_funnel_is_business_only_and_refuses_bad_input(funnel):
    reader = get_user_model().objects.create_user(username="reader", email="reader@example.test", password="x" * 20)
    client = Client()
    client.force_login(reader)
    assert client.get("/desk/funnel/").status_code == 403
    assert client.get("/desk/funnel/", {"format": "csv", "table": "steps"}).status_code == 403
    assert Client().get("/desk/funnel/").status_code == 302
    business = _business()
    assert business.get("/desk/funnel/", {"from": "2026-02-30"}).status_code == 400
    refused = business.get("/desk/funnel/", {"format": "csv", "table": "everything"})
    assert refused.status_code == 400 and "steps" in refused.content.decode()


def test_every_step_is_on_the_page_in_order():
    assert [step.value for step in FUNNEL_STEPS] == [
        "story_view", "meter_notice", "registration_wall", "paywall_shown", "subscribe_clicked", "checkout_started", "paid",
    ]  # fmt: skip


def test_raw_events_of_a_day_with_utc_boundary_count_on_the_publication_s_day(today):
    """00:10 IST is the day before in UTC: it belongs to the IST day."""
    day = today - timedelta(days=1)
    _event(K.PAID, at(day, 0, 10))
    desk_rollup(first=day - timedelta(days=1), last=day)
    assert list(FunnelCount.objects.filter(dimension=Dim.ALL).values_list("day", "count")) == [(day, 1)]
