"""`manage.py check --deploy` on the account protections that settings can undo."""

from django.conf import settings
from django.core import checks

# Caches that live in one process's memory: each web worker would keep its own
# count of failed logins, and add its own allowance of guesses.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.security, deploy=True)
def account_protections_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    found = []
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        found.append(
            checks.Warning(
                "The default cache is kept in each process: login and sign-up limits do not hold across web workers.",
                hint="Use a database cache (the default without REDIS_URL) or Redis (REDIS_URL). See docs/deploy.md, Security.",
                id="accounts.W001",
            )
        )
    if settings.ACCOUNT_EMAIL_VERIFICATION != "mandatory":
        found.append(
            checks.Warning(
                "Sign-up tells anyone whether an address has an account: "
                "enumeration prevention needs MASTHEAD_EMAIL_VERIFICATION=mandatory.",
                id="accounts.W002",
            )
        )
    return found
