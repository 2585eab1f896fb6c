"""Amounts and dates as an invoice prints them: always with paise (₹900.00,
not ₹900), and the day in the publication's zone (7 Dec 2026), as the page does."""

from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision

from masthead.core.money import DISPLAY_LOCALE, Money
from masthead.core.periods import local_date


def invoice_amount(money: Money, *, rupee_sign: bool = True) -> str:
    """``"₹2,28,813.56"``; ``"Rs. 2,28,813.56"`` for a font without the rupee sign."""
    text = format_currency(
        Decimal(money.minor).scaleb(-get_currency_precision(money.currency)), money.currency, locale=DISPLAY_LOCALE
    )
    return text if rupee_sign else text.replace("₹", "Rs. ")


def document_date(moment) -> str:
    """``"7 Dec 2026"``: the day in the publication's zone."""
    day = local_date(moment)
    return f"{day.day} {day:%b %Y}"
