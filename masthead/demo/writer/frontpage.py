"""The stories at the top of today's home page, the same on every load.

Their headlines (and so their slugs) never change, whatever the day or the
seed, so the documentation and a newcomer's bookmarks can name them. Their
standfirsts and leads are written for their headlines; the rest of each
story is drawn from its kind like any other, with the named subject pinned.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FrontPageStory:
    slug: str
    headline: str
    section: str
    kind: str
    premium: bool
    standfirst: str
    lead: str
    # Named things the story is about, by slot: {"startup": "Thaali Labs"}.
    pins: dict[str, str] = field(default_factory=dict)


# Latest first: the first is the home page's lead story.
FRONT_PAGE: tuple[FrontPageStory, ...] = (
    FrontPageStory(
        slug="thaali-labs-raises-funds-to-take-office-meals-to-smaller-cities",
        headline="Thaali Labs raises funds to take office meals to smaller cities",
        section="technology",
        kind="startup",
        premium=False,
        pins={"startup": "Thaali Labs"},
        standfirst="The {tech_city} start-up, which has about {users} customers, says its lunch boxes can pay their way in smaller cities; its new investors at {vc} are betting it is right.",
        lead="Thaali Labs, a {tech_city}-based start-up that offers {product}, said on {weekday} it had raised ${usd_m_small} million in a round led by {vc}, and would use the money to take its lunch boxes beyond the largest cities to office districts in {n} smaller ones.",
    ),
    FrontPageStory(
        slug="rupee-steadies-against-the-dollar",
        headline="Rupee steadies against the dollar",
        section="markets",
        kind="rupee",
        premium=True,
        standfirst="Oil importers bought dollars and exporters sold them in equal measure, and the rupee ended the day at {rupee}; dealers expect the calm to last while Brent stays near ${brent}.",
        lead="The rupee ended little changed at {rupee} against the US dollar on {weekday}, after swinging in a narrow range for most of the session, as dollar demand from oil importers was matched by exporters selling their foreign-currency earnings, currency dealers said.",
    ),
    FrontPageStory(
        slug="retail-inflation-eases-as-vegetable-prices-cool",
        headline="Retail inflation eases as vegetable prices cool",
        section="economy",
        kind="inflation",
        premium=False,
        standfirst="Consumer prices rose {cpi} per cent from a year earlier in {month_prev}, down from {cpi_prev} per cent, giving the central bank room it may not use yet.",
        lead="Retail inflation eased to {cpi} per cent in {month_prev} from {cpi_prev} per cent a month earlier, government data showed on {weekday}, as prices of tomatoes, onions and leafy vegetables fell with the arrival of fresh supplies in wholesale markets.",
    ),
    FrontPageStory(
        slug="lok-sabha-passes-the-coastal-shipping-amendment-bill",
        headline="Lok Sabha passes the Coastal Shipping (Amendment) Bill",
        section="politics",
        kind="bill",
        premium=False,
        pins={"bill": "Coastal Shipping (Amendment) Bill"},
        standfirst="The {party} says the bill will make it cheaper to move cargo between Indian ports; the {opp} says it was rushed. The Rajya Sabha votes next.",
        lead="The Lok Sabha on {weekday} passed the Coastal Shipping (Amendment) Bill, which the government says will make it cheaper to move cargo between Indian ports, after a debate in which opposition members accused the ruling {party} of rushing the bill through without scrutiny.",
    ),
    FrontPageStory(
        slug="oil-climbs-as-producers-extend-output-cuts",
        headline="Oil climbs as producers extend output cuts",
        section="world",
        kind="oil",
        premium=False,
        standfirst="Brent rose to ${brent} a barrel after producers kept their cuts in place, unwelcome news for India, which imports most of the oil it uses.",
        lead="Oil prices rose on {weekday}, with Brent crude futures climbing to ${brent} a barrel in {oil_city}, after a group of major producers said they would extend their output cuts into next quarter, tightening supplies at a time when demand from Asia has held up.",
    ),
    FrontPageStory(
        slug="konkan-commercial-bank-profit-rises-as-loan-growth-holds-up",
        headline="Konkan Commercial Bank profit rises as loan growth holds up",
        section="markets",
        kind="results",
        premium=True,
        pins={"co": "Konkan Commercial Bank"},
        standfirst="The {co_city}-based lender earned {crore_s} in {quarter}, up {pct_rev} per cent, as loans to households and small businesses grew and deposits stopped getting dearer.",
        lead="Konkan Commercial Bank, {co_desc}, said on {weekday} that its net profit rose {pct_rev} per cent from a year earlier to {crore_s} in {quarter}, as loans to households and small businesses kept growing and the cost of its deposits stopped rising.",
    ),
)
