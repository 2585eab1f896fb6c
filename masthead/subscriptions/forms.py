from django import forms

from masthead.invoicing.gst import STATES

GSTIN_PATTERN = r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$"


class BillingDetailsForm(forms.Form):
    """Who pays and where: the tax invoice's buyer and place of supply.

    Nothing here says what to pay: the price is the server's plan.
    """

    name = forms.CharField(label="Name on the invoice", max_length=120)
    state_code = forms.ChoiceField(
        label="State", choices=[("", "Choose your state")] + sorted(STATES.items(), key=lambda item: item[1])
    )
    gstin = forms.RegexField(
        label="GSTIN (optional, for businesses)",
        regex=GSTIN_PATTERN,
        required=False,
        max_length=15,
        error_messages={"invalid": "A GSTIN has 15 characters, like 27AAAAA0000A1Z5."},
    )

    def clean_gstin(self):
        gstin = self.cleaned_data["gstin"].strip().upper()
        state = self.cleaned_data.get("state_code")
        if gstin and state and gstin[:2] != state:
            raise forms.ValidationError("The GSTIN's first two digits must be your state's code.")
        return gstin
