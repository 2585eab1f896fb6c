"""The reader's name: asked (optionally) at sign-up, changed on the account page; the cancel page's question."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from masthead.subscriptions.models import CANCEL_TEXT_MAX, CancelReason

# Zero-width (non-)joiners are format characters too, but names in Indian
# scripts are written with them.
NAME_JOINERS = {"\u200c", "\u200d"}


def name_has_no_controls(value: str) -> None:
    """A name is shown to strangers (a gift's note): it may hold letters of
    any script, but no control characters (line breaks, terminal escapes) and
    no invisible marks that reorder the text around it (a right-to-left
    override would show the publication's words after the name backwards)."""
    if any(unicodedata.category(char) in {"Cc", "Cf"} and char not in NAME_JOINERS for char in value):
        raise ValidationError("A name cannot contain invisible control characters.", code="control_characters")


class ReaderNameForm(forms.Form):
    """A name is optional: without one, mail greets the reader neutrally and
    the site never falls back to their address or a part of it.

    allauth's sign-up form, on the website and in the app API's sign-up
    (allauth's headless ``/auth/signup``), is built on this form
    (ACCOUNT_SIGNUP_FORM_CLASS), and allauth's ``save_user`` stores
    ``first_name`` and ``last_name`` on the new account."""

    first_name = forms.CharField(
        label="First name (optional)",
        max_length=150,
        required=False,
        validators=[name_has_no_controls],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name (optional)",
        max_length=150,
        required=False,
        validators=[name_has_no_controls],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    # Sign-up asks who the reader is before the address and password.
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        """allauth's hook once the account is saved: ``save_user`` has put
        the names on it already."""


class CancelSurveyForm(forms.Form):
    """The cancel page's one optional question. Left blank, the cancel goes
    through all the same."""

    reason = forms.ChoiceField(
        label="Why are you leaving? (optional)", required=False, widget=forms.RadioSelect, choices=CancelReason.choices
    )
    text = forms.CharField(
        label="Anything you would like to tell us? (optional)",
        required=False,
        max_length=CANCEL_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": CANCEL_TEXT_MAX}),
    )
    # The latest answer when the page was shown: a second press is refused.
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
