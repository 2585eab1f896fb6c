"""The World desk's kinds of story and its shared copy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

DESK = Desk(
    datelines=("Singapore", "London", "Washington", "Tokyo", "Dubai", "Brussels"),
    kinds=(
        Kind(
            "central-bank",
            weight=2,
            dateline_key="fcb_city",
            min_year=1999,
            headlines=templates(
                "{Fcb_short} holds rates steady, signals patience on cuts",
                "{Fcb_short} keeps policy unchanged as inflation cools slowly",
                "{Fcb_short} stays on hold; Asian currencies steady",
            ),
            standfirsts=templates(
                "The decision was widely expected, but policymakers' comments on inflation moved bond and currency markets around the world, including in India.",
                "Indian fund managers said a steadier path for global rates would support foreign flows into Indian bonds and shares.",
            ),
            leads=templates(
                "{Fcb} left its key interest rate unchanged on {weekday}, saying it needed more evidence that inflation was returning sustainably to its target before it could consider lowering borrowing costs, a stance that sent ripples through bond and currency markets from {fcb_city} to Mumbai.",
                "Policymakers at {fcb} kept rates on hold on {weekday} for a {nth} consecutive meeting, and signalled that they were in no hurry to ease, as {fcb_econ} proved more resilient than expected and price pressures in services remained stubborn.",
            ),
            paragraphs=templates(
                "The decision matters for India because interest rates in the largest economies shape the flow of money into emerging markets. When yields in the developed world stay high, foreign investors have less incentive to buy Indian bonds and shares.",
                "“The message is that the last stretch of the inflation fight is proving hard,” said {economist}, {economist_role} at {bank}. “For India, that means the rupee will stay under some pressure and our own central bank will be wary of moving too far ahead of the big economies.”",
                "Markets had priced in a high probability that rates would stay unchanged, so the focus was on the accompanying statement and on policymakers' projections, which suggested fewer cuts over the next year than investors had hoped.",
            ),
        ),
        Kind(
            "trade-talks",
            weight=2,
            dateline_key="fcity",
            ministries=("Commerce",),
            headlines=templates(
                "India, {country_h} make progress on trade pact; farm access still a hurdle",
                "India and {country_h} aim to conclude trade talks by end-{year_target}",
                "Dairy, visas remain sticking points in India-{country_h} trade talks",
            ),
            standfirsts=templates(
                "Negotiators have agreed on tariff cuts for most industrial goods, but sensitive sectors on both sides remain unresolved.",
                "An agreement would give Indian garment and engineering exporters better access to a wealthy market, officials said.",
            ),
            leads=templates(
                "Negotiators from India and {country} ended a {nth} round of talks on a free trade agreement in {fcity} on {weekday}, reporting progress on tariffs for industrial goods but continuing differences over access for farm and dairy products and over visas for Indian professionals.",
                "India and {country} aim to conclude negotiations on a trade agreement by the end of {year_target}, officials from both sides said on {weekday}, after talks in {fcity} narrowed differences on rules of origin, government procurement and the treatment of digital services.",
            ),
            paragraphs=templates(
                "An Indian commerce ministry official said the two sides had agreed on the broad structure of tariff reductions for most industrial products. “We are now in the difficult phase, where every remaining line item has a domestic constituency behind it,” the official said.",
                "India has traditionally been reluctant to open its farm and dairy sectors, which support hundreds of millions of livelihoods, to imports. Negotiators have instead offered phased tariff cuts on wines, spirits and some processed foods.",
                "Indian exporters of garments, leather goods and engineering products stand to gain most from lower tariffs, according to an analysis by the {assoc}, which estimated that exports could rise by ${usd_bn} billion within five years of an agreement.",
                "For India, services are central to the negotiations. New Delhi wants easier temporary movement for its software engineers, nurses and other professionals, while {country} has pressed for stronger protection of intellectual property and lower duties on cars.",
            ),
        ),
        Kind(
            "oil",
            weight=2,
            dateline_key="oil_city",
            headlines=templates(
                "Oil climbs to ${brent} as producers extend output cuts",
                "Crude rises on supply worries; Asian importers brace for higher bills",
                "Brent tops ${brent_round} as inventories fall",
            ),
            standfirsts=templates(
                "Analysts said prices could rise further if inventories keep falling, a worry for oil-importing economies such as India.",
                "Asian refiners have stepped up purchases of cargoes for delivery next month, traders said.",
            ),
            leads=templates(
                "Oil prices rose on {weekday}, with Brent crude futures climbing to ${brent} a barrel, after a group of major producers said they would extend output cuts into next quarter, tightening supplies at a time when demand from Asia has been stronger than expected.",
                "Crude prices climbed for a {nth} straight session on {weekday}, with Brent trading near ${brent} a barrel in {oil_city}, as signs of falling inventories and supply disruptions in the Middle East outweighed worries about slowing growth in China and Europe.",
            ),
            paragraphs=templates(
                "The rally is unwelcome news for India, which imports more than 80 per cent of the crude oil it consumes. Higher prices widen the trade deficit, put pressure on the rupee and can push up inflation if refiners pass the costs on to consumers.",
                "“The market has tightened faster than most people expected,” said {f_analyst}, head of commodities research at {f_firm} in {oil_city}. “Producers have shown they are willing to keep barrels off the market to defend prices, and demand has not cracked.”",
                "Indian state-run refiners have so far held retail fuel prices steady, absorbing some of the increase. Analysts say their margins will come under pressure if crude stays above ${brent_round} a barrel for long.",
            ),
        ),
        Kind(
            "economy-abroad",
            weight=2,
            dateline_key="fcountry_city",
            headlines=templates(
                "{Fcountry} growth slows to {fgdp}% as exports weaken",
                "{Fcountry} factory activity contracts for {nth} month",
                "Slowdown in {fcountry} clouds outlook for Asian exporters",
            ),
            standfirsts=templates(
                "Economists said weaker demand in one of Asia's major economies could weigh on Indian exports of chemicals and engineering goods.",
                "Policymakers signalled they were ready to support growth, but economists doubted a quick turnaround.",
            ),
            leads=templates(
                "The economy of {fcountry} grew {fgdp} per cent in the latest quarter from a year earlier, official data showed on {weekday}, slowing from {fgdp_prev} per cent in the previous three months as demand for its exports softened and consumers held back in the face of high borrowing costs.",
                "Factory activity in {fcountry} shrank for a {nth} consecutive month, a closely watched survey showed on {weekday}, as new export orders fell and manufacturers cut staff, adding to evidence that the slowdown is spreading across the region's trade-dependent economies.",
            ),
            paragraphs=templates(
                "The slowdown has implications for India. {Fcountry} is among India's significant trading partners, and weaker demand there could weigh on Indian exports of chemicals, engineering goods and farm products, economists said.",
                "“We are seeing a synchronised softening in manufacturing across the region,” said {f_analyst}, chief economist at {f_firm}. “Services are holding up better, but they cannot offset the drag from trade indefinitely.”",
                "@2018|Some economists see an opportunity for India in the shift. As companies diversify their supply chains, India has attracted investment in electronics assembly, pharmaceuticals and auto components, though it still lags behind Vietnam and Mexico in the scale of new factories.",
                "Policymakers in {fcountry_city} have signalled they are prepared to support growth. Officials said last month that they would accelerate spending on infrastructure and offer targeted relief to small businesses hit by weaker demand.",
            ),
        ),
        Kind(
            "summit",
            weight=1,
            dateline_key="summit_city",
            ministries=("Commerce", "Finance"),
            headlines=templates(
                "India pitches for manufacturing investment at {summit_short}",
                "{Minister_title} courts investors at {summit_short}",
                "India, {country_h} sign pacts on energy and critical minerals",
            ),
            standfirsts=templates(
                "Delegates said the gathering produced few firm commitments but helped rebuild trust after a period of trade disputes.",
                "India presented itself as a stable alternative for companies seeking to spread their supply chains across more countries.",
            ),
            leads=templates(
                "India's {minister_title}, {minister}, urged foreign companies to invest in the country's manufacturing and clean-energy industries at {summit} in {summit_city} on {weekday}, pitching India as a stable and fast-growing alternative for businesses seeking to diversify their supply chains.",
            ),
            paragraphs=templates(
                "In a speech to business leaders, {minister_last} highlighted faster approvals for factories, investment in ports and highways and a stable tax regime. “We are not asking you to leave anywhere,” {minister_last} said. “We are asking you to grow with us.”",
                "Delegates said the gathering had produced few concrete commitments but had helped rebuild trust after a period of trade disputes. A joint statement committed participating countries to work towards common standards for customs procedures.",
                "India signed agreements with {country} on cooperation in renewable energy and critical minerals on the sidelines of the meeting, officials said. The pacts are not binding but are expected to lead to joint investment projects.",
            ),
        ),
    ),
    standfirsts=(),
    paragraphs=templates(
        "The dollar has been volatile in recent weeks, and emerging-market currencies, including the rupee, have moved within a narrow range as investors await clearer signals on the direction of global interest rates.",
        "Global shipping costs have also risen, with freight rates on routes between Asia and Europe climbing as vessels avoid congested or disrupted sea lanes. Indian exporters say higher freight costs are eroding already thin margins.",
        "The International Monetary Fund has forecast that global growth will remain below its long-run average this year, with advanced economies slowing and emerging Asia, led by India, accounting for a large share of the expansion.",
        "Indian officials have been keen to present the country as a reliable economic partner at a time of heightened geopolitical tension. New Delhi has expanded its network of trade and investment agreements and sought to position itself as an alternative manufacturing base.",
        "Analysts at {f_firm} said in a note to clients that Asian equity markets had become more sensitive to changes in expectations about US interest rates, with India somewhat insulated by strong domestic investor flows.",
        "@2008|Remittances from Indians working abroad, particularly in the Gulf, the United States and Britain, reached about ${usd_bn_rem} billion last year, making India the largest recipient of such flows in the world and an important source of support for the rupee.",
        "Gold, which tends to attract buyers in periods of uncertainty, traded close to recent highs. India is one of the world's largest consumers of the metal, and high prices have dampened demand for jewellery in the domestic market.",
        "Commodity markets more broadly have been volatile, with prices of copper and aluminium swinging on shifting expectations about Chinese demand and the pace of investment in power grids and electric vehicles.",
        "Diplomats said relations between the major powers would shape the economic outlook as much as interest rates. Disputes over technology exports, tariffs and access to critical minerals have made supply chains more fragmented.",
        "Foreign investors have been watching India's own policy signals closely. Portfolio flows into Indian bonds have picked up, and several global fund managers say they see India as a relatively stable bet among emerging markets.",
        "Shipping insurers have raised premiums for vessels crossing some of the busiest sea lanes, adding to the cost of moving goods and energy between Asia, Europe and the Gulf.",
        "For Indian companies with overseas operations, currency swings present both risks and opportunities. A weaker rupee raises the value of export earnings but increases the cost of servicing foreign-currency debt.",
        "“India is not immune to what happens in the big economies,” said {economist}, {economist_role} at {bank}. “But with large reserves and strong domestic demand, it is better placed to absorb shocks than most of its peers.”",
    ),
    subheads=("Why it matters for India", "The global picture", "What comes next", "The wider context"),
    quotes=templates(
        "“India is not immune to what happens in the big economies, but it is better cushioned than it was a decade ago.” — {economist}, {economist_role} at {bank}",
        "“Supply chains are being redrawn by politics as much as by costs. That is the new reality for every exporter.” — {f_analyst}, {f_firm}",
    ),
    lists=(
        (
            ("Why it matters for India:",),
            (
                "Higher global interest rates can slow foreign investment in Indian bonds and shares",
                "Oil prices feed directly into India's import bill and inflation",
                "Weaker demand abroad weighs on exports of engineering goods and chemicals",
                "A stronger dollar puts pressure on the rupee, now at {rupee} per dollar",
                "Remittances from Indians abroad provide a cushion for the current account",
            ),
        ),
    ),
)
