"""The billing clock: pre-debit notices, renewals, retries, grace and lapse.

Every charge goes through ``payment_take`` and so keeps the in-flight rule:
two clocks, a chunk queued twice or a reader's card change racing a retry
charge a term once.
"""

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from masthead.core.errors import InvalidTransition, MastheadError
from masthead.payments.models import Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.selectors import CLAIM_EXPIRES, charge_in_flight, scheduled_attempt_number, term_attempts
from masthead.payments.providers.base import ProviderDisabled, SavedMethod
from masthead.payments.services import (
    ChargeInFlight,
    ChargeNotWanted,
    TermAlreadyPaid,
    duplicates_refund_due,
    payment_take,
)

from .. import mail
from ..models import EventReason, RenewalNotice, Subscription, SubscriptionStatus
from ..selectors import renewal_retry_days
from ..services import subscriptions_end_due
from ..states import subscription_move
from ..terms import NOTICE_AHEAD, next_retry_at, renewal_charge_day, renewal_window
from .checkout import order_give_up
from ..selectors import saved_card_dead
from ..waiting import needs_card_changes, past_due_changes
from .common import NoSavedCard, charge_description, saved_method, saved_methods
from .plan_upgrade import plan_upgrades_reconcile
from ..app_settings import app_settings

logger = logging.getLogger(__name__)
S = SubscriptionStatus


def renewal_notices_send(*, now: datetime | None = None) -> int:
    """Pre-debit notices for renewals due within the notice window, once each."""
    now = now or timezone.now()
    window = now + timedelta(hours=app_settings.PRE_DEBIT_NOTICE_HOURS)
    sent = 0
    for subscription in Subscription.objects.filter(_announced(window)).only("pk"):
        if _notice_send(subscription, now, window):
            sent += 1
    return sent


def _announced(window: datetime) -> Q:
    """Subscriptions whose renewal falls within the notice window."""
    return Q(status=S.ACTIVE, term_end__lte=window) | Q(status=S.PAUSED, pause_until__lte=window)


def _notice_send(subscription: Subscription, now: datetime, window: datetime | None = None) -> RenewalNotice | None:
    """The pre-debit notice for ``subscription``'s renewal, if it falls within
    ``window`` (by default the notice window from ``now``) and none was sent."""
    window = window or now + timedelta(hours=app_settings.PRE_DEBIT_NOTICE_HOURS)
    with transaction.atomic():
        # Read again under the lock: since the run listed it, the reader may
        # have paused, cancelled or taken the cancel page's discount, each of
        # which changes the day or the amount (and withdraws, under this same
        # lock, only a notice that already exists).
        locked = Subscription.objects.select_for_update().filter(_announced(window), pk=subscription.pk).first()
        if locked is None or saved_card_dead(locked):
            return None  # no notice promises a charge to a card known dead: see _card_dead_at_renewal
        notice, created = RenewalNotice.objects.get_or_create(
            subscription=locked,
            term_number=locked.term_number + 1,
            defaults={
                "amount_minor": locked.renewal_price.minor,
                "charge_on": renewal_charge_day(locked.renews_at, now),
                "sent_at": now,
            },
        )
        if not created:
            return None
        transaction.on_commit(lambda: mail.renewal_notice_send(subscription=locked, notice=notice), robust=True)
    return notice


# Due subscriptions are read, and their notices and cards looked up, this many
# at a time; the periodic job hands each such chunk to the queue as a job.
RENEWAL_CHUNK = 500


def _due_for_renewal(now: datetime):
    """Active subscriptions whose term is over, and paused ones whose pause is."""
    return Subscription.objects.filter(Q(status=S.ACTIVE, term_end__lte=now) | Q(status=S.PAUSED, pause_until__lte=now))


def scheduled_attempt(subscription: Subscription) -> int:
    """The clock's attempt number for a due renewal, the same for every clock
    so none charges it twice. Its charge fell due when the term ended, or, for
    a paused subscription, when the pause did: an attempt claimed before then
    (a declined "resume now", a charge refunded because a gift moved the
    renewal) does not stand in for it (payments.selectors.scheduled_attempt_number)."""
    due_at = subscription.pause_until if subscription.status == S.PAUSED else subscription.term_end
    return scheduled_attempt_number(subscription_id=subscription.pk, term_number=subscription.term_number + 1, due_at=due_at)


