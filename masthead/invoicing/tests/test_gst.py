from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.core.money import Money
from masthead.invoicing.gst import (
    STATES,
    financial_year,
    gst_split,
    gstin_is_well_formed,
    invoice_number,
    state_name,
    taxable_value,
)

MAHARASHTRA, KARNATAKA = "27", "29"


@pytest.mark.parametrize(
    ("price", "taxable", "cgst", "sgst"),
    [
        # ₹900 → ₹762.71 + ₹137.29; the odd paisa of tax goes to CGST.
        (900_00, 762_71, 68_65, 68_64),
        (2_700_00, 2_288_14, 205_93, 205_93),
        (3_900_00, 3_305_08, 297_46, 297_46),
    ],
)
def test_the_three_plans_split_exactly_within_maharashtra(price, taxable, cgst, sgst):
    split = gst_split(Money(price), buyer_state_code=MAHARASHTRA, supplier_state_code=MAHARASHTRA)
    assert (split.taxable, split.cgst, split.sgst, split.igst) == (Money(taxable), Money(cgst), Money(sgst), Money(0))
    assert split.total == Money(price) and split.rate == 18 and split.intra_state is True


@pytest.mark.parametrize(
    ("price", "taxable", "igst"),
    [(900_00, 762_71, 137_29), (2_700_00, 2_288_14, 411_86), (3_900_00, 3_305_08, 594_92)],
)
def test_the_three_plans_are_all_igst_to_another_state(price, taxable, igst):
    split = gst_split(Money(price), buyer_state_code=KARNATAKA, supplier_state_code=MAHARASHTRA)
    assert (split.taxable, split.cgst, split.sgst, split.igst) == (Money(taxable), Money(0), Money(0), Money(igst))
    assert split.intra_state is False


def test_taxable_value_rounds_to_the_nearest_paisa_and_half_up():
    assert taxable_value(59) == 50  # exactly 50
    assert taxable_value(1) == 1  # 0.847
    assert taxable_value(2) == 2  # 1.695
    assert taxable_value(0) == 0
    # At 18% a price never falls exactly half-way between two paise (100p ≡ 59
    # mod 118 has no solution); at 28%, 16 paise is taxable 12.5 → 13.
    assert taxable_value(16, rate=28) == 13


@given(total=st.integers(min_value=0, max_value=10**12), same_state=st.booleans())
def test_parts_always_add_up_to_the_price_and_taxable_is_the_nearest_paisa(total, same_state):
    split = gst_split(Money(total), buyer_state_code="27", supplier_state_code="27" if same_state else "07")
    assert split.taxable + split.cgst + split.sgst + split.igst == Money(total)
    assert abs(Fraction(split.taxable.minor) - Fraction(total * 100, 118)) <= Fraction(1, 2)
    if same_state:
        assert split.igst == Money(0) and split.cgst.minor - split.sgst.minor in (0, 1)
    else:
        assert split.cgst == split.sgst == Money(0)


def test_the_financial_year_turns_on_the_first_of_april():
    assert financial_year(date(2026, 4, 1)) == "2026-27"
    assert financial_year(date(2027, 3, 31)) == "2026-27"
    assert financial_year(date(2027, 4, 1)) == "2027-28"
    assert financial_year(date(2099, 12, 31)) == "2099-00"


def test_invoice_numbers_carry_prefix_year_and_padded_sequence():
    assert invoice_number("MH", "2026-27", 42) == "MH/2627/000042"
    assert invoice_number("MH", "2026-27", 1_234_567) == "MH/2627/1234567"
    assert len(invoice_number("MHDN", "2026-27", 999_999)) == 16


@pytest.mark.parametrize(
    ("prefix", "fy", "sequence"),
    [
        ("MASTH", "2026-27", 1),  # 17 characters: more than GST allows
        ("MHDN", "2026-27", 1_000_000),  # the seventh digit tips a four-letter prefix over
        ("mh", "2026-27", 1),  # lower case
        ("M-H", "2026-27", 1),  # would not read back from the URL
        ("MH", "2026-28", 1),
        ("MH", "26-27", 1),
        ("MH", "2026-27", 0),
    ],
)
def test_invoice_numbers_gst_would_refuse_raise(prefix, fy, sequence):
    with pytest.raises(ValueError):
        invoice_number(prefix, fy, sequence)


