from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from masthead.metering.policy import ArticleFacts, MeterRules, MeterState, Reason, decide

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
RULES = MeterRules(free_limit=5, archive_age=timedelta(days=365))


def facts(**overrides):
    values = {"article_id": 1, "published_at": NOW - timedelta(days=2), "is_premium": False, "is_exempt": False}
    return ArticleFacts(**(values | overrides))


def test_a_reader_under_the_limit_reads_in_full_and_is_counted():
    decision = decide(is_subscriber=False, article=facts(), rules=RULES, meter=MeterState(2, False), now=NOW)
    assert decision.full_text and decision.reason == Reason.FREE_WITHIN_METER
    assert decision.needs_recording
    assert decision.views_left == 2


def test_rereading_a_counted_article_is_free_even_at_the_limit():
    decision = decide(is_subscriber=False, article=facts(), rules=RULES, meter=MeterState(5, True), now=NOW)
    assert decision.full_text and decision.reason == Reason.ALREADY_COUNTED
    assert not decision.needs_recording


def test_a_new_article_past_the_limit_shows_the_paywall():
    decision = decide(is_subscriber=False, article=facts(), rules=RULES, meter=MeterState(5, False), now=NOW)
    assert not decision.full_text and decision.reason == Reason.METER_EXHAUSTED


def test_premium_is_never_free_whatever_the_meter_says():
    decision = decide(is_subscriber=False, article=facts(is_premium=True), rules=RULES, meter=MeterState(0, True), now=NOW)
    assert not decision.full_text and decision.reason == Reason.PREMIUM


def test_archive_articles_are_for_subscribers():
    old = facts(published_at=NOW - timedelta(days=366))
    assert decide(is_subscriber=False, article=old, rules=RULES, meter=MeterState(0, False), now=NOW).reason == Reason.ARCHIVE
    assert decide(is_subscriber=True, article=old, rules=RULES, meter=MeterState(0, False), now=NOW).full_text


def test_exempt_articles_are_free_and_never_metered():
    decision = decide(is_subscriber=False, article=facts(is_exempt=True, is_premium=True), rules=RULES, meter=MeterState(5, False), now=NOW)
    assert decision.full_text and decision.reason == Reason.EXEMPT and not decision.metered


def test_a_zero_limit_is_a_hard_paywall():
    decision = decide(is_subscriber=False, article=facts(), rules=MeterRules(free_limit=0), meter=MeterState(0, False), now=NOW)
    assert not decision.full_text


@given(
    limit=st.integers(min_value=0, max_value=50),
    views=st.integers(min_value=0, max_value=60),
    counted=st.booleans(),
    premium=st.booleans(),
    subscriber=st.booleans(),
)
def test_a_non_subscriber_never_gets_more_than_the_limit(limit, views, counted, premium, subscriber):
    decision = decide(
        is_subscriber=subscriber,
        article=facts(is_premium=premium),
        rules=MeterRules(free_limit=limit),
        meter=MeterState(views, counted),
        now=NOW,
    )
    if subscriber:
        assert decision.full_text
    elif premium:
        assert not decision.full_text
    elif decision.needs_recording:
        # Counting this view keeps the reader within the limit.
        assert views + 1 <= limit
