"""Changing plan: which change is an upgrade, and what it costs today.

Pure: facts in (prices in paise, term lengths in months, days in the
publication's zone), numbers out. The services (plan_changes.py and
billing/plan_upgrade.py) read the facts and call these, so the change-plan
page shows exactly what the charge takes.

The rounding, in one place:

- A term's days are its calendar days: from the day it started to the day
  it ends (the day the next term's invoice begins), as its invoice prints it.
- The day of the change counts as *unused*: the new term starts that day and
  its invoice begins that day, so no day is paid for twice.
- ``credit = uncredited × unused_days ÷ term_days``, rounded **down** to the
  paisa, so a credit never exceeds what the term was invoiced and not yet
  credited; it is also never more than the new plan's price (money already
  paid is credited against the new term, never paid out).
- ``due = new price − credit``. A change whose due amount would be under
  MIN_CHARGE is not made now (the provider cannot take less): it is offered
  at the next renewal instead.
"""

from dataclasses import dataclass
from datetime import date

# The smallest charge a card is asked for (₹1), as for a paid trial.
MIN_CHARGE = 100


def is_upgrade(*, price_minor: int, term_months: int, new_price_minor: int, new_term_months: int) -> bool:
    """Whether moving to the new plan is an upgrade (it takes effect now): a
    longer term, or a dearer month (prices compared per month without
    rounding, by cross-multiplying). Anything else (cheaper, shorter, or the
    same) waits for the renewal."""
    if new_term_months > term_months:
        return True
    return new_price_minor * term_months > price_minor * new_term_months


def term_days(*, start: date, end: date) -> int:
    """A term's length in days: from its first day to the day it ends (the next term's first day)."""
    return max((end - start).days, 0)


def unused_days(*, start: date, end: date, today: date) -> int:
    """The days of the term still to come, today included (see the module's rounding)."""
    return min(max((end - today).days, 0), term_days(start=start, end=end))


def credit_for_unused(*, uncredited_minor: int, unused: int, days: int) -> int:
    """What the unused days are worth: ``uncredited × unused ÷ days``, rounded
    down, so never more than ``uncredited``. Nothing for a term of no days."""
    if days <= 0 or unused <= 0 or uncredited_minor <= 0:
        return 0
    return uncredited_minor * min(unused, days) // days


@dataclass(frozen=True)
class Quote:
    """What an upgrade costs today."""

    credit_minor: int  # taken back from the current term's invoice by a credit note
    due_minor: int  # charged to the card now
    unused_days: int
    term_days: int
    new_price_minor: int

    @property
    def chargeable(self) -> bool:
        return self.due_minor >= MIN_CHARGE


def upgrade_quote(*, uncredited_minor: int, start: date, end: date, today: date, new_price_minor: int) -> Quote:
    """The credit for the current term's unused days and the amount due now.

    ``uncredited_minor`` is what the current term's invoice still holds (its
    total less earlier credit notes): 0 for a trial, a gift or a term without
    an invoice (nothing was paid, nothing is credited)."""
    days = term_days(start=start, end=end)
    unused = unused_days(start=start, end=end, today=today)
    credit = min(credit_for_unused(uncredited_minor=uncredited_minor, unused=unused, days=days), new_price_minor)
    return Quote(
        credit_minor=credit,
        due_minor=new_price_minor - credit,
        unused_days=unused,
        term_days=days,
        new_price_minor=new_price_minor,
    )
