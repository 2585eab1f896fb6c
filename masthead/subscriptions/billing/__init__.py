"""Masthead's own billing, by job (docs/subscriptions.md):

- ``checkout``: the first payment, in two steps (start: what the reader's
  browser needs; finish: the payment from what the browser posts back);
- ``settled``: what a settled payment or a provider's subscription event means;
- ``clock``: pre-debit notices, renewals, retries, grace and lapse;
- ``cards``: a new card for renewals, and staff refunds;
- ``reauthorise``: a new card or mandate where the provider registers one
  only with a payment in its own checkout (Razorpay).

A provider only moves money; none of these branch on which one it is.
"""

from .cards import (
    card_change_start,
    payment_card_replace,
    refund_effect,
    refund_ends_reading,
    refund_ends_term,
)
from .checkout import (
    checkout_collected,
    checkout_finish,
    checkout_order,
    checkout_pay,
    checkout_start,
)
from .plan_upgrade import PRICE_CHANGED, plan_upgrade
from .reauthorise import CardChangeOrder, card_change_collected, card_change_order, card_change_takes_payment
from .clock import (
    billing_clock_tick,
    pause_resume_now,
    renewal_chunks_due,
    renewal_notices_send,
    renewal_retries,
    renewals_charge,
    renewals_charge_chunk,
    subscription_clock_run,
)

__all__ = [
    "PRICE_CHANGED",
    "CardChangeOrder",
    "billing_clock_tick",
    "card_change_collected",
    "card_change_order",
    "card_change_takes_payment",
    "card_change_start",
    "checkout_collected",
    "checkout_finish",
    "checkout_order",
    "checkout_pay",
    "checkout_start",
    "pause_resume_now",
    "plan_upgrade",
    "payment_card_replace",
    "refund_effect",
    "refund_ends_reading",
    "refund_ends_term",
    "renewal_chunks_due",
    "renewal_notices_send",
    "renewal_retries",
    "renewals_charge",
    "renewals_charge_chunk",
    "subscription_clock_run",
]
