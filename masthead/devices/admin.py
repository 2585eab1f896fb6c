from django.contrib import admin

from masthead.core.admin import SingletonSettingsAdmin

from .models import DeviceSettings


@admin.register(DeviceSettings)
class DeviceSettingsAdmin(SingletonSettingsAdmin):
    fields = ["devices_per_account", "updated_at"]
    readonly_fields = ["updated_at"]
