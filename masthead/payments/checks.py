"""`manage.py check` on payment providers: a webhook anyone can sign is an
error in production and a warning in development."""

from django.conf import settings
from django.core import checks

from .providers import enabled_providers, provider_class


@checks.register(checks.Tags.security)
def payment_provider_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    serious = checks.Error if settings.PRODUCTION else checks.Warning
    found = []
    selected = settings.MASTHEAD_PAYMENT_PROVIDER
    if provider_class(selected) is None:
        found.append(checks.Error(f"MASTHEAD_PAYMENT_PROVIDER names no provider: {selected!r}.", id="payments.E001"))
    elif selected not in enabled_providers():
        found.append(
            serious(
                f"The payment provider {selected!r} is not enabled: its keys or its webhook secret are missing.",
                hint="Set them (docs/settings.md, Payments); checkout cannot take money until then.",
                id="payments.E002" if settings.PRODUCTION else "payments.W002",
            )
        )
    for name in enabled_providers():
        problem = provider_class(name).webhook_secret_problem()
        if problem:
            found.append(
                serious(
                    f"{name}: {problem}.",
                    hint="Copy the endpoint's signing secret from the provider's dashboard.",
                    id="payments.E003" if settings.PRODUCTION else "payments.W003",
                )
            )
    return found
