from dataclasses import dataclass

from .models import Partner, PartnerCode


@dataclass(frozen=True)
class PartnerOffer:
    partner: Partner
    code: PartnerCode | None


def partner_offers(*, user, subscription) -> list[PartnerOffer]:
    """Each partner offered, with the code this subscriber holds for this term, if any."""
    held = {}
    if subscription is not None:
        held = {
            code.partner_id: code
            for code in PartnerCode.objects.filter(subscription=subscription, term_number=subscription.term_number)
        }
    return [PartnerOffer(partner, held.get(partner.pk)) for partner in Partner.objects.filter(is_active=True)]


def partner_codes_in_stock() -> bool:
    """Whether any active partner has a code left to give."""
    return PartnerCode.objects.filter(partner__is_active=True, claimed_by__isnull=True).exists()
