"""UPI AutoPay mandates: how much a mandate may debit, and whether a plan can
be paid this way at all.

Pure: prices in, an amount or a sentence out. Checkout asks these for the
order it makes at Razorpay, the payment page for what it offers, and the
checkout's answer is checked against them.

Why the mandate is for more than the price: a UPI mandate's maximum is fixed
when the reader authorises it in their UPI app, and a debit above it fails;
asking for the price alone would make the reader authorise a new mandate at
the first price rise or upgrade. Why it stops at ₹15,000: RBI lets a
recurring debit up to ₹15,000 go through without an additional factor of
authentication (the reader approving it in their app); above that every
debit needs the reader, which is not automatic renewal.
"""

from masthead.core.money import Money

# RBI's limit for recurring debits without an additional factor of authentication.
UPI_AUTOPAY_LIMIT = Money(15_000_00)
# The mandate leaves room for the price to double before the reader is asked again.
PRICE_HEADROOM = 2

# The ways to pay the reader chooses between at Razorpay checkout.
CARD, UPI = "card", "upi"
CHECKOUT_METHODS = (CARD, UPI)


def upi_autopay_refusal(*, price: Money) -> str:
    """Why a subscription at ``price`` a term cannot be paid by UPI AutoPay,
    or "" when it can."""
    if price.currency != UPI_AUTOPAY_LIMIT.currency:
        return "UPI AutoPay takes payments in rupees only. Please pay by card."
    if price.minor > UPI_AUTOPAY_LIMIT.minor:
        return (
            f"UPI AutoPay renews only up to {UPI_AUTOPAY_LIMIT} a payment without asking you each time, "
            f"and this plan costs {price}. Please pay by card."
        )
    return ""


def upi_mandate_max(*, price: Money, dearest: Money) -> Money:
    """The most a UPI AutoPay mandate may debit for a subscription at
    ``price`` a term, when the dearest plan on sale costs ``dearest``: twice
    the price or the dearest plan, whichever is more, but never above the
    RBI limit. Raises ValueError for a price UPI AutoPay cannot take
    (upi_autopay_refusal says why)."""
    if refusal := upi_autopay_refusal(price=price):
        raise ValueError(refusal)
    wanted = max(price.minor * PRICE_HEADROOM, dearest.minor if dearest.currency == price.currency else 0)
    return Money(min(wanted, UPI_AUTOPAY_LIMIT.minor), price.currency)


def upi_mandate_problem(*, max_amount: Money, price: Money) -> str:
    """What is wrong with a mandate the reader's bank registered for
    ``max_amount``, for a subscription at ``price`` a term, or "" when it can
    pay the renewals: it must cover the price and stay within the RBI limit."""
    if max_amount.currency != price.currency or max_amount.minor < price.minor:
        return f"The UPI mandate allows {max_amount} a payment, less than the {price} a renewal costs."
    if max_amount.minor > UPI_AUTOPAY_LIMIT.minor:
        return f"The UPI mandate allows {max_amount} a payment, more than UPI AutoPay may take without asking you."
    return ""
