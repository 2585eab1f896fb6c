"""The World desk's kinds of story: foreign central banks, trade talks, oil,
other economies and summits, each with what it means for India."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

_OIL = "|".join((
    "as producers extend output cuts", "on supply worries in the Gulf", "as inventories fall", "on strong Asian demand",
    "as a pipeline outage bites", "as tanker rates climb", "on hopes for Chinese demand", "as hurricane season looms",
    "after a drone attack on a refinery", "as the dollar weakens", "as refiners restock", "on a tighter winter outlook",
))
_CENTRAL_BANK = "|".join((
    "and signals patience on cuts", "and warns on services inflation", "as wage growth stays strong",
    "as inflation cools unevenly", "and pushes back bets on a cut", "and sees growth slowing",
    "as the housing market cools", "and keeps its balance sheet shrinking", "as unemployment edges up",
    "and flags risks from oil", "as markets had expected", "despite slowing growth",
))
DESK = Desk(
    datelines=("Singapore", "London", "Washington", "Tokyo", "Dubai", "Brussels"),
    kinds=(
        Kind(
            "central-bank",
            subject="{fcb}",
            aliases=("{fcb_short}", "policymakers", "{fcb_econ}"),
            weight=1,
            dateline_key="fcb_city",
            min_year=1999,
            headlines=templates(
                "{Fcb_short} holds rates [[steady|unchanged]] [[" + _CENTRAL_BANK + "]]",
                "{Fcb_short} stays on hold for a {nth} meeting[[ " + _CENTRAL_BANK + "]]",
                "Why the {fcb_short}'s pause matters for [[Indian bonds|the rupee|foreign flows into India|Indian exporters|the central bank in Mumbai]]",
                "[[Asian currencies steady|Indian bond yields dip|The rupee firms|Emerging markets rally]] after the {fcb_short} [[holds rates|stays on hold|keeps policy unchanged]] [[" + _CENTRAL_BANK + "]]",
            ),
            standfirsts=templates(
                "The {fcb_short}'s decision was widely expected, but its comments on inflation moved bond and currency markets around the world, including in India.",
                "Indian fund managers said a steadier path for rates at {fcb} would support foreign flows into Indian bonds and shares.",
                "{Fcb} said it needed more evidence on inflation before cutting, [[pushing back market bets on an early move|a message heard in Mumbai as much as in {fcb_city}]].",
            ),
            leads=templates(
                "{Fcb} left its key interest rate unchanged on {weekday}, saying it needed more evidence that inflation was returning sustainably to its target before it could consider lowering borrowing costs, a stance that sent ripples through bond and currency markets from {fcb_city} to Mumbai.",
                "Policymakers at {fcb} kept rates on hold on {weekday} for a {nth} consecutive meeting, and signalled that they were in no hurry to ease, as {fcb_econ} proved more resilient than expected and price pressures in services remained stubborn.",
            ),
            paragraphs=templates(
                "The decision by {fcb} matters for India because interest rates in the largest economies shape the flow of money into emerging markets. When yields in the developed world stay high, foreign investors have less incentive to buy Indian bonds and shares.",
                "“The message from the {fcb_short} is that the last stretch of the inflation fight is proving hard,” said {economist}, {economist_role} at {bank}. “For India, that means the rupee will stay under some pressure and our own central bank will be wary of moving too far ahead of the big economies.”",
                "Markets had priced in a high probability that the {fcb_short} would leave rates unchanged, so the focus was on the accompanying statement and on policymakers' projections, which suggested fewer cuts over the next year than investors had hoped.",
                "{Fcb_econ} has slowed but not stalled, data published before the meeting showed, and wage growth remains strong enough to worry policymakers, who fear that services inflation could stay high even as goods prices ease.",
                "In {fcb_city}, analysts said the {fcb_short} was unlikely to move before the summer. “They have been burned by declaring victory too early before,” said {f_analyst}, an economist at {f_firm}. “They would rather be late than wrong.”",
                "The rupee was little changed after the {fcb_short}'s decision, and Indian bond yields edged lower. Dealers in Mumbai said foreign investors had already positioned for a long pause by the {fcb_short}.",
            ),
        ),
        Kind(
            "trade-talks",
            subject="{country}",
            aliases=("{country_h}", "negotiators", "the agreement", "the talks", "the pact"),
            weight=2,
            dateline_key="fcity",
            ministries=("Commerce",),
            headlines=templates(
                "India and {country_h} make progress on a trade pact; [[farm access still a hurdle|dairy remains the sticking point|visas remain open|cars and wine next|services talks stall]]",
                "India and {country_h} aim to conclude trade talks by end-{year_target}[[ after a {nth} round| despite gaps on dairy|]]",
                "[[Dairy, visas|Cars and wine|Digital trade and data|Rules of origin|Government procurement]] remain sticking points in India-{country_h} talks",
                "{Country_h} trade deal could lift Indian exports by ${usd_bn} billion[[, exporters say|, study finds|]]",
                "A {nth} round of India-{country_h} trade talks ends in {fcity} [[with a draft text|without a deal|with tariffs settled|with hopes of a deal by {year_target}]]",
            ),
            standfirsts=templates(
                "Negotiators from India and {country} have agreed on tariff cuts for most industrial goods, but sensitive sectors on both sides remain unresolved.",
                "An agreement with {country} would give Indian garment and engineering exporters better access to a wealthy market, officials said.",
                "Talks in {fcity} narrowed the gaps with {country} on rules of origin; [[visas for professionals are still open|farm goods remain off the table]].",
            ),
            leads=templates(
                "Negotiators from India and {country} ended a {nth} round of talks on a free trade agreement in {fcity} on {weekday}, reporting progress on tariffs for industrial goods but continuing differences over access for farm and dairy products and over visas for Indian professionals.",
                "India and {country} aim to conclude negotiations on a trade agreement by the end of {year_target}, officials from both sides said on {weekday}, after talks in {fcity} narrowed differences on rules of origin, government procurement and the treatment of digital services.",
            ),
            paragraphs=templates(
                "An Indian commerce ministry official said India and {country_h} had agreed on the broad structure of tariff reductions for most industrial products. “We are now in the difficult phase of the talks, where every remaining line item has a domestic constituency behind it,” the official said.",
                "India has traditionally been reluctant to open its farm and dairy sectors, which support hundreds of millions of livelihoods, to imports. In the talks with {country}, negotiators have instead offered phased tariff cuts on wines, spirits and some processed foods.",
                "Indian exporters of garments, leather goods and engineering products stand to gain most from an agreement with {country}, according to an analysis by the {assoc}, which estimated that exports could rise by ${usd_bn} billion within five years of a pact.",
                "Services are central to the talks. New Delhi wants easier temporary movement for its software engineers, nurses and other professionals, while {country} has pressed for stronger protection of intellectual property and lower duties on cars.",
                "Business groups in {country} have pushed for the agreement, seeing India as a large and growing market. A delegation of executives from {country_h} is expected in New Delhi next month to meet officials and potential partners.",
                "Trade between India and {country} has grown steadily but remains small relative to the size of the two economies, officials said, and an agreement could double it within a decade if tariffs fall as planned.",
            ),
        ),
        Kind(
            "oil",
            subject="oil",
            aliases=("crude", "Brent", "producers", "refiners", "barrel"),
            weight=2,
            dateline_key="oil_city",
            headlines=templates(
                "Oil [[climbs|rises|jumps|advances]] to ${brent} [[" + _OIL + "]]",
                "Crude rises for a {nth} session [[" + _OIL + "]]",
                "Brent tops ${brent_round} [[" + _OIL + "]]",
                "Oil at ${brent}: what a [[costlier barrel|higher crude price|tighter market]] means for [[India's import bill|the rupee|fuel prices in India|India's refiners]]",
                "[[Refiners in Asia|Traders in {oil_city}|Indian refiners]] [[scramble for cargoes|brace for higher bills|hedge]] as oil nears ${brent_high}",
            ),
            standfirsts=templates(
                "Analysts said oil could rise further if inventories keep falling, a worry for importers such as India, where Brent at ${brent} strains the trade account.",
                "Asian refiners have stepped up purchases of crude cargoes for delivery next month, traders in {oil_city} said.",
                "Brent's climb to ${brent} a barrel puts pressure on India's state-run refiners, [[which have held pump prices steady|and on the rupee]].",
            ),
            leads=templates(
                "Oil prices rose on {weekday}, with Brent crude futures climbing to ${brent} a barrel, after a group of major producers said they would extend output cuts into next quarter, tightening supplies at a time when demand from Asia has been stronger than expected.",
                "Oil prices climbed for a {nth} straight session on {weekday}, with Brent trading near ${brent} a barrel in {oil_city}, as signs of falling inventories and supply disruptions in the Middle East outweighed worries about slowing growth in Europe.",
            ),
            paragraphs=templates(
                "The rally in oil is unwelcome news for India, which imports more than 80 per cent of the crude it consumes. Higher prices widen the trade deficit, put pressure on the rupee and can push up inflation if refiners pass the costs on to consumers.",
                "“The oil market has tightened faster than most people expected,” said {f_analyst}, head of commodities research at {f_firm} in {oil_city}. “Producers have shown they are willing to keep barrels off the market to defend prices, and demand has not cracked.”",
                "Indian state-run refiners have so far held retail fuel prices steady, absorbing some of the increase in crude. Analysts say their margins will come under pressure if oil stays above ${brent_round} a barrel for long.",
                "Traders in {oil_city} said Asian refiners had stepped up purchases of crude for delivery next month, anticipating tighter supplies. Freight rates for large tankers have also risen, adding to the cost of each barrel delivered to India.",
                "Options traders have been buying protection against a spike to ${brent_high} a barrel, a level last seen during supply scares, {f_analyst_last} said, a sign of how nervous the oil market has become.",
                "Some analysts expect oil to ease later in the year as new supply from outside the producers' group comes on stream. “The cuts buy producers time, not a permanently higher price,” said {f_analyst_last}.",
                "India has tried to soften the blow of costlier crude by buying from a wider range of suppliers and building strategic reserves, officials said, though the reserves cover only a few days of the country's oil needs.",
            ),
        ),
        Kind(
            "economy-abroad",
            subject="{fcountry}",
            aliases=("{fcountry_city}", "the slowdown", "its economy", "policymakers"),
            weight=2,
            dateline_key="fcountry_city",
            headlines=templates(
                "{Fcountry} growth slows to {fgdp}% [[as exports weaken|as consumers retrench|as factories cut output|as property sales slump|on weak demand for chips|as the currency strengthens|as tourism falters]]",
                "{Fcountry} factory activity contracts for a {nth} month[[; new orders fall|; hiring freezes|; prices ease|]]",
                "Slowdown in {fcountry} clouds the outlook for [[Asian exporters|Indian chemicals makers|the region|India's engineering exports|commodity prices]]",
                "{Fcountry_city} readies [[stimulus|spending on infrastructure|help for small firms|tax cuts|cheaper credit]] as {fcountry} [[slows to {fgdp}%|loses momentum|misses forecasts]]",
            ),
            standfirsts=templates(
                "Economists said weaker demand in {fcountry} could weigh on Indian exports of chemicals and engineering goods.",
                "Policymakers in {fcountry_city} signalled they were ready to support growth, but economists doubted a quick turnaround for {fcountry}.",
                "{Fcountry}'s economy grew {fgdp} per cent, down from {fgdp_prev} per cent; [[exports led the slowdown|consumers held back]].",
            ),
            leads=templates(
                "The economy of {fcountry} grew {fgdp} per cent in the latest quarter from a year earlier, official data showed on {weekday}, slowing from {fgdp_prev} per cent in the previous three months as demand for its exports softened and consumers held back in the face of high borrowing costs.",
                "Factory activity in {fcountry} shrank for a {nth} consecutive month, a closely watched survey showed on {weekday}, as new export orders fell and manufacturers cut staff, adding to evidence that the slowdown is spreading across the region's trade-dependent economies.",
            ),
            paragraphs=templates(
                "The slowdown has implications for India. {Fcountry} is among India's significant trading partners, and weaker demand there could weigh on Indian exports of chemicals, engineering goods and farm products, economists said.",
                "“We are seeing a synchronised softening in manufacturing across the region, and {fcountry} is no exception,” said {f_analyst}, chief economist at {f_firm}. “Services are holding up better, but they cannot offset the drag from trade indefinitely.”",
                "@2018|Some economists see an opportunity for India in the slowdown in {fcountry}. As companies diversify their supply chains, India has attracted investment in electronics assembly, pharmaceuticals and auto components, though it still lags behind Vietnam and Mexico in the scale of new factories.",
                "Policymakers in {fcountry_city} have signalled they are prepared to support growth. Officials said last month that they would accelerate spending on infrastructure and offer targeted relief to small businesses in {fcountry} hit by weaker demand.",
                "Consumers in {fcountry} have cut back on big purchases such as cars and appliances, retailers said, as higher interest rates raised the cost of borrowing and job security weakened in export industries.",
                "Indian exporters who sell to {fcountry} said orders had slowed over the past two months. Some said they were looking to other markets in South-East Asia and the Gulf to make up the shortfall.",
            ),
        ),
        Kind(
            "summit",
            subject="{summit}",
            aliases=("{summit_short}", "the summit", "the gathering", "delegates", "the meeting", "{minister_last}"),
            weight=1,
            dateline_key="summit_city",
            ministries=("Commerce", "Finance"),
            headlines=templates(
                "India pitches for [[manufacturing investment|clean-energy investment|electronics factories|port investment|battery plants]] at the {summit_short}[[ in {summit_city}|]]",
                "{Minister_title} courts investors at the {summit_short}[[ with a promise of faster approvals| with a pitch on stable taxes| with new port links| with land ready for factories|]]",
                "At the {summit_short}, India [[sells itself as a stable alternative|seeks partners for clean energy|presses for fairer trade rules|signs pacts on critical minerals|pushes for common customs standards|argues against carbon taxes on imports]]",
                "{Summit_short} ends with [[a joint statement on customs|few firm commitments|pledges on supply chains|a promise to meet again]][[; India claims progress|; investors want more|]]",
            ),
            standfirsts=templates(
                "Delegates at the {summit_short} said it produced few firm commitments but helped rebuild trust after a period of trade disputes.",
                "At {summit}, India presented itself as a stable alternative for companies seeking to spread their supply chains across more countries.",
                "The {summit_short} in {summit_city} ended with a joint statement on customs procedures; [[investors want more|India called it a start]].",
            ),
            leads=templates(
                "India's {minister_title}, {minister}, urged foreign companies to invest in the country's manufacturing and clean-energy industries at {summit} in {summit_city} on {weekday}, pitching India as a stable and fast-growing alternative for businesses seeking to diversify their supply chains.",
            ),
            paragraphs=templates(
                "In a speech to business leaders at the summit, {minister_last} highlighted faster approvals for factories, investment in ports and highways and a stable tax regime. “We are not asking you to leave anywhere,” {minister_last} said. “We are asking you to grow with us.”",
                "Delegates said the gathering had produced few concrete commitments but had helped rebuild trust after a period of trade disputes. A joint statement committed participating countries to work towards common standards for customs procedures.",
                "On the sidelines of the summit, Indian officials met executives from electronics, battery and chemicals companies, {minister_last} said, adding that several had asked about sites and incentives.",
                "{Minister_last} also pressed for fairer treatment of developing countries in global trade rules, arguing at the meeting that carbon taxes on imports planned by some rich economies would penalise exporters that were still industrialising.",
                "Business leaders at the summit said India's pitch was stronger than in the past but that concerns remained about sudden policy changes. “The direction is right; the predictability is what we watch,” said {f_analyst}, a partner at {f_firm}.",
            ),
        ),
    ),
    subheads=("Why it matters for India", "The global picture", "What comes next", "The wider context"),
)
