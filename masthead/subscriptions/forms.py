from django import forms

from masthead.invoicing.forms import gstin_field, gstin_of_state, state_field


class BillingDetailsForm(forms.Form):
    """Who pays and where: the tax invoice's buyer and place of supply.

    Nothing here says what to pay: the price is the server's plan.
    """

    name = forms.CharField(label="Name on the invoice", max_length=120)
    state_code = state_field()
    gstin = gstin_field()

    def clean_gstin(self):
        return gstin_of_state(self.cleaned_data["gstin"], self.cleaned_data.get("state_code"))


class CheckoutForm(BillingDetailsForm):
    """The billing details and, optionally, an offer's code. The code only
    names an offer: its price is the server's."""

    code = forms.CharField(label="Have a code?", max_length=64, required=False)
