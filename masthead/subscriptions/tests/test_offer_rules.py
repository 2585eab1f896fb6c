"""The offer's pure rules: a term's price under it, whether it may be taken,
how a code is written and how the price reads."""

from datetime import UTC, datetime, timedelta

import pytest

from masthead.core.money import Money
from masthead.subscriptions import offers
from masthead.subscriptions.offers import OfferFacts, Refusal

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
QUARTERLY = Money(900_00)


def test_half_off_a_quarterly_plan_is_450_rupees():
    assert offers.discounted(QUARTERLY, "percent", 50) == Money(450_00)


def test_a_percentage_discount_is_rounded_down_to_the_paisa():
    # 33% of ₹999.99 is ₹329.9967 off: ₹329.99 comes off, the reader pays ₹670.00.
    assert offers.discounted(Money(999_99), "percent", 33) == Money(670_00)
    assert offers.discounted(Money(101), "percent", 1) == Money(100)


def test_a_fixed_amount_comes_off_in_paise():
    assert offers.discounted(QUARTERLY, "fixed", 200_00) == Money(700_00)
    assert offers.discounted(QUARTERLY, "fixed", 1) == Money(899_99)


def test_no_offer_makes_a_term_cost_less_than_a_rupee():
    assert offers.discounted(QUARTERLY, "fixed", 899_99) == Money(100)
    assert offers.discounted(QUARTERLY, "fixed", 5000_00) == Money(100)
    assert offers.discounted(Money(150), "percent", 99) == Money(100)
    assert offers.discounted(Money(100_00), "percent", 99) == Money(100)
    assert offers.discounted(Money(200_00), "percent", 99) == Money(200)


def test_the_discounted_price_keeps_the_currency():
    assert offers.discounted(Money(10_00, "USD"), "percent", 50) == Money(5_00, "USD")


@pytest.mark.parametrize(
    ("kind", "value", "why"),
    [
        ("percent", 0, "an offer takes something off"),
        ("percent", 100, "a percentage offer is 1 to 99 per cent"),
        ("percent", -5, "an offer takes something off"),
        ("fixed", 0, "an offer takes something off"),
        ("other", 5, "unknown offer kind 'other'"),
    ],
)
def test_an_offer_that_takes_nothing_off_or_everything_is_refused(kind, value, why):
    # The sentence is what a developer or the admin's log reads: it names the rule broken.
    with pytest.raises(ValueError) as refused:
        offers.discounted(QUARTERLY, kind, value)
    assert str(refused.value) == why


def test_the_edges_of_a_percentage_are_allowed():
    assert offers.discounted(QUARTERLY, "percent", 1) == Money(891_00)
    assert offers.discounted(QUARTERLY, "percent", 99) == Money(9_00)


def test_a_fixed_amount_must_leave_a_rupee_of_the_price():
    assert offers.leaves_a_charge(900_00, "fixed", 899_00)
    assert not offers.leaves_a_charge(900_00, "fixed", 899_01)
    assert offers.leaves_a_charge(900_00, "percent", 99)


def test_the_offer_price_covers_its_terms_then_the_full_price():
    prices = [
        offers.term_price(n, full=QUARTERLY, offer_price=Money(450_00), offer_terms=2) for n in (1, 2, 3, 4)
    ]
    assert prices == [Money(450_00), Money(450_00), QUARTERLY, QUARTERLY]


def test_without_an_offer_every_term_is_the_full_price():
    assert offers.term_price(1, full=QUARTERLY, offer_price=None, offer_terms=3) == QUARTERLY
    # Term 0 is not a paid term: never the offer's.
    assert offers.term_price(0, full=QUARTERLY, offer_price=Money(450_00), offer_terms=3) == QUARTERLY


def _facts(**changes):
    return OfferFacts(**({"is_active": True, "starts_at": NOW - timedelta(days=1), "ends_at": None, "used": 0, "limit": None} | changes))


def test_an_open_offer_may_be_taken():
    assert offers.refusal(_facts(), NOW) is None
    assert offers.refusal(_facts(starts_at=NOW, ends_at=NOW + timedelta(seconds=1), used=4, limit=5), NOW) is None


def test_an_offer_is_refused_outside_its_window_switched_off_or_used_up():
    assert offers.refusal(_facts(is_active=False), NOW) == Refusal.SWITCHED_OFF
    assert offers.refusal(_facts(starts_at=NOW + timedelta(seconds=1)), NOW) == Refusal.NOT_YET
    assert offers.refusal(_facts(ends_at=NOW), NOW) == Refusal.ENDED
    assert offers.refusal(_facts(ends_at=NOW - timedelta(days=1)), NOW) == Refusal.ENDED
    assert offers.refusal(_facts(used=5, limit=5), NOW) == Refusal.USED_UP
    assert offers.refusal(_facts(used=6, limit=5), NOW) == Refusal.USED_UP
    assert offers.refusal(_facts(used=10_000, limit=None), NOW) is None


def test_every_refusal_has_a_sentence():
    assert set(offers.REFUSAL_SENTENCES) == set(Refusal)
    assert offers.REFUSAL_SENTENCES[Refusal.USED_UP] == "This offer has been fully taken up."


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("welcome50", "WELCOME50"), ("  Welcome-50 ", "WELCOME-50"), ("ABC", "ABC"), ("A" * 32, "A" * 32)],
)
def test_codes_are_stored_in_capitals(typed, stored):
    assert offers.code_normalised(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["", "AB", "A" * 33, "-WELCOME", "WELCOME-", "WEL COME", "WELCOME_50", "ＷＥＬＣＯＭＥ", "WELCÖME", "ß" * 4, "W'--"],
)
def test_anything_else_is_not_a_code(typed):
    assert offers.code_normalised(typed) is None


def test_the_offer_reads_as_a_sentence():
    assert (
        offers.price_in_words(offer_price=Money(450_00), full=QUARTERLY, offer_terms=1, term_months=3)
        == "₹450 for your first 3 months, then ₹900 every 3 months"
    )
    assert (
        offers.price_in_words(offer_price=Money(600_00), full=QUARTERLY, offer_terms=2, term_months=3)
        == "₹600 every 3 months for your first 6 months, then ₹900 every 3 months"
    )
    assert (
        offers.price_in_words(offer_price=Money(1350_00), full=Money(2700_00), offer_terms=1, term_months=12)
        == "₹1,350 for your first year, then ₹2,700 a year"
    )
    assert (
        offers.price_in_words(offer_price=Money(99_00), full=Money(300_00), offer_terms=3, term_months=1)
        == "₹99 a month for your first 3 months, then ₹300 a month"
    )
    assert (
        offers.price_in_words(offer_price=Money(1950_00), full=Money(3900_00), offer_terms=2, term_months=24)
        == "₹1,950 every 2 years for your first 4 years, then ₹3,900 every 2 years"
    )
