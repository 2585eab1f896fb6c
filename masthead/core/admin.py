from django.contrib import admin


class StatusHistoryInline(admin.TabularInline):
    """A record's status changes (from, to, why, by whom), shown read-only:
    history is written by the code that moves the status, never by hand."""

    extra = 0
    can_delete = False
    fields = ["occurred_at", "from_status", "to_status", "reason", "actor"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False
