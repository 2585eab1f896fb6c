from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models.constants import LOOKUP_SEP
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst


def breakable_email(address: str):
    """An e-mail address that may wrap before its "@" in a narrow list column
    (beside the admin's sidebars a laptop leaves a list about 630 px), never
    inside either half: unbroken, one long address pushes the last columns
    out of view."""
    local, at, domain = address.rpartition("@")
    return format_html("{}<wbr>@{}", local, domain) if at else address


class StatusHistoryInline(admin.TabularInline):
    """A record's status changes (from, to, why, by whom), shown read-only:
    history is written by the code that moves the status, never by hand."""

    extra = 0
    can_delete = False
    fields = ["occurred_at", "from_status", "to_status", "reason", "actor"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """The admin of a record that is read here, never written: the code that
    makes it (an issued invoice, a payment's gift, a trial taken) is the only
    writer, so staff may view it and nothing else, whatever their rights.

    ``secret_fields`` are fields the admin never shows whole (a gift's code,
    its message, a card's fingerprint): the list takes no query-string
    lookup on them (``?code__startswith=``), which would read one out a
    character at a time. Django answers such a URL with a 400, as it does
    for a password lookup in its user admin."""

    secret_fields: tuple[str, ...] = ()

    def lookup_allowed(self, lookup, value, request):
        if lookup.split(LOOKUP_SEP, 1)[0] in self.secret_fields:
            return False
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SingletonSettingsAdmin(admin.ModelAdmin):
    """The admin of a ``SingletonSettings`` row: the list page goes straight
    to it (made on the first visit by staff allowed to see it), and it is
    never added or deleted."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        self.model.objects.get_or_create(pk=1)
        opts = self.model._meta
        return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[1]))

    def response_change(self, request, obj):
        # Django's own message names the row ("The meter settings “5 free
        # articles a month…” was changed successfully."); there is only one,
        # and every button comes back to it.
        self.message_user(request, f"{capfirst(self.opts.verbose_name)} saved.", messages.SUCCESS)
        return redirect(request.path)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
