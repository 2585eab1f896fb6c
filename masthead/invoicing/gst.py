"""GST arithmetic and invoice numbering: pure functions, no database.

Plan prices are GST-inclusive (the reader pays ₹900, tax and all), so the
tax is worked backwards out of the price. Everything is counted in whole
paise with integer arithmetic: a float would sooner or later put a paisa on
an invoice that the ledger does not have. See docs/invoices.md.
"""

import re
from dataclasses import dataclass
from datetime import date

from masthead.core.money import Money

# Online news is "on-line text based information" (SAC 998431), taxed at 18%.
GST_RATE = 18

# Today's states and union territories with their GST state codes (the
# first two digits of every GSTIN): a reader's place of supply is one of these.
STATES_AND_UNION_TERRITORIES: dict[str, str] = {
    "01": "Jammu and Kashmir",
    "02": "Himachal Pradesh",
    "03": "Punjab",
    "04": "Chandigarh",
    "05": "Uttarakhand",
    "06": "Haryana",
    "07": "Delhi",
    "08": "Rajasthan",
    "09": "Uttar Pradesh",
    "10": "Bihar",
    "11": "Sikkim",
    "12": "Arunachal Pradesh",
    "13": "Nagaland",
    "14": "Manipur",
    "15": "Mizoram",
    "16": "Tripura",
    "17": "Meghalaya",
    "18": "Assam",
    "19": "West Bengal",
    "20": "Jharkhand",
    "21": "Odisha",
    "22": "Chhattisgarh",
    "23": "Madhya Pradesh",
    "24": "Gujarat",
    "26": "Dadra and Nagar Haveli and Daman and Diu",
    "27": "Maharashtra",
    "29": "Karnataka",
    "30": "Goa",
    "31": "Lakshadweep",
    "32": "Kerala",
    "33": "Tamil Nadu",
    "34": "Puducherry",
    "35": "Andaman and Nicobar Islands",
    "36": "Telangana",
    "37": "Andhra Pradesh",
    "38": "Ladakh",
}

# GST codes that are no reader's place of supply, kept so that an invoice
# issued with one still names it as it did: 25 was Daman and Diu until it
# merged into 26 (26 January 2020); 28 was Andhra Pradesh before it was
# divided (2014); 97, "Other Territory", is for places outside every state
# and union territory, such as offshore installations.
FORMER_AND_OTHER_CODES: dict[str, str] = {
    "25": "Daman and Diu",
    "28": "Andhra Pradesh (before 2014)",
    "97": "Other Territory",
}

# Every code an invoice may carry.
STATES: dict[str, str] = {**STATES_AND_UNION_TERRITORIES, **FORMER_AND_OTHER_CODES}

# Rule 46(b) of the CGST Rules: at most 16 characters, only letters, digits,
# "-" and "/". Masthead's prefix is letters and digits only, so that the
# number's URL form ("/" written as "-") reads back to exactly one number.
INVOICE_NUMBER_MAX_LENGTH = 16
_PREFIX = re.compile(r"[A-Z0-9]+")
_FINANCIAL_YEAR = re.compile(r"(\d{4})-(\d{2})")
_GSTIN = re.compile(r"\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]")


@dataclass(frozen=True)
class GstSplit:
    """A GST-inclusive total taken apart. Either CGST + SGST or IGST is zero."""

    taxable: Money
    cgst: Money
    sgst: Money
    igst: Money
    total: Money
    rate: int  # per cent, the whole GST rate (CGST and SGST each charge half)
    intra_state: bool

    @property
    def tax(self) -> Money:
        return self.cgst + self.sgst + self.igst


def taxable_value(total_minor: int, rate: int = GST_RATE) -> int:
    """``total / (1 + rate/100)`` rounded half-up to the paisa, in integers."""
    if total_minor < 0:
        raise ValueError("a price cannot be negative")
    quotient, remainder = divmod(total_minor * 100, 100 + rate)
    return quotient + (1 if 2 * remainder >= 100 + rate else 0)


def gst_split(total: Money, *, buyer_state_code: str, supplier_state_code: str, rate: int = GST_RATE) -> GstSplit:
    """Split a GST-inclusive price into taxable value and tax.

    Supplied within the supplier's own state, the tax is half CGST and half
    SGST; an odd paisa goes to CGST, so the two always add back to the tax.
    Supplied to another state, it is all IGST.
    """
    taxable = taxable_value(total.minor, rate)
    tax = total.minor - taxable
    currency = total.currency
    zero = Money(0, currency)
    if buyer_state_code == supplier_state_code:
        sgst = tax // 2
        return GstSplit(
            Money(taxable, currency), Money(tax - sgst, currency), Money(sgst, currency), zero, total, rate, intra_state=True
        )
    return GstSplit(Money(taxable, currency), zero, zero, Money(tax, currency), total, rate, intra_state=False)


