from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import Arm, Experiment, plan_slugs
from .services import arms_valid


class ArmFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if self.instance.has_started():
            return  # its arms are read-only: each arm's clean refuses any change
        kept = [form.cleaned_data for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        problem = arms_valid(
            variable=self.instance.variable,
            holdout_percent=self.instance.holdout_percent or 0,
            percents=[row["percent"] for row in kept],
            allowances=[row.get("free_allowance") for row in kept],
            messages=[row.get("paywall_message", "") for row in kept],
            walls=[row.get("registration_wall") for row in kept],
            orders=[row.get("plan_order", "") for row in kept],
            offers=[row.get("offer") for row in kept],
        )
        if problem:
            raise ValidationError(problem)
        for form in self.forms:
            if form.cleaned_data and form.instance.plan_order:
                # Stored as read: the slugs in order, one comma and space apart.
                form.instance.plan_order = ", ".join(plan_slugs(form.instance.plan_order))


class ArmInline(admin.TabularInline):
    model = Arm
    formset = ArmFormSet
    fields = ["position", "name", "percent", "free_allowance", "paywall_message", "registration_wall", "plan_order", "offer"]
    extra = 2

    def _started(self, obj) -> bool:
        return obj is not None and obj.has_started()

    def get_readonly_fields(self, request, obj=None):
        return self.fields if self._started(obj) else []

    def has_add_permission(self, request, obj=None):
        return not self._started(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._started(obj) and super().has_delete_permission(request, obj)

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if self._started(obj) else self.extra


@admin.register(Experiment)
class ExperimentAdmin(admin.ModelAdmin):
    list_display = ["name", "variable", "starts_at", "ends_at", "sample_size"]
    inlines = [ArmInline]
    fields = ["name", "key", "variable", "primary_metric", "holdout_percent", "starts_at", "ends_at", "sample_size"]
    readonly_fields = ["primary_metric"]

    @admin.display(description="primary metric")
    def primary_metric(self, obj):
        return Experiment.PRIMARY_METRIC

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.has_started(timezone.now()):
            # Only the name and the end may change once readers are in.
            return ["key", "variable", "primary_metric", "holdout_percent", "starts_at", "sample_size"]
        return self.readonly_fields
