import re

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


@pytest.mark.parametrize("code", ["inr", "Inr", "IN", "INRS", "", "I N", "ÄBC"])
def test_a_currency_must_be_three_capital_letters(code):
    with pytest.raises(ValueError, match=f"^{re.escape(repr(code))} is not an ISO 4217 currency code$"):
        Money(100, code)


def test_money_refuses_booleans_and_counts_in_rupees_by_default():
    with pytest.raises(TypeError, match=r"^Money is counted in whole minor units \(int\)$"):
        Money(True)
    assert Money(5) == Money(5, "INR") and Money(0).currency == "INR"


def test_whole_major_units_use_the_currencys_own_decimals():
    assert Money.major(900) == Money(90_000, "INR")
    assert Money.major(900, "JPY") == Money(900, "JPY")  # the yen has no minor unit
    assert Money.major(9, "KWD") == Money(9_000, "KWD")  # the dinar has three decimals
    assert Money(900, "JPY").format() == "JP¥900"
    assert Money(1_234, "JPY").split_floor_major(5) == Money(246, "JPY")


def test_adding_and_subtracting_keep_the_currency_and_refuse_to_mix():
    assert Money(150, "USD") + Money(25, "USD") == Money(175, "USD")
    assert Money(150, "USD") - Money(25, "USD") == Money(125, "USD")
    with pytest.raises(ValueError, match="^cannot mix USD and INR$"):
        Money(100, "USD") - Money(100, "INR")
    with pytest.raises(ValueError, match="^cannot mix INR and USD$"):
        Money(100, "INR") + Money(100, "USD")


@pytest.mark.parametrize("parts", [0, -3])
def test_a_share_needs_a_positive_number_of_parts(parts):
    with pytest.raises(ValueError, match="^parts must be positive$"):
        Money.major(900).split_floor_major(parts)


def test_a_share_of_a_price_with_paise_drops_them():
    assert Money(90_050).split_floor_major(1) == Money(90_000)
    assert Money(100_099).split_floor_major(2) == Money(50_000)


@pytest.mark.parametrize(
    ("money", "locale", "expected"),
    [
        (Money(1_00_00_000), "en_IN", "₹1,00,000"),
        (Money(1_00_00_000), "en_US", "₹100,000"),
        (Money(1_00_00_050), "en_US", "₹100,000.50"),
        (Money(5), "en_IN", "₹0.05"),
        (Money(-90_000), "en_IN", "-₹900"),
        (Money(123_456, "USD"), "en_US", "$1,234.56"),
    ],
)
def test_amounts_print_exactly_in_the_readers_locale(money, locale, expected):
    assert money.format(locale) == expected


def test_money_prints_as_its_indian_format():
    assert str(Money(2_70_050)) == "₹2,700.50" and str(Money.major(1_00_000)) == "₹1,00,000"
    assert f"{Money.major(900)}" == "₹900"
