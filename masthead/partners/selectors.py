from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from masthead.subscriptions.models import Subscription, SubscriptionStatus

from .models import Partner, PartnerCode
from .policy import ClaimDecision, SubscriberFacts, claim_decision


@dataclass(frozen=True)
class PartnerOffer:
    partner: Partner
    decision: ClaimDecision  # its ``claimed`` is the PartnerCode held for the present period, if any


def subscriber_facts(*, user, subscription: Subscription | None) -> SubscriberFacts | None:
    """What the claim rule needs of the subscription the reader reads with now."""
    if subscription is None:
        return None
    # Refunded and ended subscriptions count: a code claimed under one still counts.
    first_start = Subscription.objects.filter(user=user, started_at__isnull=False).aggregate(first=Min("started_at"))["first"]
    return SubscriberFacts(
        first_start=first_start,
        subscription_id=subscription.pk,
        term_number=subscription.term_number,
        term_end=subscription.term_end,
        renews=subscription.status == SubscriptionStatus.ACTIVE,
        in_trial=subscription.in_trial,
    )


def claim_outlook(*, user, partner: Partner, subscription: Subscription | None, now: datetime) -> ClaimDecision:
    """The claim rule (policy.py) asked with this subscriber's facts and every code they claimed from ``partner``."""
    return claim_decision(
        period=partner.claim_period,
        offered=partner.is_active,
        subscriber=subscriber_facts(user=user, subscription=subscription),
        claims=list(PartnerCode.objects.filter(partner=partner, claimed_by=user)),
        now=now,
    )


def partner_offers(*, user, subscription: Subscription | None, now: datetime | None = None) -> list[PartnerOffer]:
    """Each partner offered, with what this subscriber may claim now and the code they hold for this period."""
    now = now or timezone.now()
    facts = subscriber_facts(user=user, subscription=subscription)
    claims: dict[int, list[PartnerCode]] = {}
    if facts is not None:
        for code in PartnerCode.objects.filter(claimed_by=user, partner__is_active=True):
            claims.setdefault(code.partner_id, []).append(code)
    return [
        PartnerOffer(
            partner,
            claim_decision(
                period=partner.claim_period, offered=True, subscriber=facts, claims=claims.get(partner.pk, []), now=now
            ),
        )
        for partner in Partner.objects.filter(is_active=True)
    ]


def partner_codes_in_stock() -> bool:
    """Whether any active partner has a code left to give."""
    return PartnerCode.objects.filter(partner__is_active=True, claimed_by__isnull=True).exists()
