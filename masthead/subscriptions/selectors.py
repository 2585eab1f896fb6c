from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from urllib.parse import urlsplit

from django.db.models import Q, QuerySet
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from masthead.core.localcache import local_cache
from masthead.core.money import Money
from masthead.payments.models import BillingProfile, PaymentStatus
from masthead.payments.selectors import charge_in_flight, term_attempts

from .benefits import delivered_benefits
from .app_settings import app_settings
from .models import (
    LIVE_STATUSES,
    READING_STATUSES,
    Benefit,
    EventReason,
    Offer,
    Plan,
    PlanChange,
    PlanChangeStatus,
    RenewalNotice,
    RetrySettings,
    Subscription,
    SubscriptionEvent,
    SubscriptionStatus,
)
from .offers import code_normalised, refusal
from .terms import next_retry_at, renewal_charge_day


def plans_on_sale() -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True)


def plans_in_order(plans: Iterable[Plan], order: Sequence[str]) -> list[Plan]:
    """``plans`` with those ``order`` names (by slug) first, in that order,
    then the others in their own order. A slug naming no plan here is passed
    over: a plan taken off sale stays off the list."""
    plans = list(plans)
    rank = {slug: index for index, slug in enumerate(order)}
    return sorted(plans, key=lambda plan: rank.get(plan.slug, len(rank)))


@dataclass(frozen=True)
class PlansPageListing:
    """How the plans page lists the plans for one reader: the plans' slugs,
    first shown first ((): the site's order), and the offer shown on them
    (None: the plans' own prices)."""

    plan_order: tuple[str, ...] = ()
    offer_id: int | None = None


@dataclass(frozen=True)
class PlanListed:
    """A plan on a list of plans, with the offer's price when one is shown on it."""

    plan: Plan
    offer_price: Money | None = None
    offer_in_words: str = ""


def plans_listed(*, order: Sequence[str] = (), offer_id: int | None = None, now: datetime | None = None):
    """The plans on sale in ``order``, and the offer shown on them: the offer
    ``offer_id`` names when it may be taken now, priced on each of its plans
    (the others keep their own price); else None and the plans' own prices."""
    plans = plans_in_order(plans_on_sale(), order)
    offer = offer_open(offer_id, now=now)
    offered = set(offer.plans.values_list("pk", flat=True)) if offer is not None else set()
    listed = [
        PlanListed(plan, offer.price_for(plan), offer.in_words(plan)) if plan.pk in offered else PlanListed(plan)
        for plan in plans
    ]
    return listed, offer if offered & {plan.pk for plan in plans} else None


def offer_open(offer_id: int | None, *, now: datetime | None = None) -> Offer | None:
    """The offer, when it may be taken now (switched on, begun, not ended, not used up)."""
    if offer_id is None:
        return None
    offer = Offer.objects.filter(pk=offer_id).first()
    if offer is None or refusal(offer.facts, now or timezone.now()) is not None:
        return None
    return offer


# Set by the experiments app: how a reader's arm lists the plans page. The
# plans app knows nothing of experiments; an arm changes only this listing.
_plans_page_adjusters: list[Callable[..., PlansPageListing]] = []


def on_plans_page_listing(adjust: Callable[..., PlansPageListing]) -> Callable[..., PlansPageListing]:
    """``adjust(request=, listing=, record=)`` returns the listing for that request's reader."""
    if adjust not in _plans_page_adjusters:
        _plans_page_adjusters.append(adjust)
    return adjust


def plans_page_listing(request, *, record: bool = True) -> PlansPageListing:
    """The listing for the request's reader. ``record``: the reader is shown
    it (the plans page); checkout asks without recording."""
    listing = PlansPageListing()
    for adjust in _plans_page_adjusters:
        listing = adjust(request=request, listing=listing, record=record)
    return listing


def offer_by_key(key: str) -> Offer | None:
    """The offer a link or a typed code names: its random link token exactly,
    or its code in any case. Anything else names none."""
    if not key or len(key) > 64:
        return None
    if offer := Offer.objects.filter(link_token=key).first():
        return offer
    code = code_normalised(key)
    return Offer.objects.filter(code=code).first() if code else None


@dataclass(frozen=True)
class PlanOffer:
    """A plan on sale as an offer shows it."""

    plan: Plan
    price: Money
    in_words: str


def offer_plans(offer: Offer) -> list[PlanOffer]:
    """The offer's plans that are on sale, each with its price under the offer."""
    return [
        PlanOffer(plan=plan, price=offer.price_for(plan), in_words=offer.in_words(plan))
        for plan in offer.plans.filter(is_active=True)
    ]


def plan_chosen_at_checkout(next_url: str) -> Plan | None:
    """The plan a reader chose when checkout sent them to log in or sign up
    first (``next`` is the plan's checkout page, /subscribe/<plan>/). Only
    this site's own address counts, and only a plan on sale: any other
    ``next`` names no plan, so nothing shown beside the form can be made up
    by whoever wrote the link."""
    if not next_url or not url_has_allowed_host_and_scheme(next_url, allowed_hosts=None):
        return None
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return None
    if match.view_name != "subscriptions:checkout":
        return None
    return plans_on_sale().filter(slug=match.kwargs["slug"]).first()


# Checking what each benefit line promises costs a few queries; the answer
# may lag a minute behind (a pool running out, the first e-paper edition).
BENEFITS_SECONDS = 60
BENEFITS_CACHE_KEY = "benefits:shown"


def benefits_shown() -> list[Benefit]:
    """The benefit lines staff switched on whose promise the site keeps now."""
    return local_cache.get_or_set(
        BENEFITS_CACHE_KEY, lambda: delivered_benefits(Benefit.objects.filter(is_active=True)), BENEFITS_SECONDS
    )