def _round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded half-up to a whole number (both non-negative)."""
    quotient, remainder = divmod(numerator, denominator)
    return quotient + (1 if 2 * remainder >= denominator else 0)


def _first_part(invoice: GstSplit, credited: int) -> tuple[int, int, int, int]:
    """Taxable value, CGST, SGST and IGST of the first ``credited`` paise of
    the invoice's total: the taxable value in the invoice's own proportion,
    rounded half-up; the rest is tax, split as the invoice split it."""
    taxable = _round_half_up(invoice.taxable.minor * credited, invoice.total.minor)
    tax = credited - taxable
    if invoice.intra_state:
        sgst = tax // 2
        return taxable, tax - sgst, sgst, 0
    return taxable, 0, 0, tax


def credit_split(invoice: GstSplit, credit: Money, *, credited_before: Money | None = None) -> GstSplit:
    """The part of an invoice that ``credit`` (GST-inclusive) takes back, as a
    credit note prints it: taxable value and tax reversed, in the invoice's
    own split (CGST + SGST, or IGST) and rate.

    ``credited_before`` is what earlier credit notes against the same invoice
    took back. The credit is worked out as the difference between the
    invoice's first ``credited_before + credit`` paise and its first
    ``credited_before`` paise, each taken apart in proportion to the
    invoice (taxable value rounded half-up, CGST keeping the odd paisa), so:

    - a full credit reverses exactly the invoice's taxable value and taxes;
    - part credits that add up to the total reverse exactly those too, with
      no paisa lost or gained to rounding along the way;
    - each credit's parts add up to the credit, and none is negative.

    ValueError for a credit of nothing, in another currency, or one that
    would take back more than the invoice's total.
    """
    before = credited_before.minor if credited_before is not None else 0
    currency = invoice.total.currency
    if credit.currency != currency or (credited_before is not None and credited_before.currency != currency):
        raise ValueError(f"a credit in {credit.currency} cannot be set against an invoice in {currency}")
    if credit.minor <= 0:
        raise ValueError("a credit note credits at least one paisa")
    if before < 0:
        raise ValueError("earlier credits cannot be negative")
    if before + credit.minor > invoice.total.minor:
        raise ValueError(
            f"a credit of {credit.minor} after {before} already credited exceeds the invoice's total of {invoice.total.minor}"
        )
    after = _first_part(invoice, before + credit.minor)
    earlier = _first_part(invoice, before)
    taxable, cgst, sgst, igst = (Money(a - b, currency) for a, b in zip(after, earlier, strict=True))
    return GstSplit(taxable, cgst, sgst, igst, credit, invoice.rate, intra_state=invoice.intra_state)


def financial_year(day: date) -> str:
    """India's financial year, April to March: ``"2026-27"`` for 1 April 2026 to 31 March 2027."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def invoice_number(prefix: str, fy: str, sequence: int) -> str:
    """``"MH/2627/000042"``: prefix, the financial year's two short years, the
    sequence within that year zero-padded to six digits (more digits if it ever
    passes 999999). Raises ValueError for anything GST would not accept.

    Credit notes are numbered the same way in a series of their own, under
    their own prefix (``"MHCN/2627/000001"``; Rule 53 asks the same of them)."""
    if not _PREFIX.fullmatch(prefix):
        raise ValueError(f"invoice prefix {prefix!r} must be capital letters and digits")
    year = _FINANCIAL_YEAR.fullmatch(fy)
    if not year or (int(year[1]) + 1) % 100 != int(year[2]):
        raise ValueError(f"{fy!r} is not a financial year such as '2026-27'")
    if sequence < 1:
        raise ValueError("invoice sequences start at 1")
    number = f"{prefix}/{fy[2:4]}{fy[5:7]}/{sequence:06d}"
    if len(number) > INVOICE_NUMBER_MAX_LENGTH:
        raise ValueError(f"invoice number {number!r} is longer than {INVOICE_NUMBER_MAX_LENGTH} characters")
    return number


def state_name(code: str) -> str:
    """``state_name("27")`` is ``"Maharashtra"``; ValueError for a code GST does not have."""
    try:
        return STATES[code]
    except KeyError:
        raise ValueError(f"{code!r} is not a GST state code") from None


def gstin_is_well_formed(gstin: str) -> bool:
    """The GSTIN's shape: state code, PAN, entity number, "Z", check character.

    The check character itself is not verified: the demo supplier's
    placeholder GSTIN deliberately is not a real registration.
    """
    return bool(_GSTIN.fullmatch(gstin)) and gstin[:2] in STATES
