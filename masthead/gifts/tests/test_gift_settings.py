"""The gift allowance is the gift app's own setting: staff change it in the
admin, and a site that had set it with the meter's rules keeps its number."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from masthead.gifts.models import GiftSettings
from masthead.gifts.services import gift_allowance


def _meter_settings_as_they_were():
    """MeterSettings while it still held the gift allowance (metering 0004)."""
    state = MigrationExecutor(connection).loader.project_state(("metering", "0004_metersettings_devices_per_account"))
    return state.apps.get_model("metering", "MeterSettings")


@pytest.mark.django_db(transaction=True)
def test_the_allowance_staff_set_with_the_meter_is_carried_over():
    call_command("migrate", "gifts", "0002_gift_term", verbosity=0)
    _meter_settings_as_they_were().objects.update_or_create(pk=1, defaults={"gifts_per_month": 3})
    call_command("migrate", verbosity=0)
    assert GiftSettings.current().gifts_per_month == 3


@pytest.mark.django_db
def test_the_allowance_staff_set_is_what_a_subscriber_has(django_user_model):
    subscriber = django_user_model.objects.create_user(username="asha", password=None, complimentary_access=True)
    assert gift_allowance(user=subscriber).allowed == 10  # before staff save anything
    GiftSettings(gifts_per_month=4).save()
    assert gift_allowance(user=subscriber).allowed == 4