def test_state_codes_name_the_place_of_supply():
    assert state_name("27") == "Maharashtra"
    assert state_name("01") == "Jammu and Kashmir"
    assert state_name("37") == "Andhra Pradesh"
    assert state_name("38") == "Ladakh"
    assert state_name("97") == "Other Territory"
    assert len(STATES) == 39
    with pytest.raises(ValueError):
        state_name("99")


def test_gstin_shape():
    assert gstin_is_well_formed("27AAAAA0000A1Z5")
    assert gstin_is_well_formed("29AAGCB7383J1Z4")
    assert not gstin_is_well_formed("27AAAAA0000A1Y5")  # the 14th character is always Z
    assert not gstin_is_well_formed("99AAAAA0000A1Z5")  # no such state
    assert not gstin_is_well_formed("27AAAAA0000A1Z")


def test_a_negative_price_has_no_taxable_value():
    with pytest.raises(ValueError, match="^a price cannot be negative$"):
        taxable_value(-1)


def test_the_tax_is_the_sum_of_its_parts_in_the_prices_currency():
    within = gst_split(Money(900_00), buyer_state_code=MAHARASHTRA, supplier_state_code=MAHARASHTRA)
    assert within.tax == Money(137_29)
    within = gst_split(Money(100_01, "USD"), buyer_state_code=MAHARASHTRA, supplier_state_code=MAHARASHTRA)
    assert (within.taxable, within.cgst, within.sgst, within.igst) == (
        Money(84_75, "USD"), Money(7_63, "USD"), Money(7_63, "USD"), Money(0, "USD"),
    )  # fmt: skip
    across = gst_split(Money(100_00, "USD"), buyer_state_code=KARNATAKA, supplier_state_code=MAHARASHTRA)
    assert (across.taxable, across.igst, across.tax, across.cgst) == (Money(84_75, "USD"), Money(15_25, "USD"), Money(15_25, "USD"), Money(0, "USD"))


def test_another_rate_is_applied_and_recorded():
    split = gst_split(Money(128_00), buyer_state_code=MAHARASHTRA, supplier_state_code=MAHARASHTRA, rate=28)
    assert (split.taxable, split.cgst, split.sgst, split.rate) == (Money(100_00), Money(14_00), Money(14_00), 28)
    split = gst_split(Money(128_00), buyer_state_code=KARNATAKA, supplier_state_code=MAHARASHTRA, rate=28)
    assert (split.taxable, split.igst, split.rate) == (Money(100_00), Money(28_00), 28)


def test_the_first_invoice_of_a_year_and_a_year_that_turns_the_century():
    assert invoice_number("MH", "2026-27", 1) == "MH/2627/000001"
    assert invoice_number("MH", "2099-00", 7) == "MH/9900/000007"
    assert financial_year(date(2100, 3, 31)) == "2099-00"
    assert financial_year(date(2026, 3, 31)) == "2025-26"


@pytest.mark.parametrize(
    ("prefix", "fy", "sequence", "message"),
    [
        ("mh", "2026-27", 1, "invoice prefix 'mh' must be capital letters and digits"),
        ("MH", "2026-28", 1, "'2026-28' is not a financial year such as '2026-27'"),
        ("MH", "2026-27", 0, "invoice sequences start at 1"),
        ("MASTH", "2026-27", 1, "invoice number 'MASTH/2627/000001' is longer than 16 characters"),
    ],
)
def test_a_refused_invoice_number_says_why(prefix, fy, sequence, message):
    with pytest.raises(ValueError) as refused:
        invoice_number(prefix, fy, sequence)
    assert str(refused.value) == message


def test_an_unknown_state_code_is_named_in_the_error():
    with pytest.raises(ValueError, match="^'99' is not a GST state code$"):
        state_name("99")


def test_gstin_letters_are_capitals():
    assert not gstin_is_well_formed("27aaaaa0000a1z5")
    assert not gstin_is_well_formed("27AAAAA0000A0Z5")  # entity numbers start at 1
    assert not gstin_is_well_formed("27AAAAA0000A1Z5 ")