def renewal_chunks_due(*, now: datetime | None = None) -> Iterator[tuple[int, int]]:
    """The due renewals as (after_pk, last_pk] ranges of RENEWAL_CHUNK
    subscriptions, read as ids only, so the clock can hand them out quickly."""
    now = now or timezone.now()
    ids = _due_for_renewal(now).order_by("pk").values_list("pk", flat=True)
    last = 0
    while chunk := list(ids.filter(pk__gt=last)[:RENEWAL_CHUNK]):
        yield last, chunk[-1]
        last = chunk[-1]


def renewals_charge_chunk(*, after_pk: int, last_pk: int, now: datetime | None = None, provider=None) -> int:
    """Charge the due renewals with after_pk < pk <= last_pk that were
    announced at least 24 hours ago. Safe to run twice at once, or again after
    a crash: each attempt is claimed before it is charged (payment_take)."""
    now = now or timezone.now()
    chunk = list(
        _due_for_renewal(now).filter(pk__gt=after_pk, pk__lte=last_pk).select_related("plan", "user").order_by("pk")
    )
    notices = {
        (notice.subscription_id, notice.term_number): notice for notice in RenewalNotice.objects.filter(subscription__in=chunk)
    }
    cards = saved_methods([subscription.user_id for subscription in chunk])
    charged = 0
    for subscription in chunk:
        if saved_card_dead(subscription):
            _card_dead_at_renewal(subscription, now)
            continue
        notice = notices.get((subscription.pk, subscription.term_number + 1))
        if notice is None:
            _notice_send(subscription, now, now)  # late (already due): announce now, charge a day later
            continue
        if now < notice.charge_on or now - notice.sent_at < NOTICE_AHEAD:
            continue
        if renewal_attempt(
            subscription, attempt=scheduled_attempt(subscription), now=now, provider=provider, saved=cards.get(subscription.user_id), announced=True
        ):
            charged += 1
    return charged


def _card_dead_at_renewal(subscription: Subscription, now: datetime) -> None:
    """The renewal of a paused subscription (or a cancelling one its reader
    kept) falls due while the provider has said its saved card is dead: it
    needs a new card, as if the card had died during the term. Nothing is
    charged; the reader reads through the grace period and is mailed the
    card link, unless they were mailed it when the card died (paused)."""
    was_paused = subscription.status == S.PAUSED
    try:
        subscription_move(
            subscription=subscription, to=S.NEEDS_CARD, reason=EventReason.CARD_UNUSABLE, now=now,
            only_from=(subscription.status,), detail={"at_renewal": True}, **needs_card_changes(subscription),
        )  # fmt: skip
    except InvalidTransition:
        return  # the reader resumed, cancelled or saved a card meanwhile
    if not was_paused:
        transaction.on_commit(lambda: mail.card_needed_send(subscription=subscription), robust=True)


def renewals_charge(*, now: datetime | None = None, provider=None) -> int:
    """Charge every renewal that is due, chunk by chunk, in this process."""
    now = now or timezone.now()
    return sum(
        renewals_charge_chunk(after_pk=after, last_pk=last, now=now, provider=provider)
        for after, last in renewal_chunks_due(now=now)
    )


def renewal_retries(*, now: datetime | None = None, provider=None, subscription_ids: list[int] | None = None) -> int:
    """Retry failed renewals on the configured days; lapse after the grace period."""
    now = now or timezone.now()
    retried = 0
    past_due = Subscription.objects.filter(status=S.PAST_DUE).select_related("plan", "user")
    if subscription_ids is not None:
        past_due = past_due.filter(pk__in=subscription_ids)
    retry_days = renewal_retry_days()
    for subscription in past_due:
        if subscription.grace_until and now >= subscription.grace_until:
            if _reader_order_being_paid(subscription, provider):
                continue
            try:
                subscription_move(subscription=subscription, to=S.LAPSED, reason=EventReason.GRACE_OVER, now=now, ended_at=now)
            except InvalidTransition:
                pass  # another clock, or the reader's new card, moved it first
            continue
        attempts = term_attempts(subscription_id=subscription.pk, term_number=subscription.term_number + 1)
        retry_at = next_retry_at(subscription.term_end, attempts.last_at, retry_days)
        if attempts.made and retry_at is not None and now >= retry_at:
            if _reader_order_left(subscription, now, provider):
                continue
            if renewal_attempt(subscription, attempt=attempts.next_number, now=now, provider=provider):
                retried += 1
    return retried


