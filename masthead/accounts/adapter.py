"""allauth's account adapter, speaking as the publication."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.crypto import get_random_string

from masthead.core.mail import greeting_name, mail_html, mail_sender, mail_signature
from masthead.core.urls import absolute_url

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

    def get_from_email(self) -> str:
        return mail_sender()

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account mail reads like the publication's other mail: signed with
        the publication's name and address (account/email/base_message.txt),
        its links on the same address as every other mail's, and the reader
        greeted by name (see _greeting_name)."""
        context = {**context, **mail_signature(allauth_context.request), "reader_name": _greeting_name(email)}
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's mail is plain text; it gets the HTML part every other
        mail of the publication has, with the same words."""
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if isinstance(message, EmailMultiAlternatives) and not message.alternatives:
            html = mail_html(subject=message.subject, text=message.body, request=allauth_context.request)
            message.attach_alternative(html, "text/html")
        return message

    def get_reset_password_from_key_url(self, key: str) -> str:
        """allauth writes the link on the request's host; it goes out on the
        site's address, like every other link in mail."""
        link = urlsplit(super().get_reset_password_from_key_url(key))
        return absolute_url(allauth_context.request, urlunsplit(("", "", link.path, link.query, "")))

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


def _greeting_name(email: str) -> str:
    """The name of the account that has confirmed this address, or "" (a
    neutral greeting). Until an address is confirmed, a name on an account
    was typed by whoever signed up with it, not necessarily its owner: the
    sign-up code goes out with a neutral greeting, so nobody can put words
    of their own into a mail we send to a stranger."""
    address = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return greeting_name(address.user) if address else ""
