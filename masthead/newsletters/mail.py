"""An issue as an e-mail: HTML and plain-text parts and the list headers.

What an issue may say about an article is what any reader may see: the
headline, the standfirst and the lead-in, the same as a feed or a listing
(docs/architecture.md, "One access decision"). A mail is forwarded, kept and
read on shared screens, and a subscriber-only newsletter may reach someone
whose subscription lapsed since; so the body of an article is never put in a
mail, whoever receives it. The link takes the reader to the article page,
where the one access decision applies.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags

from masthead.core.mail import LongHeaderEmail, mail_sender, mail_signature
from masthead.newsroom.text import plain_text

from .app_settings import app_settings
from .models import Issue
from .tokens import unsubscribe_token


class IssueEmail(LongHeaderEmail):
    """An issue's e-mail: its List-Unsubscribe link stays one line."""


@dataclass(frozen=True)
class Teaser:
    headline: str
    standfirst: str
    lead_in_html: str
    lead_in_text: str
    url: str
    premium: bool


def teasers(articles) -> list[Teaser]:
    site = app_settings.SITE_URL
    return [
        Teaser(
            headline=article.headline,
            standfirst=article.standfirst,
            lead_in_html=article.lead_in,
            lead_in_text=plain_text(article.lead_in),
            url=site + article.get_absolute_url(),
            premium=article.is_premium_story,
        )
        for article in articles
    ]


def unsubscribe_url(*, user_id: int, newsletter_id: int) -> str:
    token = unsubscribe_token(user_id=user_id, newsletter_id=newsletter_id)
    return app_settings.SITE_URL + reverse("newsletters:unsubscribe", args=[token])


def issue_message(*, issue: Issue, items: list[Teaser], user_id: int, email: str) -> IssueEmail:
    """The issue as one reader receives it (also what the admin preview shows)."""
    unsubscribe = unsubscribe_url(user_id=user_id, newsletter_id=issue.newsletter_id)
    context = {
        "issue": issue,
        "newsletter": issue.newsletter,
        "intro_paragraphs": [part.strip() for part in issue.intro.split("\n\n") if part.strip()],
        "teasers": items,
        **mail_signature(),
        "account_url": app_settings.SITE_URL + reverse("accounts:account"),
        "unsubscribe_url": unsubscribe,
    }
    targets = [f"<{unsubscribe}>"]
    if app_settings.UNSUBSCRIBE_MAILTO:
        targets.append(f"<mailto:{app_settings.UNSUBSCRIBE_MAILTO}?subject=unsubscribe%20{issue.newsletter.slug}>")
    message = IssueEmail(
        subject=strip_tags(issue.subject),
        body=render_to_string("newsletters/email.txt", context),
        from_email=mail_sender(),
        to=[email],
        headers={
            # RFC 8058: mail clients offer a one-click button that POSTs
            # "List-Unsubscribe=One-Click" to the https link, no sign-in.
            "List-Unsubscribe": ", ".join(targets),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{issue.newsletter.name} <{issue.newsletter.slug}.newsletters.{_list_domain()}>",
        },
    )
    message.attach_alternative(render_to_string("newsletters/email.html", context), "text/html")
    return message


def _list_domain() -> str:
    host = app_settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host or "localhost"
