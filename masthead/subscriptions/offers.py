"""Introductory offers as arithmetic and rules: what an offer makes a term
cost, whether it may be taken now, how its price reads, how a code is
written. Pure: facts in, answers out; no database, no clock.

Two decisions live here and in docs/offers.md:

- An offer never makes a paid term free, nor cheaper than ``MINIMUM_CHARGE``
  (₹1, the least a plan may cost): a term that costs nothing is a trial, and
  a payment of at least a rupee is what proves the card or mandate that the
  renewals will use. A percentage is 1 to 99.
- A percentage's discount is rounded down to the paisa, so the reader pays
  the price less at most the discount stated, never a paisa less than the
  arithmetic gives (50% of ₹900 is ₹450; 33% of ₹999.99 is ₹669.99 off
  ₹333.3267 → ₹333.32 discount).
"""

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from masthead.core.money import Money

from .terms import term_label

# The least an offer leaves a term costing, in minor units: ₹1.
MINIMUM_CHARGE = 100
PERCENT_MIN, PERCENT_MAX = 1, 99
# How many terms an offer may cover.
TERMS_MAX = 24
# A code is 3 to 32 of A–Z, 0–9 and hyphens, stored in capitals.
_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]")


class Kind(StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


def discounted(price: Money, kind: str, value: int) -> Money:
    """A term's price under the offer, never below MINIMUM_CHARGE."""
    if value < 1:
        raise ValueError("an offer takes something off")
    if kind == Kind.PERCENT:
        if value > PERCENT_MAX:
            raise ValueError(f"a percentage offer is {PERCENT_MIN} to {PERCENT_MAX} per cent")
        off = price.minor * value // 100
    elif kind == Kind.FIXED:
        off = value
    else:
        raise ValueError(f"unknown offer kind {kind!r}")
    return Money(max(price.minor - off, MINIMUM_CHARGE), price.currency)


def leaves_a_charge(price_minor: int, kind: str, value: int) -> bool:
    """Whether the offer takes off less than the price less MINIMUM_CHARGE:
    a fixed amount that would reach the floor is refused in the admin rather
    than quietly capped."""
    if kind == Kind.FIXED:
        return price_minor - value >= MINIMUM_CHARGE
    return True


def term_price(term_number: int, *, full: Money, offer_price: Money | None, offer_terms: int) -> Money:
    """What term ``term_number`` (1 is the first paid term) costs: the offer's
    price for terms 1 to ``offer_terms``, the full price after."""
    if offer_price is not None and 1 <= term_number <= offer_terms:
        return offer_price
    return full


class Refusal(StrEnum):
    """Why an offer cannot be taken; each has one sentence for readers."""

    SWITCHED_OFF = "switched_off"
    NOT_YET = "not_yet"
    ENDED = "ended"
    USED_UP = "used_up"
    OTHER_PLAN = "other_plan"


REFUSAL_SENTENCES = {
    Refusal.SWITCHED_OFF: "This offer has ended.",
    Refusal.NOT_YET: "This offer has not started yet.",
    Refusal.ENDED: "This offer has ended.",
    Refusal.USED_UP: "This offer has been fully taken up.",
    Refusal.OTHER_PLAN: "This offer is not for that plan.",
}


@dataclass(frozen=True)
class OfferFacts:
    is_active: bool
    starts_at: datetime
    ends_at: datetime | None
    used: int
    limit: int | None


def refusal(facts: OfferFacts, now: datetime) -> Refusal | None:
    """Whether the offer may be taken at ``now``: None, or why not. The
    window is [starts_at, ends_at)."""
    if not facts.is_active:
        return Refusal.SWITCHED_OFF
    if now < facts.starts_at:
        return Refusal.NOT_YET
    if facts.ends_at is not None and now >= facts.ends_at:
        return Refusal.ENDED
    if facts.limit is not None and facts.used >= facts.limit:
        return Refusal.USED_UP
    return None


def code_normalised(typed: str) -> str | None:
    """The code as stored (capitals, no spaces around it), or None when it
    cannot be a code at all (other characters, too short or too long)."""
    # ASCII first: upper-casing "ß" gives "SS", and "ﬁ" gives "FI".
    if not typed.isascii():
        return None
    code = typed.strip().upper()
    if not _CODE.fullmatch(code):
        return None
    return code


def every_term(term_months: int) -> str:
    """"a month", "a year", "every 3 months", "every 2 years"."""
    if term_months in (1, 12):
        return f"a {_span(term_months)}"
    return f"every {term_label(term_months)}"


def price_in_words(*, offer_price: Money, full: Money, offer_terms: int, term_months: int) -> str:
    """"₹450 for your first 3 months, then ₹900 every 3 months";
    "₹600 every 3 months for your first 6 months, then ₹900 every 3 months"."""
    then = f"then {full} {every_term(term_months)}"
    if offer_terms == 1:
        return f"{offer_price} for your first {_span(term_months)}, {then}"
    return f"{offer_price} {every_term(term_months)} for your first {_span(term_months * offer_terms)}, {then}"


def _span(months: int) -> str:
    """"month", "year", "3 months", "2 years": as "your first …" reads."""
    label = term_label(months)
    return label[2:] if label.startswith("1 ") else label
