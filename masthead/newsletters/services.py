"""Newsletters: readers' choices, unsubscribing, and sending an issue.

Sending is built so that one issue reaches one reader at most once, whatever
dies or runs twice:

1. A worker takes the issue with a conditional UPDATE (a lease with an
   expiry). Two workers cannot both hold it; a worker that died lets go when
   its lease runs out, and the next run carries on where it stopped.
2. The recipients are written as Delivery rows before any mail goes out,
   unique per (issue, reader), inserted with ``ignore_conflicts`` so planning
   again after a crash adds no one twice.
3. Each delivery is marked "sending" before its message is handed to the mail
   server and "sent" after. A run sends only "pending" rows.

This is at-most-once on purpose. If a worker dies after the mail server
accepted a message but before the row says "sent", the row stays "sending"
and is never sent again: that reader might (rarely) miss an issue, but no
reader ever gets the same issue twice. The issue counts such rows as
"unconfirmed" so staff can see them.
"""

import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import mail
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from masthead.core.errors import InvalidOperation, InvalidTransition, MastheadError
from masthead.subscriptions.entitlement import is_subscriber

from . import mail as issue_mail
from .app_settings import app_settings
from .models import (
    Delivery,
    DeliveryState,
    Issue,
    IssueEvent,
    IssueEventReason,
    IssueStatus,
    Newsletter,
    NewsletterSubscription,
)
from .selectors import due_issue_ids, issue_articles, unsubscribe_target

logger = logging.getLogger(__name__)

D = DeliveryState
S = IssueStatus


# --- Readers' choices ---------------------------------------------------------


def newsletter_choices_save(*, user, slugs: list[str], subscriber: bool) -> list[Newsletter]:
    """Make the reader's newsletters exactly those chosen among the ones offered.

    Subscriber-only newsletters are offered to subscribers only: a reader who
    does not subscribe and asks for one anyway is refused, and nothing changes.
    Choices outside what is offered (a lapsed subscriber's Markets, say) are
    kept as they are, so they come back with a new subscription.
    """
    wanted = set(slugs)
    known = {newsletter.slug: newsletter for newsletter in Newsletter.objects.filter(active=True)}
    unknown = wanted - known.keys()
    if unknown:
        raise InvalidOperation("unknown_newsletter", "That newsletter is not offered any more; nothing was changed.")
    offered = {slug: newsletter for slug, newsletter in known.items() if subscriber or not newsletter.subscribers_only}
    refused = sorted(known[slug].name for slug in wanted - offered.keys())
    if refused:
        verb = "comes" if len(refused) == 1 else "come"
        raise InvalidOperation("subscribers_only", f"{', '.join(refused)} {verb} with a subscription. Nothing was changed.")
    with transaction.atomic():
        NewsletterSubscription.objects.filter(user=user, newsletter__in=[offered[s] for s in offered.keys() - wanted]).delete()
        NewsletterSubscription.objects.bulk_create(
            [NewsletterSubscription(user=user, newsletter=offered[slug]) for slug in sorted(wanted)], ignore_conflicts=True
        )
    return sorted((offered[slug] for slug in wanted), key=lambda newsletter: (newsletter.position, newsletter.name))


def newsletter_unsubscribe(*, token: str) -> Newsletter:
    """Stop one newsletter for the reader the token names (no sign-in needed).

    A token that does not verify raises TokenInvalid and changes nothing.
    Unsubscribing twice is not an error: the second click finds nothing to do.
    """
    target = unsubscribe_target(token=token)
    NewsletterSubscription.objects.filter(user_id=target.user_id, newsletter=target.newsletter).delete()
    return target.newsletter


# --- Issue status ------------------------------------------------------------

ALLOWED_MOVES: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SCHEDULED}),
    S.SCHEDULED: frozenset({S.DRAFT, S.SCHEDULED, S.SENDING}),
    S.SENDING: frozenset({S.SENDING, S.SENT}),
    S.SENT: frozenset(),
}


def issue_move(
    *, issue_id: int, to: str, reason: IssueEventReason, now: datetime, actor=None, only_if: Q | None = None, **changes
) -> bool:
    """Move an issue to ``to`` with one conditional UPDATE, and record it.

    The UPDATE names the status (and lease) read a moment before, so of two
    processes making a move from the same state only one matches a row; the
    other gets False and has changed nothing. Raises InvalidTransition for a
    move that is never allowed, and ValueError for a reason not on the list.
    """
    reason = IssueEventReason(reason)
    with transaction.atomic():
        current = Issue.objects.filter(pk=issue_id).values("status", "lease_token").first()
        if current is None:
            return False
        if to not in ALLOWED_MOVES[current["status"]]:
            raise InvalidTransition(
                message=f"An issue that is {S(current['status']).label.lower()} cannot become {S(to).label.lower()}."
            )
        rows = Issue.objects.filter(pk=issue_id, status=current["status"], lease_token=current["lease_token"])
        if only_if is not None:
            rows = rows.filter(only_if)
        if not rows.update(status=to, **changes):
            return False
        IssueEvent.objects.create(
            issue_id=issue_id, from_status=current["status"], to_status=to, reason=reason, actor=actor, occurred_at=now
        )
    return True


