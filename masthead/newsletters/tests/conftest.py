"""Newsletter factories (the SMTP server fixture, ``smtp``, is in masthead.testing.plugin)."""

from itertools import count

from masthead.newsletters.models import (
    Issue,
    IssueArticle,
    IssueStatus,
    Newsletter,
    NewsletterSubscription,
)
from masthead.testing.newsroom import make_article

_sequence = count(1)


def make_newsletter(**fields) -> Newsletter:
    n = next(_sequence)
    fields.setdefault("name", f"Letter {n}")
    fields.setdefault("slug", f"letter-{n}")
    return Newsletter.objects.create(**fields)


def make_readers(django_user_model, how_many: int, *, prefix: str = "reader", **fields) -> list:
    """Many readers at once (no password hashing: they never sign in)."""
    users = [
        django_user_model(username=f"{prefix}{n}", email=f"{prefix}{n}@example.test", password="!", **fields)
        for n in range(how_many)
    ]
    django_user_model.objects.bulk_create(users)
    return list(django_user_model.objects.filter(username__startswith=prefix).order_by("pk"))


def choose(newsletter, readers) -> None:
    NewsletterSubscription.objects.bulk_create([NewsletterSubscription(user=reader, newsletter=newsletter) for reader in readers])


def make_issue(newsletter, articles=None, *, status=IssueStatus.DRAFT, **fields) -> Issue:
    fields.setdefault("subject", f"{newsletter.name}: the day in brief")
    fields.setdefault("intro", "Good morning.\n\nHere is what matters today.")
    issue = Issue.objects.create(newsletter=newsletter, status=status, **fields)
    for position, article in enumerate(articles if articles is not None else [make_article()]):
        IssueArticle.objects.create(issue=issue, article=article, position=position)
    return issue
