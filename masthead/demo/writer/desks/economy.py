"""The Economy desk's kinds of story: growth, inflation, the central bank,
public finances, trade and industrial policy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates
from masthead.demo.writer.vocabulary import MANUFACTURING

# What moved prices or growth, as a headline says it: long pools, so that a
# generation of monthly data never repeats a headline.
_PRICES = "|".join((
    "as vegetable prices cool", "on cheaper pulses", "as the new harvest arrives", "as fuel prices hold",
    "with tomato prices in retreat", "as onion prices fall", "on cheaper edible oils", "as milk prices steady",
    "as cereal prices ease", "despite costlier cooking gas", "as sugar prices soften", "as the monsoon helps",
))
_GROWTH = "|".join((
    "as factory output picks up", "as services hold firm", "as construction booms", "on government spending",
    "as farm output recovers", "as consumers spend more", "despite weak exports", "as mining rebounds",
    "on a strong harvest", "as private investment stirs", "despite a weak monsoon", "as trade and hotels recover",
))
_EXPORTS = "|".join((
    "as engineering goods recover", "as chemicals shipments pick up", "as garment orders return",
    "on strong pharmaceutical sales", "as gems and jewellery slump", "as rice exports surge",
    "despite weak demand in Europe", "as electronics exports climb", "as freight costs bite",
    "on higher oil imports", "as gold imports jump", "as electronics imports climb",
))
_RATES = "|".join((
    "as inflation cools slowly", "and flags food-price risks", "despite calls for a cut", "as the rupee wobbles",
    "with one eye on oil", "as growth holds up", "and warns on global risks", "as the monsoon disappoints",
    "and tightens rules on personal loans", "as bond yields climb", "to anchor inflation expectations",
    "as food prices spike", "and signals a long pause", "as the Fed stays on hold",
))
_TAX = "|".join((
    "as compliance improves", "on strong corporate receipts", "as income tax filings jump",
    "despite lower excise duties", "as more firms file returns", "as refunds slow", "on higher customs duties",
    "as the formal economy grows", "despite a slowing economy", "on one-off receipts",
))
DESK = Desk(
    datelines=("New Delhi", "New Delhi", "New Delhi", "Mumbai", "Mumbai"),
    kinds=(
        Kind(
            "growth",
            subject="economy",
            aliases=("growth", "GDP", "gross domestic product", "output", "expansion"),
            weight=2,
            headlines=templates(
                "Economy grows {gdp}% in the {quarter_short} quarter [[" + _GROWTH + "]]",
                "Growth [[steadies|picks up|rises|accelerates]] to {gdp}% [[" + _GROWTH + "]]",
                "GDP growth [[slows|eases|cools]] to {gdp}% from {gdp_prev}% [[" + _GROWTH + "]]",
                "{Quarter_short} GDP: [[farm weakness offsets a factory revival|consumers spend, companies wait|government spending does the heavy lifting|services carry the economy|construction leads, exports lag]]",
                "Economists raise {fy} growth forecasts to {gdp_fy}% [[" + _GROWTH + "]]",
                "Growth of {gdp}% leaves private investment [[the weak link|lagging|still hesitant|waiting on demand]][[, economists say|; jobs lag too|]]",
            ),
            standfirsts=templates(
                "Growth of {gdp} per cent in {quarter} came with a recovery in household spending, but economists cautioned that investment by companies remained uneven.",
                "Officials struck an upbeat note on {gdp} per cent growth, but economists pointed to weak spots in private investment and jobs.",
                "The figures put the economy on course to grow close to {gdp_fy} per cent in {fy}, [[according to several economists|economists at {bank} said]].",
            ),
            leads=templates(
                "India's economy grew {gdp} per cent in {quarter} from a year earlier, official data showed on {weekday}, faster than the {gdp_prev} per cent recorded in the previous three months and ahead of the median forecast in a poll of economists.",
                "The economy expanded {gdp} per cent in {quarter}, data released on {weekday} showed, as a pickup in manufacturing and steady growth in services offset weakness in farm output. Economists had expected growth of around {gdp_prev} per cent.",
            ),
            paragraphs=templates(
                "Manufacturing output rose {pct_mid} per cent, while construction, helped by government spending on roads and railways, grew at a faster pace. Agriculture, which employs nearly half the workforce, grew a more modest {pct2} per cent after an uneven monsoon, holding back overall growth.",
                "“The headline growth number is good, but the composition matters more,” said {economist}, {economist_role} at {bank}. “Consumption by households is recovering, but private investment outside a few sectors is still hesitant. That is what will decide whether this growth lasts.”",
                "Gross fixed capital formation, a proxy for investment, rose {pct_mid} per cent, and its share of GDP stayed close to a third. Government capital spending accounted for a large part of the increase, economists said.",
                "The finance ministry said in a statement that the GDP data showed domestic demand holding up despite a difficult global environment, and that the government remained committed to its path of fiscal consolidation.",
                "Economists at {bank} now expect the economy to grow between {gdp_lo} and {gdp_fy} per cent in {fy}, with risks tilted slightly to the downside because of uncertain monsoon rainfall and weak demand abroad for Indian goods.",
                "Rural demand, which lagged urban spending for much of the past two years, has helped growth this time. Sales of two-wheelers, tractors and everyday consumer goods in smaller towns picked up during the quarter, according to company executives and industry data.",
                "Private consumption, the largest part of GDP, grew {pct_mid} per cent. “Spending by households has turned the corner, but it is being financed partly by borrowing,” said {economist2}, a professor of economics at {university}, who warned that growth built on credit can fade quickly.",
                "Services, which make up more than half of the economy, grew {pct_mid} per cent, led by trade, hotels and transport. Financial and real-estate services were steadier, reflecting strong growth in bank lending.",
            ),
            quotes=templates(
                "“Growth is strong enough that we can afford to be patient on rates, and inflation is not yet low enough that we can afford to be impatient.” — {economist}, {economist_role} at {bank}",
                "“Every percentage point of growth we add without adding jobs makes the politics harder, not easier.” — {economist2}, {university}",
            ),
        ),
        Kind(
            "inflation",
            subject="inflation",
            aliases=("prices", "price pressures", "the consumer price index"),
            weight=2,
            headlines=templates(
                "Retail inflation [[eases|slows|cools|falls]] to {cpi}% in {month_prev} [[" + _PRICES + "]]",
                "Inflation [[dips|drops|moderates]] to {cpi}% [[" + _PRICES + "]]",
                "Consumer prices rise {cpi}% in {month_prev}[[, the slowest in {months} months|; core holds at {cpi_core}%|, giving rate-setters room| as food eases|]]",
                "{Month_prev} price data: [[food eases, core stays sticky|relief for households, caution for the central bank|vegetables cheaper, services dearer]] at {cpi}%",
                "Cheaper food pulls inflation down to {cpi}% [[" + _PRICES + "]]",
            ),
            standfirsts=templates(
                "Food inflation moderated in {month_prev} as fresh supplies reached markets, though economists warned that core prices, at {cpi_core} per cent, remained sticky.",
                "Inflation of {cpi} per cent gives the central bank more room, but most economists expect it to wait for a few more months of data before acting.",
                "The fall from {cpi_prev} per cent to {cpi} per cent will feed into the central bank's next policy review, where rate-setters are expected to stay cautious.",
            ),
            leads=templates(
                "Retail inflation slowed to {cpi} per cent in {month_prev} from {cpi_prev} per cent a month earlier, government data showed on {weekday}, as prices of vegetables and pulses eased with the arrival of the new harvest in wholesale markets across the country.",
                "Consumer price inflation eased to {cpi} per cent in {month_prev}, official data released on {weekday} showed, the lowest reading in {months} months and a relief for households that have faced steep increases in the cost of food and cooking fuel over the past year.",
            ),
            paragraphs=templates(
                "Food inflation, which makes up nearly half of the consumer price basket, slowed to {pct_mid} per cent. Prices of tomatoes and onions, which had spiked during the summer, fell sharply as fresh supplies arrived in wholesale markets.",
                "Core inflation, which strips out volatile food and fuel prices and is watched closely by policymakers, was little changed at about {cpi_core} per cent, suggesting that underlying price pressures remain contained but have not disappeared.",
                "“This gives the central bank some breathing room,” said {economist}, {economist_role} at {bank}, of the inflation figures. “But one good month does not make a trend. Rate-setters will want to see how the monsoon and global commodity prices play out before they commit to easing.”",
                "Wholesale prices, which track costs at the factory gate, rose {pct2} per cent from a year earlier. The gap between wholesale and retail inflation has narrowed over the past year, easing the pressure on companies to pass higher costs on to consumers.",
                "Fuel and light inflation stayed low because retail prices of petrol and diesel were unchanged during the month. Economists said prices would climb if global crude prices rose and the government chose to pass the increase on.",
                "Rural inflation ran slightly above urban inflation, reflecting the larger weight of food in village budgets. Economists said a normal monsoon would be the single most important factor in keeping prices in check over the coming months.",
                "The central bank aims to keep inflation at 4 per cent within a band of two percentage points either side. Its rate-setters have said they want price growth to settle durably near the target before they cut interest rates.",
            ),
            lists=(
                (
                    ("Inflation in {month_prev}, at a glance:",),
                    (
                        "Consumer prices: up {cpi} per cent, against {cpi_prev} per cent a month earlier",
                        "Core inflation: about {cpi_core} per cent",
                        "Food inflation: {pct_mid} per cent",
                        "Wholesale prices: up {pct2} per cent",
                    ),
                ),
            ),
        ),
        Kind(
            "rates",
            subject="repo rate",
            aliases=("the central bank", "rate-setters", "rate-setting", "the governor", "interest rates", "policymakers", "the committee"),
            weight=2,
            min_year=2001,
            headlines=templates(
                "Repo rate [[held|kept|left]] at {rate}% [[" + _RATES + "]]",
                "[[Rate-setters|Policymakers|The central bank|The governor]] [[stay on hold|keep rates steady|pause again|hold fire]] [[" + _RATES + "]]",
                "@2016|[L1]Central bank leaves rates unchanged, raises its growth forecast to {gdp_fy}%",
                "[[Bond yields ease to {yield10}%|Banks see no change in loan rates|Home-loan borrowers wait longer|Bankers expect no cut soon]] as the repo rate stays at {rate}%",
                "[[No rate cut yet|Patience on rates|Rates on hold|A hawkish pause]]: the governor [[wants inflation to settle first|sees inflation at {cpi}%|keeps the stance unchanged|flags a {nth} risk]]",
            ),
            standfirsts=templates(
                "The governor said policymakers would remain watchful on inflation at {cpi} per cent, while signalling comfort with the current pace of growth.",
                "Bond yields eased to {yield10} per cent after the central bank's decision, as traders read the statement as slightly less hawkish than expected.",
                "With the repo rate at {rate} per cent, the central bank said it would keep liquidity in the banking system consistent with its stance.",
            ),
            leads=templates(
                "The central bank kept its benchmark repo rate unchanged at {rate} per cent on {weekday}, as widely expected, saying that inflation was moving in the right direction but that risks from food prices and an uncertain global environment called for continued vigilance.",
                "@2016|India's rate-setting committee held the policy repo rate at {rate} per cent for a {nth} consecutive meeting on {weekday}, and raised its forecast for economic growth in {fy} to {gdp_fy} per cent, citing resilient domestic demand and a steady recovery in rural spending.",
            ),
            paragraphs=templates(
                "@2016|The six-member committee's decision was {vote}. Members kept the policy stance focused on bringing inflation durably down to the 4 per cent target, a formulation that suggests rate cuts by the central bank are unlikely in the immediate future.",
                "“We will not be complacent,” the governor said at a press conference after the meeting. “Inflation has come down, but the last mile is always the hardest. We want to see it settle on a sustained basis before we change course.”",
                "The central bank projected inflation at {cpi} per cent for the current financial year, slightly below its previous estimate, and said it would keep liquidity in the banking system at levels consistent with its stance.",
                "Economists were divided on the outlook for interest rates. {Economist} of {bank} said the central bank could begin cutting within {months} months if food prices stayed benign, while others argued that a firm dollar and higher global yields would keep policymakers cautious.",
                "The yield on the ten-year government bond fell to {yield10} per cent after the central bank's announcement. Shares of banks and property developers, which are sensitive to interest rates, rose modestly.",
                "The governor also announced steps to tighten rules on unsecured personal loans, which have grown rapidly, saying the central bank wanted lenders to build buffers before problems emerged rather than after.",
                "Bankers said the repo rate decision meant loan rates for homes and cars were unlikely to change soon. “Deposit costs are still rising for us,” said {economist2}, a former banker who now teaches at {university}. “Until the central bank cuts, there is little room to lower lending rates.”",
            ),
        ),
        Kind(
            "fiscal",
            subject="finance ministry",
            aliases=("the government", "the fiscal deficit", "tax", "the Centre", "officials"),
            weight=2,
            ministries=("Finance",),
            headlines=templates(
                "[[A {fd}% deficit target|The {fy} deficit goal|The fiscal target]] is within reach, [[officials say|finance ministry says|despite a stake-sale shortfall|as tax receipts surge|as spending is reined in]]",
                "Tax collections rise {pct_mid}% in the first {n} months of {fy} [[" + _TAX + "]]",
                "[[A {lakh_crore} capital spending push|Spending of {lakh_crore} on roads and railways|A {lakh_crore} infrastructure budget]] [[planned for {fy_next}|to revive private investment|to be protected from cuts|on the cards]]",
                "[L0][[Spending controls tighten|Ministries told to seek approval|Year-end spending curbed]] [[as stake sales lag|in the last quarter|to hold the deficit at {fd}%|as dividends fall short]]",
                "Corporate tax receipts up {pct_big}% [[" + _TAX + "]]",
                "Direct taxes grow {pct_mid}% [[" + _TAX + "]]",
            ),
            standfirsts=templates(
                "Direct tax receipts have run ahead of estimates in {fy}, giving the finance ministry room to sustain spending on roads and railways.",
                "Officials said receipts from stake sales were likely to fall short in {fy}, but higher dividends from state-owned companies would make up much of the gap.",
                "The finance ministry expects to hold the deficit at {fd} per cent of GDP, [[helped by corporate tax receipts that rose {pct_big} per cent|despite capital spending of {lakh_crore}]].",
            ),
            leads=templates(
                "The government is on course to meet its target of holding the fiscal deficit at {fd} per cent of gross domestic product in {fy}, two senior finance ministry officials said on {weekday}, as strong tax collections offset lower-than-budgeted receipts from the sale of stakes in state-run companies.",
                "Net tax collections rose {pct_mid} per cent from a year earlier in the first {n} months of {fy}, finance ministry data showed on {weekday}, helped by higher corporate and personal income tax receipts and better compliance as more transactions moved into the formal economy.",
            ),
            paragraphs=templates(
                "Corporate tax receipts grew {pct_big} per cent, while personal income tax collections, boosted by a wider tax base, rose at a similar pace. Indirect taxes grew more slowly, reflecting cuts in excise duties on some fuels earlier in the year, finance ministry data showed.",
                "“There is some cushion in the numbers,” said one of the finance ministry officials, who asked not to be named because the discussions were not public. “But we are not going to spend it. The priority is credibility, and that means hitting the target we announced.”",
                "The government has budgeted {lakh_crore} for capital expenditure this year, much of it for highways, railways and defence. Economists say sustaining that spending is crucial at a time when private companies remain cautious about committing to new projects.",
                "{Economist}, {economist_role} at {bank}, said the quality of the government's fiscal consolidation had improved. “For years, capital spending was the first thing cut when revenue fell short. That has changed, and it matters for growth over the medium term,” {economist_last} said.",
                "The finance ministry has asked departments to seek approval before committing to large new expenditure in the last quarter of the year, a practice meant to prevent the rush of spending that has often marked the final months of the financial year.",
                "Receipts from the sale of government stakes in state-run companies have lagged the budget estimate, officials said, because market conditions had not favoured some of the planned sales. The finance ministry now expects to rely more on dividends from those companies.",
                "The government's borrowing plan for the second half of the year is expected to be announced next month. Bond traders said a smaller-than-feared borrowing requirement would support prices of government securities.",
            ),
        ),
        Kind(
            "trade",
            subject="exports",
            aliases=("the trade deficit", "exporters", "imports", "the commerce ministry", "trade"),
            weight=2,
            headlines=templates(
                "Merchandise exports [[rise|grow|climb]] {pct_mid}% in {month_prev} [[" + _EXPORTS + "]]",
                "Trade deficit [[widens|grows|balloons]] to ${trade_def} billion [[" + _EXPORTS + "]]",
                "Services exports of ${usd_bn_svc} billion [[cushion the goods trade gap|offset weak merchandise trade|keep the current account in check]] in {month_prev}",
                "Exports reach ${usd_bn_exp} billion in {month_prev} [[" + _EXPORTS + "]]",
                "Import bill of ${usd_bn_imp} billion [[outpaces exports|strains the trade account|worries officials]] [[" + _EXPORTS + "]]",
            ),
            standfirsts=templates(
                "Exporters of engineering goods, chemicals and garments reported better orders in {month_prev}, but warned that freight costs and weak demand in Europe were a drag.",
                "Higher imports of crude oil and electronics widened the {month_prev} trade gap to ${trade_def} billion, though earnings from services kept growing strongly.",
                "Merchandise exports reached ${usd_bn_exp} billion in {month_prev}; services brought in about ${usd_bn_svc} billion more, [[commerce ministry data showed|officials said]].",
            ),
            leads=templates(
                "India's merchandise exports rose {pct_mid} per cent from a year earlier to ${usd_bn_exp} billion in {month_prev}, commerce ministry data showed on {weekday}, helped by a recovery in shipments of engineering goods and chemicals. The trade deficit stood at ${trade_def} billion.",
                "The country's merchandise trade deficit widened to ${trade_def} billion in {month_prev}, as a rise in the import bill for crude oil, electronics and gold outpaced growth in exports, according to data released by the commerce ministry on {weekday}.",
            ),
            paragraphs=templates(
                "Imports rose {pct_mid} per cent to ${usd_bn_imp} billion. Oil accounted for roughly a quarter of the import bill, while purchases of electronic goods, including components for the domestic assembly industry, rose sharply.",
                "Services exports, which include software, consulting and back-office work, were estimated at about ${usd_bn_svc} billion for the month, providing a substantial cushion against the deficit in goods trade.",
                "“Exporters are dealing with a difficult mix of weak demand in Europe, higher freight costs and aggressive competition from other Asian suppliers,” said {exp_head}, president of the {assoc}. “Despite that, order books for the next two quarters look reasonable.”",
                "Exporters of labour-intensive goods such as garments, leather and footwear said they had lost orders to competitors with lower costs, and asked the commerce ministry for cheaper credit and faster refunds of duties paid on inputs.",
                "Engineering goods, the largest category of merchandise exports, grew {pct2} per cent, while shipments of pharmaceuticals and chemicals rose faster. Exports of gems and jewellery fell, reflecting weaker demand in the United States.",
                "Gold imports, which swing with prices and the wedding season, rose sharply during the month, adding to the trade deficit. Economists said the current account deficit remained manageable because of strong services exports and remittances.",
                "Shipping costs have become a worry for exporters. Freight rates on routes to Europe have risen as vessels avoid congested sea lanes, and small exporters say higher costs are eroding margins that were thin to begin with.",
            ),
        ),
        Kind(
            "industry",
            subject="{sector} industry",
            aliases=("{sector_plural}", "the scheme", "{minister_last}", "manufacturers", "the industry", "the policy"),
            weight=2,
            sectors=MANUFACTURING,
            ministries=("Commerce", "Heavy Industries"),
            headlines=templates(
                "[L0]Government readies an incentive scheme for the {sector} industry[[ worth {crore_l}| tied to exports| linked to output| for smaller towns| to cut imports]]",
                "{Minister_title} promises faster clearances for {sector} projects[[ within {n} months| through a single window|, and cheaper land| in backward districts|]]",
                "New {sector} policy aims to attract {crore_l} of investment[[ over five years| in smaller towns| from abroad| and {n} new plants|]]",
                "{Sector_plural} [[welcome|question|cautiously back|pick holes in]] the Centre's {sector} [[plan|scheme|incentives|policy]][[ over land costs| over power tariffs| over logistics|]]",
                "The {sector} industry wants [[cheaper power|faster ports|land|fewer inspections|better roads]], not [[incentives|another scheme|subsidies|promises]]",
            ),
            standfirsts=templates(
                "{Sector_plural} welcomed the move but said land, power costs and logistics remained bigger obstacles than the availability of incentives.",
                "The {sector} scheme, expected to go to the cabinet within {weeks} weeks, would link support to production targets and local sourcing.",
                "The {sector} industry has been promised approvals within {n} months; [[executives want to see it before they believe it|officials say a single window is ready]].",
            ),
            leads=templates(
                "The government is preparing an incentive scheme that aims to attract {crore_l} of investment in the {sector} industry over five years, with support linked to output and exports, according to a draft document reviewed by this newspaper and two officials familiar with the plan.",
                "{Minister_title} {minister} said on {weekday} that the government would cut the time taken to approve new {sector} projects to under {n} months, as part of an effort to revive private investment in the {sector} industry and create jobs in smaller towns.",
            ),
            paragraphs=templates(
                "The draft proposes incentives of between {pct2} and {pct_mid} per cent of incremental sales over five years for {sector_plural} that meet minimum investment thresholds. Smaller firms would qualify at lower thresholds, a change sought by the industry's associations.",
                "“We have heard the same complaint from every investor in the {sector} industry: the incentives are attractive, but the approvals take too long,” {minister_last} told a gathering of industrialists in {city}. “We are fixing that with a single window that will actually be a single window.”",
                "Industry executives welcomed the plan but were cautious about its impact. “Incentives help at the margin,” said {exp_head}, who heads the {sector} committee of {assoc2}. “What really decides where {sector_plural} build is the cost of land, the reliability of power and how quickly we can get goods to a port.”",
                "States are expected to compete for the investment. Officials said several had already offered land at concessional rates and promised to fast-track environmental approvals for {sector} projects that qualify under the scheme.",
                "The {sector} industry employs several hundred thousand people directly, according to industry estimates, and many more among suppliers. Officials hope the scheme will encourage {sector_plural} to build plants away from crowded industrial belts.",
                "Economists said the scheme's design would matter more than its size. “Support tied to output can work if it is time-bound and transparent,” said {economist}, {economist_role} at {bank}. “The danger is that it becomes a permanent subsidy for the {sector} industry.”",
                "{Sector_plural} say their biggest cost disadvantage is logistics. Moving goods from factory to port costs far more in India than in competing countries, and the scheme does little about that, said {exp_head}.",
            ),
        ),
    ),
    subheads=("The bigger picture", "The wider context", "Looking ahead", "Beyond the headline number"),
)
