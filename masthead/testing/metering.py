"""The meter's rules for tests."""

from masthead.metering.models import MeterSettings


def set_meter(*, free_limit: int = 5, archive_age_days: int = 365, account_extra: int = 0):
    MeterSettings.objects.update_or_create(
        pk=1, defaults={"free_limit": free_limit, "archive_age_days": archive_age_days, "account_extra": account_extra}
    )