def current_subscription(*, user) -> Subscription | None:
    """The reader's subscription that is still going (pending included), if any."""
    return Subscription.objects.filter(user=user, status__in=LIVE_STATUSES).select_related("plan").first()


def subscription_refusing_checkout(*, user) -> Subscription | None:
    """The reader's subscription for which checkout refuses them a new one
    ("You already have a subscription"): any still going (reading, in a
    trial, paused, waiting for a new card) but a checkout awaiting its first
    payment, which beginning again replaces."""
    return (
        Subscription.objects.filter(user=user, status__in=LIVE_STATUSES)
        .exclude(status=SubscriptionStatus.PENDING)
        .select_related("plan")
        .first()
    )


def reading_subscription(*, user, now: datetime | None = None) -> Subscription | None:
    """The subscription that lets this reader read everything now, if any."""
    now = now or timezone.now()
    for subscription in Subscription.objects.filter(user=user, status__in=READING_STATUSES).select_related("plan"):
        if subscription.grants_reading(now):
            return subscription
    return None


def refunded_term(*, subscription_id, term_number) -> QuerySet[Subscription]:
    """The subscription, when the money of its term ``term_number`` came back;
    else nothing. Whatever the subscription's state now: a term refunded after
    it ran out, or an earlier term refunded after a renewal, counts too.

    The term's own (non-duplicate) payment marked refunded decides; a
    subscription that ended refunded in that term says the same (a staff
    refund of the current term ends it so). The arguments may be ``OuterRef``s,
    so what hangs on a term (gift links, e-paper shares) asks in one query.
    """
    paid_term_refunded = Q(
        payments__term_number=term_number, payments__status=PaymentStatus.REFUNDED, payments__duplicate=False
    )
    ended_refunded_in_term = Q(status=SubscriptionStatus.REFUNDED, term_number=term_number)
    return Subscription.objects.filter(paid_term_refunded | ended_refunded_in_term, pk=subscription_id)


def term_refunded(*, subscription_id: int, term_number: int) -> bool:
    return refunded_term(subscription_id=subscription_id, term_number=term_number).exists()


@dataclass(frozen=True)
class RenewalOutlook:
    """What the account page says about the next charge; the same dates the
    billing clock charges on."""

    charge_on: datetime | None = None
    retry_on: datetime | None = None
    in_flight: bool = False
    first_payment_in_flight: bool = False


def renewal_charge_on(subscription: Subscription, now: datetime) -> datetime:
    """When the next renewal is charged: the notice's date once a notice went
    out, else the day a notice sent now would give (the e-mandate rule, as the
    clock dates it). The account page says this date."""
    notice = RenewalNotice.objects.filter(subscription=subscription, term_number=subscription.term_number + 1).first()
    if notice is not None:
        return notice.charge_on
    return renewal_charge_day(subscription.renews_at, now)


def renewal_retry_days() -> list[int]:
    """The days after a term's end on which a failed renewal is tried again:
    as Business staff set them (RetrySettings), or the site's default."""
    return RetrySettings.current().days or list(app_settings.RENEWAL_RETRY_DAYS)


def renewal_retry_at(subscription: Subscription, *, retry_days: list[int] | None = None) -> datetime | None:
    """The day the clock next retries this subscription's failed renewal, if any is left."""
    attempts = term_attempts(subscription_id=subscription.pk, term_number=subscription.term_number + 1)
    return next_retry_at(subscription.term_end, attempts.last_at, retry_days or renewal_retry_days())


def renewal_outlook(*, subscription: Subscription | None, now: datetime | None = None) -> RenewalOutlook:
    now = now or timezone.now()
    if subscription is not None and subscription.status == SubscriptionStatus.PENDING:
        return RenewalOutlook(
            first_payment_in_flight=charge_in_flight(
                subscription_id=subscription.pk, term_number=subscription.checkout_term, now=now
            )
        )
    if subscription is None or subscription.term_end is None:
        return RenewalOutlook()
    in_flight = charge_in_flight(subscription_id=subscription.pk, term_number=subscription.term_number + 1, now=now)
    if subscription.status in (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAUSED):
        return RenewalOutlook(charge_on=renewal_charge_on(subscription, now), in_flight=in_flight)
    if subscription.status == SubscriptionStatus.PAST_DUE:
        retry_on = renewal_retry_at(subscription)
        return RenewalOutlook(retry_on=retry_on if retry_on and retry_on < subscription.grace_until else None, in_flight=in_flight)
    return RenewalOutlook()


def upgrade_being_charged(*, subscription_id: int) -> bool:
    """Whether an upgrade the reader asked for waits for its charge (written,
    under the subscription's lock, before the charge is made): the current
    term's price and the next renewal are the upgrade's to decide until it settles."""
    return PlanChange.objects.filter(subscription_id=subscription_id, status=PlanChangeStatus.PENDING).exists()


def saved_card_dead(subscription: Subscription) -> bool:
    """The provider said the reader's saved card can no longer be charged
    (the card_unusable event recorded then names the card: the move to
    needs_card, or a note while paused or cancelling), and it is still the
    saved one. A new card saved since is charged as usual."""
    card = (
        BillingProfile.objects.filter(user_id=subscription.user_id)
        .exclude(provider_payment_method_id="")
        .values_list("provider_payment_method_id", flat=True)
        .first()
    )
    return bool(card) and SubscriptionEvent.objects.filter(
        subscription_id=subscription.pk, reason=EventReason.CARD_UNUSABLE, detail__card=card
    ).exists()
