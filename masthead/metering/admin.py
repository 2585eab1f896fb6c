from django import forms
from django.contrib import admin

from masthead.core.admin import SingletonSettingsAdmin

from .models import MeterSettings


class MeterSettingsForm(forms.ModelForm):
    class Meta:
        model = MeterSettings
        fields = ["free_limit", "account_extra", "archive_age_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty, there is no registration wall (0), as before it existed.
        self.fields["account_extra"].required = False

    def clean_account_extra(self):
        value = self.cleaned_data.get("account_extra")
        return 0 if value is None else value


@admin.register(MeterSettings)
class MeterSettingsAdmin(SingletonSettingsAdmin):
    form = MeterSettingsForm
    fields = ["free_limit", "account_extra", "archive_age_days", "updated_at"]
    readonly_fields = ["updated_at"]


# The funnel events' list is registered by the newsroom (newsroom/admin.py):
# it names each event's story, and articles are the newsroom's, a layer above.
