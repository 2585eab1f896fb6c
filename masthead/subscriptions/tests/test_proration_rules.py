"""The arithmetic of an upgrade, as properties: whatever the prices, days and
earlier credits, a credit never exceeds what was paid, the tax parts of the
credit note add up to it, and the reader's invoices less their credit notes
are exactly what they were charged."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from masthead.core.money import Money
from masthead.invoicing.gst import credit_split, gst_split
from masthead.subscriptions.proration import (
    MIN_CHARGE,
    credit_for_unused,
    is_upgrade,
    term_days,
    unused_days,
    upgrade_quote,
)

prices = st.integers(min_value=100, max_value=10_000_000)
states = st.sampled_from(["27", "29", "07"])  # the supplier's own state (27) and two others
start_days = st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def terms(draw):
    start = draw(start_days)
    length = draw(st.integers(min_value=28, max_value=731))
    today = start + timedelta(days=draw(st.integers(min_value=-3, max_value=length + 3)))
    return start, start + timedelta(days=length), today


@given(paid=prices, earlier=st.integers(min_value=0, max_value=10_000_000), term=terms(), new_price=prices)
def test_a_credit_never_exceeds_what_the_invoice_still_holds_nor_the_new_price(paid, earlier, term, new_price):
    start, end, today = term
    uncredited = max(paid - earlier, 0)
    quote = upgrade_quote(uncredited_minor=uncredited, start=start, end=end, today=today, new_price_minor=new_price)
    assert 0 <= quote.credit_minor <= uncredited
    assert quote.credit_minor <= new_price
    assert quote.credit_minor + quote.due_minor == new_price and quote.due_minor >= 0
    assert 0 <= quote.unused_days <= quote.term_days == (end - start).days


@given(paid=prices, term=terms())
def test_the_credit_is_paid_times_unused_over_term_days_rounded_down(paid, term):
    start, end, today = term
    days, unused = term_days(start=start, end=end), unused_days(start=start, end=end, today=today)
    credit = credit_for_unused(uncredited_minor=paid, unused=unused, days=days)
    assert credit * days <= paid * unused < (credit + 1) * days


@given(paid=prices, term=terms(), later=st.integers(min_value=1, max_value=40))
def test_a_later_change_never_credits_more(paid, term, later):
    start, end, today = term
    sooner = upgrade_quote(uncredited_minor=paid, start=start, end=end, today=today, new_price_minor=10**9)
    after = upgrade_quote(uncredited_minor=paid, start=start, end=end, today=today + timedelta(days=later), new_price_minor=10**9)
    assert after.credit_minor <= sooner.credit_minor


@given(old_price=prices, new_price=prices, term=terms(), state=states)
def test_invoices_less_credit_notes_are_what_the_reader_was_charged(old_price, new_price, term, state):
    start, end, today = term
    old_invoice = gst_split(Money(old_price, "INR"), buyer_state_code=state, supplier_state_code="27")
    quote = upgrade_quote(uncredited_minor=old_price, start=start, end=end, today=today, new_price_minor=new_price)
    if not quote.chargeable:
        return  # not made now: it waits for the renewal, and nothing is credited
    charged = old_price + quote.due_minor
    # The new term is invoiced at the new plan's price: the card paid what
    # was due, the credit note the rest.
    new_invoice = gst_split(Money(quote.due_minor + quote.credit_minor, "INR"), buyer_state_code=state, supplier_state_code="27")
    credited = 0
    if quote.credit_minor:
        note = credit_split(old_invoice, Money(quote.credit_minor, "INR"))
        assert note.taxable.minor + note.cgst.minor + note.sgst.minor + note.igst.minor == quote.credit_minor
        assert min(note.taxable.minor, note.cgst.minor, note.sgst.minor, note.igst.minor) >= 0
        credited = note.total.minor
    assert old_invoice.total.minor + new_invoice.total.minor - credited == charged
    assert quote.due_minor >= MIN_CHARGE


@given(paid=prices, term=terms(), earlier=st.integers(min_value=1, max_value=10_000_000), state=states)
def test_a_credit_after_an_earlier_one_splits_its_tax_exactly_too(paid, term, earlier, state):
    start, end, today = term
    invoice = gst_split(Money(paid, "INR"), buyer_state_code=state, supplier_state_code="27")
    earlier = min(earlier, paid)
    quote = upgrade_quote(uncredited_minor=paid - earlier, start=start, end=end, today=today, new_price_minor=10**9)
    if quote.credit_minor:
        note = credit_split(invoice, Money(quote.credit_minor, "INR"), credited_before=Money(earlier, "INR"))
        assert note.taxable.minor + note.cgst.minor + note.sgst.minor + note.igst.minor == quote.credit_minor
        assert earlier + quote.credit_minor <= paid


def test_which_changes_are_upgrades():
    # Longer terms, and dearer months, are upgrades; the rest wait for the renewal.
    assert is_upgrade(price_minor=900_00, term_months=3, new_price_minor=2700_00, new_term_months=12)
    assert is_upgrade(price_minor=300_00, term_months=1, new_price_minor=400_00, new_term_months=1)
    assert not is_upgrade(price_minor=900_00, term_months=3, new_price_minor=300_00, new_term_months=1)
    assert not is_upgrade(price_minor=300_00, term_months=1, new_price_minor=300_00, new_term_months=1)
    # A dearer total for the same months is a dearer month; a cheaper one is not.
    assert not is_upgrade(price_minor=900_00, term_months=3, new_price_minor=850_00, new_term_months=3)
    # A year bought at a lower monthly rate is still an upgrade: the term is longer.
    assert is_upgrade(price_minor=300_00, term_months=1, new_price_minor=2700_00, new_term_months=12)


def test_the_day_of_the_change_is_credited_and_the_last_day_is_not_after_the_end():
    start, end = date(2027, 1, 10), date(2027, 4, 10)  # 90 days
    assert unused_days(start=start, end=end, today=start) == 90
    assert unused_days(start=start, end=end, today=date(2027, 4, 9)) == 1
    assert unused_days(start=start, end=end, today=end) == 0
    quote = upgrade_quote(uncredited_minor=900_00, start=start, end=end, today=date(2027, 2, 9), new_price_minor=2700_00)
    assert quote.unused_days == 60 and quote.credit_minor == 600_00 and quote.due_minor == 2100_00
    # 900 × 1 ÷ 90 paise is 10 rupees exactly; 1000 paise × 1 ÷ 3 rounds down.
    assert credit_for_unused(uncredited_minor=1000, unused=1, days=3) == 333


def test_the_same_length_of_term_at_a_dearer_price_is_an_upgrade():
    quarterly = {"price_minor": 900_00, "term_months": 3}
    assert is_upgrade(**quarterly, new_price_minor=1_000_00, new_term_months=3)
    assert not is_upgrade(**quarterly, new_price_minor=800_00, new_term_months=3)


def test_a_term_of_no_days_has_none_and_credits_nothing():
    day = date(2026, 3, 1)
    assert term_days(start=day, end=day) == 0
    assert term_days(start=day, end=date(2026, 2, 1)) == 0
    assert credit_for_unused(uncredited_minor=900_00, unused=5, days=0) == 0


@pytest.mark.parametrize(
    "uncredited, unused, days, credit",
    [
        (500_00, 1, 1, 500_00),  # a one-day term, unused: all of it back
        (1, 30, 30, 1),  # a paisa still held, the whole term unused: the paisa
        (900_00, -3, 30, 0),  # a day past the term's end is not a negative credit
        (-500_00, 10, 30, 0),  # an invoice over-credited is never credited further
        (900_00, 0, 30, 0),
    ],
)
def test_the_credit_for_unused_days_at_its_edges(uncredited, unused, days, credit):
    assert credit_for_unused(uncredited_minor=uncredited, unused=unused, days=days) == credit


def test_the_quote_names_the_new_plans_price():
    quote = upgrade_quote(
        uncredited_minor=900_00, start=date(2026, 1, 1), end=date(2026, 4, 1), today=date(2026, 2, 15), new_price_minor=2_700_00
    )
    assert quote.new_price_minor == 2_700_00 and quote.due_minor + quote.credit_minor == 2_700_00
