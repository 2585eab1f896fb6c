from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User

@admin.register(User)
class MastheadUserAdmin(UserAdmin):
    list_display = ["email", "first_name", "last_name", "is_staff", "complimentary_access"]
    list_filter = [*UserAdmin.list_filter, "complimentary_access"]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]
    fieldsets = [*UserAdmin.fieldsets, ("Reading", {"fields": ["complimentary_access"]})]


# allauth's own admin offers "mark as verified" to anyone who may see
# addresses; here it needs the right to change them.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class MastheadEmailAddressAdmin(EmailAddressAdmin):
    @admin.action(description=EmailAddressAdmin.make_verified.short_description, permissions=["change"])
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)
