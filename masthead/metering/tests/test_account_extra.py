"""The split allowance: N free articles for an anonymous reader, N + M with a
free account; the registration wall in between; carrying a period over."""

import uuid
from datetime import datetime, timezone as dt_timezone

import pytest
from django.core.exceptions import ValidationError

from masthead.metering.models import MeterSettings
from masthead.metering.period import meter_period
from masthead.metering.policy import MeterAnswer, MeterState, MeterVerdict, meter_answer, meter_limit
from masthead.metering.rules import MeterRules, current_rules
from masthead.metering.carried import is_stand_in, stand_in
from masthead.metering.receipts import receipt_decode
from masthead.metering.services import meter_carry_back, meter_merge, meter_period_carry, meter_view
from masthead.metering.stores.database import DatabaseMeterStore
from masthead.metering import services
from masthead.testing.concurrency import in_threads
from masthead.testing.environment import redis_url_for_tests, require
from masthead.testing.metering import set_meter

FREE, WALL, EXHAUSTED = MeterVerdict.FREE, MeterVerdict.REGISTRATION_WALL, MeterVerdict.EXHAUSTED
REDIS_URL = redis_url_for_tests()
NOW = datetime(2026, 12, 6, 12, tzinfo=dt_timezone.utc)


def _anonymous() -> str:
    return f"a:{uuid.uuid4().hex}"


def _account() -> str:
    return f"u:{uuid.uuid4().int % 10**9}"


# --- The pure rule -------------------------------------------------------------


@pytest.mark.parametrize(
    ("free_limit", "extra", "anonymous", "account"),
    [(5, 0, 5, 5), (5, 3, 5, 8), (0, 3, 0, 3), (0, 0, 0, 0), (2, 10, 2, 12)],
)
def test_an_account_reads_n_plus_m_and_an_anonymous_reader_n(free_limit, extra, anonymous, account):
    assert meter_limit(free_limit=free_limit, account_extra=extra, has_account=False) == anonymous
    assert meter_limit(free_limit=free_limit, account_extra=extra, has_account=True) == account
    rules = MeterRules(free_limit=free_limit, account_extra=extra)
    assert rules.limit_for(has_account=False) == anonymous and rules.limit_for(has_account=True) == account
    assert rules.extra_for(has_account=False) == extra and rules.extra_for(has_account=True) == 0


def test_over_the_anonymous_limit_with_extra_articles_is_the_registration_wall():
    assert meter_answer(state=MeterState(5, False), free_limit=5, account_extra=3) == MeterAnswer(WALL, 5, 5, 3)
    # Within the limit, and re-reads, are what they always were.
    assert meter_answer(state=MeterState(4, False), free_limit=5, account_extra=3) == MeterAnswer(FREE, 5, 5, 3)
    assert meter_answer(state=MeterState(5, True), free_limit=5, account_extra=3).verdict == MeterVerdict.ALREADY_COUNTED


def test_without_extra_articles_over_the_limit_is_the_paywall_as_before():
    assert meter_answer(state=MeterState(5, False), free_limit=5) == MeterAnswer(EXHAUSTED, 5, 5)
    assert meter_answer(state=MeterState(5, False), free_limit=5, account_extra=0) == MeterAnswer(EXHAUSTED, 5, 5, 0)


def test_a_single_extra_article_is_still_offered_at_the_registration_wall():
    # Staff set one more article for a free account: "Sign up free to read 1 more story".
    assert meter_answer(state=MeterState(5, False), free_limit=5, account_extra=1) == MeterAnswer(WALL, 5, 5, 1)
    assert meter_answer(state=MeterState(6, False), free_limit=5, account_extra=1) == MeterAnswer(EXHAUSTED, 6, 5)


def test_zero_free_articles_and_extra_ones_walls_the_first_article():
    assert meter_answer(state=MeterState(0, False), free_limit=0, account_extra=2) == MeterAnswer(WALL, 0, 0, 2)


# --- The staff setting ---------------------------------------------------------


@pytest.mark.django_db
def test_the_default_is_the_plain_meter():
    row = MeterSettings.current()
    assert (row.free_limit, row.account_extra) == (5, 0)
    assert current_rules().limit_for(has_account=True) == 5


