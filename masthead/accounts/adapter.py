"""allauth's account adapter, speaking as the publication."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils.crypto import get_random_string

# allauth tells a reader who mistyped their sign-up code three times that
# they made "too many failed login attempts" and shows the login page; say
# what happened and what to do there instead.
TOO_MANY_WRONG_CODES = (
    "Too many wrong codes. Log in with your address and password to get a new code by e-mail."
)


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        """allauth names the site by its host ("[127.0.0.1] ..."); readers
        know the publication by its name."""
        return f"{settings.MASTHEAD_SITE_NAME}: {subject}"

    def add_message(self, request, level, message_template=None, message_context=None, extra_tags="", message=None):
        if message == self.error_messages["too_many_login_attempts"] and request.path == reverse(
            "account_email_verification_sent"
        ):
            message = TOO_MANY_WRONG_CODES
        return super().add_message(request, level, message_template, message_context, extra_tags, message)

    def send_account_already_exists_mail(self, email: str) -> None:
        """Sign-up with a registered address answers like one with a new
        address, in the same time too: a new account costs a password hash
        (the slow part, by design), so this path pays for one as well."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)
