from django.contrib import admin

from masthead.core.admin import SingletonSettingsAdmin

from .models import FunnelEvent, MeterSettings


@admin.register(MeterSettings)
class MeterSettingsAdmin(SingletonSettingsAdmin):
    fields = ["free_limit", "archive_age_days", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(FunnelEvent)
class FunnelEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "kind", "article_id", "reason"]
    list_filter = ["kind", "reason"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
