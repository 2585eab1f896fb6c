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
