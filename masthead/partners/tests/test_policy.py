"""The claim rule (partners/policy.py), by its cases: the period each partner
sets, the boundaries of a year of subscription, and what a claim made under
another subscription or term counts for. Times are the publication's
(Asia/Kolkata): a year of subscription turns at its midnight."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from masthead.core.periods import Period
from masthead.partners.policy import ClaimPeriod, Refusal, SubscriberFacts, claim_decision, subscription_year

IST = ZoneInfo("Asia/Kolkata")
FIRST_START = datetime(2026, 3, 3, 10, 0, tzinfo=IST)  # a quarterly subscription: terms end 3 June, 3 September…
ONE_SECOND = timedelta(seconds=1)


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=IST)


@dataclass(frozen=True)
class Claim:
    claimed_at: datetime
    subscription_id: int = 7
    term_number: int = 1


def facts(*, subscription_id=7, term_number=1, term_end=at(2026, 6, 3, 10), renews=True, first_start=FIRST_START):
    return SubscriberFacts(
        first_start=first_start, subscription_id=subscription_id, term_number=term_number, term_end=term_end, renews=renews
    )


def decide(period, *, claims=(), now, subscriber=None, offered=True):
    return claim_decision(
        period=period, offered=offered, subscriber=subscriber or facts(), claims=list(claims), now=now
    )


# A year of subscription ----------------------------------------------------


def test_the_first_year_runs_from_the_first_days_midnight_to_the_same_day_a_year_later():
    assert subscription_year(FIRST_START, FIRST_START) == Period(at(2026, 3, 3), at(2027, 3, 3))


def test_the_year_turns_exactly_at_the_anniversarys_midnight():
    assert subscription_year(FIRST_START, at(2027, 3, 3) - ONE_SECOND) == Period(at(2026, 3, 3), at(2027, 3, 3))
    assert subscription_year(FIRST_START, at(2027, 3, 3)) == Period(at(2027, 3, 3), at(2028, 3, 3))


def test_a_new_calendar_year_before_the_anniversary_is_still_the_same_year_of_subscription():
    assert subscription_year(FIRST_START, at(2027, 1, 15)) == Period(at(2026, 3, 3), at(2027, 3, 3))


def test_years_are_counted_on_from_the_first_start_however_long_ago():
    assert subscription_year(FIRST_START, at(2031, 6, 5)) == Period(at(2031, 3, 3), at(2032, 3, 3))
    assert subscription_year(FIRST_START, at(2031, 2, 5)) == Period(at(2030, 3, 3), at(2031, 3, 3))


def test_the_first_day_is_the_publications_day_not_utcs():
    # 20:00 UTC on 2 March is 01:30 on 3 March in Kolkata.
    late_evening_utc = datetime(2026, 3, 2, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert subscription_year(late_evening_utc, at(2026, 3, 10)) == Period(at(2026, 3, 3), at(2027, 3, 3))


def test_a_start_on_29_february_comes_back_on_28_february_and_on_29_in_a_leap_year():
    leap_day = at(2028, 2, 29, 9)
    assert subscription_year(leap_day, at(2029, 3, 1)) == Period(at(2029, 2, 28), at(2030, 2, 28))
    assert subscription_year(leap_day, at(2031, 12, 1)) == Period(at(2031, 2, 28), at(2032, 2, 29))
    assert subscription_year(leap_day, at(2032, 2, 29)) == Period(at(2032, 2, 29), at(2033, 2, 28))


# Who may claim at all -------------------------------------------------------


def test_a_partner_no_longer_offered_gives_nobody_a_code():
    assert decide(ClaimPeriod.TERM, now=at(2026, 3, 4), offered=False).refusal == Refusal.NOT_OFFERED
    refused = claim_decision(period=ClaimPeriod.TERM, offered=False, subscriber=None, claims=[], now=at(2026, 3, 4))
    assert refused.refusal == Refusal.NOT_OFFERED and not refused.allowed


def test_a_reader_without_a_subscription_that_reads_now_is_told_it_comes_with_one():
    for period in ClaimPeriod:
        refused = claim_decision(period=period, offered=True, subscriber=None, claims=[], now=at(2026, 3, 4))
        assert refused.refusal == Refusal.NOT_SUBSCRIBER and not refused.allowed and refused.claimed is None


def test_once_the_term_is_over_and_the_renewal_unpaid_no_new_code_until_it_is_paid():
    for period in ClaimPeriod:
        assert decide(period, now=at(2026, 6, 3, 10) - ONE_SECOND).allowed, period
        in_grace = decide(period, now=at(2026, 6, 3, 10))
        assert in_grace.refusal == Refusal.TERM_NOT_PAID and in_grace.claimed is None, period
        assert decide(period, now=at(2026, 6, 9)).refusal == Refusal.TERM_NOT_PAID, period


def test_a_code_claimed_before_the_term_ran_out_is_still_shown_in_the_grace_period():
    claim = Claim(at(2026, 5, 1))
    for period in ClaimPeriod:
        in_grace = decide(period, claims=[claim], now=at(2026, 6, 5))
        assert in_grace.refusal == Refusal.ALREADY_CLAIMED and in_grace.claimed == claim, period


# Once per term ---------------------------------------------------------------


def test_once_per_term_one_code_a_term_and_the_next_with_the_renewal():
    assert decide(ClaimPeriod.TERM, now=at(2026, 3, 3, 11)) == claim_decision(
        period=ClaimPeriod.TERM, offered=True, subscriber=facts(), claims=[], now=at(2026, 3, 3, 11)
    )
    first = decide(ClaimPeriod.TERM, now=at(2026, 3, 3, 11))
    assert first.allowed and first.period_key == "term:7:1" and first.claimed is None and first.next_at is None
    claim = Claim(at(2026, 3, 3, 11))
    again = decide(ClaimPeriod.TERM, claims=[claim], now=at(2026, 4, 1))
    assert not again.allowed and again.refusal == Refusal.ALREADY_CLAIMED
    assert again.claimed == claim and again.next_at == at(2026, 6, 3, 10) and again.period_key == "term:7:1"
    second_term = facts(term_number=2, term_end=at(2026, 9, 3, 10))
    renewed = decide(ClaimPeriod.TERM, claims=[claim], now=at(2026, 6, 4), subscriber=second_term)
    assert renewed.allowed and renewed.period_key == "term:7:2"


def test_once_per_term_a_term_that_will_not_renew_has_no_next_code():
    cancelling = facts(renews=False)
    again = decide(ClaimPeriod.TERM, claims=[Claim(at(2026, 3, 5))], now=at(2026, 4, 1), subscriber=cancelling)
    assert again.refusal == Refusal.ALREADY_CLAIMED and again.next_at is None


def test_once_per_term_a_new_subscription_is_a_new_term_even_with_the_same_term_number():
    earlier_subscription = Claim(at(2026, 3, 5), subscription_id=6, term_number=1)
    assert decide(ClaimPeriod.TERM, claims=[earlier_subscription], now=at(2026, 4, 1)).allowed


def test_once_per_term_the_same_subscriptions_other_term_does_not_count():
    assert decide(ClaimPeriod.TERM, claims=[Claim(at(2026, 1, 5), term_number=2)], now=at(2026, 4, 1)).allowed


# Once per year of subscription -----------------------------------------------


def test_a_quarterly_subscriber_claims_once_a_year_not_every_quarter():
    claim = Claim(at(2026, 3, 3, 11))
    for term_number, (start, end) in enumerate(
        [(at(2026, 6, 3, 10), at(2026, 9, 3, 10)), (at(2026, 9, 3, 10), at(2026, 12, 3, 10)), (at(2026, 12, 3, 10), at(2027, 3, 3, 10))],
        start=2,
    ):
        renewed = facts(term_number=term_number, term_end=end)
        refused = decide(ClaimPeriod.YEAR, claims=[claim], now=start + timedelta(days=1), subscriber=renewed)
        assert refused.refusal == Refusal.ALREADY_CLAIMED, term_number
        assert refused.claimed == claim and refused.next_at == at(2027, 3, 3)
        assert refused.period_key == "year:2026-03-03"


def test_the_next_years_code_from_the_anniversarys_midnight_exactly():
    claim = Claim(at(2026, 3, 3, 11))
    fourth_term = facts(term_number=4, term_end=at(2027, 3, 3, 10))
    just_before = decide(ClaimPeriod.YEAR, claims=[claim], now=at(2027, 3, 3) - ONE_SECOND, subscriber=fourth_term)
    assert just_before.refusal == Refusal.ALREADY_CLAIMED
    on_the_day = decide(ClaimPeriod.YEAR, claims=[claim], now=at(2027, 3, 3), subscriber=fourth_term)
    assert on_the_day.allowed and on_the_day.period_key == "year:2027-03-03" and on_the_day.claimed is None


def test_a_claim_at_the_very_start_of_a_year_counts_for_that_year():
    fifth_term = facts(term_number=5, term_end=at(2027, 6, 3, 10))
    at_midnight = Claim(at(2027, 3, 3), term_number=4)
    assert decide(ClaimPeriod.YEAR, claims=[at_midnight], now=at(2027, 4, 1), subscriber=fifth_term).refusal == (
        Refusal.ALREADY_CLAIMED
    )
    a_moment_earlier = Claim(at(2027, 3, 3) - ONE_SECOND, term_number=4)
    assert decide(ClaimPeriod.YEAR, claims=[a_moment_earlier], now=at(2027, 4, 1), subscriber=fifth_term).allowed


def test_a_term_that_spans_the_anniversary_gives_a_code_on_each_side_of_it():
    # An annual plan bought on 1 December 2026 by someone who first subscribed on 3 March 2026.
    annual = facts(subscription_id=9, term_end=at(2027, 12, 1, 10))
    before = Claim(at(2027, 1, 10), subscription_id=9)
    after = decide(ClaimPeriod.YEAR, claims=[before], now=at(2027, 3, 3, 8), subscriber=annual)
    assert after.allowed and after.period_key == "year:2027-03-03"


def test_lapsing_and_coming_back_within_the_year_gives_no_new_code():
    first_subscription = Claim(at(2026, 3, 3, 11), subscription_id=7)
    back_in_october = facts(subscription_id=8, term_number=1, term_end=at(2027, 1, 10, 9))
    refused = decide(ClaimPeriod.YEAR, claims=[first_subscription], now=at(2026, 10, 10, 9), subscriber=back_in_october)
    assert refused.refusal == Refusal.ALREADY_CLAIMED and refused.next_at == at(2027, 3, 3)
    assert refused.claimed == first_subscription


def test_lapsing_and_coming_back_after_the_year_gives_the_new_years_code():
    first_subscription = Claim(at(2026, 3, 3, 11), subscription_id=7)
    back_next_april = facts(subscription_id=8, term_number=1, term_end=at(2027, 7, 10, 9))
    back = decide(ClaimPeriod.YEAR, claims=[first_subscription], now=at(2027, 4, 10, 9), subscriber=back_next_april)
    assert back.allowed and back.period_key == "year:2027-03-03"


def test_the_latest_claim_is_the_one_shown():
    older, newer = Claim(at(2026, 3, 4)), Claim(at(2026, 5, 4), subscription_id=8)
    for claims in ([older, newer], [newer, older]):
        assert decide(ClaimPeriod.YEAR, claims=claims, now=at(2026, 5, 10)).claimed == newer
        assert decide(ClaimPeriod.SUBSCRIBER, claims=claims, now=at(2026, 5, 10)).claimed == newer


# Once per subscriber -----------------------------------------------------------


def test_once_per_subscriber_one_code_ever_whatever_the_subscription():
    first = decide(ClaimPeriod.SUBSCRIBER, now=at(2026, 3, 4))
    assert first.allowed and first.period_key == "subscriber"
    long_ago = Claim(at(2026, 3, 4), subscription_id=3, term_number=1)
    years_later = facts(subscription_id=40, term_number=6, term_end=at(2031, 9, 1))
    refused = decide(ClaimPeriod.SUBSCRIBER, claims=[long_ago], now=at(2031, 8, 1), subscriber=years_later)
    assert refused.refusal == Refusal.ALREADY_CLAIMED and refused.claimed == long_ago
    assert refused.next_at is None and refused.period_key == "subscriber"


@pytest.mark.parametrize("period", list(ClaimPeriod))
def test_every_period_allows_the_first_claim_of_a_new_subscriber(period):
    first = decide(period, now=FIRST_START + timedelta(minutes=5))
    assert first.allowed and first.refusal is None and first.claimed is None and first.next_at is None


@pytest.mark.parametrize("period", list(ClaimPeriod))
def test_a_trial_is_no_paid_term_for_any_period_and_says_when_the_paid_term_begins(period):
    in_trial = SubscriberFacts(
        first_start=FIRST_START, subscription_id=7, term_number=0, term_end=at(2026, 3, 17, 10), renews=True, in_trial=True
    )
    refused = decide(period, subscriber=in_trial, now=at(2026, 3, 4))
    assert refused.refusal == Refusal.IN_TRIAL and not refused.allowed
    assert refused.next_at == at(2026, 3, 17, 10)
    cancelled = SubscriberFacts(
        first_start=FIRST_START, subscription_id=7, term_number=0, term_end=at(2026, 3, 17, 10), renews=False, in_trial=True
    )
    assert decide(period, subscriber=cancelled, now=at(2026, 3, 4)).next_at is None
    assert decide(period, subscriber=facts(), now=at(2026, 3, 4)).allowed  # the first paid term claims
