"""The Market analysis desk's kinds of story and its shared copy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

DESK = Desk(
    datelines=("Mumbai",),
    kinds=(
        Kind(
            "sector",
            weight=3,
            headlines=templates(
                "{Sector} stocks: why the rerating may have further to run",
                "Is the worst over for {sector} stocks?",
                "{Sector}: separating durable earnings from a cyclical bounce",
                "Where value remains in {sector} stocks after the rally",
            ),
            standfirsts=templates(
                "Valuations are no longer cheap, but earnings upgrades and stronger balance sheets argue for staying invested, selectively.",
                "We examine margins, balance sheets and valuations across the sector to find where risk and reward are best balanced.",
            ),
            leads=templates(
                "{Sector} stocks have outperformed the Meridian 50 by about {pct_big} percentage points over the past twelve months, and the obvious question for investors is whether the move has run its course. Our analysis of earnings, balance sheets and valuations suggests that it has not, though the easy gains are behind us.",
                "Few corners of the market have divided investors as sharply as {sector}. Bulls point to improving demand and cleaner balance sheets; bears see a cyclical recovery priced as if it were permanent. We examined the numbers for the largest listed {sector_plural} to find out who has the stronger case.",
            ),
            paragraphs=templates(
                "Start with valuations. The sector trades at about {pe} times estimated earnings for the next twelve months, against a ten-year average of {pe_avg} times. That premium is significant, but it looks less stretched once stronger return ratios are taken into account: return on equity has improved to about {roe} per cent.",
                "Earnings momentum remains supportive. Analysts have raised profit estimates for the sector by an average of {pct_mid} per cent over the past six months, one of the largest upgrades across the market. Consensus now expects earnings to grow about {pct_big} per cent a year over the next two years.",
                "Balance sheets are in much better shape than in the last cycle. Net debt for the largest {sector_plural} has fallen to under {leverage} times operating profit, giving companies room to invest without stretching themselves, and to return cash to shareholders through dividends and buybacks.",
                "Within the sector, we prefer companies with pricing power and a record of protecting margins when {costs} rise. {Co} fits that description: it has kept operating margins above {pct_margin} per cent through two commodity cycles, and its market share has edged up in each of the past three years.",
                "We would be more cautious about smaller companies whose share prices have run ahead of fundamentals. Several trade at more than {pe_high} times earnings despite weaker balance sheets and more volatile profit histories. In a market correction, these are the stocks likely to fall furthest.",
            ),
        ),
        Kind(
            "stock",
            weight=3,
            headlines=templates(
                "{Co}: a quality compounder at a reasonable price",
                "Why we are adding {co} to our model portfolio",
                "{Co}: the market is underestimating the earnings runway",
                "{Co}'s quiet transformation deserves a higher multiple",
            ),
            standfirsts=templates(
                "We set a twelve-month target of ₹{target}, implying about {upside}% upside, on the back of steady margin expansion and a strong balance sheet.",
                "The shares trade at a discount to peers despite better return ratios. We think that gap will close.",
            ),
            leads=templates(
                "{Co} has spent the past three years quietly restructuring its business: exiting low-margin product lines, paying down debt and investing in capacity where it has pricing power. The market has yet to give it full credit. At ₹{price}, the shares trade at {pe} times estimated earnings, a discount to peers with weaker return ratios.",
                "We are initiating coverage of {co}, {co_desc}, with a positive view and a twelve-month target price of ₹{target}, about {upside} per cent above the latest close of ₹{price}. Our thesis rests on three pillars: margin expansion, a stronger balance sheet and a long runway for growth.",
            ),
            paragraphs=templates(
                "The first pillar is margins. Operating margins have widened from about {pct_margin_old} per cent to {pct_margin} per cent over three years as the company has raised prices, improved its product mix and cut overheads. We expect a further gain of about {bps_m} basis points by {fy_next}.",
                "Second, the balance sheet. Net debt has fallen by about {crore_s} in two years, and we expect the company to be free of net debt by the end of {fy_next}. That frees cash for capacity expansion and higher dividends, and it lowers the risk profile of the stock materially.",
                "Third, the growth runway. Demand for {co_product} in India remains low by the standards of comparable economies, and the company's distribution network, which reaches deep into smaller towns, is difficult for new entrants to replicate. We forecast revenue growth of about {pct_rev} per cent a year over three years.",
                "Our target price of ₹{target} is based on {pe_target} times estimated earnings for {fy_next}, a modest premium to the stock's five-year average, which we think is justified by higher return ratios and lower leverage.",
                "The main risks to our view are a sharp rise in {costs}, which the company may not be able to pass on quickly, aggressive pricing by competitors such as {peer}, and any large, debt-funded acquisition that would undo the progress on the balance sheet.",
            ),
            lists=(
                (
                    ("Our investment case in brief:", "The key numbers:"),
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
            weight=2,
            headlines=templates(
                "Why we are turning cautious on {co}",
                "{Co}: priced for perfection, exposed to disappointment",
                "Time to book profits in {co}",
            ),
            standfirsts=templates(
                "The shares have soared over the past year. Earnings have not kept pace, and the risks are rising.",
                "We move to a cautious stance with a target of ₹{target_low}, below the current price, as margin pressures build.",
            ),
            leads=templates(
                "Shares of {co} have risen about {pct_bigger} per cent over the past year, far outpacing the Meridian 50 and, more importantly, outpacing the company's own earnings growth. At ₹{price}, the stock trades at {pe_high} times estimated earnings. We think the market is pricing in a level of execution that leaves little room for error.",
                "We are downgrading {co}, {co_desc}, to a cautious stance with a twelve-month target of ₹{target_low}, below the latest close of ₹{price}. The business remains sound, but we see margin pressure ahead, and the valuation already reflects the best-case scenario.",
            ),
            paragraphs=templates(
                "Our concern starts with margins. {Costs} have begun to rise again, and the company's ability to pass them on is weaker than in the past because competitors have added capacity. We expect operating margins to narrow by about {bps_m} basis points over the next year.",
                "Working capital has also deteriorated. Receivables have grown faster than revenue for three consecutive quarters, suggesting the company is offering more generous credit terms to sustain sales. That is rarely a sign of strong underlying demand.",
                "To be clear, we are not bearish on the company's long-term prospects. Management is capable and the balance sheet is strong. Our view is about price: at current levels, the expected return no longer compensates for the risks, and we would look to buy again after a meaningful correction.",
                "Investors holding the stock may consider trimming positions and moving to companies in the sector with comparable growth and lower valuations. {Peer}, for instance, trades at about {pe} times earnings with a similar growth outlook.",
            ),
            lists=(
                (
                    ("Why we are cautious:",),
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
            weight=2,
            headlines=templates(
                "Portfolio strategy: positioning for a {regime} market",
                "[L1]Midcaps after the rally: where value remains",
                "Asset allocation: why we are raising our weight in {sector} stocks",
                "Meridian 50 at {idx}: stay invested, but trim the froth",
            ),
            standfirsts=templates(
                "We keep a moderate overweight on equities but tilt towards large companies with visible earnings.",
                "Rich valuations argue for discipline: we set out where we are adding, where we are trimming and why.",
            ),
            leads=templates(
                "With the Meridian 50 near {idx} and valuations above their long-term average, investors face an uncomfortable choice between chasing further gains and waiting for a correction that may not come. Our recommendation is neither. We favour staying invested while tilting portfolios towards quality and away from speculative pockets of the market.",
                "Mid-sized companies have been the stars of the past [[two years|eighteen months|few years]], with the Meridian Midcap 150 outperforming the benchmark by about {pct_big} percentage points. That performance has drawn in a flood of money, and valuations have followed. We believe selectivity now matters more than at any point in the cycle.",
            ),
            paragraphs=templates(
                "Our base case is for earnings of Meridian 50 companies to grow about {pct_big} per cent in {fy_next}, a little below consensus. At {pe} times forward earnings, that implies modest returns from here, roughly in line with earnings growth, rather than the strong gains of the past year.",
                "Within equities, we are overweight {sector} and large private lenders, where earnings visibility is high and valuations are reasonable relative to growth. We are underweight {sector2}, where we see downside risk to consensus estimates as demand normalises.",
                "For fixed income, the ten-year government bond yield of about {yield10} per cent offers attractive real returns with inflation at {cpi} per cent. We would add duration gradually, as we expect yields to drift lower once interest rates start to fall.",
                "A balanced portfolio for a moderate-risk investor might hold about {eq_w} per cent in equities, {debt_w} per cent in bonds and the rest in gold and cash. We would rebalance if the equity allocation drifts more than five percentage points from its target.",
                "The key risks to our view are a sharp rise in global bond yields, a disappointing monsoon that revives food inflation, and a sustained spike in crude oil prices above ${brent_high} a barrel.",
                "We would describe the current environment as a {regime} market, one in which broad index gains are likely to be modest and returns will depend more on choosing the right companies than on riding the overall tide.",
            ),
        ),
        Kind(
            "preview",
            weight=2,
            headlines=templates(
                "Earnings preview: what to expect from {sector} in {quarter_short}",
                "Results season: {sector} companies face a margin test",
                "{Quarter_short} earnings: our picks and pitfalls in {sector} stocks",
            ),
            standfirsts=templates(
                "We expect revenue growth to slow, but margins should hold up better than the market fears.",
                "Management commentary on demand will matter more than the headline numbers this quarter.",
            ),
            leads=templates(
                "Results season begins in earnest next week, and {sector} companies will be among the most closely watched. We expect aggregate revenue for the {sector_plural} we track to grow about {pct_mid} per cent from a year earlier in {quarter}, with operating profit rising somewhat faster as lower {costs} feed through.",
                "Expectations for {sector} earnings in {quarter} have fallen over the past month, and we think the market is now too pessimistic. Our checks with dealers and distributors point to steady volumes, and pricing appears to have stabilised after several quarters of intense competition.",
            ),
            paragraphs=templates(
                "The key number to watch is margins. {Costs} fell during the quarter, and companies that held prices steady should report meaningful margin expansion. Those that passed on lower costs to win market share will show weaker profitability but stronger volumes.",
                "Management commentary on demand will matter more than the reported numbers. Investors will listen closely for signs that rural demand is improving, that urban consumption is holding up and that companies are confident enough to raise capital spending.",
                "Among individual companies, we expect {co} to report the strongest profit growth, helped by a favourable product mix and lower interest costs. {Peer} may disappoint, as it faces higher depreciation following recent capacity additions.",
                "Stocks in the sector have historically moved by an average of about {pct_mid} per cent on results day. Options pricing implies moves of a similar size this time, suggesting the market is not positioned for a major surprise in either direction.",
            ),
        ),
    ),
    standfirsts=templates(
        "Our analysis of earnings, valuations and balance sheets suggests investors should be selective.",
    ),
    paragraphs=templates(
        "Valuation is only one input. We also look at the durability of earnings, the quality of management and the strength of the balance sheet. A stock that looks expensive on one year's earnings can be reasonably priced if the company can sustain high returns for a decade.",
        "@2010|Domestic flows remain a powerful support for the market. Monthly contributions to equity mutual funds through systematic investment plans run at about {crore_m}, and insurance and pension funds are steadily raising their equity allocations.",
        "Foreign investors, by contrast, have been inconsistent. Their holdings of Indian equities as a share of the market have drifted lower, partly because of high valuations and partly because of better opportunities elsewhere in emerging markets.",
        "Investors should be wary of extrapolating recent returns. Periods of strong market performance are often followed by years of more modest gains as valuations normalise. Discipline in sticking to an asset allocation is usually rewarded.",
        "We also stress-tested our estimates against a scenario in which crude oil rises to ${brent_high} a barrel and the rupee weakens to {rupee_weak} per dollar. In that case, aggregate earnings would fall about {pct_mid} per cent short of our base case, and valuations would probably compress.",
        "Corporate governance remains an important filter. We avoid companies with complex group structures, frequent related-party transactions or a history of aggressive accounting, however cheap they appear on conventional measures.",
        "For long-term investors, the case for Indian equities rests on a simple proposition: a large, young economy growing at six to seven per cent a year should produce double-digit earnings growth for well-run companies. The challenge is paying a sensible price for that growth.",
        "Tax considerations also matter. Higher taxes on short-term capital gains reduce the after-tax return on frequent trading, strengthening the case for holding good companies over longer periods and avoiding needless churn.",
        "Liquidity deserves attention, especially in smaller companies. In a sell-off, stocks with thin trading volumes can fall sharply, and investors may find it difficult to exit positions without accepting a steep discount.",
    ),
    subheads=("The wider picture", "How we weigh it up", "Beyond the numbers", "The long view"),
    quotes=templates(
        "“Paying up for quality has rarely been a mistake over a five-year horizon. Paying up for a story usually is.” — {analyst}, {analyst_role} at {broker}",
        "“The market is not cheap, but it is not a bubble either. It is a market that rewards patience and punishes leverage.” — {analyst2}, {broker2}",
    ),
    lists=(
        (
            ("Key numbers to watch:", "Our key assumptions:"),
            (
                "Forward price-to-earnings ratio: about {pe} times, against a ten-year average of {pe_avg}",
                "Consensus earnings growth: about {pct_big} per cent a year",
                "Ten-year government bond yield: {yield10} per cent",
                "Brent crude: near ${brent} a barrel",
                "Rupee: {rupee} per dollar",
                "Meridian 50: {idx}",
            ),
        ),
    ),
    p_quote=0.2,
    p_list=0.55,
    p_subhead=0.7,
)