def _ready_to_send(issue: Issue, now: datetime) -> None:
    if not issue_articles(issue=issue, now=now):
        raise InvalidOperation("no_articles", "Add at least one published article before sending the issue.")
    if not issue.subject.strip():
        raise InvalidOperation("no_subject", "The issue needs a subject line.")


def issue_schedule(*, issue: Issue, when: datetime | None, actor=None, now: datetime | None = None) -> Issue:
    """Schedule a draft (or move a scheduled issue) to ``when``; the sweep sends it then."""
    now = now or timezone.now()
    if when is None:
        raise InvalidOperation("no_time", "Choose when the issue should go out.")
    _ready_to_send(issue, now)
    moved = issue_move(
        issue_id=issue.pk, to=S.SCHEDULED, reason=IssueEventReason.SCHEDULED, now=now, actor=actor, scheduled_for=when
    )
    if not moved:
        raise InvalidOperation("busy", "The issue changed meanwhile; reload it and try again.")
    issue.refresh_from_db()
    return issue


def issue_send_now(*, issue: Issue, actor=None, now: datetime | None = None) -> Issue:
    """Make the issue due now. The caller queues the send job after commit."""
    now = now or timezone.now()
    return issue_schedule(issue=issue, when=now, actor=actor, now=now)


def issue_unschedule(*, issue: Issue, actor=None, now: datetime | None = None) -> Issue:
    now = now or timezone.now()
    moved = issue_move(
        issue_id=issue.pk, to=S.DRAFT, reason=IssueEventReason.SCHEDULE_CANCELLED, now=now, actor=actor, scheduled_for=None
    )
    if not moved:
        raise InvalidOperation("busy", "The issue changed meanwhile; reload it and try again.")
    issue.refresh_from_db()
    return issue


# --- Sending -------------------------------------------------------------------


@dataclass(frozen=True)
class SendReport:
    claimed: bool
    sent: int = 0
    failed: int = 0
    finished: bool = False


class TemporaryRefusal(MastheadError):
    """The mail server asked us to try later (a 4xx reply): the run stops and
    the issue is picked up again by the next sweep."""

    code = "temporary_refusal"


def _claim(issue_id: int, now: datetime) -> str | None:
    """Take the issue for this worker: due and scheduled, or sending under a
    lease that ran out (its worker died or gave up). Returns the lease token."""
    token = uuid.uuid4().hex
    claimable = Q(status=S.SCHEDULED, scheduled_for__lte=now) | Q(status=S.SENDING, lease_until__lte=now)
    issue = Issue.objects.filter(pk=issue_id).only("status", "started_at").first()
    if issue is None or issue.status not in (S.SCHEDULED, S.SENDING):
        return None
    resuming = issue.status == S.SENDING
    moved = issue_move(
        issue_id=issue_id,
        to=S.SENDING,
        reason=IssueEventReason.SENDING_RESUMED if resuming else IssueEventReason.SENDING_STARTED,
        now=now,
        only_if=claimable,
        lease_token=token,
        lease_until=now + timedelta(seconds=app_settings.LEASE_SECONDS),
        started_at=issue.started_at or now,
    )
    return token if moved else None


def _lease_renew(issue_id: int, token: str) -> bool:
    until = timezone.now() + timedelta(seconds=app_settings.LEASE_SECONDS)
    return bool(Issue.objects.filter(pk=issue_id, status=S.SENDING, lease_token=token).update(lease_until=until))


def _lease_release(issue_id: int, token: str) -> None:
    """Let another run take over at once (used when this run stops on an error)."""
    Issue.objects.filter(pk=issue_id, status=S.SENDING, lease_token=token).update(lease_until=timezone.now())


