"""The access decision as production asks it: first the rules that need no
meter (``decide_without_meter``, from ``article_access``), then, when those
say "ask the meter", the meter's answer as a decision (``decide_with_meter``
of ``metering.meter_answer``, as ``article_access`` and the search's scope
turn it)."""

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.access.policy import ArticleFacts, Decision, Reason, decide_with_meter, decide_without_meter
from masthead.metering.policy import MeterAnswer, MeterState, MeterVerdict, meter_answer

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
ARCHIVE_AGE = timedelta(days=365)
OLD = NOW - timedelta(days=366)
RECENT = NOW - timedelta(days=2)


def facts(**overrides):
    values = {"article_id": 1, "published_at": RECENT, "is_premium": False, "is_exempt": False}
    return ArticleFacts(**(values | overrides))


def without_meter(*, subscriber=False, gifted=False, crawler=False, archive_age=ARCHIVE_AGE, **article):
    return decide_without_meter(
        is_subscriber=subscriber,
        article=facts(**article),
        archive_age=archive_age,
        now=NOW,
        gifted=gifted,
        verified_crawler=crawler,
    )


def with_meter(views, counted, *, free_limit=5):
    return decide_with_meter(meter_answer(state=MeterState(views, counted), free_limit=free_limit))


# --- The rules before the meter, in order of precedence --------------------------


def _expected_reason(subscriber, crawler, gifted, premium, exempt, archived):
    """Written out as a reader meets them: a subscriber reads everything; a
    verified search crawler reads everything too (premium and archive); a
    gift opens its one story; premium is for subscribers even when "always
    free" is also ticked; always-free stories are free; the archive is for
    subscribers; anything else is the meter's to decide (None)."""
    for applies, reason in (
        (subscriber, Reason.SUBSCRIBER),
        (crawler, Reason.VERIFIED_CRAWLER),
        (gifted, Reason.GIFT),
        (premium, Reason.PREMIUM),
        (exempt, Reason.EXEMPT),
        (archived, Reason.ARCHIVE),
    ):
        if applies:
            return reason
    return None


@pytest.mark.parametrize(
    ("subscriber", "crawler", "gifted", "premium", "exempt", "archived"), list(product([False, True], repeat=6))
)
def test_the_rules_before_the_meter_apply_in_order(subscriber, crawler, gifted, premium, exempt, archived):
    decision = without_meter(
        subscriber=subscriber,
        crawler=crawler,
        gifted=gifted,
        is_premium=premium,
        is_exempt=exempt,
        published_at=OLD if archived else RECENT,
    )
    expected = _expected_reason(subscriber, crawler, gifted, premium, exempt, archived)
    if expected is None:
        assert decision is None
    else:
        # Not the meter's decision: no "N of 5" on the page.
        assert decision == Decision(expected)
        assert not decision.metered and decision.views_left is None


def test_a_verified_crawler_reads_premium_and_archive_stories_in_full_and_the_meter_is_not_asked():
    for article in ({"is_premium": True}, {"published_at": OLD}, {}, {"is_exempt": True}):
        decision = without_meter(crawler=True, **article)
        assert decision == Decision(Reason.VERIFIED_CRAWLER)
        assert decision.full_text and not decision.metered


def test_premium_beats_always_free():
    decision = without_meter(is_premium=True, is_exempt=True)
    assert decision.reason == Reason.PREMIUM and not decision.full_text


def test_always_free_stories_are_free_and_never_metered():
    decision = without_meter(is_exempt=True, published_at=OLD)
    assert decision.reason == Reason.EXEMPT and decision.full_text and not decision.metered


def test_a_story_enters_the_archive_exactly_when_it_reaches_the_archive_age():
    assert without_meter(published_at=NOW - ARCHIVE_AGE).reason == Reason.ARCHIVE
    assert without_meter(published_at=NOW - ARCHIVE_AGE + timedelta(seconds=1)) is None
    shorter = timedelta(days=30)
    assert without_meter(published_at=NOW - timedelta(days=30), archive_age=shorter).reason == Reason.ARCHIVE
    assert without_meter(published_at=NOW - timedelta(days=29), archive_age=shorter) is None


