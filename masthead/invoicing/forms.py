"""The billing details a reader gives at checkout and support may correct:
one set of rules for both, so the admin cannot store a place of supply the
tax invoice cannot use. They are the buyer's side of the tax invoice, so
they are kept here, though the profile that holds them is payments'."""

from django import forms

from masthead.payments.models import BillingProfile

from .gst import STATES_AND_UNION_TERRITORIES

GSTIN_PATTERN = r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$"


def state_field() -> forms.ChoiceField:
    """Today's states and union territories by name: a code that was merged
    away (Daman and Diu's 25) or is no reader's (97) is not offered."""
    places = sorted(STATES_AND_UNION_TERRITORIES.items(), key=lambda item: item[1])
    return forms.ChoiceField(label="State", choices=[("", "Choose your state"), *places])


def gstin_field() -> forms.RegexField:
    return forms.RegexField(
        label="GSTIN (optional, for businesses)",
        regex=GSTIN_PATTERN,
        required=False,
        max_length=15,
        error_messages={"invalid": "A GSTIN has 15 characters, like 27AAAAA0000A1Z5."},
    )


def gstin_of_state(gstin: str, state: str | None) -> str:
    gstin = gstin.strip().upper()
    if gstin and state and gstin[:2] != state:
        raise forms.ValidationError("The GSTIN's first two digits must be your state's code.")
    return gstin


class BillingProfileForm(forms.ModelForm):
    state_code = state_field()
    gstin = gstin_field()

    class Meta:
        model = BillingProfile
        fields = ["name", "state_code", "gstin"]

    def clean_gstin(self):
        return gstin_of_state(self.cleaned_data["gstin"], self.cleaned_data.get("state_code"))
