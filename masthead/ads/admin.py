from django.contrib import admin

from masthead.core.localcache import local_cache

from .models import AdSlot


@admin.register(AdSlot)
class AdSlotAdmin(admin.ModelAdmin):
    list_display = ["position", "is_active", "house_headline"]
    list_editable = ["is_active"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        local_cache.delete("ads:slots")
