from django.contrib import admin

from .models import Benefit, Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "display_price", "term_label", "display_per_month", "position", "is_active", "is_featured"]
    list_editable = ["position", "is_active", "is_featured"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    @admin.display(description="price")
    def display_price(self, plan):
        return plan.price

    @admin.display(description="per month")
    def display_per_month(self, plan):
        return plan.per_month


@admin.register(Benefit)
class BenefitAdmin(admin.ModelAdmin):
    list_display = ["title", "description", "position", "is_active"]
    list_editable = ["position", "is_active"]
