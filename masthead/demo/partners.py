"""A partner publication with a pool of codes, so partner access works out of the box."""

import random

from masthead.partners.models import Partner
from masthead.partners.policy import ClaimPeriod
from masthead.partners.services import partner_codes_load


def demo_partner_load(*, rng: random.Random) -> Partner:
    partner = Partner.objects.create(
        name="The World Review",
        slug="world-review",
        description="A year of The World Review's digital edition, included with your subscription.",
        instructions="Enter the code at the partner's redemption page and sign in or create an account there.",
        redeem_url="https://world-review.example/redeem",
        low_stock_threshold=20,
        # A year's access: one code a year of subscription, not one a quarter.
        claim_period=ClaimPeriod.YEAR,
    )
    codes = "\n".join(f"WR-{rng.randrange(16**10):010X}" for _ in range(200))
    partner_codes_load(partner=partner, upload=codes.encode())
    return partner