def reader_order_waiting(*, subscription_id: int, term_number: int) -> Payment | None:
    """The reader's own order for a term, still waiting on the provider's
    page (the card link's order for an owed renewal, reauthorise.py): an
    order names a way to pay, the clock's own charges none."""
    return (
        Payment.objects.filter(subscription_id=subscription_id, term_number=term_number, status=PaymentStatus.PENDING)
        .exclude(checkout_method="")
        .exclude(provider_payment_id="")
        .first()
    )


def _reader_order_left(subscription: Subscription, now: datetime, provider=None) -> bool:
    """Whether a retry leaves the owed renewal to the reader's own order this
    turn. An order being paid (a payment on it under way or made), or opened
    within the last CLAIM_EXPIRES, is the reader's to finish: their answer or
    the provider's webhook settles the term, and the clock looks again on its
    next turn, so the term is never charged twice. An older one is given up,
    as an abandoned checkout order is (a payment landing on it later is
    refunded as an extra charge), and the saved card is retried as usual."""
    waiting = reader_order_waiting(subscription_id=subscription.pk, term_number=subscription.term_number + 1)
    if waiting is None:
        return False
    if now - waiting.created_at < CLAIM_EXPIRES:
        return True
    try:
        order_give_up(waiting, provider=provider or payment_provider(waiting.provider), why="Not paid: the renewal was retried with the saved card.")
    except MastheadError:
        return True  # being paid, or the provider could not say: the next turn asks again
    return False


def _reader_order_being_paid(subscription: Subscription, provider=None) -> bool:
    """Whether the reader is paying the owed renewal on their own order (the
    card link's) as the grace period ends: the provider has a payment on it
    under way or made. The lapse waits for it, as a retry does
    (_reader_order_left): the reader paid in time, and their answer or the
    provider's webhook renews the term; lapsing first would refund the
    payment as bought by a lapsed subscription. When the provider cannot
    say, the grace period ends as set (a payment landing later is refunded)."""
    waiting = reader_order_waiting(subscription_id=subscription.pk, term_number=subscription.term_number + 1)
    if waiting is None:
        return False
    try:
        return (provider or payment_provider(waiting.provider)).checkout_order_paying(order_id=waiting.provider_payment_id)
    except MastheadError:
        return False


def cards_needed_lapse(*, now: datetime | None = None, subscription_ids: list[int] | None = None) -> int:
    """Lapse subscriptions still waiting for a new card when their grace
    period ends: nothing was charged, and reading stops, as after a failed renewal."""
    now = now or timezone.now()
    lapsed = 0
    due = Subscription.objects.filter(status=S.NEEDS_CARD, grace_until__lte=now)
    if subscription_ids is not None:
        due = due.filter(pk__in=subscription_ids)
    for subscription in due:
        if _reader_order_being_paid(subscription):
            continue
        try:
            subscription_move(
                subscription=subscription, to=S.LAPSED, reason=EventReason.GRACE_OVER, now=now, ended_at=now,
                only_from=(S.NEEDS_CARD,),
            )  # fmt: skip
        except InvalidTransition:
            continue  # the reader's new card moved it first
        lapsed += 1
    return lapsed


