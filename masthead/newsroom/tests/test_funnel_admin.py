"""The paywall funnel in the admin names each step's story, linked to it,
for business staff, in the same few queries however long the page is."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.testing.accounts import make_staff
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db
FUNNEL = "/admin/metering/funnelevent/"


@pytest.fixture
def business():
    client = Client()
    client.force_login(make_staff("metering.view_funnelevent", username="business"))
    return client


def _events(count: int) -> list:
    stories = [make_article(headline=f"Monsoon story number {n}") for n in range(count)]
    for story in stories:
        FunnelEvent.objects.create(kind=FunnelEventKind.PAYWALL_SHOWN, article_id=story.pk, occurred_at=timezone.now(), count=3)
    return stories


def test_each_step_shows_its_storys_headline_linked_to_the_story(business):
    (story,) = _events(1)
    FunnelEvent.objects.create(kind=FunnelEventKind.SUBSCRIBE_CLICKED, article_id=None, occurred_at=timezone.now())
    FunnelEvent.objects.create(kind=FunnelEventKind.SUBSCRIBE_CLICKED, article_id=987654, occurred_at=timezone.now())
    page = business.get(FUNNEL).text
    assert f'<a href="{story.get_absolute_url()}">Monsoon story number 0</a>' in page
    assert "Article 987654 (since deleted)" in page
    assert re.search(r'<th scope="col" class="[^"]*column-article[^"]*">.*?Article', page, re.S)
    assert "field-article_id" not in page


def test_the_funnel_page_asks_the_database_the_same_number_of_times_for_one_story_or_fifty(business):
    _events(1)
    with CaptureQueriesContext(connection) as one:
        assert business.get(FUNNEL).status_code == 200
    _events(49)
    with CaptureQueriesContext(connection) as fifty:
        page = business.get(FUNNEL).text
    assert page.count("Monsoon story number") == 50
    assert len(fifty) == len(one), [query["sql"] for query in fifty.captured_queries]


def test_the_funnel_page_stays_within_a_handful_of_queries(business, django_assert_max_num_queries):
    _events(30)
    with django_assert_max_num_queries(12):
        business.get(FUNNEL)


def test_each_step_says_why_in_words_not_the_stored_code(business):
    (story,) = _events(1)
    FunnelEvent.objects.filter(article_id=story.pk).update(reason="meter_exhausted")
    FunnelEvent.objects.create(kind=FunnelEventKind.METER_NOTICE, article_id=story.pk, occurred_at=timezone.now(), reason="free_within_meter")
    page = business.get(FUNNEL).text
    assert "Meter used up" in page and "Free within the meter" in page
    assert "meter_exhausted</td>" not in page and "free_within_meter</td>" not in page


def test_the_why_filter_offers_reasons_in_words_and_filters_by_them(business):
    free, premium = make_article(headline="A free story"), make_article(headline="A premium story")
    for story, reason in [(free, "free_within_meter"), (premium, "premium")]:
        FunnelEvent.objects.create(kind=FunnelEventKind.PAYWALL_SHOWN, article_id=story.pk, reason=reason, occurred_at=timezone.now())
    page = business.get(FUNNEL).text
    filters = page[page.index('id="changelist-filter"'):]
    assert "By why" in filters and ">Free within the meter</a>" in filters and ">Premium story</a>" in filters
    assert "free_within_meter" not in re.sub(r'href="[^"]*"', "", filters)
    only_premium = business.get(FUNNEL, {"reason": "premium"}).text
    assert "A premium story" in only_premium and "A free story" not in only_premium


def test_the_registration_walls_steps_are_listed_and_filtered_by_kind_and_reason(business):
    story = make_article(headline="Monsoon wall story")
    for kind in (FunnelEventKind.REGISTRATION_WALL_SHOWN, FunnelEventKind.REGISTERED_FROM_WALL):
        FunnelEvent.objects.create(kind=kind, article_id=story.pk, reason="registration_wall", occurred_at=timezone.now())
    page = business.get(FUNNEL).text
    assert "Registration wall shown" in page and "Registered from the wall" in page
    assert "?kind__exact=registration_wall" in page and "?kind__exact=registered_from_wall" in page
    filtered = business.get(FUNNEL, {"kind__exact": "registered_from_wall"}).text
    assert "Monsoon wall story" in filtered and "1 funnel event" in filtered
    # The reason filter names it in staff's words.
    assert "Registration wall" in business.get(FUNNEL).text.split('id="changelist-filter"')[1]
