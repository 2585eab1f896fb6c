"""The device limit is the devices app's own setting: a site that had set
it with the meter's rules keeps its number."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from masthead.devices.models import DeviceSettings


def _meter_settings_as_they_were():
    """MeterSettings while it still held the device limit (metering 0004)."""
    state = MigrationExecutor(connection).loader.project_state(("metering", "0004_metersettings_devices_per_account"))
    return state.apps.get_model("metering", "MeterSettings")


@pytest.mark.django_db(transaction=True)
def test_the_limit_staff_set_with_the_meter_is_carried_over():
    call_command("migrate", "devices", "0001_initial", verbosity=0)
    _meter_settings_as_they_were().objects.update_or_create(pk=1, defaults={"devices_per_account": 2})
    call_command("migrate", verbosity=0)
    assert DeviceSettings.current().devices_per_account == 2


@pytest.mark.django_db
def test_without_saved_settings_the_limit_is_five():
    assert DeviceSettings.current().devices_per_account == 5
