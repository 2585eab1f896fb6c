"""The Markets desk's kinds of story and its shared copy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

DESK = Desk(
    datelines=("Mumbai", "Mumbai", "Mumbai", "Mumbai", "Mumbai", "Ahmedabad", "New Delhi", "Chennai", "Kolkata"),
    kinds=(
        Kind(
            "rally",
            weight=3,
            headlines=templates(
                "Meridian 50 climbs {pct1}% as {sector} stocks lead broad rally",
                "Stocks rise for {nth} straight session; Meridian 50 ends at {idx}",
                "Bharat Composite gains {comp_pts} points as foreign funds return",
                "{Sector} shares lift benchmarks to {weeks_n}-week high",
                "Meridian 50 reclaims {idx_round} as buyers return to heavyweights",
                "{Co} leads gains as Meridian 50 adds {pts} points",
            ),
            standfirsts=templates(
                "Foreign investors were net buyers for a {nth} session, and the rupee firmed to {rupee} against the dollar.",
                "Gains were broad-based, with advancing shares outnumbering decliners by about {ratio} to one, though some traders warned that the rally was running ahead of earnings.",
                "A rally in {co} and other {sector} heavyweights lifted the benchmark, while softer bond yields helped rate-sensitive stocks.",
            ),
            leads=templates(
                "Indian shares rose for a {nth} straight session on {weekday}, with the Meridian 50 closing {pct1} per cent higher at {idx} as investors piled into {sector} stocks and foreign funds extended their buying. The broader Bharat Composite added {comp_pts} points to end at {comp}.",
                "The Meridian 50 gained {pts} points, or {pct1} per cent, to close at {idx} on {weekday}, its strongest finish in {weeks} weeks, as a rally in heavyweight {sector} shares overcame early nervousness about the direction of global interest rates.",
                "Buyers returned to the market in force on {weekday}. The Meridian 50 ended {pct1} per cent higher at {idx}, led by {co}, which jumped {pct_mid} per cent, while shares of mid-sized companies outperformed the benchmark for a second consecutive day.",
            ),
            paragraphs=templates(
                "{Co} was the biggest gainer on the benchmark, rising {pct_mid} per cent after {co_desc} reported a better-than-expected increase in quarterly profit. The stock has gained nearly {pct_big} per cent since the start of the year, well ahead of the broader market.",
                "“The market is rewarding earnings visibility,” said {analyst}, {analyst_role} at {broker}. “Money is moving back into companies where profit growth is reasonably certain over the next two years, and {sector} fits that description right now.”",
                "Market breadth was healthy. Of the {listed} stocks that changed hands on the exchange, {breadth_big} advanced and {breadth_small} declined, while the Meridian Midcap 150 rose {pct2} per cent and the smallcap gauge gained {pct1} per cent.",
                "Foreign portfolio investors bought shares worth a net {crore_s} in the previous session, according to provisional exchange data. Domestic institutions, which had been steady buyers through the recent correction, were modest net sellers as some fund managers booked profits.",
                "Dealers said short-covering added to the move in the final hour of trade. Several traders who had bet on further declines earlier in the week were forced to buy back positions as the index cleared levels that had capped it for most of the month.",
            ),
        ),
        Kind(
            "slide",
            weight=3,
            headlines=templates(
                "Meridian 50 slips {pct1}% as {sector} shares drag",
                "Stocks fall as worries over {worry} mount",
                "Selling in {co} pulls benchmarks lower",
                "Bharat Composite sheds {comp_pts} points as foreign funds sell",
                "Profit-taking drags Meridian 50 below {idx_ceil}",
                "Investors turn cautious as {sector} stocks slide; Meridian 50 at {idx}",
            ),
            standfirsts=templates(
                "Foreign investors were net sellers of shares worth {crore_s}, and analysts said {worry} would keep markets on edge in the near term.",
                "Losses were concentrated in {sector} stocks, though some fund managers said the decline offered a chance to buy good companies at more reasonable prices.",
                "Decliners outnumbered advancers by about {ratio} to one as traders cut positions ahead of {event}.",
            ),
            leads=templates(
                "Indian shares fell on {weekday}, with the Meridian 50 losing {pct1} per cent to close at {idx}, as investors sold {sector} stocks amid worries over {worry}. The Bharat Composite shed {comp_pts} points to {comp}, and trading volumes were above the monthly average.",
                "Profit-taking in heavyweight stocks pulled the Meridian 50 down {pts} points, or {pct1} per cent, to {idx} on {weekday}. Losses were led by {co}, which slid {pct_mid} per cent, while the rupee weakened to {rupee} against the US dollar.",
                "The market's recent run came to an abrupt halt on {weekday}. The Meridian 50 ended {pct1} per cent lower at {idx} after a day of steady selling, as concerns about {worry} prompted foreign funds and local traders alike to reduce their exposure to {sector} shares.",
            ),
            paragraphs=templates(
                "“This is a market that ran up quickly and is now looking for reasons to pause,” said {analyst}, {analyst_role} at {broker}. “I would not read too much into a single session, but the worry about {worry} is a real one, and it has not been fully priced in.”",
                "Selling was widespread. Of the {listed} stocks traded on the exchange, {breadth_big} declined and only {breadth_small} advanced. The Meridian Midcap 150 fell {pct2} per cent, underperforming the benchmark as investors moved out of riskier, less liquid shares.",
                "{Co} fell {pct_mid} per cent, its steepest one-day drop in {months} months, after {co_desc} warned that higher {costs} and softer pricing would weigh on margins in the current quarter.",
                "Foreign portfolio investors sold shares worth a net {crore_s} in the previous session, provisional data showed, extending a run of outflows that has coincided with a firmer dollar. Domestic mutual funds were net buyers, cushioning some of the fall.",
                "Some fund managers saw an opportunity in the decline. “We have been waiting for a correction to add to positions in companies we like,” said {analyst2}, a fund manager at {broker2}. “Valuations had become stretched in pockets. A few weeks of consolidation would be healthy.”",
            ),
        ),
        Kind(
            "results",
            weight=3,
            headlines=templates(
                "{Co} profit rises {pct_rev}%, shares climb to record",
                "{Co} shares jump {pct_mid}% on strong quarterly show",
                "{Co} beats estimates as demand for {co_product} holds up",
                "Brokerages raise targets on {co} after earnings surprise",
            ),
            standfirsts=templates(
                "{Co_desc} posted a {pct_rev}% rise in net profit for {quarter}, helped by firmer pricing and lower {costs}.",
                "The management said demand for {co_product} was broadening beyond the largest cities, and guided for double-digit revenue growth in {fy}.",
            ),
            leads=templates(
                "Shares of {co} rose as much as {pct_mid} per cent on {weekday} after {co_desc} reported a {pct_rev} per cent rise in net profit for {quarter}, comfortably ahead of analysts' estimates, on steadier demand and lower {costs}.",
                "{Co}, {co_desc}, said on {weekday} that its consolidated net profit rose {pct_rev} per cent from a year earlier to {crore_s} in {quarter}, as demand for {co_product} held up better than expected and cost controls helped protect margins.",
            ),
            paragraphs=templates(
                "Revenue from operations rose {pct_mid} per cent to {crore_m}, while operating margins widened by about {bps_m} basis points to {pct_margin} per cent. Analysts polled before the results had expected margins to narrow as the company absorbed higher employee and freight costs.",
                "“We are seeing demand broaden out beyond the big cities,” {ceo}, {ceo_role} of {co}, told analysts on a conference call. “Our order book gives us visibility for at least the next three quarters, and we are not seeing any slowdown in enquiries.”",
                "At least {n} brokerages raised their price targets on the stock after the results. {Broker} lifted its target to ₹{target} from ₹{target_old}, saying the company's balance sheet left room for further investment without diluting shareholders.",
                "The board also recommended a dividend of ₹{dividend} a share and approved plans to raise up to {crore_s} through debentures to fund a capacity expansion near {co_city}.",
                "Not everyone is convinced. {Analyst2}, a fund manager at {broker2}, said part of the improvement reflected one-off gains from lower commodity prices. “The real test comes in the next two quarters, when those tailwinds fade,” {analyst2_last} said.",
            ),
        ),
        Kind(
            "ipo",
            weight=2,
            headlines=templates(
                "{Co}'s {crore_m} IPO subscribed {times} times on final day",
                "Investors bid {times} times for {co} shares in initial offer",
                "Institutional demand powers {co} share sale",
                "{Co} IPO draws bids worth {crore_l}",
            ),
            standfirsts=templates(
                "The portion reserved for qualified institutional buyers was the most heavily bid, while retail demand was more measured.",
                "The company plans to use the proceeds to repay debt and expand capacity; its shares are expected to list on the exchanges next week.",
            ),
            leads=templates(
                "The initial public offering of {co}, {co_desc}, was subscribed {times} times on its final day of bidding on {weekday}, exchange data showed, as large institutions and wealthy individuals piled into one of the year's most closely watched listings.",
                "{Co}'s {crore_m} share sale drew bids worth {crore_l} by the close of subscription on {weekday}, making it {times} times oversubscribed and underlining the appetite among investors for {sector} companies with a record of steady profits.",
            ),
            paragraphs=templates(
                "The company had priced its shares in a band of ₹{price_lo} to ₹{price}. About a third of the issue was a fresh sale of shares, with the rest an offer for sale by early investors, including the founding family, which will retain a majority stake after the listing.",
                "“Demand for good-quality new issues remains very deep,” said {analyst}, {analyst_role} at {broker}. “But investors are becoming more selective. Companies that came to market last year with aggressive pricing have not all rewarded their shareholders, and people remember that.”",
                "{Co} said it would use the money raised to repay about {crore_s} of debt and to fund a new facility near {co_city}. The company reported revenue of {crore_m} in the last financial year, with net profit rising {pct_rev} per cent.",
                "Grey-market dealers, who trade shares informally before they list, indicated a premium of about {pct_big} per cent over the issue price, though bankers cautioned that such indications are unreliable and often reverse on listing day.",
            ),
        ),
        Kind(
            "rupee",
            weight=2,
            headlines=templates(
                "Rupee slips to {rupee} per dollar on importer demand",
                "Rupee weakens past {rupee_round} as crude prices and outflows weigh",
                "Rupee ends at {rupee} against dollar; dealers see central bank selling",
                "Bond yields edge up to {yield10}% as rupee comes under pressure",
            ),
            standfirsts=templates(
                "Dealers said the central bank appeared to have sold dollars through state-run banks to limit the currency's fall.",
                "Higher oil prices and a firm dollar overseas kept pressure on the currency, though traders expect volatility to stay contained.",
            ),
            leads=templates(
                "The rupee weakened to {rupee} against the US dollar on {weekday}, from {rupee_prev} in the previous session, as oil importers bought dollars and foreign investors trimmed their holdings of Indian shares and bonds, currency dealers said.",
                "The Indian currency ended at {rupee} per dollar on {weekday}, down from {rupee_prev}, after a day in which dealers reported steady dollar demand from importers and only intermittent support from exporters selling their foreign-currency earnings.",
            ),
            paragraphs=templates(
                "Dealers said the central bank was seen selling dollars through state-run banks as the currency approached the {rupee_round} mark, a pattern that has kept the rupee's day-to-day moves narrow even as other Asian currencies have swung more sharply.",
                "“The pressure is coming from the trade account rather than from panic,” said {economist}, {economist_role} at {bank}. “With Brent at around ${brent} a barrel, the oil import bill is simply larger, and that shows up in the currency.”",
                "The yield on the benchmark ten-year government bond rose to {yield10} per cent, as traders weighed the possibility that a weaker currency would keep the central bank from cutting interest rates as soon as markets had hoped.",
                "Forward premiums, which reflect the cost of hedging against future currency moves, edged higher. Exporters, who had held back sales of dollars in the expectation that the rupee would weaken further, were said to be selling at the margin.",
            ),
        ),
    ),
    standfirsts=templates(
        "Traders said the direction of foreign flows and quarterly earnings would set the tone for the rest of the month.",
    ),
    paragraphs=templates(
        "The India volatility gauge, which measures expected price swings over the next month, hovered near {vix}, below levels that typically signal stress. Options data suggested traders expected the benchmark to stay within a band of roughly {band} points in the near term.",
        "Turnover in the cash segment of the exchange was about {crore_l}, broadly in line with the 20-day average. Derivatives volumes were higher, reflecting positioning ahead of the monthly expiry of futures and options contracts later in the week.",
        "Elsewhere in Asia, markets were mixed. Shares in Tokyo ended slightly higher, while Hong Kong and Seoul slipped as investors weighed fresh data on Chinese factory activity and the outlook for US interest rates.",
        "Brent crude, a crucial variable for India, which imports the bulk of its oil, traded near ${brent} a barrel. Analysts say every sustained ten-dollar rise in oil prices widens the current account deficit and adds to inflationary pressure.",
        "The yield on the benchmark ten-year government bond settled at {yield10} per cent. Bond traders are watching the government's borrowing calendar and inflation data for signals on when the central bank might change its policy stance.",
        "Analysts said the market's direction in the coming weeks would depend largely on {driver}. “The index is caught between strong domestic flows and cautious foreign investors,” said {analyst3} of {broker3}. “Whichever side blinks first will decide the next big move.”",
        "Among sectoral gauges, the Meridian Bank index and the Meridian IT index moved in opposite directions, a pattern that has become familiar in recent months as investors rotate between domestic-facing lenders and exporters sensitive to the global economy.",
        "@2008|Monthly inflows into equity mutual funds through systematic investment plans have become an important source of support. Industry data show such inflows running at about {crore_m} a month, giving domestic funds the firepower to buy on declines.",
        "Retail participation remains high. The number of active trading accounts has risen by about {pct_big} per cent over the past year, according to depository data, with much of the growth coming from smaller towns rather than the traditional financial centres.",
        "Traders also tracked the bond market abroad, where the yield on ten-year US Treasuries has been volatile. Higher yields in the United States tend to draw money away from emerging markets such as India, and foreign investors have been quick to react.",
        "Among other movers, {co2} rose {pct2} per cent after {co2_desc} announced a plan to expand capacity, while shares of {sector2} companies were largely unchanged in subdued trade.",
        "The securities regulator's recent tightening of rules for derivatives trading has also been on traders' minds. Brokers say the changes, which raise margin requirements for some contracts, have dampened speculative activity without hurting overall liquidity.",
        "Gold prices in the domestic market were steady, while silver edged higher. Bullion dealers said jewellers had stepped up purchases ahead of the wedding season, although high prices continued to deter some buyers in rural areas.",
        "Technical analysts said the Meridian 50 faced resistance near {idx_res}, a level at which it has stalled twice in recent months, while support was seen around {idx_sup}. A decisive move either way could set the tone for the rest of the month.",
        "Market participants are also awaiting quarterly results from {co2} and other large {sector2} companies later this month, which will offer a clearer picture of whether demand has held up in the face of higher borrowing costs.",
        "Promoters of several mid-sized companies have pledged fewer shares over the past year, exchange filings show, a trend analysts read as a sign of healthier balance sheets and one that has reduced the risk of forced selling during sharp falls.",
    ),
    subheads=("The wider market", "The view from the desks", "What to watch next", "Beyond the benchmark"),
    quotes=templates(
        "“The easy money in this market has been made. From here, stock selection will matter far more than the direction of the index.” — {analyst}, {analyst_role} at {broker}",
        "“Domestic savings are now a structural source of demand for equities, and that changes how deep any correction can be.” — {analyst2}, {broker2}",
        "“We are telling clients to keep some cash aside. Volatility is the price of being in this market, and it is better to be prepared for it.” — {analyst}, {broker}",
    ),
    lists=(
        (
            (
                "Traders will be watching several things in the coming sessions:",
                "Analysts flagged the main factors for the days ahead:",
            ),
            (
                "Quarterly results from {co2} and other {sector2} companies",
                "Foreign portfolio flows, which have swung sharply in recent weeks",
                "The rupee, which ended the latest session at {rupee} per dollar",
                "Brent crude prices, currently near ${brent} a barrel",
                "The monthly expiry of index futures and options contracts",
                "Comments from the central bank on liquidity and inflation",
                "The ten-year bond yield, now at {yield10} per cent",
            ),
        ),
    ),
)