@pytest.mark.django_db
def test_extra_articles_beyond_the_bounds_are_refused_with_a_clear_error():
    with pytest.raises(ValidationError) as refused:
        MeterSettings(free_limit=5, account_extra=1001, archive_age_days=365).full_clean()
    assert "account_extra" in refused.value.message_dict
    with pytest.raises(ValidationError) as together:
        MeterSettings(free_limit=600, account_extra=500, archive_age_days=365).full_clean()
    assert together.value.message_dict["account_extra"] == ["Free articles and extra articles together can be at most 1000 a month."]
    MeterSettings(free_limit=500, account_extra=500, archive_age_days=365).full_clean()


# --- The meter's one call ------------------------------------------------------


@pytest.mark.django_db
def test_an_anonymous_reader_meets_the_wall_after_n_and_an_account_reads_on_to_n_plus_m():
    set_meter(free_limit=2, account_extra=2)
    anonymous, account = _anonymous(), _account()
    verdicts = [meter_view(reader=anonymous, article_id=n, receipt=None)[0].verdict for n in range(1, 4)]
    assert verdicts == [FREE, FREE, WALL]
    answer, receipt = meter_view(reader=anonymous, article_id=3, receipt=None)
    assert answer == MeterAnswer(WALL, 2, 2, 2) and receipt is None  # nothing counted, nothing on a receipt
    answers = [meter_view(reader=account, article_id=n, receipt=None, has_account=True)[0] for n in range(1, 6)]
    assert [a.verdict for a in answers] == [FREE, FREE, FREE, FREE, EXHAUSTED]
    assert answers[3] == MeterAnswer(FREE, 4, 4, 0)


# --- Carrying a period over at sign-up and log-in, on both stores --------------


@pytest.fixture(
    params=[
        pytest.param("database", marks=pytest.mark.django_db(transaction=True)),
        pytest.param("redis", marks=pytest.mark.django_db(transaction=True)),
    ]
)
def store(request, monkeypatch):
    if request.param == "redis":
        require(bool(REDIS_URL), "no Redis configured (set MASTHEAD_TEST_REDIS_URL)")
        from masthead.metering.stores.redis import RedisMeterStore

        chosen = RedisMeterStore(REDIS_URL, prefix=f"test-meter-{uuid.uuid4().hex}")
    else:
        chosen = DatabaseMeterStore()
    monkeypatch.setattr(services, "meter_store", lambda: chosen)
    return chosen


def _read(store, reader, *article_ids, limit=100):
    for article_id in article_ids:
        store.record(reader=reader, period=meter_period(NOW), article_id=article_id, limit=limit)


def test_carrying_over_adds_the_anonymous_articles_once_and_never_above_the_limit(store):
    anonymous, account = _anonymous(), _account()
    _read(store, anonymous, 1, 2, 3, 4)
    _read(store, account, 2, 9)
    carried = meter_period_carry(from_reader=anonymous, to_reader=account, limit=4, now=NOW)
    period = meter_period(NOW)
    # 2 was counted already; 1 and 3 fit; 4 would go above the limit.
    assert carried == 2
    assert sorted(store.articles(reader=account, period=period)) == [1, 2, 3, 9]
    # With room for one more (the limit raised), 4 comes over, once.
    assert meter_period_carry(from_reader=anonymous, to_reader=account, limit=5, now=NOW) == 1
    assert meter_period_carry(from_reader=anonymous, to_reader=account, limit=5, now=NOW) == 0  # idempotent
    assert len(store.articles(reader=account, period=period)) == 5
    # The anonymous period is kept: logging out hands back nothing.
    assert store.articles(reader=anonymous, period=period) == [1, 2, 3, 4]


def test_many_anonymous_cookies_carried_into_one_account_stop_at_its_limit(store):
    set_meter(free_limit=2, account_extra=1)
    account = _account()
    cookies = [_anonymous() for _ in range(4)]
    for n, cookie in enumerate(cookies):
        _read(store, cookie, 10 * n + 1, 10 * n + 2, limit=2)
        meter_merge(from_reader=cookie, to_reader=account, now=NOW)
    assert len(store.articles(reader=account, period=meter_period(NOW))) == 3


def test_signing_up_again_from_the_same_browser_starts_the_new_account_where_the_old_one_was(store):
    set_meter(free_limit=3, account_extra=2)
    anonymous, first, second = _anonymous(), _account(), _account()
    _read(store, anonymous, 1, 2, 3, limit=3)
    meter_merge(from_reader=anonymous, to_reader=first, now=NOW)
    meter_merge(from_reader=anonymous, to_reader=second, now=NOW)
    assert len(store.articles(reader=second, period=meter_period(NOW))) == 3


