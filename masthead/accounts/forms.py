"""The reader's name: asked (optionally) at sign-up, changed on the account page."""

from django import forms


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
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name (optional)",
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    # Sign-up asks who the reader is before the address and password.
    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        """allauth's hook once the account is saved: ``save_user`` has put
        the names on it already."""
