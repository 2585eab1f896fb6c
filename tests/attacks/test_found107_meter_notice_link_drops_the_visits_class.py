"""The meter notice's "Subscribe for unlimited access" link carries no
``via``: a reader who came from search and clicks it is counted as a
direct visit from there on.

docs/desk.md: "Subscribe clicked" is counted when "a paywall's or meter
notice's subscribe link is followed", and "the paywall's links carry the
visit's class on as via=<class> … a step with no via is direct". The
paywall's links do; the meter notice's link (spliced per reader into the
cached page) is written without it, and so is a gift note's.

What happens: a reader arrives from Google, reads a story within their
free articles and follows the notice's link. The click's Referer is this
site and it has no ``via``, so "subscribe clicked", "checkout started" and
"paid" all go to "direct". The desk's "by where readers came from" table
gives search's meter-notice subscribers to direct visits.

What should happen: the click is counted under the class the visit came
with, as a paywall link's is.
"""

import re

import pytest
from django.db.models import Sum
from django.test import Client

from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def test_a_meter_notice_click_from_a_search_visit_is_counted_under_search(django_user_model):
    set_meter(free_limit=5)
    make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    story = make_article(headline="Inside the rate decision")
    reader = Client()
    reader.force_login(django_user_model.objects.create_user(username="m", email="m@example.test", password="x" * 20))

    page = reader.get(story.get_absolute_url(), HTTP_REFERER="https://www.google.com/").content.decode()
    link = re.search(r'<p class="meter-notice"[^>]*>.*?<a href="([^"]+)">', page, re.S).group(1).replace("&amp;", "&")
    assert reader.get(link, HTTP_REFERER="http://testserver" + story.get_absolute_url()).status_code == 200

    funnel_events_flush()
    clicks = dict(
        FunnelEvent.objects.filter(kind=FunnelEventKind.SUBSCRIBE_CLICKED).values_list("referrer").annotate(n=Sum("count"))
    )
    assert clicks == {"search": 1}
