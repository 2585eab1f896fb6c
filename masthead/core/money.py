"""Money as integer minor units plus an ISO currency: never floats.

Both payment providers speak minor units (paise for INR), so amounts travel
through Masthead unchanged and are only turned into text for people, by Babel.
"""

from dataclasses import dataclass
from decimal import Decimal

import re
from functools import cache

from babel import Locale
from babel.numbers import format_currency, get_currency_precision

DISPLAY_LOCALE = "en_IN"
# ISO 4217: three ASCII capitals ("I N" and "ÄBC" are upper case, not codes).
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, order=True)
class Money:
    minor: int
    currency: str = "INR"

    def __post_init__(self):
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise TypeError("Money is counted in whole minor units (int)")
        if not _CURRENCY_CODE.fullmatch(self.currency):
            raise ValueError(f"{self.currency!r} is not an ISO 4217 currency code")

    @property
    def _scale(self) -> int:
        return 10 ** get_currency_precision(self.currency)

    @classmethod
    def major(cls, amount: int, currency: str = "INR") -> "Money":
        """Money from whole major units: ``Money.major(900)`` is ₹900."""
        return cls(amount * 10 ** get_currency_precision(currency), currency)

    def __add__(self, other: "Money") -> "Money":
        self._check_same_currency(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._check_same_currency(other)
        return Money(self.minor - other.minor, self.currency)

    def _check_same_currency(self, other: "Money") -> None:
        if self.currency != other.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    def split_floor_major(self, parts: int) -> "Money":
        """An equal share, rounded down to a whole major unit (₹162, not ₹162.50).

        Used for "per month" figures, which readers compare at a glance and
        which must never overstate the saving.
        """
        if parts <= 0:
            raise ValueError("parts must be positive")
        share = self.minor // parts
        return Money(share - share % self._scale, self.currency)

    def format(self, locale: str = DISPLAY_LOCALE) -> str:
        """₹1,00,000 for whole amounts, ₹2,700.50 otherwise, grouped for the locale."""
        whole, fraction = divmod(self.minor, self._scale)
        if fraction:
            # Decimal, not float: the paise must print exactly.
            return format_currency(Decimal(self.minor) / self._scale, self.currency, locale=locale)
        return format_currency(
            whole, self.currency, locale=locale, format=_whole_pattern(locale), currency_digits=False
        )

    def __str__(self) -> str:
        return self.format()


@cache
def _whole_pattern(locale: str) -> str:
    """The locale's own currency pattern without the decimals (keeps en_IN's lakh grouping)."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return re.sub(r"\.0+", "", pattern)
