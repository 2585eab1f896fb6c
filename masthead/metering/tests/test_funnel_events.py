"""The funnel buffer: what one visitor sends cannot break another reader's
page, and a batch the database refuses loses only what was wrong with it."""

import logging

import pytest
from django.db import OperationalError
from django.db.models import Sum

from masthead.metering import events
from masthead.metering.events import funnel_event_record, funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.testing.newsroom import make_article

pytestmark = pytest.mark.django_db


def _clicks() -> int:
    return FunnelEvent.objects.filter(kind=FunnelEventKind.SUBSCRIBE_CLICKED).aggregate(n=Sum("count"))["n"] or 0


@pytest.mark.parametrize("hostile", ["99999999999999999999999", "9223372036854775808", "²", "①", "٣", "0", "-1", "1e3"])
def test_a_crafted_from_on_the_plans_page_breaks_no_other_readers_page(client, settings, hostile):
    settings.MASTHEAD_FUNNEL_BATCH = 3
    story = make_article()
    assert client.get(f"/subscribe/?from={story.pk}").status_code == 200
    assert client.get("/subscribe/", {"from": hostile}).status_code == 200
    # The next reader's article page is where the batch is written.
    assert client.get(story.get_absolute_url()).status_code == 200
    funnel_events_flush()
    assert _clicks() == 1
    assert not FunnelEvent.objects.exclude(article_id=story.pk).exclude(article_id=None).exists()


def test_the_plans_page_counts_a_click_from_a_real_article(client):
    story = make_article()
    client.get(f"/subscribe/?from={story.pk}")
    funnel_events_flush()
    assert FunnelEvent.objects.get(kind=FunnelEventKind.SUBSCRIBE_CLICKED).article_id == story.pk


@pytest.mark.parametrize("article_id", [2**63, -5, 0, "12"])
def test_the_buffer_refuses_an_event_no_database_can_store(article_id, caplog):
    with caplog.at_level(logging.WARNING, logger="masthead.metering.events"):
        funnel_event_record(kind=FunnelEventKind.SUBSCRIBE_CLICKED, article_id=article_id)
    assert funnel_events_flush() == 0
    assert not FunnelEvent.objects.exists()
    assert "funnel event refused" in caplog.text


def test_a_flush_the_database_refuses_keeps_the_good_events_and_drops_only_the_bad(caplog):
    story = make_article()
    funnel_event_record(kind=FunnelEventKind.PAYWALL_SHOWN, article_id=story.pk, reason="meter_spent")
    # Past the door's check (as a bug elsewhere might be): the flush still copes.
    with events._lock:
        events._buffer[(FunnelEventKind.SUBSCRIBE_CLICKED.value, 2**64, "", "", "", 1)] += 1
    with caplog.at_level(logging.ERROR, logger="masthead.metering.events"):
        assert funnel_events_flush() == 1
    assert list(FunnelEvent.objects.values_list("kind", "article_id")) == [(FunnelEventKind.PAYWALL_SHOWN, story.pk)]
    assert "dropped a funnel event" in caplog.text


def test_a_flush_while_the_database_is_away_is_retried_with_nothing_lost(monkeypatch, caplog):
    story = make_article()
    funnel_event_record(kind=FunnelEventKind.PAYWALL_SHOWN, article_id=story.pk, reason="meter_spent")
    funnel_event_record(kind=FunnelEventKind.PAYWALL_SHOWN, article_id=story.pk, reason="meter_spent")
    real_write = events._write

    def away(rows):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(events, "_write", away)
    with caplog.at_level(logging.ERROR, logger="masthead.metering.events"):
        assert funnel_events_flush() == 0
    assert "will retry" in caplog.text
    monkeypatch.setattr(events, "_write", real_write)
    assert funnel_events_flush() == 1
    assert FunnelEvent.objects.get().count == 2


def test_a_failing_flush_inside_a_transaction_leaves_the_transaction_usable():
    from django.db import transaction

    story = make_article()
    with transaction.atomic():
        with events._lock:
            events._buffer[(FunnelEventKind.SUBSCRIBE_CLICKED.value, 2**64, "", "", "", 1)] += 1
        funnel_events_flush()
        # On PostgreSQL a failed statement would abort the request's transaction.
        assert FunnelEvent.objects.count() == 0
        story.refresh_from_db()