def renewal_attempt(
    subscription: Subscription,
    *,
    attempt: int | None,
    now: datetime,
    provider=None,
    saved: SavedMethod | None = None,
    announced: bool = False,
    wait_for_in_flight: bool = False,
) -> Payment | None:
    """Charge the next term: ``attempt`` is the clock's scheduled attempt
    (made at most once), None for "now, with the card just saved". Returns
    the attempt as it settled (paid, declined, or still pending at the
    provider), or None when another charge for the term is in flight, the
    term is already paid, the provider could not be asked, or the renewal
    changed since it was read (renewal_still_due; ``announced``: it is
    charged because its notice went out, so that notice must still stand).
    With ``wait_for_in_flight`` another charge in flight raises ChargeInFlight
    instead, for a caller that waits for it to settle (a reader's new card)."""
    term = subscription.term_number + 1
    try:
        saved = saved if saved and saved.payment_method_id else saved_method(subscription)
        return payment_take(
            subscription=subscription,
            term_number=term,
            attempt=attempt,
            # The scheduled plan's price when the reader changed plan for this renewal.
            amount=subscription.renewal_price,
            saved=saved,
            description=charge_description(subscription, term),
            # The card is charged by the provider that saved it, whichever
            # one new checkouts use now.
            provider=provider or payment_provider(saved.provider or None),
            now=now,
            still_due=lambda: renewal_still_due(subscription, now=now, announced=announced),
        )
    except ChargeInFlight:
        if wait_for_in_flight:
            raise
        return None
    except (TermAlreadyPaid, ChargeNotWanted):
        return None
    except (NoSavedCard, ProviderDisabled) as error:
        # Nothing to charge, or nobody to charge it through: a failed renewal
        # now (grace, the card-change link, then a lapse), not a wait for ever.
        _renewal_not_chargeable(subscription, now, error.message)
        return None
    except MastheadError as error:
        # One reader's card or provider failing must not stop everyone
        # else's renewals; an attempt left in flight is reconciled later.
        logger.warning("renewal of %s not charged: %s", subscription, error.message)
        return None


class PauseNotOver(MastheadError):
    code = "pause_not_begun"


def pause_resume_now(*, subscription: Subscription, now: datetime | None = None, provider=None) -> Payment:
    """The reader ends their pause early: the next term is charged now, and
    starts today once paid. One charge per click, and per term: a second
    click while the first is being charged raises ChargeInFlight, one after
    it was paid TermAlreadyPaid (or ChargeNotWanted, the pause being over).
    Before the pause has begun there is nothing to charge: the reader undoes
    it instead (services.subscription_pause_undo)."""
    now = now or timezone.now()
    if subscription.status != S.PAUSED:
        raise ChargeNotWanted(message="Your subscription is not paused.")
    if subscription.term_end > now:
        raise PauseNotOver(message="Your pause has not begun yet: undo it, and your subscription renews as before.")
    if saved_card_dead(subscription):
        raise NoSavedCard(message="Your saved card can no longer be charged. Save a new card first, then resume.")
    term = subscription.term_number + 1
    saved = saved_method(subscription)
    return payment_take(
        subscription=subscription,
        term_number=term,
        amount=subscription.renewal_price,
        saved=saved,
        description=charge_description(subscription, term),
        provider=provider or payment_provider(saved.provider or None),
        now=now,
        still_due=lambda: _still_paused(subscription),
    )


def _still_paused(subscription: Subscription) -> bool:
    return Subscription.objects.filter(pk=subscription.pk, status=S.PAUSED, term_number=subscription.term_number).exists()


def renewal_still_due(subscription: Subscription, *, now: datetime, announced: bool = False) -> bool:
    """Whether the renewal read as ``subscription`` may still be charged:
    asked under the subscription's lock, right before the charge. A cancel, a
    gift that moved the renewal (and withdrew its notice) or another clock
    that renewed it since then all say no. A renewal the clock charges
    because its notice went out (``announced``) is charged only while that
    pre-debit notice for the term stands."""
    current = (
        Subscription.objects.filter(pk=subscription.pk).values("status", "term_number", "term_end", "pause_until").first()
    )
    if current is None or current["status"] != subscription.status or current["status"] not in (S.ACTIVE, S.PAST_DUE, S.PAUSED):
        return False
    due_at = current["pause_until"] if current["status"] == S.PAUSED else current["term_end"]
    if current["term_number"] != subscription.term_number or due_at > now:
        return False
    if announced:
        return RenewalNotice.objects.filter(subscription_id=subscription.pk, term_number=subscription.term_number + 1).exists()
    return True