def _recipients_plan(issue: Issue, token: str, now: datetime) -> None:
    """Write one pending Delivery per reader who gets the issue.

    Subscriber-only newsletters go to readers who subscribe at send time,
    asked through the one subscriber check, so a lapsed subscription stops
    them. Planning again after a crash adds nobody twice (unique key).
    """
    size = app_settings.BATCH_SIZE
    subscriptions = (
        NewsletterSubscription.objects.filter(newsletter_id=issue.newsletter_id, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )
    last = 0
    while True:
        chunk = list(subscriptions.filter(pk__gt=last)[:size])
        if not chunk:
            break
        last = chunk[-1].pk
        rows = [
            Delivery(issue=issue, recipient_id=choice.user_id, email=choice.user.email)
            for choice in chunk
            if not issue.newsletter.subscribers_only or is_subscriber(choice.user, now)
        ]
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    Issue.objects.filter(pk=issue.pk, lease_token=token).update(
        recipients_planned=True, recipient_count=Delivery.objects.filter(issue=issue).count()
    )


def _hand_over(connection, message) -> None:
    """Give one message to the mail server (the one call that may reach a reader)."""
    connection.send_messages([message])


def _delivery_mark(delivery: Delivery, *, frm: str, to: str, **changes) -> bool:
    return bool(Delivery.objects.filter(pk=delivery.pk, state=frm).update(state=to, **changes))


def _refusal(error: Exception) -> tuple[int, str] | None:
    """(SMTP code, text) when the server definitely did not accept the message."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()), (550, b"recipient refused"))
        return code, text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        return error.smtp_code, text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    if isinstance(error, ValueError):  # Django refuses an address it cannot encode
        return 553, str(error)
    return None


def _batch_send(issue: Issue, batch: list[Delivery], items) -> tuple[int, int]:
    sent = failed = 0
    with mail.mailers.default as connection:  # one SMTP connection per batch
        for delivery in batch:
            message = issue_mail.issue_message(issue=issue, items=items, user_id=delivery.recipient_id, email=delivery.email)
            # Marked before the hand-over: a crash from here on leaves the row
            # "sending", and no later run sends it again (at most once).
            if not _delivery_mark(delivery, frm=D.PENDING, to=D.SENDING, attempted_at=timezone.now()):
                continue
            try:
                _hand_over(connection, message)
            except (smtplib.SMTPException, ValueError) as error:
                refusal = _refusal(error)
                if refusal is None:
                    raise  # the connection broke: accepted or not, we cannot know
                code, text = refusal
                if 400 <= code < 500:
                    # Not accepted, try later: safe to put back.
                    _delivery_mark(delivery, frm=D.SENDING, to=D.PENDING, error=f"{code} {text}"[:300])
                    raise TemporaryRefusal(message=f"The mail server deferred the issue: {code} {text}") from error
                _delivery_mark(delivery, frm=D.SENDING, to=D.FAILED, error=f"{code} {text}"[:300])
                failed += 1
            else:
                _delivery_mark(delivery, frm=D.SENDING, to=D.SENT, sent_at=timezone.now(), error="")
                sent += 1
    return sent, failed


def issue_send(*, issue_id: int, now: datetime | None = None) -> SendReport:
    """Send a due issue, or carry on sending one whose worker stopped.

    Returns claimed=False, having done nothing, when the issue is not due or
    another worker holds it. Errors stop the run and let go of the issue, so
    the next run (the job's retry or the minute sweep) resumes it.
    """
    now = now or timezone.now()
    token = _claim(issue_id, now)
    if token is None:
        return SendReport(claimed=False)
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    sent = failed = 0
    try:
        if not issue.recipients_planned:
            _recipients_plan(issue, token, now)
        items = issue_mail.teasers(issue_articles(issue=issue, now=now))
        size = app_settings.BATCH_SIZE
        while True:
            if not _lease_renew(issue_id, token):
                logger.warning("Issue %s: lease lost to another worker; stopping this run", issue_id)
                return SendReport(claimed=True, sent=sent, failed=failed)
            batch = list(Delivery.objects.filter(issue_id=issue_id, state=D.PENDING).order_by("pk")[:size])
            if not batch:
                break
            # A reader who unsubscribed since the issue started is not sent it.
            still = set(
                NewsletterSubscription.objects.filter(
                    newsletter_id=issue.newsletter_id, user_id__in=[delivery.recipient_id for delivery in batch]
                ).values_list("user_id", flat=True)
            )
            gone = [delivery.pk for delivery in batch if delivery.recipient_id not in still]
            Delivery.objects.filter(pk__in=gone, state=D.PENDING).update(state=D.SKIPPED)
            batch_sent, batch_failed = _batch_send(issue, [d for d in batch if d.recipient_id in still], items)
            sent, failed = sent + batch_sent, failed + batch_failed
    except BaseException:
        _lease_release(issue_id, token)
        raise
    _issue_finish(issue_id, token)
    return SendReport(claimed=True, sent=sent, failed=failed, finished=True)


def _issue_finish(issue_id: int, token: str) -> None:
    counts = dict.fromkeys(D.values, 0)
    for row in Delivery.objects.filter(issue_id=issue_id).values("state").order_by().annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    now = timezone.now()
    issue_move(
        issue_id=issue_id,
        to=S.SENT,
        reason=IssueEventReason.SENT,
        now=now,
        sent_at=now,
        lease_token="",
        lease_until=None,
        sent_count=counts[D.SENT],
        failed_count=counts[D.FAILED],
        unconfirmed_count=counts[D.SENDING],
    )


def issues_send_due(*, now: datetime | None = None) -> list[SendReport]:
    """The minute sweep: send scheduled issues whose time has come, and resume
    any whose worker stopped (its lease ran out). Issues are taken one by one
    with the same claim, so sweeps on several workers never share one."""
    now = now or timezone.now()
    reports = []
    for issue_id in due_issue_ids(now=now):
        try:
            reports.append(issue_send(issue_id=issue_id, now=now))
        except (MastheadError, OSError) as error:  # smtplib's errors are OSErrors
            # One issue the mail server will not take must not hold up the
            # others; it has let go of its lease and the next sweep retries it.
            logger.warning("Issue %s stopped: %s", issue_id, error)
    return reports
