"""allauth's forms with the site's labels: "E-mail address" and sentence
case ("Current password"), as every other form on the site writes them
(ACCOUNT_FORMS). Kept apart from ``forms.py``: allauth's sign-up form is
built on ``forms.ReaderNameForm``, so importing allauth's forms there would
be circular."""

from allauth.account import forms as allauth_forms

EMAIL_ADDRESS = "E-mail address"
NEW_PASSWORD = {"password1": "New password", "password2": "New password (again)"}


def _relabel(form, labels: dict[str, str]) -> None:
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"login": EMAIL_ADDRESS, "remember": "Remember me"})


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": EMAIL_ADDRESS})


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": EMAIL_ADDRESS})


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"oldpassword": "Current password", **NEW_PASSWORD})


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": EMAIL_ADDRESS})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, NEW_PASSWORD)
