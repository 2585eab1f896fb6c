"""Sleeping subscribers: readers who may read everything and have read
nothing for SLEEPING_DAYS. Each is mailed, at most once in SLEEPING_DAYS,
the best stories they missed.

The stories: live ones published since the reader last read (within the
last SLEEPING_DAYS), from the sections they read most (all sections for a
reader with no history), none they have read and none the previous digest
offered; "best" is the most readers in that time, newest first among equals.
Five of them, filled from the other sections when the reader's own have
fewer. The mail says of each what any reader may see (headline, section,
standfirst) and links to it; never a story's body, so nothing gated leaves
the server in it.

Reading is known from the signed-in reading history (newsroom
``ArticleReading``); anonymous reading cannot be told apart, so a subscriber
who reads signed out looks asleep. The reader's one-click stop link is
honoured (subscriptions ``MailOptOut``).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from masthead.core.mail import LongHeaderEmail, greeting_name, mail_html, mail_sender, mail_signature
from masthead.newsroom.app_settings import app_settings as newsroom_settings
from masthead.newsroom.models import Article, ArticleReading
from masthead.subscriptions.models import READING_STATUSES, MailKind, MailOptOut, Subscription, SubscriptionStatus
from masthead.subscriptions.optout import mail_stop_headers, mail_stop_url
from masthead.subscriptions.selectors import reading_subscription

from .app_settings import app_settings
from .models import SleepingDigest

logger = logging.getLogger(__name__)
SLEEPING_DAYS = 30
STORIES = 5
# The reader's sections: the ones they read most, this many.
SECTIONS = 3


def sleeping_subscribers(now: datetime | None = None) -> QuerySet:
    """Readers with full access now, subscribed for SLEEPING_DAYS or more,
    who have read nothing signed in for SLEEPING_DAYS (what the dashboard
    counts). Whether or not they were mailed."""
    now = now or timezone.now()
    asleep_since = now - timedelta(days=SLEEPING_DAYS)
    reading = Subscription.objects.filter(
        user=OuterRef("pk"), status__in=READING_STATUSES, started_at__lte=asleep_since
    ).filter(
        # The term runs, or its grace does; an active one reads on through its renewal.
        Q(term_end__gt=now) | Q(grace_until__gt=now) | Q(status=SubscriptionStatus.ACTIVE)
    )
    read_lately = ArticleReading.objects.filter(user=OuterRef("pk"), last_read_at__gt=asleep_since)
    return get_user_model().objects.filter(Exists(reading), is_active=True).exclude(Exists(read_lately))


def sleeping_digests_due(now: datetime) -> QuerySet:
    """Sleeping subscribers not mailed in SLEEPING_DAYS who have not stopped these mails."""
    stopped = MailOptOut.objects.filter(user=OuterRef("pk"), kind=MailKind.SLEEPING_DIGEST)
    mailed = SleepingDigest.objects.filter(user=OuterRef("pk"), last_sent_at__gt=now - timedelta(days=SLEEPING_DAYS))
    return sleeping_subscribers(now).exclude(Exists(stopped)).exclude(Exists(mailed)).exclude(email="").order_by("pk")


def digest_stories(*, user, now: datetime) -> list[Article]:
    """The best stories ``user`` missed (see the module's docstring)."""
    history = ArticleReading.objects.filter(user=user)
    last_read = history.aggregate(last=Max("last_read_at"))["last"]
    since = now - timedelta(days=SLEEPING_DAYS)
    if last_read is not None and last_read > since:
        since = last_read
    previous = SleepingDigest.objects.filter(user=user).values_list("last_article_ids", flat=True).first() or []
    sections = list(
        history.values("article__section").annotate(n=Count("pk")).order_by("-n", "article__section")
        .values_list("article__section", flat=True)[:SECTIONS]
    )  # fmt: skip
    missed = (
        Article.objects.live(now)
        .filter(publish_at__gt=since)
        .exclude(Exists(history.filter(article=OuterRef("pk"))))
        .exclude(pk__in=previous)
        .annotate(readers=Count("readings", filter=Q(readings__last_read_at__gt=since) & ~Q(readings__user=user)))
        .select_related("section")
        .order_by("-readers", "-publish_at", "-pk")
    )
    chosen = list(missed.filter(section__in=sections)[:STORIES]) if sections else []
    if len(chosen) < STORIES:
        chosen += list(missed.exclude(pk__in=[article.pk for article in chosen])[: STORIES - len(chosen)])
    return chosen


@dataclass(frozen=True)
class DigestStory:
    headline: str
    section: str
    standfirst: str
    url: str


def sleeping_digests_send(*, now: datetime | None = None) -> int:
    """Mail every sleeping subscriber due a digest; how many were mailed.
    Nothing while MASTHEAD_SLEEPING_DIGEST is off, nor while reading
    history is not recorded (MASTHEAD_READING_HISTORY=off): without it every
    subscriber would look asleep."""
    if not app_settings.SLEEPING_DIGEST or not newsroom_settings.READING_HISTORY:
        return 0
    now = now or timezone.now()
    sent = 0
    due = sleeping_digests_due(now)
    for user in due:
        # Asked again as each reader's turn comes: a long run reaches a reader
        # minutes after it listed them, who may have pressed "stop" meanwhile.
        if not due.filter(pk=user.pk).exists():
            continue
        if reading_subscription(user=user, now=now) is None:
            continue  # the query's view of access is close; this is the exact one
        if sleeping_digest_send(user=user, now=now):
            sent += 1
    return sent


def sleeping_digest_send(*, user, now: datetime) -> bool:
    """Claim this reader's digest for the next SLEEPING_DAYS and mail it;
    False when there is nothing to offer, another run claimed it, or the
    mail server refused it (then the claim is given back)."""
    stories = digest_stories(user=user, now=now)
    if not stories:
        return False
    before = _claim(user=user, now=now)
    if before is False:
        return False
    try:
        _mail(user=user, stories=stories)
    except Exception:
        logger.exception("stories-missed mail to reader %s not sent; it will be tried again", user.pk)
        _release(user=user, before=before, now=now)
        return False
    SleepingDigest.objects.filter(user=user).update(
        sent_count=F("sent_count") + 1, last_article_ids=[story.pk for story in stories]
    )
    return True


def _claim(*, user, now: datetime) -> datetime | None | bool:
    """Take the reader's digest: the time of the one before (None: the
    first), or False when it is not theirs to take now."""
    row = SleepingDigest.objects.filter(user=user).values_list("last_sent_at", flat=True).first()
    if row is None:
        try:
            with transaction.atomic():
                SleepingDigest.objects.create(user=user, last_sent_at=now)
        except IntegrityError:
            return False  # another run wrote it a moment ago
        return None
    taken = SleepingDigest.objects.filter(
        user=user, last_sent_at=row, last_sent_at__lte=now - timedelta(days=SLEEPING_DAYS)
    ).update(last_sent_at=now)
    return row if taken else False


def _release(*, user, before: datetime | None, now: datetime) -> None:
    claimed = SleepingDigest.objects.filter(user=user, last_sent_at=now)
    if before is None:
        claimed.delete()
    else:
        claimed.update(last_sent_at=before)


def _mail(*, user, stories: list[Article]) -> None:
    site = app_settings.SITE_URL
    items = [
        DigestStory(headline=a.headline, section=a.section.name, standfirst=a.standfirst, url=site + a.get_absolute_url())
        for a in stories
    ]
    stop_url = mail_stop_url(user_id=user.pk, kind=MailKind.SLEEPING_DIGEST)
    subject = f"{settings.MASTHEAD_SITE_NAME}: the stories you missed"
    text = render_to_string(
        "emails/sleeping_digest.txt",
        {**mail_signature(), "reader_name": greeting_name(user), "stories": items, "stop_url": stop_url},
    ).strip()
    message = LongHeaderEmail(
        subject=subject, body=text + "\n", from_email=mail_sender(), to=[user.email], headers=mail_stop_headers(stop_url)
    )
    message.attach_alternative(mail_html(subject=subject, text=text), "text/html")
    message.send()
