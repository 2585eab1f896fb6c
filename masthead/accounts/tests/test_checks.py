"""`check --deploy` warns when a setting undoes an account protection."""

from masthead.accounts.checks import account_protections_check


def _ids():
    return {message.id for message in account_protections_check()}


def test_the_default_layout_passes():
    assert _ids() == set()


def test_a_per_process_cache_is_reported(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert _ids() == {"accounts.W001"}


def test_optional_verification_is_reported_as_revealing_accounts(settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    assert _ids() == {"accounts.W002"}
