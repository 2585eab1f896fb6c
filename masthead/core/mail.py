"""What every mail the publication sends has in common, whichever part of
Masthead writes it (subscription notices, newsletters, allauth's account
mail): who it is from, the name and address it is signed with, and the HTML
part that dresses its plain text.

A mail is read away from the site, days later, often where no request told
us the site's address: its links are absolute and come from one place
(``core.urls.site_url``), and readers know it by the publication's name, not
by a host ("127.0.0.1:8000") or by the software's name.
"""

import email.policy
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .urls import site_url


def mail_sender() -> str:
    """The publication's name on the configured sender address:
    MASTHEAD_FROM_EMAIL may still carry the software's name."""
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((settings.MASTHEAD_SITE_NAME, address))


def mail_signature(request=None) -> dict[str, str]:
    """The name and address every mail is signed with (emails/_signature.txt);
    ``site_url`` also starts every link a mail template writes."""
    return {"site_name": settings.MASTHEAD_SITE_NAME, "site_url": site_url(request)}


def mail_html(*, subject: str, text: str, request=None) -> str:
    """The plain text as HTML under the publication's name, links made
    clickable, for mail programs that show the HTML part. The text is the
    message; this only dresses it, so both always say the same."""
    context = {**mail_signature(request), "subject": subject, "text": text}
    return render_to_string("emails/message.html", context)


def greeting_name(user) -> str:
    """The name a mail greets its reader by: the one they gave us, or ""
    (a neutral greeting). Never the address or a part of it."""
    return user.get_full_name().strip() if user is not None else ""


class LongHeaderEmail(EmailMultiAlternatives):
    """A mail whose header lines may run to RFC 5322's 998 characters.
    Python's e-mail package folds a long unbroken header value (a signed
    List-Unsubscribe link) by turning it into RFC 2047 encoded words, which
    mail programs do not read as a URL, so their one-click unsubscribe
    button would not appear."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))
