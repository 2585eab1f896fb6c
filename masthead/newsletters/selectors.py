from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from masthead.core.errors import InvalidOperation
from masthead.newsroom.models import Article

from .models import Issue, IssueStatus, Newsletter, NewsletterSubscription
from .tokens import unsubscribe_token_read


@dataclass(frozen=True)
class NewsletterChoice:
    newsletter: Newsletter
    chosen: bool
    offered: bool  # False: subscriber-only and this reader does not subscribe


def newsletters_offered() -> bool:
    """Whether readers have any newsletter to choose."""
    return Newsletter.objects.filter(active=True).exists()


def newsletter_choices(*, user, subscriber: bool) -> list[NewsletterChoice]:
    chosen = set(NewsletterSubscription.objects.filter(user=user).values_list("newsletter_id", flat=True))
    return [
        NewsletterChoice(newsletter, newsletter.pk in chosen, subscriber or not newsletter.subscribers_only)
        for newsletter in Newsletter.objects.filter(active=True)
    ]


def issue_articles(*, issue: Issue, now: datetime) -> list[Article]:
    """The issue's articles in the editor's order, only those live now: a story
    unpublished after it was chosen is left out rather than linked to a 404."""
    live = {
        article.pk: article
        for article in Article.objects.live(now).filter(pk__in=issue.entries.values("article_id")).select_related("section")
    }
    return [live[entry.article_id] for entry in issue.entries.all() if entry.article_id in live]


def due_issue_ids(*, now: datetime) -> list[int]:
    """Scheduled issues whose time has come, and sending ones whose worker let go or died."""
    due = Q(status=IssueStatus.SCHEDULED, scheduled_for__lte=now) | Q(status=IssueStatus.SENDING, lease_until__lte=now)
    return list(Issue.objects.filter(due).order_by("scheduled_for", "pk").values_list("pk", flat=True))


@dataclass(frozen=True)
class UnsubscribeTarget:
    user_id: int
    newsletter: Newsletter


def unsubscribe_target(*, token: str) -> UnsubscribeTarget:
    """Who an unsubscribe link is for, and which newsletter (TokenInvalid when
    it does not verify)."""
    claim = unsubscribe_token_read(token)
    newsletter = Newsletter.objects.filter(pk=claim.newsletter_id).first()
    if newsletter is None:
        raise InvalidOperation("unknown_newsletter", "That newsletter no longer exists, so nothing will be sent.")
    return UnsubscribeTarget(claim.user_id, newsletter)
