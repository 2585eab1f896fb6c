from allauth.account.admin import EmailAddressAdmin
from allauth.account.decorators import secure_admin_login
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from masthead.core.admin import breakable_email

from .models import User

# Staff sign in where everyone does (allauth's sign-in): its guess limits, the
# second factor and the list of signed-in devices cover the admin too, rather
# than Django's own form beside them.
admin.site.login = secure_admin_login(admin.site.login)


def _guards_staff(request, user) -> bool:
    """Whether ``user`` is an account only superusers may change: a staff or
    superuser account. Its password, address or name set by a member of staff
    would be a way into every right it holds."""
    return user is not None and (user.is_staff or user.is_superuser) and not request.user.is_superuser


@admin.register(User)
class MastheadUserAdmin(UserAdmin):
    # On a laptop every column stays in view, however long the address
    # (tests/browser/test_admin_lists.py).
    list_display = ["address", "full_name", "is_staff", "complimentary_access"]
    list_filter = [*UserAdmin.list_filter, "complimentary_access"]
    search_fields = ["email", "first_name", "last_name", "username"]
    ordering = ["email"]
    fieldsets = [*UserAdmin.fieldsets, ("Reading", {"fields": ["complimentary_access"]})]

    # Who is staff and what staff may do is for superusers: support staff
    # allowed to correct a reader's name must not be able to give themselves
    # (or anyone) more rights.
    rights = ["is_staff", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if request.user.is_superuser else [*readonly, *self.rights]

    @admin.display(description="e-mail address", ordering="email")
    def address(self, user):
        return breakable_email(user.email)

    @admin.display(description="name", ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()

    def has_change_permission(self, request, obj=None):
        # Also guards the password form (UserAdmin asks this before showing it).
        return super().has_change_permission(request, obj) and not _guards_staff(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _guards_staff(request, obj)


# allauth's own admin offers "mark as verified" to anyone who may see
# addresses; here it needs the right to change them.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class MastheadEmailAddressAdmin(EmailAddressAdmin):
    """Support may correct a reader's address; an address never moves to
    another account, and staff accounts' addresses are for superusers."""

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if obj is None or request.user.is_superuser else [*readonly, "user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A new address goes on a reader's account only, unless a superuser adds it.
        if db_field.name == "user" and not request.user.is_superuser:
            kwargs["queryset"] = User.objects.filter(is_staff=False, is_superuser=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _guards_staff(request, obj and obj.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _guards_staff(request, obj and obj.user)

    @admin.action(description=EmailAddressAdmin.make_verified.short_description, permissions=["change"])
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)


# allauth's own admin shows each second factor's secret and lets anyone who
# may delete one remove a superuser's. Secrets are shown to nobody; staff
# accounts' factors are for superusers.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class MastheadAuthenticatorAdmin(AuthenticatorAdmin):
    exclude = ["data"]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and not _guards_staff(request, obj and obj.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not _guards_staff(request, obj and obj.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not _guards_staff(request, obj and obj.user)


admin.site.unregister(Group)


@admin.register(Group)
class MastheadGroupAdmin(GroupAdmin):
    """A group's permissions are its members' rights: only superusers change
    them, or a member allowed to edit groups could widen their own."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
