"""The pause rules as pure functions: who may pause, for how long, and the dates."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.pauses import (
    STATUS_REFUSALS,
    PauseLimits,
    months_refusal,
    pause_end,
    pause_refusal,
    resumed_term_start,
)

S = SubscriptionStatus
NOW = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
TERM_END = datetime(2026, 3, 31, 6, 0, tzinfo=UTC)  # 11:30 on 31 March in Kolkata


def _refusal(**facts):
    given = {
        "status": S.ACTIVE, "term_number": 1, "term_end": TERM_END, "now": NOW, "pauses_in_year": [], "limits": PauseLimits(),
    }  # fmt: skip
    return pause_refusal(**{**given, **facts})


def test_an_active_paid_term_may_be_paused():
    assert _refusal() is None
    assert _refusal(term_number=5, pauses_in_year=[NOW], limits=PauseLimits(pauses_per_year=2)) is None


@pytest.mark.parametrize("status", [S.PENDING, S.CANCELLING, S.PAST_DUE, S.COMP, S.GIFT, S.PAUSED])
def test_every_other_live_status_is_refused_in_its_own_words(status):
    assert _refusal(status=status) == STATUS_REFUSALS[status]


@pytest.mark.parametrize("status", [S.ENDED, S.LAPSED, S.REFUNDED])
def test_an_ended_subscription_is_refused(status):
    assert _refusal(status=status) == "This subscription has ended."


def test_a_trial_is_refused():
    assert _refusal(term_number=0) == "You cannot pause during a free trial. You can cancel it instead: you will not be charged."


def test_a_term_over_and_awaiting_its_renewal_is_refused_from_the_moment_it_ends():
    due = "Your renewal is due now, so your subscription cannot be paused until it is paid."
    assert _refusal(now=TERM_END - timedelta(seconds=1)) is None
    assert _refusal(now=TERM_END) == due
    assert _refusal(term_end=None) == due


def test_the_yearly_limit_counts_pauses_and_names_the_day_the_next_may_begin():
    first = datetime(2025, 6, 30, 20, 0, tzinfo=UTC)  # 1 July in Kolkata
    # Two pauses against a limit of one (staff lowered it): both must stop counting.
    assert _refusal(pauses_in_year=[NOW, first]) == "You can pause once in 12 months; you can pause again from 1 March 2027."
    assert _refusal(pauses_in_year=[first]) == "You can pause once in 12 months; you can pause again from 1 July 2026."
    two = PauseLimits(pauses_per_year=2)
    assert _refusal(pauses_in_year=[first], limits=two) is None
    assert _refusal(pauses_in_year=[NOW, first], limits=two) == (
        "You can pause 2 times in 12 months; you can pause again from 1 July 2026."
    )
    assert _refusal(limits=PauseLimits(pauses_per_year=0)) == "Pausing a subscription is not offered just now."


def test_a_pause_lasts_from_the_shortest_to_the_longest_inclusive():
    limits = PauseLimits(shortest_months=2, longest_months=4)
    assert limits.choices == [2, 3, 4]
    assert [months_refusal(months, limits) for months in (2, 3, 4)] == [None, None, None]
    assert months_refusal(1, limits) == months_refusal(5, limits) == "A pause lasts 2 to 4 months."
    assert months_refusal(2, PauseLimits(shortest_months=1, longest_months=1)) == "A pause lasts 1 month."
    assert months_refusal(1, PauseLimits(shortest_months=3, longest_months=3)) == "A pause lasts 3 months."
    assert PauseLimits().choices == [1, 2, 3]


def test_a_pause_ends_calendar_months_after_the_term_in_the_publications_zone():
    assert pause_end(TERM_END, 1) == datetime(2026, 4, 30, 6, 0, tzinfo=UTC)
    assert pause_end(TERM_END, 2) == datetime(2026, 5, 31, 6, 0, tzinfo=UTC)
    # 31 January at 02:00 in Kolkata is still 30 January in UTC: a month on is 28 February there.
    late_january = datetime(2026, 1, 30, 20, 30, tzinfo=UTC)
    assert pause_end(late_january, 1) == datetime(2026, 2, 27, 20, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="^a pause is at least a month$"):
        pause_end(TERM_END, 0)


def test_the_term_after_a_pause_starts_at_its_end_or_when_resumed_early():
    until = pause_end(TERM_END, 2)
    assert resumed_term_start(term_end=TERM_END, pause_until=until, paid_at=until + timedelta(hours=25)) == until
    early = TERM_END + timedelta(days=9)
    assert resumed_term_start(term_end=TERM_END, pause_until=until, paid_at=early) == early
    assert resumed_term_start(term_end=TERM_END, pause_until=until, paid_at=TERM_END - timedelta(days=1)) == TERM_END


def test_a_pause_counts_until_the_start_of_the_day_named_a_year_on():
    asked = datetime(2026, 3, 5, 9, 30, tzinfo=UTC)  # 15:00 on 5 March in Kolkata
    refused = _refusal(now=datetime(2027, 3, 4, 18, 29, tzinfo=UTC), term_end=datetime(2027, 4, 1, tzinfo=UTC), pauses_in_year=[asked])
    assert refused == "You can pause once in 12 months; you can pause again from 5 March 2027."
    # 00:00 on 5 March in Kolkata: hours before the minute it was asked for, a year on.
    assert _refusal(now=datetime(2027, 3, 4, 18, 30, tzinfo=UTC), term_end=datetime(2027, 4, 1, tzinfo=UTC), pauses_in_year=[asked]) is None


def test_more_pauses_than_the_limit_name_the_day_enough_of_them_stop_counting():
    pauses = [datetime(2025, 9, 1, 6, tzinfo=UTC), datetime(2025, 5, 1, 6, tzinfo=UTC), datetime(2025, 12, 1, 6, tzinfo=UTC)]
    assert _refusal(pauses_in_year=pauses, limits=PauseLimits(pauses_per_year=2)) == (
        "You can pause 2 times in 12 months; you can pause again from 1 September 2026."
    )