def _renewal_not_chargeable(subscription: Subscription, now: datetime, why: str) -> None:
    if subscription.status not in (S.ACTIVE, S.PAUSED) or subscription.renews_at > now:
        return
    try:
        subscription_move(
            subscription=subscription, to=S.PAST_DUE, reason=EventReason.RENEWAL_NOT_CHARGEABLE, now=now,
            detail={"message": why}, **past_due_changes(subscription),
        )  # fmt: skip
    except InvalidTransition:
        pass


def renewals_overdue_lapse(*, now: datetime | None = None) -> int:
    """Lapse active subscriptions whose renewal window is over and whose
    renewal never settled (the provider erred on every try): they stop
    reading, may subscribe again, and a charge that lands later is refunded."""
    now = now or timezone.now()
    never_settled = EventReason.RENEWAL_NEVER_SETTLED
    lapsed = 0
    overdue = now - renewal_window()
    for subscription in Subscription.objects.filter(
        Q(status=S.ACTIVE, term_end__lte=overdue) | Q(status=S.PAUSED, pause_until__lte=overdue)
    ):
        try:
            subscription_move(
                subscription=subscription, to=S.PAST_DUE, reason=never_settled, now=now,
                **{**past_due_changes(subscription), "grace_until": now},
            )  # fmt: skip
            subscription_move(subscription=subscription, to=S.LAPSED, reason=never_settled, now=now, ended_at=now)
        except InvalidTransition:
            continue
        lapsed += 1
    return lapsed


def billing_clock_tick(
    *, now: datetime | None = None, provider=None, charge_chunk: Callable[[int, int], object] | None = None
) -> dict:
    """One turn of the clock; safe to run twice at once or again after a crash.

    With ``charge_chunk``, each chunk of due renewals is handed to it (the
    periodic job queues one job per chunk, so every job consumer takes a
    share of a busy day) instead of being charged in this call; the answer
    then says how many chunks went out rather than how many were charged.
    """
    now = now or timezone.now()
    # First: an upgrade whose request died holds its term's charge until it is settled.
    upgrades = plan_upgrades_reconcile(now=now)
    turn = {
        "ended": subscriptions_end_due(now=now),
        "lapsed": renewals_overdue_lapse(now=now) + cards_needed_lapse(now=now),
        "notices": renewal_notices_send(now=now),
    }
    if charge_chunk is None:
        turn["charged"] = renewals_charge(now=now, provider=provider)
    else:
        chunks = list(renewal_chunks_due(now=now))
        for after, last in chunks:
            charge_chunk(after, last)
        turn["chunks_queued"] = len(chunks)
    turn["retried"] = renewal_retries(now=now, provider=provider)
    turn["duplicates_refunded"] = duplicates_refund_due()
    if upgrades:
        turn["upgrades_settled"] = upgrades
    return turn


def subscription_clock_run(*, subscription: Subscription, now: datetime | None = None, provider=None) -> dict:
    """The clock's turn for one subscription now (staff: the admin action and
    ``manage.py billing_clock --subscription``). The same rules as the periodic
    turn: no charge before the notice's date, none twice."""
    now = now or timezone.now()
    turn = {"ended": subscriptions_end_due(now=now, subscription_ids=[subscription.pk]), "notices": 0, "charged": 0, "retried": 0}
    cards_needed_lapse(now=now, subscription_ids=[subscription.pk])
    subscription.refresh_from_db()
    renews = subscription.status in (S.ACTIVE, S.PAUSED)
    window = now + timedelta(hours=app_settings.PRE_DEBIT_NOTICE_HOURS)
    if renews and subscription.renews_at <= window:
        turn["notices"] = 1 if _notice_send(subscription, now, window) else 0
    if renews and subscription.renews_at <= now:
        turn["charged"] = renewals_charge_chunk(after_pk=subscription.pk - 1, last_pk=subscription.pk, now=now, provider=provider)
    if subscription.status == S.PAST_DUE:
        turn["retried"] = renewal_retries(now=now, provider=provider, subscription_ids=[subscription.pk])
    subscription.refresh_from_db()
    turn["status"] = subscription.status
    turn["in_flight"] = charge_in_flight(subscription_id=subscription.pk, term_number=subscription.term_number + 1, now=now)
    return turn
