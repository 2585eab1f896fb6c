"""What a credit note takes back from an invoice: gst.credit_split."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.core.money import Money
from masthead.invoicing.gst import credit_split, gst_split

MAHARASHTRA, KARNATAKA = "27", "29"


def _invoice(total: int, *, same_state: bool = True):
    return gst_split(Money(total), buyer_state_code=MAHARASHTRA if same_state else KARNATAKA, supplier_state_code=MAHARASHTRA)


def _parts(split) -> tuple[int, int, int, int]:
    return split.taxable.minor, split.cgst.minor, split.sgst.minor, split.igst.minor


def test_a_full_credit_reverses_exactly_what_the_invoice_charged():
    credit = credit_split(_invoice(900_00), Money(900_00))
    assert _parts(credit) == (762_71, 68_65, 68_64, 0)
    assert credit.total == Money(900_00) and credit.rate == 18 and credit.intra_state


def test_an_igst_invoice_is_credited_in_igst():
    credit = credit_split(_invoice(900_00, same_state=False), Money(900_00))
    assert _parts(credit) == (762_71, 0, 0, 137_29)
    assert credit.intra_state is False


def test_two_halves_credit_the_invoice_to_the_paisa():
    invoice = _invoice(900_00)
    first = credit_split(invoice, Money(450_00))
    # 762.71 × 450/900 = 381.355, rounded half-up to 381.36; the tax, 68.64, halves evenly.
    assert _parts(first) == (381_36, 34_32, 34_32, 0)
    second = credit_split(invoice, Money(450_00), credited_before=Money(450_00))
    # The second half takes what the first left: the invoice's odd paisa of CGST, and one less of taxable value.
    assert _parts(second) == (381_35, 34_33, 34_32, 0)


@pytest.mark.parametrize(
    ("credit", "before", "why"),
    [
        (900_01, 0, "exceeds the invoice's total of 90000"),
        (1, 900_00, "exceeds the invoice's total of 90000"),
        (450_01, 450_00, "exceeds the invoice's total of 90000"),
        (0, 0, "at least one paisa"),
        (-100, 0, "at least one paisa"),
    ],
)
def test_a_credit_never_takes_back_more_than_the_invoice_charged(credit, before, why):
    with pytest.raises(ValueError, match=why):
        credit_split(_invoice(900_00), Money(credit), credited_before=Money(before))


def test_a_credit_in_another_currency_is_refused():
    with pytest.raises(ValueError, match="USD"):
        credit_split(_invoice(900_00), Money(100, "USD"))


@given(total=st.integers(min_value=1, max_value=10**11), same_state=st.booleans())
def test_a_full_credit_always_mirrors_the_invoice(total, same_state):
    invoice = _invoice(total, same_state=same_state)
    credit = credit_split(invoice, invoice.total)
    assert _parts(credit) == _parts(invoice) and credit.intra_state == invoice.intra_state


@given(
    total=st.integers(min_value=1, max_value=10**10),
    same_state=st.booleans(),
    cuts=st.lists(st.integers(min_value=1, max_value=10**10), max_size=8),
    to_the_end=st.booleans(),
)
def test_part_credits_add_up_never_exceed_and_leave_what_was_charged_net(total, same_state, cuts, to_the_end):
    invoice = _invoice(total, same_state=same_state)
    credited = 0
    sums = [0, 0, 0, 0]
    for cut in cuts:
        amount = min(cut, total - credited)
        if amount == 0:
            break
        credit = credit_split(invoice, Money(amount), credited_before=Money(credited))
        parts = _parts(credit)
        # The split adds up to the credit, nothing is negative, and it is the invoice's kind of tax.
        assert sum(parts) == amount and min(parts) >= 0
        assert (credit.igst.minor == 0) if invoice.intra_state else (credit.cgst.minor == credit.sgst.minor == 0)
        credited += amount
        sums = [s + p for s, p in zip(sums, parts, strict=True)]
        # Never more of any part than the invoice charged.
        assert all(s <= i for s, i in zip(sums, _parts(invoice), strict=True))
    if to_the_end and credited < total:
        credit = credit_split(invoice, Money(total - credited), credited_before=Money(credited))
        sums = [s + p for s, p in zip(sums, _parts(credit), strict=True)]
        credited = total
    # Invoice total less the credit notes is what the reader was charged, net.
    assert invoice.total.minor - sum(sums) == total - credited
    if credited == total:
        # Credited in full, in however many parts: every tax is reversed to the paisa.
        assert sums == list(_parts(invoice))
        with pytest.raises(ValueError):
            credit_split(invoice, Money(1), credited_before=Money(credited))
