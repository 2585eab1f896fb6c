"""A reader can read again, all month, the stories they read last month
without this month's meter counting them: one HEAD request to any metered
story (curl -I) gets them a receipt naming last month's stories, and the
edge serves those in full from it.

A HEAD request counts nothing, so the meter leaves the reader cookie's
receipt as it was, still last month's (masthead/metering/receipts.py,
receipt_after: only a page view changes it). The article view then gives
the edge receipt (masthead/newsroom/views.py, _give_edge_cookies;
masthead/edge/services.py, give_receipt) from that receipt's stories, with
a life running to the end of this month (or an hour). The edge
(deploy/edge/masthead.vcl) serves the full page of any metered story the
receipt names, without asking the origin, which would have counted it as
this month's (the store holds nothing for this month yet). Before the hour
is up, another HEAD renews it. A story counted last month is a new story
this month (docs/paywall.md: the meter counts distinct stories a month).

What a reader sees: a two-a-month meter; on the 1st they reopen a story
they read last month (in full), then read two new stories in full, and
the third is still free: three stories this month on a meter of two.
"""

from datetime import timedelta

import pytest
import requests
from django.http import HttpResponse
from django.utils import timezone

from masthead.access.app_settings import app_settings
from masthead.access.readers import Reader, remember_reader
from masthead.metering.period import meter_period
from masthead.metering.receipts import MeterReceipt
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import BEYOND_LEAD_IN, make_story_with_hidden_sentence

pytestmark = pytest.mark.django_db(transaction=True)


def _browser_that_read_last_month(story) -> requests.Session:
    """The reader cookie a browser holds after reading ``story`` last month."""
    last_month = meter_period(timezone.now() - timedelta(days=40))
    assert last_month != meter_period(timezone.now())
    receipt = MeterReceipt(period=last_month, views=1, article_ids=frozenset({story.pk}))
    response = HttpResponse()
    remember_reader(response, Reader(user=None, anonymous_id="ab" * 16, receipt=receipt))
    browser = requests.Session()
    browser.cookies.set(app_settings.READER_COOKIE, response.cookies[app_settings.READER_COOKIE].value)
    return browser


def test_a_story_read_last_month_counts_again_this_month_through_the_edge(edge):
    set_meter(free_limit=2)
    last_months, first_new, second_new = (make_story_with_hidden_sentence() for _ in range(3))
    reader = _browser_that_read_last_month(last_months)

    assert reader.head(edge + first_new.get_absolute_url()).status_code == 200
    reopened = reader.get(edge + last_months.get_absolute_url())
    assert BEYOND_LEAD_IN in reopened.text  # this month's first
    assert BEYOND_LEAD_IN in reader.get(edge + first_new.get_absolute_url()).text  # this month's second
    third = reader.get(edge + second_new.get_absolute_url())
    assert BEYOND_LEAD_IN not in third.text, f"a third story this month on a meter of two ({third.headers.get('X-Edge')!r})"
