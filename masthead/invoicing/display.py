"""Amounts as an invoice prints them: always with paise (₹900.00, not ₹900)."""

from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision

from masthead.core.money import DISPLAY_LOCALE, Money


def invoice_amount(money: Money, *, rupee_sign: bool = True) -> str:
    """``"₹2,28,813.56"``; ``"Rs. 2,28,813.56"`` for a font without the rupee sign."""
    text = format_currency(
        Decimal(money.minor).scaleb(-get_currency_precision(money.currency)), money.currency, locale=DISPLAY_LOCALE
    )
    return text if rupee_sign else text.replace("₹", "Rs. ")
