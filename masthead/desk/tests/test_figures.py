"""The desk's arithmetic, without a database: states, trials, MRR."""

from collections import defaultdict
from datetime import date
from fractions import Fraction

from masthead.desk.charts import Series, axis_top, nice_ceiling, stacked_bar_chart
from masthead.desk.dashboard import rupees_short
from masthead.desk.figures import (
    ALL_PLANS, Counted, DeskState, Standing, Tally, count_move, desk_state, monthly_value, mrr_minor, pays, standing_after,
)  # fmt: skip
from masthead.subscriptions.models import EventReason as R, SubscriptionStatus as S


def test_a_trial_lasts_until_a_paid_term_begins():
    trial = standing_after(None, to_status=S.ACTIVE, reason=R.TRIAL_STARTED)
    assert desk_state(trial) == DeskState.TRIAL and not pays(desk_state(trial))
    scheduled = standing_after(trial, to_status=S.ACTIVE, reason=R.PLAN_CHANGE_SCHEDULED)
    assert desk_state(scheduled) == DeskState.TRIAL
    paid = standing_after(scheduled, to_status=S.ACTIVE, reason=R.RENEWED)
    assert desk_state(paid) == DeskState.ACTIVE and pays(DeskState.ACTIVE)


def test_only_subscribers_who_may_pay_are_counted():
    for status in (S.PENDING, S.ENDED, S.LAPSED, S.REFUNDED, S.COMP, S.GIFT):
        assert desk_state(Standing(status)) is None
    assert desk_state(Standing(S.PAUSED)) == DeskState.PAUSED and not pays(DeskState.PAUSED)
    for status in (S.CANCELLING, S.PAST_DUE, S.NEEDS_CARD):
        assert pays(desk_state(Standing(status)))


def test_mrr_spreads_each_price_over_its_months_and_rounds_once():
    quarterly = monthly_value(price_minor=900_00, term_months=3)
    yearly = monthly_value(price_minor=2_700_00, term_months=12)
    two_years = monthly_value(price_minor=3_900_00, term_months=24)
    assert (quarterly, yearly, two_years) == (300_00, 225_00, Fraction(16250))
    # ₹100.01 a quarter is 3333.67 paise a month: three of them make 10001, not 3 × 3333.
    odd = monthly_value(price_minor=100_01, term_months=3)
    assert mrr_minor(odd * 3) == 100_01
    assert mrr_minor(odd) == 3333


def test_a_tally_counts_new_and_churned_and_keeps_mrr_exact():
    tallies = defaultdict(Tally)
    quarterly = monthly_value(price_minor=900_00, term_months=3)
    count_move(tallies, None, Counted(DeskState.ACTIVE, 1, quarterly))
    count_move(tallies, None, Counted(DeskState.TRIAL, 1, quarterly))
    count_move(tallies, Counted(DeskState.ACTIVE, 1, quarterly), Counted(DeskState.CANCELLING, 1, quarterly))
    for tally in (tallies[1], tallies[ALL_PLANS]):
        assert (tally.new, tally.churned, tally.paying, mrr_minor(tally.monthly)) == (2, 0, 1, 300_00)
        tally.day_done()
    count_move(tallies, Counted(DeskState.CANCELLING, 1, quarterly), Counted(None, 1, quarterly))
    for tally in (tallies[1], tallies[ALL_PLANS]):
        assert (tally.new, tally.churned, tally.paying, tally.monthly) == (0, 1, 0, 0)
        assert tally.states[DeskState.TRIAL] == 1 and tally.states[DeskState.CANCELLING] == 0
    # A pending checkout (not counted) that ends is no churn; one that starts paying is new.
    count_move(tallies, Counted(None, 1, quarterly), Counted(None, 1, quarterly))
    assert (tallies[ALL_PLANS].new, tallies[ALL_PLANS].churned) == (0, 1)


def test_a_plan_change_moves_the_subscriber_between_plans_and_mrr_by_the_difference():
    """Monthly ₹299 to yearly ₹2,700: the monthly row loses an active
    subscriber and ₹299 of MRR, the yearly row gains one and ₹225; all plans
    together keep one subscriber and lose ₹74. Nobody is new or churned."""
    tallies = defaultdict(Tally)
    monthly, yearly = monthly_value(price_minor=299_00, term_months=1), monthly_value(price_minor=2_700_00, term_months=12)
    count_move(tallies, None, Counted(DeskState.ACTIVE, 1, monthly))
    for tally in tallies.values():
        tally.day_done()
    count_move(tallies, Counted(DeskState.ACTIVE, 1, monthly), Counted(DeskState.ACTIVE, 2, yearly))
    assert (tallies[1].states[DeskState.ACTIVE], tallies[1].paying, tallies[1].monthly) == (0, 0, 0)
    assert (tallies[2].states[DeskState.ACTIVE], tallies[2].paying, tallies[2].monthly) == (1, 1, 225_00)
    assert (tallies[ALL_PLANS].states[DeskState.ACTIVE], tallies[ALL_PLANS].monthly) == (1, 225_00)
    assert all((tally.new, tally.churned) == (0, 0) for tally in tallies.values())
    # Cancelled on the new plan later: churned from the yearly plan, not the monthly.
    count_move(tallies, Counted(DeskState.ACTIVE, 2, yearly), Counted(None, 2, yearly))
    assert (tallies[1].churned, tallies[2].churned, tallies[ALL_PLANS].churned) == (0, 1, 1)
    # A subscriber on a plan change into a state not paying (paused) leaves MRR at once.
    count_move(tallies, None, Counted(DeskState.PAUSED, 1, monthly))
    assert (tallies[1].new, tallies[1].paying, tallies[1].monthly) == (1, 0, 0)


def test_chart_axes_end_on_a_round_number():
    assert [nice_ceiling(n) for n in (0, 1, 3, 7, 12, 180, 2_001)] == [1, 1, 5, 10, 20, 200, 5_000]
    # A small count's axis steps by whole numbers.
    assert [axis_top(n) for n in (0, 1, 3, 5, 20, 21, 1_700_000)] == [4, 4, 4, 8, 20, 50, 2_000_000]


def test_a_small_count_axis_has_only_whole_numbers():
    chart = stacked_bar_chart([Series("active", "Active", [0, 1])], [date(2026, 11, 1), date(2026, 11, 2)], str)
    assert [tick.label for tick in chart.y_ticks] == ["0", "1", "2", "3", "4"]
    (bar,) = chart.bars
    assert bar.height > 0 and bar.title == "2 Nov: Active 1"


def test_money_on_an_axis_is_short_in_indian_units():
    assert [rupees_short(r * 100) for r in (0, 500, 20_000, 1_50_000, 1_00_000, 2_30_00_000)] == [
        "₹0", "₹500", "₹20k", "₹1.5L", "₹1L", "₹2.3Cr"
    ]
