from django.contrib import admin

from masthead.core.admin import SingletonSettingsAdmin

from .models import GiftSettings


@admin.register(GiftSettings)
class GiftSettingsAdmin(SingletonSettingsAdmin):
    fields = ["gifts_per_month", "updated_at"]
    readonly_fields = ["updated_at"]