# --- The meter's answer, as the page decides it -------------------------------------


def test_a_reader_under_the_limit_reads_in_full_and_is_counted():
    decision = with_meter(2, False)
    # "This is your 3rd of 5 free articles": the view being allowed is counted.
    assert decision == Decision(Reason.FREE_WITHIN_METER, views=3, free_limit=5)
    assert decision.full_text and decision.metered
    assert decision.views_left == 2


def test_the_last_free_article_leaves_none():
    decision = with_meter(4, False)
    assert decision == Decision(Reason.FREE_WITHIN_METER, views=5, free_limit=5)
    assert decision.views_left == 0


def test_rereading_a_counted_article_is_free_even_at_the_limit():
    decision = with_meter(5, True)
    assert decision == Decision(Reason.ALREADY_COUNTED, views=5, free_limit=5)
    assert decision.full_text and decision.metered
    assert decision.views_left == 0


def test_a_new_article_past_the_limit_shows_the_paywall():
    decision = with_meter(5, False)
    assert decision == Decision(Reason.METER_EXHAUSTED, views=5, free_limit=5)
    assert not decision.full_text and decision.metered
    assert decision.views_left == 0


def test_a_zero_limit_is_a_hard_paywall():
    decision = with_meter(0, False, free_limit=0)
    assert decision == Decision(Reason.METER_EXHAUSTED, views=0, free_limit=0)
    assert not decision.full_text


def test_views_left_never_goes_below_zero_after_the_limit_is_lowered():
    # Staff lowered the limit to 3 after the reader had read 5.
    assert with_meter(5, True, free_limit=3).views_left == 0
    assert Decision(Reason.ALREADY_COUNTED, views=5).views_left is None
    assert Decision(Reason.ALREADY_COUNTED, free_limit=5).views_left is None


@pytest.mark.parametrize(
    ("verdict", "reason"),
    [
        (MeterVerdict.FREE, Reason.FREE_WITHIN_METER),
        (MeterVerdict.ALREADY_COUNTED, Reason.ALREADY_COUNTED),
        (MeterVerdict.EXHAUSTED, Reason.METER_EXHAUSTED),
    ],
)
def test_each_of_the_meters_verdicts_is_its_own_reason_with_the_count(verdict, reason):
    assert decide_with_meter(MeterAnswer(verdict, 4, 7)) == Decision(reason, views=4, free_limit=7)


@pytest.mark.parametrize("reason", list(Reason), ids=str)
def test_which_reasons_show_the_full_text(reason):
    full = {
        Reason.SUBSCRIBER, Reason.EXEMPT, Reason.GIFT, Reason.FREE_WITHIN_METER, Reason.ALREADY_COUNTED, Reason.EDITOR_PREVIEW,
        Reason.VERIFIED_CRAWLER,
    }  # fmt: skip
    assert Decision(reason).full_text == (reason in full)


@given(
    limit=st.integers(min_value=0, max_value=50),
    views=st.integers(min_value=0, max_value=60),
    counted=st.booleans(),
)
def test_a_non_subscriber_never_gets_more_than_the_limit(limit, views, counted):
    decision = with_meter(views, counted, free_limit=limit)
    assert decision.free_limit == limit
    if counted:
        assert decision == Decision(Reason.ALREADY_COUNTED, views, limit)
    elif views < limit:
        # Counting this view keeps the reader within the limit.
        assert decision == Decision(Reason.FREE_WITHIN_METER, views + 1, limit)
        assert decision.views <= limit
    else:
        assert decision == Decision(Reason.METER_EXHAUSTED, views, limit)


@pytest.mark.parametrize(("premium", "exempt", "free"), [(False, False, False), (False, True, True), (True, True, False), (True, False, False)])
def test_only_an_always_free_story_that_is_not_premium_is_free_to_everyone(premium, exempt, free):
    # What the page tells search engines (isAccessibleForFree).
    assert facts(is_premium=premium, is_exempt=exempt).free_to_everyone == free
