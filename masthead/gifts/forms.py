from django import forms

from masthead.invoicing.forms import gstin_field, gstin_of_state, state_field
from masthead.subscriptions.models import Plan


class GiftPurchaseForm(forms.Form):
    """What a buyer chooses for a gift subscription, and who the invoice is for.

    Nothing here says what to pay: the price and the term are the server's plan's."""

    plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(), to_field_name="slug", empty_label=None, widget=forms.RadioSelect, label="Plan"
    )
    recipient_name = forms.CharField(label="Their name", max_length=120)
    recipient_email = forms.EmailField(label="Their e-mail address")
    send_on = forms.DateField(
        label="Send the gift on", widget=forms.DateInput(attrs={"type": "date"}),
        help_text="We e-mail them the gift on this day (today: at once).",
    )  # fmt: skip
    message = forms.CharField(label="Your message (optional)", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label="Your name on the invoice", max_length=120)
    state_code = state_field()
    gstin = gstin_field()

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans if plans is not None else Plan.objects.filter(is_active=True)
        self.fields["plan"].label_from_instance = lambda plan: f"{plan.name}: {plan.term_label}, {plan.price}"

    def clean_gstin(self):
        return gstin_of_state(self.cleaned_data["gstin"], self.cleaned_data.get("state_code"))


class GiftRedeemForm(forms.Form):
    code = forms.CharField(label="Gift code", max_length=100)
