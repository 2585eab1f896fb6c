"""Win-back: one offer mailed to a reader whose paid subscription ended or
lapsed, a set number of days later, and the funnel that follows it (sent,
opened, returned).

Who gets it: a reader whose paid subscription (a term paid with money, not
a gift, a complimentary grant or a free trial) ended or lapsed
``days_after`` days ago, who has no subscription going now, has not been
refunded since, has not stopped these mails, and has never had one. Once
per reader, ever: ``WinbackSend.user`` is unique and the row is written
before the mail goes, so of two runs that overlap only one writes it and
mails. A mail the server refuses gives its row back for the next run.

The link is per send and signed (``winback_link_url``): following it records
the first open and leads to the offer's own page, which keeps the offer for
checkout. A link cut short, changed or signed for something else is a 404
and records nothing; so is a reader signed in as someone else following it.
The reader's next paid checkout records the return (``winback_returned``,
a listener of settled payments).

The dashboard reads the sends' rows, and the paywall funnel's events
(``winback_sent``, ``winback_opened``, ``winback_returned``), which name no
reader, address or article.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from masthead.core.errors import NotFound
from masthead.core.urls import site_url
from masthead.metering.events import funnel_event_record
from masthead.metering.models import FunnelEventKind
from masthead.payments.models import Payment, PaymentStatus

from . import mail
from .models import (
    LIVE_STATUSES,
    MailKind,
    MailOptOut,
    Offer,
    OfferRedemption,
    Subscription,
    SubscriptionStatus,
    WinbackSend,
    WinbackSettings,
)
from .offers import refusal
from .optout import mail_stop_url
from .selectors import offer_plans
from .terms import FIRST_TERM

logger = logging.getLogger(__name__)
S = SubscriptionStatus
SALT = "masthead.subscriptions.winback"
# A run that did not happen (the job consumer was down) is caught up for
# this long; a reader whose subscription ended long before win-back was
# switched on is not mailed out of the blue.
CATCH_UP = timedelta(days=3)
ENDINGS = (S.ENDED, S.LAPSED)


# Other apps' reasons not to mail a reader, each an expression on the reader
# (``OuterRef("user")`` and its fields) true when the reader is to be left
# alone: a gift waiting for their address (gifts), say. Registered in their
# AppConfig.ready, as payment listeners are.
_HOLDS: list[Callable[[], Exists]] = []


def on_winback_hold(hold: Callable[[], Exists]) -> Callable[[], Exists]:
    _HOLDS.append(hold)
    return hold


class WinbackLinkInvalid(NotFound):
    code = "winback_link_invalid"


def winback_offer(now: datetime) -> Offer | None:
    """The offer to mail now: None while win-back is off, or while its offer
    could not be taken at checkout (ended, used up, no plan on sale)."""
    config = WinbackSettings.current()
    if not config.is_on or config.offer_id is None:
        return None
    offer = config.offer
    if refusal(offer.facts, now) is not None or not offer_plans(offer):
        return None
    return offer


def winback_candidates(*, now: datetime, days_after: int, offer: Offer) -> QuerySet[Subscription]:
    """Each reader's paid subscription that ended or lapsed ``days_after``
    days ago (up to CATCH_UP earlier), for the readers a win-back mail may
    go to now. A reader who has used ``offer`` already could not take it again."""
    latest = now - timedelta(days=days_after)
    paid = Payment.objects.filter(
        subscription=OuterRef("pk"), status=PaymentStatus.SUCCEEDED, duplicate=False, amount_minor__gt=0
    )
    # Money given back for a term of it, by staff or at the provider (a
    # chargeback after the subscription ended, say): the reader is not asked back.
    refunded = Payment.objects.filter(subscription=OuterRef("pk"), status=PaymentStatus.REFUNDED, duplicate=False)
    going = Subscription.objects.filter(user=OuterRef("user"), status__in=LIVE_STATUSES)
    # A later subscription that ended too (refunded, say) speaks for the reader instead.
    later = Subscription.objects.filter(user=OuterRef("user"), ended_at__gt=OuterRef("ended_at"))
    stopped = MailOptOut.objects.filter(user=OuterRef("user"), kind=MailKind.WINBACK)
    sent = WinbackSend.objects.filter(user=OuterRef("user"))
    # services.offer_taken_before, as a subquery: at checkout or on a cancel page.
    used = OfferRedemption.objects.filter(user=OuterRef("user"), offer=offer)
    saved_by_it = Subscription.objects.filter(user=OuterRef("user"), save_offer=offer)
    candidates = (
        Subscription.objects.filter(
            status__in=ENDINGS, term_number__gte=FIRST_TERM, ended_at__gt=latest - CATCH_UP, ended_at__lte=latest,
            user__is_active=True,  # a closed account is mailed nothing
        )
        .filter(Exists(paid))
        .exclude(Exists(refunded))
        .exclude(Exists(going))
        .exclude(Exists(later))
        .exclude(Exists(stopped))
        .exclude(Exists(sent))
        .exclude(Exists(used))
        .exclude(Exists(saved_by_it))
    )
    for hold in _HOLDS:
        candidates = candidates.exclude(hold())
    return candidates.select_related("user", "plan").order_by("ended_at", "pk")


def winback_send_due(*, now: datetime | None = None) -> int:
    """Mail the win-back offer to every reader due one; how many were mailed.
    Safe to run from two places at once: each reader is mailed once."""
    now = now or timezone.now()
    offer = winback_offer(now)
    if offer is None:
        return 0
    days_after = WinbackSettings.current().days_after
    sent = 0
    candidates = winback_candidates(now=now, days_after=days_after, offer=offer)
    for subscription in candidates:
        if winback_send(subscription=subscription, offer=offer, now=now, still_due=candidates):
            sent += 1
    return sent


def winback_send(*, subscription: Subscription, offer: Offer, now: datetime, still_due: QuerySet | None = None) -> bool:
    """Claim the reader's one win-back mail and send it; False when another
    run claimed it first, when the reader is no longer due one (``still_due``,
    asked again as the claim is made: a long run reaches a reader minutes
    after it listed them, who may have subscribed again or stopped these
    mails meanwhile), or when the mail server refused it (the claim is given
    back, for the next run)."""
    try:
        with transaction.atomic():
            if still_due is not None and not still_due.filter(pk=subscription.pk).exists():
                return False
            send = WinbackSend.objects.create(user=subscription.user, subscription=subscription, offer=offer, sent_at=now)
    except IntegrityError:
        return False
    try:
        mail.winback_offer_send(
            subscription=subscription,
            offer=offer,
            plans=offer_plans(offer),
            link=winback_link_url(send),
            stop_url=mail_stop_url(user_id=subscription.user_id, kind=MailKind.WINBACK),
        )
    except Exception:
        logger.exception("win-back mail to reader %s not sent; it will be tried again", subscription.user_id)
        WinbackSend.objects.filter(pk=send.pk).delete()
        return False
    funnel_event_record(kind=FunnelEventKind.WINBACK_SENT)
    return True


def winback_link_url(send: WinbackSend) -> str:
    token = signing.dumps(send.token, salt=SALT, compress=False)
    return site_url() + reverse("subscriptions:winback", args=[token])


def winback_open(*, token: str, user=None, now: datetime | None = None) -> WinbackSend:
    """The send a win-back link names, its first open recorded (once).
    ``user``: the reader signed in, if any; a link of someone else's is not
    theirs to open. WinbackLinkInvalid, and nothing recorded, otherwise."""
    try:
        key = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        key = None
    send = WinbackSend.objects.select_related("offer").filter(token=key).first() if isinstance(key, str) else None
    if send is None or (user is not None and user.is_authenticated and user.pk != send.user_id):
        raise WinbackLinkInvalid(message="This link is not valid: it may have been cut short or changed.")
    now = now or timezone.now()
    if WinbackSend.objects.filter(pk=send.pk, opened_at__isnull=True).update(opened_at=now):
        funnel_event_record(kind=FunnelEventKind.WINBACK_OPENED)
    return send


def winback_returned(payment: Payment) -> None:
    """Listener of settled payments (inside the settling transaction): the
    first paid checkout of a reader mailed a win-back offer is their return,
    recorded once."""
    if payment.subscription_id is None or payment.status != PaymentStatus.SUCCEEDED or not payment.amount_minor:
        return
    subscription = Subscription.objects.only("user_id", "created_at").get(pk=payment.subscription_id)
    returned = WinbackSend.objects.filter(
        user_id=subscription.user_id, returned_at__isnull=True, sent_at__lte=subscription.created_at
    ).update(returned_at=payment.succeeded_at or timezone.now(), returned_with=subscription)
    if returned:
        transaction.on_commit(lambda: funnel_event_record(kind=FunnelEventKind.WINBACK_RETURNED))
