"""The registry of payment providers, built from settings.

Each adapter is registered once by name. A provider is *enabled* only when
its keys and its webhook secret are set: a disabled provider cannot be
charged through, and its webhook URL answers 404 and processes nothing, so an
unused provider is no open door. ``MASTHEAD_PAYMENT_PROVIDER`` names the one
new checkouts use; payments already made are refunded and reconciled through
the provider that took them.

Adding a provider is one adapter class and one line in ``_ADAPTERS``.
"""

from collections.abc import Callable
from importlib import import_module

from django.conf import settings

from .base import PaymentProvider, ProviderDisabled

# name -> "module:Class", imported only when used (each imports its SDK).
_ADAPTERS: dict[str, str] = {
    "stripe": "masthead.payments.providers.stripe:StripeProvider",
    "razorpay": "masthead.payments.providers.razorpay:RazorpayProvider",
}
# Adapters registered at run time (the tests' FakeProvider).
_registered: dict[str, Callable[[], PaymentProvider]] = {}


def provider_register(name: str, adapter: type) -> None:
    """Register an adapter class under ``name`` (it replaces one of the same name)."""
    _registered[name] = adapter


def provider_unregister(name: str) -> None:
    _registered.pop(name, None)


def provider_names() -> list[str]:
    return sorted({*_ADAPTERS, *_registered})


def provider_class(name: str) -> type | None:
    if name in _registered:
        return _registered[name]
    path = _ADAPTERS.get(name)
    if path is None:
        return None
    module, _, attribute = path.partition(":")
    return getattr(import_module(module), attribute)


def provider_enabled(name: str) -> bool:
    """Keys and webhook secret set, and a secret that can be trusted here
    (not empty, not a published development default outside development)."""
    adapter = provider_class(name)
    return adapter is not None and adapter.configured() and not adapter.webhook_secret_problem()


def enabled_providers() -> list[str]:
    return [name for name in provider_names() if provider_enabled(name)]


def payment_provider(name: str | None = None) -> PaymentProvider:
    """The enabled provider ``name`` (by default the one checkout uses).

    Raises ProviderDisabled for an unknown provider or one whose keys or
    webhook secret are missing."""
    name = name or settings.MASTHEAD_PAYMENT_PROVIDER
    adapter = provider_class(name)
    if adapter is None:
        raise ProviderDisabled(message=f"There is no payment provider called {name!r}.")
    if not provider_enabled(name):
        raise ProviderDisabled(message=f"The payment provider {name!r} is not set up here.")
    return adapter()