def test_two_cookies_carried_into_one_account_at_once_stay_within_its_limit(store):
    set_meter(free_limit=3, account_extra=1)
    account, one, two = _account(), _anonymous(), _anonymous()
    _read(store, one, 1, 2, 3, limit=3)
    _read(store, two, 4, 5, 6, limit=3)
    results, errors = in_threads(
        lambda: meter_merge(from_reader=one, to_reader=account, now=NOW),
        lambda: meter_merge(from_reader=two, to_reader=account, now=NOW),
    )
    assert not errors
    assert sum(results) == 4
    assert len(store.articles(reader=account, period=meter_period(NOW))) == 4


def test_log_out_carries_back_the_accounts_count_but_none_of_its_articles(store):
    set_meter(free_limit=2, account_extra=3)
    browser, account = _anonymous(), _account()
    period = meter_period(NOW)
    _read(store, browser, 1)
    _read(store, account, 7, 8)  # read on another device
    meter_merge(from_reader=browser, to_reader=account, now=NOW)
    assert meter_carry_back(from_reader=account, to_reader=browser, now=NOW) == 2
    held = store.articles(reader=browser, period=period)
    # Its own article, and two entries that are no article at all.
    assert held[0] == 1 and len(held) == 3
    assert all(is_stand_in(entry) for entry in held[1:]) and set(held[1:]) == {stand_in(7), stand_in(8)}
    # Neither of the account's stories is "already counted" in the browser:
    # over its limit (2), each meets the same wall as an unread story (2 more of 5).
    for article_id in (7, 8, 9):
        answer, _ = meter_view(reader=browser, article_id=article_id, receipt=None, now=NOW)
        assert answer == MeterAnswer(WALL, 3, 2, 2)
    assert meter_view(reader=browser, article_id=1, receipt=None, now=NOW)[0].verdict == MeterVerdict.ALREADY_COUNTED


def test_logging_in_and_out_again_keeps_both_counts_exact(store):
    set_meter(free_limit=2, account_extra=3)
    browser, account, second = _anonymous(), _account(), _account()
    period = meter_period(NOW)
    _read(store, browser, 1)
    _read(store, account, 7)
    for _ in range(3):
        meter_merge(from_reader=browser, to_reader=account, now=NOW)
        meter_carry_back(from_reader=account, to_reader=browser, now=NOW)
    # The account: 7 and the browser's 1; its own 7 is not counted again as a stand-in.
    assert sorted(store.articles(reader=account, period=period)) == [1, 7]
    # The browser: 1 and one stand-in for 7, however many times it went round.
    assert sorted(store.articles(reader=browser, period=period)) == sorted([1, stand_in(7)])
    # A second account signed up from the browser starts at 2, as the first one stood.
    meter_merge(from_reader=browser, to_reader=second, now=NOW)
    assert len(store.articles(reader=second, period=period)) == 2
    # Which it hands back without counting anything twice.
    assert meter_carry_back(from_reader=second, to_reader=browser, now=NOW) == 0
    # The first account, back in a browser that holds its stand-in, gains nothing either.
    meter_merge(from_reader=browser, to_reader=account, now=NOW)
    assert len(store.articles(reader=account, period=period)) == 2


def test_carrying_back_stops_at_an_accounts_limit(store):
    set_meter(free_limit=1, account_extra=1)
    browser, account = _anonymous(), _account()
    _read(store, browser, 1)
    _read(store, account, 5, 6, 7)
    assert meter_carry_back(from_reader=account, to_reader=browser, now=NOW) == 1
    assert len(store.articles(reader=browser, period=meter_period(NOW))) == 2


def test_a_stand_in_matches_no_article_and_never_reads_as_one():
    assert all(stand_in(article_id) < 0 for article_id in (1, 2, 10**12))
    assert stand_in(5) == stand_in(5) != stand_in(6)
    assert stand_in(stand_in(5)) == stand_in(5)
    # A receipt names only articles a page view counted.
    assert receipt_decode("2026-12.2.3-9") is not None
    assert receipt_decode(f"2026-12.2.3-{stand_in(9)}") is None
    assert receipt_decode("2026-12.1.0") is None


def test_the_wall_offers_what_is_left_of_an_accounts_month_and_nothing_is_the_paywall():
    # A browser whose month holds an account's articles, carried back at log-out.
    assert meter_answer(state=MeterState(7, False), free_limit=5, account_extra=3) == MeterAnswer(WALL, 7, 5, 1)
    assert meter_answer(state=MeterState(8, False), free_limit=5, account_extra=3) == MeterAnswer(EXHAUSTED, 8, 5)
