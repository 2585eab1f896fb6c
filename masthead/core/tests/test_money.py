import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.core.money import Money


@pytest.mark.parametrize(
    ("rupees", "expected"),
    [(900, "₹900"), (2_700, "₹2,700"), (3_900, "₹3,900"), (1_00_000, "₹1,00,000"), (1_00_00_000, "₹1,00,00,000")],
)
def test_whole_rupees_print_with_indian_grouping_and_no_paise(rupees, expected):
    assert Money.major(rupees).format() == expected


def test_paise_are_shown_when_there_are_any():
    assert Money(2_70_050).format() == "₹2,700.50"


@pytest.mark.parametrize(
    ("rupees", "months", "per_month"),
    [(900, 3, "₹300"), (2_700, 12, "₹225"), (3_900, 24, "₹162")],
)
def test_per_month_share_is_rounded_down_to_the_rupee(rupees, months, per_month):
    assert Money.major(rupees).split_floor_major(months).format() == per_month


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=120))
def test_per_month_share_never_overstates_the_price(minor, months):
    share = Money(minor).split_floor_major(months)
    assert share.minor * months <= minor
    assert share.minor % 100 == 0


def test_money_refuses_floats_and_mixed_currencies():
    with pytest.raises(TypeError):
        Money(9.5)
    with pytest.raises(ValueError):
        Money(100, "INR") + Money(100, "USD")
