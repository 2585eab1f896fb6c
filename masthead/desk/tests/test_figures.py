"""The desk's arithmetic, without a database: states, trials, MRR."""

from datetime import date
from fractions import Fraction

from masthead.desk.charts import Series, axis_top, nice_ceiling, stacked_bar_chart
from masthead.desk.dashboard import rupees_short
from masthead.desk.figures import DeskState, Standing, Tally, desk_state, monthly_value, mrr_minor, pays, standing_after
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
    tally = Tally()
    quarterly = monthly_value(price_minor=900_00, term_months=3)
    tally.move(None, DeskState.ACTIVE, quarterly)
    tally.move(None, DeskState.TRIAL, quarterly)
    tally.move(DeskState.ACTIVE, DeskState.CANCELLING, quarterly)
    assert (tally.new, tally.churned, tally.paying, mrr_minor(tally.monthly)) == (2, 0, 1, 300_00)
    tally.day_done()
    tally.move(DeskState.CANCELLING, None, quarterly)
    assert (tally.new, tally.churned, tally.paying, tally.monthly) == (0, 1, 0, 0)
    assert tally.states[DeskState.TRIAL] == 1 and tally.states[DeskState.CANCELLING] == 0


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
