"""`manage.py check` on payment providers: a webhook anyone can sign is an
error in production and a warning in development."""

from django.conf import settings
from django.core import checks

from .providers import provider_class, provider_names


@checks.register(checks.Tags.security)
def payment_provider_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    serious = checks.Error if settings.PRODUCTION else checks.Warning
    found = []
    selected = settings.MASTHEAD_PAYMENT_PROVIDER
    if provider_class(selected) is None:
        found.append(checks.Error(f"MASTHEAD_PAYMENT_PROVIDER names no provider: {selected!r}.", id="payments.E001"))
    elif not provider_class(selected).configured():
        found.append(
            serious(
                f"The payment provider {selected!r} is not enabled: its keys or its webhook secret are missing.",
                hint="Set them (docs/settings.md, Payments); checkout cannot take money until then.",
                id="payments.E002" if settings.PRODUCTION else "payments.W002",
            )
        )
    # A provider set up with a secret anyone knows stays switched off; say why.
    for name in provider_names():
        adapter = provider_class(name)
        problem = adapter.webhook_secret_problem() if adapter.configured() else ""
        if problem:
            found.append(
                serious(
                    f"{name}: {problem}.",
                    hint="Copy the endpoint's signing secret from the provider's dashboard.",
                    id="payments.E003" if settings.PRODUCTION else "payments.W003",
                )
            )
    return found
