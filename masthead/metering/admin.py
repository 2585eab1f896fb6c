from django.contrib import admin

from masthead.core.admin import SingletonSettingsAdmin

from .models import MeterSettings


@admin.register(MeterSettings)
class MeterSettingsAdmin(SingletonSettingsAdmin):
    fields = ["free_limit", "archive_age_days", "updated_at"]
    readonly_fields = ["updated_at"]


# The funnel events' list is registered by the newsroom (newsroom/admin.py):
# it names each event's story, and articles are the newsroom's, a layer above.
