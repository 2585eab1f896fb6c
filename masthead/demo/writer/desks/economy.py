"""The Economy desk's kinds of story and its shared copy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates
from masthead.demo.writer.vocabulary import MANUFACTURING

DESK = Desk(
    datelines=("New Delhi", "New Delhi", "New Delhi", "Mumbai", "Mumbai"),
    kinds=(
        Kind(
            "growth",
            weight=2,
            headlines=templates(
                "Economy grows {gdp}% in {quarter_short} quarter, ahead of forecasts",
                "Growth steadies at {gdp}% as factory output picks up",
                "Manufacturing, construction lift GDP growth to {gdp}%",
            ),
            standfirsts=templates(
                "Economists said household consumption had recovered, but cautioned that investment by companies remained uneven.",
                "Officials struck an upbeat note, but economists pointed to weak spots in private investment and jobs.",
                "The figures suggest the economy is on course to grow close to {gdp_fy}% in {fy}, according to several economists.",
            ),
            leads=templates(
                "India's economy grew {gdp} per cent in {quarter} from a year earlier, official data showed on {weekday}, faster than the {gdp_prev} per cent recorded in the previous three months and ahead of the median forecast in a poll of economists.",
                "Gross domestic product expanded {gdp} per cent in {quarter}, data released on {weekday} showed, as a pickup in manufacturing and steady growth in services offset weakness in farm output. Economists had expected growth of around {gdp_prev} per cent.",
            ),
            paragraphs=templates(
                "Manufacturing output rose {pct_mid} per cent, while construction, helped by government spending on roads and railways, grew at a faster pace. Agriculture, which employs nearly half the workforce, grew a more modest {pct2} per cent after an uneven monsoon.",
                "“The headline number is good, but the composition matters more,” said {economist}, {economist_role} at {bank}. “Consumption by households is recovering, but private investment outside a few sectors is still hesitant. That is what will decide whether this growth lasts.”",
                "Gross fixed capital formation, a proxy for investment, rose {pct_mid} per cent, and its share of GDP stayed close to a third. Government capital spending accounted for a large part of the increase, economists said.",
                "The finance ministry said in a statement that the data showed domestic demand holding up despite a difficult global environment, and that the government remained committed to its path of fiscal consolidation.",
            ),
        ),
        Kind(
            "inflation",
            weight=2,
            headlines=templates(
                "Retail inflation eases to {cpi}% in {month_prev}",
                "Cooling vegetable prices pull inflation down to {cpi}%",
                "Inflation slows to {cpi}%, raising hopes of rate relief",
            ),
            standfirsts=templates(
                "Food inflation moderated as fresh supplies reached markets, though economists warned that core prices remained sticky.",
                "The reading gives the central bank more room, but most economists expect it to wait for a few more months of data before acting.",
                "The data will feed into the central bank's next policy review, where rate-setters are expected to stay cautious.",
            ),
            leads=templates(
                "Retail inflation slowed to {cpi} per cent in {month_prev} from {cpi_prev} per cent a month earlier, government data showed on {weekday}, as prices of vegetables and pulses eased with the arrival of the new harvest in wholesale markets across the country.",
                "Consumer price inflation eased to {cpi} per cent in {month_prev}, official data released on {weekday} showed, the lowest reading in {months} months and a relief for households that have faced steep increases in the cost of food and cooking fuel over the past year.",
            ),
            paragraphs=templates(
                "Food inflation, which makes up nearly half of the consumer price basket, slowed to {pct_mid} per cent. Prices of tomatoes and onions, which had spiked during the summer, fell sharply as fresh supplies arrived from {state} and neighbouring states.",
                "Core inflation, which strips out volatile food and fuel prices and is watched closely by policymakers, was little changed at about {cpi_core} per cent, suggesting that underlying price pressures remain contained but have not disappeared.",
                "“This gives the central bank some breathing room,” said {economist}, {economist_role} at {bank}. “But one good month does not make a trend. Rate-setters will want to see how the monsoon and global commodity prices play out before they commit to easing.”",
                "Wholesale prices, which track costs at the factory gate, rose {pct2} per cent from a year earlier, reflecting lower prices of metals and some chemicals. The gap between wholesale and retail inflation has narrowed over the past year.",
            ),
        ),
        Kind(
            "rates",
            weight=2,
            min_year=2001,
            headlines=templates(
                "Central bank holds repo rate at {rate}%, keeps stance unchanged",
                "Rate-setters stay on hold, flag risks from food prices",
                "@2016|[L1]Central bank leaves rates unchanged, raises growth forecast to {gdp_fy}%",
            ),
            standfirsts=templates(
                "The governor said policymakers would remain watchful on inflation, while signalling comfort with the current pace of growth.",
                "Bond yields eased after the decision, as traders read the statement as slightly less hawkish than expected.",
            ),
            leads=templates(
                "The central bank kept its benchmark repo rate unchanged at {rate} per cent on {weekday}, as widely expected, saying that inflation was moving in the right direction but that risks from food prices and an uncertain global environment called for continued vigilance.",
                "@2016|India's rate-setting committee held the policy repo rate at {rate} per cent for a {nth} consecutive meeting on {weekday}, and raised its forecast for economic growth in {fy} to {gdp_fy} per cent, citing resilient domestic demand and a steady recovery in rural spending.",
            ),
            paragraphs=templates(
                "@2016|The six-member committee's decision was {vote}. Members kept the policy stance focused on bringing inflation durably down to the 4 per cent target, a formulation that suggests rate cuts are unlikely in the immediate future.",
                "“We will not be complacent,” the governor said at a press conference after the meeting. “Inflation has come down, but the last mile is always the hardest. We want to see it settle on a sustained basis before we change course.”",
                "The central bank projected inflation at {cpi} per cent for the current financial year, slightly below its previous estimate, and said it would keep liquidity in the banking system at levels consistent with its stance.",
                "Economists were divided on the outlook. {Economist} of {bank} said the central bank could begin cutting rates within {months} months if food prices stayed benign, while others argued that a firm dollar and higher global yields would keep policymakers cautious.",
                "The yield on the ten-year government bond fell to {yield10} per cent after the announcement, and the rupee was little changed. Shares of banks and property developers, which are sensitive to interest rates, rose modestly.",
            ),
        ),
        Kind(
            "fiscal",
            weight=2,
            ministries=("Finance",),
            headlines=templates(
                "Centre on track to meet {fd}% fiscal deficit target, officials say",
                "Tax collections rise {pct_mid}% in first {n} months of {fy}",
                "Government plans {lakh_crore} capital spending push",
                "[L0]Finance ministry tightens spending controls as disinvestment lags",
            ),
            standfirsts=templates(
                "Direct tax receipts have run ahead of estimates, giving the government room to sustain spending on roads and railways.",
                "Officials said receipts from stake sales were likely to fall short, but higher dividends from state-owned companies would make up much of the gap.",
            ),
            leads=templates(
                "The government is on course to meet its target of holding the fiscal deficit at {fd} per cent of gross domestic product in {fy}, two senior finance ministry officials said on {weekday}, as strong tax collections offset lower-than-budgeted receipts from the sale of stakes in state-run companies.",
                "Net tax collections rose {pct_mid} per cent from a year earlier in the first {n} months of {fy}, finance ministry data showed on {weekday}, helped by higher corporate and personal income tax receipts and better compliance as more transactions moved into the formal economy.",
            ),
            paragraphs=templates(
                "Corporate tax receipts grew {pct_big} per cent, while personal income tax collections, boosted by a wider tax base, rose at a similar pace. Indirect taxes grew more slowly, reflecting cuts in excise duties on some fuels earlier in the year.",
                "“There is some cushion in the numbers,” said one of the officials, who asked not to be named because the discussions were not public. “But we are not going to spend it. The priority is credibility, and that means hitting the target we announced.”",
                "The government has budgeted {lakh_crore} for capital expenditure this year, much of it for highways, railways and defence. Economists say sustaining that spending is crucial at a time when private companies remain cautious about committing to new projects.",
                "{Economist}, {economist_role} at {bank}, said the quality of fiscal consolidation had improved. “For years, capital spending was the first thing cut when revenue fell short. That has changed, and it matters for growth over the medium term,” {economist_last} said.",
            ),
        ),
        Kind(
            "trade",
            weight=2,
            headlines=templates(
                "Merchandise exports rise {pct_mid}% in {month_prev} as engineering goods recover",
                "Trade deficit widens to ${trade_def} billion on higher oil imports",
                "Services exports cushion goods trade gap in {month_prev}",
            ),
            standfirsts=templates(
                "Exporters of engineering goods, chemicals and garments reported better orders, but warned that freight costs and weak demand in Europe were a drag.",
                "Higher imports of crude oil and electronics widened the gap, though earnings from services continued to grow strongly.",
            ),
            leads=templates(
                "India's merchandise exports rose {pct_mid} per cent from a year earlier to ${usd_bn_exp} billion in {month_prev}, commerce ministry data showed on {weekday}, helped by a recovery in shipments of engineering goods and chemicals. The trade deficit stood at ${trade_def} billion.",
                "The country's merchandise trade deficit widened to ${trade_def} billion in {month_prev}, as a rise in the import bill for crude oil, electronics and gold outpaced growth in exports, according to data released by the commerce ministry on {weekday}.",
            ),
            paragraphs=templates(
                "Imports rose {pct_mid} per cent to ${usd_bn_imp} billion. Oil accounted for roughly a quarter of the total, while purchases of electronic goods, including components for the domestic assembly industry, rose sharply.",
                "Services exports, which include software, consulting and back-office work, were estimated at about ${usd_bn_svc} billion for the month, providing a substantial cushion against the deficit in goods trade.",
                "“Exporters are dealing with a difficult mix of weak demand in Europe, higher freight costs and aggressive competition from other Asian suppliers,” said {exp_head}, president of the {assoc}. “Despite that, order books for the next two quarters look reasonable.”",
                "Officials said trade agreements under negotiation, including one with {country}, could open new markets for labour-intensive products such as garments, leather and footwear, where India has lost share to Bangladesh and Vietnam over the past decade.",
            ),
        ),
        Kind(
            "industry",
            weight=2,
            sectors=MANUFACTURING,
            ministries=("Commerce", "Heavy Industries"),
            headlines=templates(
                "[L0]Government readies incentive scheme for {sector} industry",
                "{Minister_title} promises faster clearances for {sector} projects",
                "New {sector} policy aims to attract {crore_l} of investment",
            ),
            standfirsts=templates(
                "Industry groups welcomed the move but said land, power costs and logistics remained bigger obstacles than the availability of incentives.",
                "The scheme, expected to go to the cabinet within weeks, would link support to production targets and local sourcing.",
            ),
            leads=templates(
                "The government is preparing an incentive scheme that aims to attract {crore_l} of investment in the {sector} industry over five years, with support linked to output and exports, according to a draft document reviewed by this newspaper and two officials familiar with the plan.",
                "{Minister_title} {minister} said on {weekday} that the government would cut the time taken to approve new {sector} projects to under {n} months, as part of an effort to revive private investment in manufacturing and create jobs in smaller towns.",
            ),
            paragraphs=templates(
                "The draft proposes incentives of between {pct2} and {pct_mid} per cent of incremental sales over five years for companies that meet minimum investment thresholds. Smaller firms would qualify at lower thresholds, a change sought by industry associations.",
                "“We have heard the same complaint from every investor: the incentives are attractive, but the approvals take too long,” {minister_title} {minister} told a gathering of industrialists in {city}. “We are fixing that with a single window that will actually be a single window.”",
                "Industry executives welcomed the plan but were cautious about its impact. “Incentives help at the margin,” said {ceo}, {ceo_role} of {co}. “What really decides where we build is the cost of land, the reliability of power and how quickly we can get goods to a port.”",
                "States are expected to compete for the investment. {State} and {state2} have already offered land at concessional rates and promised to fast-track environmental approvals for projects that qualify under the scheme, officials said.",
            ),
        ),
    ),
    standfirsts=(),
    paragraphs=templates(
        "The data come at a delicate moment for policymakers. Global growth is slowing, oil prices remain volatile and several of India's largest export markets are grappling with their own inflation problems, limiting the room for error in domestic policy.",
        "Rural demand, which lagged urban spending for much of the past two years, has shown signs of improvement. Sales of two-wheelers, tractors and everyday consumer goods in smaller towns have picked up, according to company executives and industry data.",
        "Economists at {bank} estimate that the economy will grow between {gdp_lo} and {gdp_fy} per cent in {fy}, with risks tilted slightly to the downside because of uncertain monsoon rainfall and weak global demand for Indian goods.",
        "The monsoon, which brings about 70 per cent of India's annual rainfall, remains a key variable. A good season lifts farm incomes and rural spending; a weak one pushes up food prices and can complicate the central bank's task of controlling inflation.",
        "State governments' finances are also under scrutiny. Several states have increased spending on cash transfers and subsidies ahead of elections, raising concerns among economists about the combined fiscal deficit of the Centre and the states.",
        "Employment remains the weak link. Official surveys suggest that unemployment among young graduates is still high, and economists say the economy needs to create millions of jobs a year in manufacturing and construction to absorb new entrants to the workforce.",
        "“The fundamentals are better than they were five years ago,” said {economist2}, a professor of economics at {university}. “Banks are cleaner, companies have paid down debt and the government has invested heavily in infrastructure. The question now is whether private investment follows.”",
        "Credit growth has been strong, with bank lending rising about {pct_big} per cent from a year earlier. Loans to individuals, including home and personal loans, have grown faster than lending to industry, a trend the central bank has said it is watching closely.",
        "The government has also stepped up spending on infrastructure. Roads, railways and urban transit projects worth more than {lakh_crore} are under construction, and officials say the pace at which projects are completed has improved in the past two years.",
        "Business confidence surveys show companies are cautiously optimistic. A survey of {n_firms} manufacturers by {assoc2} found that most expect orders to rise over the next six months, though fewer plan to raise hiring significantly.",
        "Foreign direct investment inflows rose to ${usd_bn} billion in the first half of the financial year, government data showed, with services, computer software and automobiles attracting the largest amounts.",
        "Economists also point to the household savings rate, which has declined as families borrowed more to spend on homes, vehicles and consumer goods. A sustained fall could limit the pool of domestic savings available to finance investment.",
        "The rupee has remained relatively stable against the dollar, trading near {rupee}, helped by the central bank's foreign-exchange reserves, which stand at about ${fx_res} billion.",
        "Small businesses, which employ the bulk of the non-farm workforce, say conditions have improved but remain fragile. Delayed payments from larger customers and government departments continue to strain their working capital.",
    ),
    subheads=("The bigger picture", "The wider context", "Looking ahead", "Beyond the headline number"),
    quotes=templates(
        "“Growth is strong enough that we can afford to be patient on rates, and inflation is not yet low enough that we can afford to be impatient.” — {economist}, {economist_role} at {bank}",
        "“The state has done the heavy lifting on investment. It is now up to the private sector to pick up the baton.” — {economist2}, {university}",
        "“Every percentage point of growth we add without adding jobs makes the politics harder, not easier.” — {economist2}, {university}",
    ),
    lists=(
        (
            ("The main numbers:", "Key figures from the latest data:"),
            (
                "Retail inflation: {cpi} per cent, against {cpi_prev} per cent a month earlier",
                "Ten-year government bond yield: {yield10} per cent",
                "Rupee: {rupee} per dollar",
                "Foreign-exchange reserves: about ${fx_res} billion",
                "Bank credit growth: {pct_big} per cent from a year earlier",
                "Fiscal deficit target for {fy}: {fd} per cent of GDP",
            ),
        ),
    ),
)
