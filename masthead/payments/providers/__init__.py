"""Payment providers behind one interface, chosen by MASTHEAD_PAYMENT_PROVIDER."""

from django.conf import settings

from .base import PaymentProvider


def payment_provider(name: str | None = None) -> PaymentProvider:
    name = name or settings.MASTHEAD_PAYMENT_PROVIDER
    if name == "stripe":
        from .stripe import StripeProvider

        return StripeProvider()
    if name == "razorpay":
        from .razorpay import RazorpayProvider

        return RazorpayProvider()
    raise ValueError(f"unknown payment provider {name!r}")
