"""The Market analysis desk's kinds of story: a sector, a stock to buy, a
stock to sell, portfolio strategy and an earnings preview."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

_COMPANY = ("the company", "the stock", "the shares", "management")

DESK = Desk(
    datelines=("Mumbai",),
    kinds=(
        Kind(
            "sector",
            subject="{sector}",
            aliases=("{sector_plural}", "the sector", "{co}", "{peer}"),
            weight=3,
            headlines=templates(
                "{Sector} stocks: why the rerating [[may have further to run|is not over|still has legs|depends on {co}]][[ in {fy_next}|]]",
                "Is the worst over for {sector} stocks? [[Our checks say yes|The numbers say not yet|Look at {co}|Watch {costs}]]",
                "{Sector}: separating durable earnings from a [[cyclical bounce|one-off windfall|commodity tailwind|pricing spike]][[ at {co} and {peer}|]]",
                "Where value remains in {sector} stocks after [[the rally|a {pct_big}% run|a year of upgrades|the sell-off]]",
                "{Sector} at {pe} times earnings: [[still worth owning|priced for the good news|a market for stock-pickers|cheaper than it looks]]",
                "Why {co} is our top pick among {sector_plural}[[ for {fy_next}| over {peer}|]]",
            ),
            standfirsts=templates(
                "{Sector} valuations are no longer cheap, but earnings upgrades and stronger balance sheets argue for staying invested, selectively.",
                "We examine margins, balance sheets and valuations across {sector} stocks to find where risk and reward are best balanced, and favour {co}.",
                "{Sector_plural} trade at {pe} times estimated earnings against a ten-year average of {pe_avg}; [[we think the premium is earned|the gap is the risk]].",
            ),
            leads=templates(
                "{Sector} stocks have outperformed the Meridian 50 by about {pct_big} percentage points over the past twelve months, and the obvious question for investors is whether the move has run its course. Our analysis of earnings, balance sheets and valuations suggests that it has not, though the easy gains are behind us.",
                "Few corners of the market have divided investors as sharply as {sector}. Bulls point to improving demand and cleaner balance sheets; bears see a cyclical recovery priced as if it were permanent. We examined the numbers for the largest listed {sector_plural} to find out who has the stronger case.",
            ),
            paragraphs=templates(
                "Start with valuations. The {sector} sector trades at about {pe} times estimated earnings for the next twelve months, against a ten-year average of {pe_avg} times. That premium is significant, but it looks less stretched once stronger return ratios are taken into account: return on equity has improved to about {roe} per cent.",
                "Earnings momentum remains supportive. Analysts have raised profit estimates for {sector_plural} by an average of {pct_mid} per cent over the past six months, one of the largest upgrades across the market. Consensus now expects the sector's earnings to grow about {pct_big} per cent a year over the next two years.",
                "Balance sheets are in much better shape than in the last cycle. Net debt for the largest {sector_plural} has fallen to under {leverage} times operating profit, giving them room to invest without stretching themselves, and to return cash to shareholders through dividends and buybacks.",
                "Within the sector, we prefer companies with pricing power and a record of protecting margins when {costs} rise. {Co} fits that description: it has kept operating margins above {pct_margin} per cent through two commodity cycles, and its market share has edged up in each of the past three years.",
                "We would be more cautious about smaller {sector_plural} whose share prices have run ahead of fundamentals. Several trade at more than {pe_high} times earnings despite weaker balance sheets and more volatile profit histories. In a market correction, these are the stocks likely to fall furthest.",
                "{Peer} is the sector's other large listed company and a reasonable alternative to {co}, though its margins have been more volatile and its expansion plans depend more on borrowed money.",
                "The biggest risk to our view of the sector is {costs}. A sustained rise would squeeze margins across {sector_plural}, and those with the least pricing power would suffer first.",
            ),
            lists=(
                (
                    ("Key numbers for {sector} stocks:",),
                    (
                        "Forward price-to-earnings ratio: {pe} times, against a ten-year average of {pe_avg}",
                        "Return on equity: about {roe} per cent",
                        "Earnings growth expected: {pct_big} per cent a year",
                        "Our top pick: {co}",
                    ),
                ),
            ),
        ),
        Kind(
            "stock",
            subject="{co}",
            aliases=_COMPANY,
            weight=3,
            headlines=templates(
                "{Co}: a quality compounder at [[a reasonable price|₹{price}|{pe} times earnings]]",
                "Why we are adding {co} to our model portfolio[[ in {month}|]]",
                "{Co}: the market is underestimating [[the earnings runway|its pricing power|the balance-sheet repair]]",
                "{Co}'s quiet transformation deserves a [[higher multiple|target of ₹{target}|second look]]",
                "Initiating on {co} with a target of ₹{target}[[: three reasons|, {upside}% upside|]]",
            ),
            standfirsts=templates(
                "We set a twelve-month target of ₹{target} for {co}, implying about {upside} per cent upside, on the back of steady margin expansion and a strong balance sheet.",
                "{Co}'s shares trade at a discount to peers such as {peer} despite better return ratios. We think that gap will close.",
                "{Co} has cut debt, raised margins to {pct_margin} per cent and kept growing; [[at ₹{price} the market has not noticed|we see {upside} per cent upside]].",
            ),
            leads=templates(
                "{Co} has spent the past three years quietly restructuring its business: exiting low-margin product lines, paying down debt and investing in capacity where it has pricing power. The market has yet to give it full credit. At ₹{price}, the shares trade at {pe} times estimated earnings, a discount to peers with weaker return ratios.",
                "We are initiating coverage of {co}, {co_desc}, with a positive view and a twelve-month target price of ₹{target}, about {upside} per cent above the latest close of ₹{price}. Our thesis rests on three pillars: margin expansion, a stronger balance sheet and a long runway for growth.",
            ),
            paragraphs=templates(
                "The first pillar is margins. {Co}'s operating margins have widened from about {pct_margin_old} per cent to {pct_margin} per cent over three years as the company has raised prices, improved its product mix and cut overheads. We expect a further gain of about {bps_m} basis points by {fy_next}.",
                "Second, the balance sheet. {Co}'s net debt has fallen by about {crore_s} in two years, and we expect the company to be free of net debt by the end of {fy_next}. That frees cash for capacity expansion and higher dividends, and it lowers the risk profile of the stock materially.",
                "Third, the growth runway. Demand for {co_product} in India remains low by the standards of comparable economies, and {co}'s distribution network, which reaches deep into smaller towns, is difficult for new entrants to replicate. We forecast revenue growth of about {pct_rev} per cent a year over three years.",
                "Our target price of ₹{target} for {co} is based on {pe_target} times estimated earnings for {fy_next}, a modest premium to the stock's five-year average, which we think is justified by higher return ratios and lower leverage.",
                "The main risks to our view of {co} are a sharp rise in {costs}, which the company may not be able to pass on quickly, aggressive pricing by competitors such as {peer}, and any large, debt-funded acquisition that would undo the progress on the balance sheet.",
                "Management at {co} has also been more open with investors than in the past, publishing targets for margins and debt and reporting against them each quarter. That discipline is part of why we expect the stock's discount to narrow.",
            ),
            lists=(
                (
                    ("Our investment case for {co} in brief:", "The key numbers for {co}:"),
                    (
                        "Target price: ₹{target}, about {upside} per cent above the current price",
                        "Operating margin: {pct_margin} per cent, up from {pct_margin_old} per cent three years ago",
                        "Revenue growth forecast: about {pct_rev} per cent a year",
                        "Valuation: {pe} times forward earnings",
                        "Main risk: {costs} and competitive pricing",
                    ),
                ),
            ),
        ),
        Kind(
            "caution",
            subject="{co}",
            aliases=_COMPANY,
            weight=2,
            headlines=templates(
                "Why we are turning cautious on {co}[[ at ₹{price}|]]",
                "{Co}: priced for perfection, exposed to [[disappointment|rising {costs}|a margin squeeze]]",
                "Time to book profits in {co}[[ after a {pct_bigger}% run|]]",
                "Downgrading {co}: [[the business is fine, the price is not|margins have peaked|receivables tell a story]]",
            ),
            standfirsts=templates(
                "{Co}'s shares have soared over the past year. Earnings have not kept pace, and the risks are rising.",
                "We move to a cautious stance on {co} with a target of ₹{target_low}, below the current price, as margin pressures build.",
                "At {pe_high} times earnings, {co} leaves no room for error; [[we would buy again lower|we prefer {peer}]].",
            ),
            leads=templates(
                "Shares of {co} have risen about {pct_bigger} per cent over the past year, far outpacing the Meridian 50 and, more importantly, outpacing the company's own earnings growth. At ₹{price}, the stock trades at {pe_high} times estimated earnings. We think the market is pricing in a level of execution that leaves little room for error.",
                "We are downgrading {co}, {co_desc}, to a cautious stance with a twelve-month target of ₹{target_low}, below the latest close of ₹{price}. The business remains sound, but we see margin pressure ahead, and the valuation already reflects the best-case scenario.",
            ),
            paragraphs=templates(
                "Our concern about {co} starts with margins. {Costs} have begun to rise again, and the company's ability to pass them on is weaker than in the past because competitors have added capacity. We expect operating margins to narrow by about {bps_m} basis points over the next year.",
                "Working capital at {co} has also deteriorated. Receivables have grown faster than revenue for three consecutive quarters, suggesting the company is offering more generous credit terms to sustain sales. That is rarely a sign of strong underlying demand.",
                "To be clear, we are not bearish on {co}'s long-term prospects. Management is capable and the balance sheet is strong. Our view is about price: at current levels, the expected return no longer compensates for the risks, and we would look to buy the stock again after a meaningful correction.",
                "Investors holding {co} may consider trimming positions and moving to companies in the sector with comparable growth and lower valuations. {Peer}, for instance, trades at about {pe} times earnings with a similar growth outlook.",
                "The stock of {co} has also become crowded. Mutual funds have raised their holdings for six straight quarters, and when a widely held stock disappoints, the selling can be sharp.",
            ),
            lists=(
                (
                    ("Why we are cautious on {co}:",),
                    (
                        "Valuation: {pe_high} times forward earnings",
                        "Target price: ₹{target_low}, against a current price of ₹{price}",
                        "Margins expected to narrow by about {bps_m} basis points",
                        "Receivables growing faster than revenue",
                        "Competitors adding capacity in the company's core markets",
                    ),
                ),
            ),
        ),
        Kind(
            "strategy",
            subject="portfolio",
            aliases=("equities", "investors", "the Meridian 50", "allocation", "overweight", "valuations"),
            weight=2,
            headlines=templates(
                "Portfolio strategy for {fy_next}: [[positioning for a {regime} market|quality over momentum|more bonds, fewer midcaps|stay invested, stay selective|{sector} in, {sector2} out]]",
                "[L1]Midcaps after the rally: [[where value remains|what to keep|what to sell|how much is too much|the case for patience]]",
                "Asset allocation: why we are raising our weight in {sector} stocks[[ and cutting {sector2}| at {idx}|]]",
                "Meridian 50 at {idx}: [[stay invested, but trim the froth|keep buying, but buy quality|time to rebalance|add bonds on the way up]]",
                "A {eq_w}-{debt_w} portfolio for [[a {regime} market|cautious savers|the next five years|a world of {yield10}% bonds]]",
            ),
            standfirsts=templates(
                "We keep a moderate overweight on equities, at {eq_w} per cent of the portfolio, but tilt towards large companies with visible earnings.",
                "Rich valuations argue for discipline with the Meridian 50 at {idx}: we set out where we are adding, where we are trimming and why.",
                "Our model portfolio now favours {sector} over {sector2}; [[bonds at {yield10} per cent earn their place too|gold stays as insurance]].",
            ),
            leads=templates(
                "With the Meridian 50 near {idx} and valuations above their long-term average, investors face an uncomfortable choice between chasing further gains and waiting for a correction that may not come. Our recommendation is neither. We favour staying invested while tilting portfolios towards quality and away from speculative pockets of the market.",
                "Mid-sized companies have been the stars of the past [[two years|eighteen months|few years]], with the Meridian Midcap 150 outperforming the benchmark by about {pct_big} percentage points. That performance has drawn in a flood of money, and valuations have followed. For investors, selectivity in the portfolio now matters more than at any point in the cycle.",
            ),
            paragraphs=templates(
                "Our base case is for earnings of Meridian 50 companies to grow about {pct_big} per cent in {fy_next}, a little below consensus. At {pe} times forward earnings, that implies modest returns for investors from here, roughly in line with earnings growth, rather than the strong gains of the past year.",
                "Within equities, we are overweight {sector} and large private lenders, where earnings visibility is high and valuations are reasonable relative to growth. We are underweight {sector2}, where we see downside risk to consensus estimates as demand normalises.",
                "For fixed income, the ten-year government bond yield of about {yield10} per cent offers attractive real returns for investors with inflation at {cpi} per cent. We would add duration gradually, as we expect yields to drift lower once interest rates start to fall.",
                "A balanced portfolio for a moderate-risk investor might hold about {eq_w} per cent in equities, {debt_w} per cent in bonds and the rest in gold and cash. We would rebalance if the equity allocation drifts more than five percentage points from its target.",
                "The key risks to our portfolio view are a sharp rise in global bond yields, a disappointing monsoon that revives food inflation, and a sustained spike in crude oil prices above ${brent_high} a barrel.",
                "We would describe the current environment as a {regime} market, one in which broad index gains are likely to be modest and returns for investors will depend more on choosing the right companies than on riding the overall tide.",
            ),
            lists=(
                (
                    ("Our portfolio assumptions:",),
                    (
                        "Forward price-to-earnings ratio: about {pe} times, against a ten-year average of {pe_avg}",
                        "Earnings growth: about {pct_big} per cent in {fy_next}",
                        "Ten-year government bond yield: {yield10} per cent",
                        "Equities {eq_w} per cent, bonds {debt_w} per cent",
                    ),
                ),
            ),
        ),
        Kind(
            "preview",
            subject="{sector}",
            aliases=("{sector_plural}", "results", "{co}", "{peer}", "earnings"),
            weight=2,
            headlines=templates(
                "Earnings preview: what to expect from {sector} in the {quarter_short} quarter[[, and from {co}|]]",
                "Results season: {sector} companies face a [[margin test|demand test|reality check|pricing test|cost test]][[; {co} looks best placed|]]",
                "{Quarter_short} earnings: our picks and pitfalls in {sector} stocks[[, led by {co}| as {costs} fall|]]",
                "Before {sector} results: [[{co} to shine, {peer} to lag|watch margins, not revenue|the market is too gloomy|expect a {pct_mid}% move]]",
            ),
            standfirsts=templates(
                "We expect {sector} revenue growth to slow in {quarter}, but margins should hold up better than the market fears.",
                "Management commentary on demand will matter more than the headline numbers this quarter, for {co} and its rivals.",
                "Our pick for the {sector} results season is {co}; [[{peer} may disappoint|options imply moves of {pct_mid} per cent]].",
            ),
            leads=templates(
                "Results season begins in earnest next week, and {sector} companies will be among the most closely watched. We expect aggregate revenue for the {sector_plural} we track to grow about {pct_mid} per cent from a year earlier in {quarter}, with operating profit rising somewhat faster as lower {costs} feed through.",
                "Expectations for {sector} earnings in {quarter} have fallen over the past month, and we think the market is now too pessimistic. Our checks with dealers and distributors point to steady volumes, and pricing appears to have stabilised after several quarters of intense competition.",
            ),
            paragraphs=templates(
                "The key number to watch in {sector} results is margins. {Costs} fell during the quarter, and companies that held prices steady should report meaningful margin expansion. Those that passed on lower costs to win market share will show weaker profitability but stronger volumes.",
                "Management commentary on demand will matter more than the reported numbers for {sector_plural}. Investors will listen closely for signs that rural demand is improving, that urban consumption is holding up and that companies are confident enough to raise capital spending.",
                "Among individual {sector_plural}, we expect {co} to report the strongest profit growth, helped by a favourable product mix and lower interest costs. {Peer} may disappoint, as it faces higher depreciation following recent capacity additions.",
                "Stocks in the {sector} sector have historically moved by an average of about {pct_mid} per cent on results day. Options pricing implies moves of a similar size this time, suggesting the market is not positioned for a major surprise in either direction.",
                "We would use any sharp fall in {co} after its results to add to positions; the company's long-term earnings outlook is better than one quarter's numbers can show.",
            ),
        ),
    ),
    subheads=("The wider picture", "How we weigh it up", "Beyond the numbers", "The long view"),
    p_quote=0.2,
    p_list=0.55,
    p_subhead=0.7,
)
