"""The UPI AutoPay mandate's limit: twice the price or the dearest plan,
never above RBI's ₹15,000 for debits without an additional factor of
authentication; a plan dearer than that is paid by card."""

import pytest

from masthead.core.money import Money
from masthead.subscriptions.mandates import UPI_AUTOPAY_LIMIT, upi_autopay_refusal, upi_mandate_max, upi_mandate_problem


@pytest.mark.parametrize(
    "price, dearest, mandate",
    [
        (900_00, 900_00, 1_800_00),  # the only plan: room for the price to double
        (300_00, 2_700_00, 2_700_00),  # a monthly reader may move to the yearly plan
        (900_00, 1_000_00, 1_800_00),  # twice the price is more than the dearest plan
        (9_000_00, 12_000_00, 15_000_00),  # capped at RBI's limit
        (15_000_00, 15_000_00, 15_000_00),  # a plan at the limit itself
        (900_00, 20_000_00, 15_000_00),  # a plan on sale UPI cannot take does not raise the mandate past the limit
    ],
)
def test_the_mandate_is_twice_the_price_or_the_dearest_plan_capped_at_the_limit(price, dearest, mandate):
    assert upi_mandate_max(price=Money(price), dearest=Money(dearest)) == Money(mandate)


def test_the_mandate_always_covers_the_price():
    for price in (100, 99_99, 7_500_00, 7_500_01, 14_999_99, 15_000_00):
        assert upi_mandate_max(price=Money(price), dearest=Money(0)).minor >= price


def test_a_plan_dearer_than_the_limit_cannot_be_paid_by_upi_autopay_and_the_reader_is_told_to_pay_by_card():
    refusal = upi_autopay_refusal(price=Money(15_000_01))
    assert "₹15,000" in refusal and "Please pay by card" in refusal
    with pytest.raises(ValueError, match="Please pay by card"):
        upi_mandate_max(price=Money(15_000_01), dearest=Money(15_000_01))
    assert upi_autopay_refusal(price=Money(15_000_00)) == ""
    assert UPI_AUTOPAY_LIMIT == Money(15_000_00)


def test_only_rupees_are_taken_by_upi_autopay():
    assert "rupees" in upi_autopay_refusal(price=Money(10_00, "USD"))


@pytest.mark.parametrize(
    "registered, problem",
    [
        (1_800_00, ""),
        (900_00, ""),  # the price itself: renewals go through, no headroom
        (899_99, "less than the ₹900 a renewal costs"),
        (15_000_00, ""),
        (15_000_01, "more than UPI AutoPay may take"),
    ],
)
def test_a_registered_mandate_must_cover_the_price_and_stay_within_the_limit(registered, problem):
    found = upi_mandate_problem(max_amount=Money(registered), price=Money(900_00))
    assert (problem in found) if problem else found == ""
