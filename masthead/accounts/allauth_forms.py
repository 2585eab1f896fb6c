"""allauth's forms with the site's labels: "E-mail address" and sentence
case ("Current password"), as every other form on the site writes them
(ACCOUNT_FORMS). Kept apart from ``forms.py``: allauth's sign-up form is
built on ``forms.ReaderNameForm``, so importing allauth's forms there would
be circular."""

from allauth.account import forms as allauth_forms

EMAIL_ADDRESS = "E-mail address"
NEW_PASSWORD = {"password1": "New password", "password2": "New password (again)"}


class SiteLabels:
    """Relabels the fields named in ``labels`` that the form has (allauth
    adds some only under some settings, "remember" for one)."""

    labels: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            if name in self.fields:
                self.fields[name].label = label


class LoginForm(SiteLabels, allauth_forms.LoginForm):
    labels = {"login": EMAIL_ADDRESS, "remember": "Remember me"}


class SignupForm(SiteLabels, allauth_forms.SignupForm):
    labels = {"email": EMAIL_ADDRESS}


class AddEmailForm(SiteLabels, allauth_forms.AddEmailForm):
    labels = {"email": EMAIL_ADDRESS}


class ChangePasswordForm(SiteLabels, allauth_forms.ChangePasswordForm):
    labels = {"oldpassword": "Current password", **NEW_PASSWORD}


class ResetPasswordForm(SiteLabels, allauth_forms.ResetPasswordForm):
    labels = {"email": EMAIL_ADDRESS}


class ResetPasswordKeyForm(SiteLabels, allauth_forms.ResetPasswordKeyForm):
    labels = NEW_PASSWORD
