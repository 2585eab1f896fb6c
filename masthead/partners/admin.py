from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied

from masthead.core.errors import InvalidOperation

from .models import Partner, PartnerCode
from .services import partner_codes_load, partner_pool_level


class PartnerForm(forms.ModelForm):
    codes_file = forms.FileField(
        label="Add codes (CSV)", required=False, help_text="One code per line, or a column named “code”."
    )

    class Meta:
        model = Partner
        fields = "__all__"


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    form = PartnerForm
    list_display = ["name", "is_active", "claim_period", "codes_left", "codes_claimed", "low_stock_threshold"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="codes left")
    def codes_left(self, partner):
        left, _ = partner_pool_level(partner)
        return f"{left} ⚠ low" if left < partner.low_stock_threshold else left

    @admin.display(description="claimed")
    def codes_claimed(self, partner):
        return partner_pool_level(partner)[1]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            # The stock warnings below name partners: not for staff who may not see them.
            raise PermissionDenied
        for partner in Partner.objects.filter(is_active=True):
            left, _ = partner_pool_level(partner)
            if left < partner.low_stock_threshold:
                self.message_user(
                    request, f"{partner.name}: only {left} code(s) left (warning below {partner.low_stock_threshold}).", messages.WARNING
                )
        return super().changelist_view(request, extra_context)

    def save_model(self, request, partner, form, change):
        upload = form.cleaned_data.get("codes_file")
        content = upload.read() if upload else None
        super().save_model(request, partner, form, change)
        if content is not None:
            try:
                result = partner_codes_load(partner=partner, upload=content)
            except InvalidOperation as error:
                # The file is refused whole: no code from it is added.
                self.message_user(request, f"The codes file was not loaded: {error.message}", messages.ERROR)
            else:
                self.message_user(request, f"{result.added} code(s) added, {result.duplicates} already in the pool.")


@admin.register(PartnerCode)
class PartnerCodeAdmin(admin.ModelAdmin):
    list_display = ["partner", "code", "claimed_by", "claimed_at"]
    list_filter = ["partner"]
    search_fields = ["code", "claimed_by__email"]
    readonly_fields = ["claimed_by", "subscription", "term_number", "claimed_at", "period_key"]
