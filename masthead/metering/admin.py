from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .models import FunnelEvent, MeterSettings


@admin.register(MeterSettings)
class MeterSettingsAdmin(admin.ModelAdmin):
    """One row: the list page goes straight to it."""

    fields = ["free_limit", "archive_age_days", "gifts_per_month", "devices_per_account", "updated_at"]
    readonly_fields = ["updated_at"]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        MeterSettings.objects.get_or_create(pk=1)
        return redirect(reverse("admin:metering_metersettings_change", args=[1]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FunnelEvent)
class FunnelEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "kind", "article_id", "reason"]
    list_filter = ["kind", "reason"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
