"""Readers in the apps count in the paywall funnel as web readers do."""

import pytest

from masthead.metering.events import funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db


def test_an_app_reader_at_the_paywall_is_counted(client):
    set_meter(free_limit=1)
    first, second = make_article(), make_article()
    reader = client.get(f"/api/v1/articles/{first.slug}").headers["X-Reader"]
    assert client.get(f"/api/v1/articles/{second.slug}", HTTP_X_READER=reader).json()["access"] == "lead_in"
    funnel_events_flush()
    kinds = dict(FunnelEvent.objects.values_list("kind", "count"))
    assert kinds[FunnelEventKind.METER_REACHED] == 1
    assert kinds[FunnelEventKind.PAYWALL_SHOWN] == 1
