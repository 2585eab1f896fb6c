"""The Markets desk's kinds of story: the day's trading, a company's results,
share sales, a stock on the move and the rupee."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

# Why the market moved, as a headline says it: pools long enough that years
# of market reports never repeat a headline.
_WHY_UP = "|".join((
    "as {sector} stocks lead", "on foreign buying", "as bond yields ease", "after strong results from {co}",
    "as the rupee firms", "on hopes of a rate cut", "as oil prices cool", "on a late burst of buying",
    "as short sellers cover", "as mid-sized companies rally", "ahead of {event}", "as {co} jumps {pct_mid}%",
    "on strong flows into mutual funds", "as worries over {worry} ease", "as heavyweights recover",
))
_WHY_DOWN = "|".join((
    "as {sector} shares drag", "on foreign selling", "as bond yields climb", "after {co} disappoints",
    "as the rupee weakens", "as rate-cut hopes fade", "as oil prices jump", "in a late sell-off",
    "as worries over {worry} mount", "as mid-sized companies slump", "ahead of {event}",
    "as {co} slides {pct_mid}%", "on profit-taking in heavyweights", "as Asian markets fall",
))
_SESSION = ("the benchmark", "the index", "the market", "stocks", "shares", "Bharat Composite")

DESK = Desk(
    datelines=("Mumbai", "Mumbai", "Mumbai", "Mumbai", "Mumbai", "Ahmedabad", "New Delhi", "Chennai", "Kolkata"),
    kinds=(
        Kind(
            "rally",
            subject="the Meridian 50",
            aliases=_SESSION,
            weight=1,
            headlines=templates(
                "Meridian 50 [[climbs|rises|gains|advances]] {pct1}% to {idx} [[" + _WHY_UP + "]]",
                "[[Stocks|Indian shares|Benchmarks|The market]] [[rise|climb|rally|firm]] for a {nth} session [[" + _WHY_UP + "]]",
                "Bharat Composite [[adds|gains|puts on]] {comp_pts} points [[" + _WHY_UP + "]]",
                "{Sector} shares lift the Meridian 50 to a {weeks_n}-week high[[; {co} leads|; breadth improves|; the rupee firms|]]",
                "{Co} leads gains on the Meridian 50, up {pct_mid}%[[ after its results| on a broker upgrade| on heavy volumes|]]",
                "Meridian 50 reclaims {idx_round} [[" + _WHY_UP + "]]",
            ),
            standfirsts=templates(
                "Foreign investors were net buyers for a {nth} session, and the Meridian 50 ended {pct1} per cent higher at {idx}.",
                "Advancing shares outnumbered decliners by {ratio} to one as the Meridian 50 rose {pts} points, though some traders warned the rally was running ahead of earnings.",
                "A rally in {co} and other {sector} heavyweights lifted the Meridian 50 to {idx}, while softer bond yields helped rate-sensitive stocks.",
            ),
            leads=templates(
                "Indian shares rose for a {nth} straight session on {weekday}, with the Meridian 50 closing {pct1} per cent higher at {idx} as investors piled into {sector} stocks and foreign funds extended their buying. The broader Bharat Composite added {comp_pts} points to end at {comp}.",
                "The Meridian 50 gained {pts} points, or {pct1} per cent, to close at {idx} on {weekday}, its strongest finish in {weeks} weeks, as a rally in heavyweight {sector} shares overcame early nervousness about the direction of global interest rates.",
                "Buyers returned to the market in force on {weekday}. The Meridian 50 ended {pct1} per cent higher at {idx}, led by {co}, which jumped {pct_mid} per cent, while shares of mid-sized companies outperformed the benchmark for a second consecutive day.",
            ),
            paragraphs=templates(
                "{Co} was the biggest gainer on the benchmark, rising {pct_mid} per cent after {co_desc} reported a better-than-expected increase in quarterly profit. The stock has gained nearly {pct_big} per cent since the start of the year, well ahead of the broader market.",
                "“The market is rewarding earnings visibility,” said {analyst}, {analyst_role} at {broker}. “Money is moving back into companies where profit growth is reasonably certain over the next two years, and {sector} fits that description right now.”",
                "Market breadth was healthy. Of the {listed} stocks that changed hands on the exchange, {breadth_big} advanced and {breadth_small} declined, while the Meridian Midcap 150 rose {pct2} per cent.",
                "Foreign portfolio investors bought shares worth a net {crore_s} in the previous session, according to provisional exchange data. Domestic institutions, steady buyers through the recent correction, were modest net sellers as some fund managers booked profits in the market.",
                "Dealers said short-covering added to the move in the final hour of trade. Several traders who had bet on further declines were forced to buy back positions as the index cleared levels that had capped it for most of the month.",
                "Technical analysts said the Meridian 50 now faced resistance near {idx_res}, a level at which it has stalled twice in recent months, while support was seen around {idx_sup}. A close above resistance could draw in investors who have stayed on the sidelines.",
                "The India volatility gauge, which measures the price swings traders expect in the index over the next month, eased to {vix}, a sign that the market's nerves had settled after a choppy few weeks.",
                "Among laggards on the benchmark, {co2} slipped {pct2} per cent as investors sold {sector2} shares to fund purchases elsewhere in the market.",
                "Analysts said the index's direction in the coming weeks would depend on {driver}. “Domestic money has been steady; foreign money has been fickle,” said {analyst3} of {broker3}. “Whichever side blinks first will decide where the market goes next.”",
            ),
            quotes=templates(
                "“The easy money in this market has been made. From here, stock selection will matter far more than the direction of the index.” — {analyst}, {analyst_role} at {broker}",
                "“When {sector} stocks lead, the rest of the market usually follows. The question is how long the leadership lasts.” — {analyst2}, {broker2}",
            ),
        ),
        Kind(
            "slide",
            subject="the Meridian 50",
            aliases=_SESSION,
            weight=1,
            headlines=templates(
                "Meridian 50 [[slips|falls|drops|loses]] {pct1}% to {idx} [[" + _WHY_DOWN + "]]",
                "[[Stocks|Indian shares|Benchmarks|The market]] [[fall|slide|retreat|weaken]] for a {nth} session [[" + _WHY_DOWN + "]]",
                "Bharat Composite [[sheds|loses|gives up]] {comp_pts} points [[" + _WHY_DOWN + "]]",
                "Selling in {co} pulls the Meridian 50 down {pts} points[[ in late trade| in a nervous session|]]",
                "Meridian 50 slips below {idx_ceil} [[" + _WHY_DOWN + "]]",
            ),
            standfirsts=templates(
                "Foreign investors were net sellers of shares worth {crore_s}, and analysts said {worry} would keep the Meridian 50 on edge.",
                "Losses were concentrated in {sector} stocks as the Meridian 50 fell to {idx}, though some fund managers said the decline offered a chance to buy good companies cheaper.",
                "Decliners outnumbered advancers by {ratio} to one as traders cut positions ahead of {event}, and the Meridian 50 lost {pts} points.",
            ),
            leads=templates(
                "Indian shares fell on {weekday}, with the Meridian 50 losing {pct1} per cent to close at {idx}, as investors sold {sector} stocks amid worries over {worry}. The Bharat Composite shed {comp_pts} points to {comp}, and trading volumes were above the monthly average.",
                "Profit-taking in heavyweight stocks pulled the Meridian 50 down {pts} points, or {pct1} per cent, to {idx} on {weekday}. Losses were led by {co}, which slid {pct_mid} per cent as investors took money off the table after a strong run.",
                "The market's recent run came to an abrupt halt on {weekday}. The Meridian 50 ended {pct1} per cent lower at {idx} after a day of steady selling, as concerns about {worry} prompted foreign funds and local traders alike to cut their exposure to {sector} shares.",
            ),
            paragraphs=templates(
                "“This is a market that ran up quickly and is now looking for reasons to pause,” said {analyst}, {analyst_role} at {broker}. “I would not read too much into a single session, but the worry about {worry} is a real one, and it has not been fully priced into stocks.”",
                "Selling was widespread. Of the {listed} stocks traded on the exchange, {breadth_big} declined and only {breadth_small} advanced. The Meridian Midcap 150 fell {pct2} per cent, underperforming the benchmark as investors moved out of riskier, less liquid shares.",
                "{Co} fell {pct_mid} per cent, its steepest one-day drop in {months} months, after {co_desc} warned that higher {costs} would weigh on margins in the current quarter. It was the biggest drag on the index.",
                "Foreign portfolio investors sold shares worth a net {crore_s} in the previous session, provisional data showed, extending a run of outflows from the market. Domestic mutual funds were net buyers, cushioning some of the fall.",
                "Some fund managers saw an opportunity in the decline. “We have been waiting for a correction to add to positions in companies we like,” said {analyst2}, a fund manager at {broker2}. “Valuations had become stretched in pockets of the market. A few weeks of consolidation would be healthy.”",
                "The India volatility gauge jumped to {vix}, its highest in several weeks, as traders paid up for protection against further falls in the index.",
                "Technical analysts said the Meridian 50 had support around {idx_sup}; a close below that level could trigger more selling from traders who use charts to time their bets on stocks.",
                "Shares of {co2} held up better than the market, ending little changed, as investors sought safety in {sector2} companies with steady earnings.",
            ),
            quotes=templates(
                "“We are telling clients to keep some cash aside. Volatility is the price of being in this market.” — {analyst}, {broker}",
            ),
        ),
        Kind(
            "results",
            subject="{co}",
            aliases=("{ceo}", "{ceo_last}", "the company", "the stock", "its shares", "the board"),
            weight=4,
            headlines=templates(
                "{Co} profit rises {pct_rev}% in {quarter_short} quarter[[, shares climb to a record|; shares gain {pct_mid}%|]]",
                "{Co} shares jump {pct_mid}% on [[a strong quarterly show|better margins|a surprise profit rise]]",
                "{Co} beats estimates as demand for {co_product} [[holds up|recovers|broadens beyond big cities]]",
                "[[Brokerages|Analysts]] raise targets on {co} after an earnings surprise in {month}",
                "{Co} posts {pct_rev}% profit growth, recommends a ₹{dividend} dividend",
                "Lower {costs} lift {co}'s margin to {pct_margin}% in {quarter_short}",
                "{Co} results: profit up {pct_rev}%, capacity plans near {co_city} [[on track|brought forward|to be funded by debentures]]",
            ),
            standfirsts=templates(
                "{Co_desc} posted a {pct_rev} per cent rise in net profit for {quarter}, helped by firmer pricing and lower {costs}.",
                "{Co}'s management said demand for {co_product} was broadening beyond the largest cities, and guided for double-digit revenue growth in {fy}.",
                "{Co}'s operating margin widened to {pct_margin} per cent in {quarter}, and its board proposed a dividend of ₹{dividend} a share.",
                "Revenue at {co} rose {pct_mid} per cent to {crore_m}; [[analysts said the numbers left room for more upgrades|the shares have outrun the market this year]].",
            ),
            leads=templates(
                "Shares of {co} rose as much as {pct_mid} per cent on {weekday} after {co_desc} reported a {pct_rev} per cent rise in net profit for {quarter}, comfortably ahead of analysts' estimates, on steadier demand and lower {costs}.",
                "{Co}, {co_desc}, said on {weekday} that its consolidated net profit rose {pct_rev} per cent from a year earlier to {crore_s} in {quarter}, as demand for {co_product} held up better than expected and cost controls helped protect margins.",
            ),
            paragraphs=templates(
                "{Co}'s revenue from operations rose {pct_mid} per cent to {crore_m}, while operating margins widened by about {bps_m} basis points to {pct_margin} per cent. Analysts polled before the results had expected the company's margins to narrow as it absorbed higher employee and freight costs.",
                "“We are seeing demand broaden out beyond the big cities,” {ceo}, {ceo_role} of {co}, told analysts on a conference call. “Our order book gives us visibility for at least the next three quarters, and we are not seeing any slowdown in enquiries.”",
                "At least {n} brokerages raised their price targets on {co} after the results. {Broker} lifted its target to ₹{target} from ₹{target_old}, saying the company's balance sheet left room for further investment without diluting shareholders.",
                "The board of {co} also recommended a dividend of ₹{dividend} a share and approved plans to raise up to {crore_s} through debentures to fund a capacity expansion near {co_city}.",
                "Not everyone is convinced. {Analyst2}, a fund manager at {broker2}, said part of the improvement at {co} reflected one-off gains from lower commodity prices. “The real test comes in the next two quarters, when those tailwinds fade,” {analyst2_last} said.",
                "{Ceo_last} said the company would spend about {crore_s} over two years on new capacity and on reaching more dealers in smaller towns, where demand for {co_product} has been growing fastest.",
                "The stock has risen about {pct_big} per cent over the past year and trades at {pe} times estimated earnings, a premium to {peer}, its closest listed rival, which reports its own results later this month.",
                "Lower {costs} did much of the work for {co} this quarter, analysts said. {Analyst}, {analyst_role} at {broker}, estimated that cheaper inputs accounted for about half of the margin gain, with price increases and a richer product mix making up the rest.",
            ),
            quotes=templates(
                "“Our priority is to grow without stretching the balance sheet. We have turned down growth that did not pay for itself.” — {ceo}, {ceo_role}, {co}",
            ),
            lists=(
                (
                    ("{Co}'s quarter in numbers:", "The main figures from {co}:"),
                    (
                        "Net profit: {crore_s}, up {pct_rev} per cent",
                        "Revenue: {crore_m}, up {pct_mid} per cent",
                        "Operating margin: {pct_margin} per cent",
                        "Dividend: ₹{dividend} a share",
                        "Target price at {broker}: ₹{target}",
                    ),
                ),
            ),
        ),
        Kind(
            "ipo",
            subject="{co}",
            aliases=("the company", "the offer", "the issue", "the listing", "{ceo_last}"),
            weight=2,
            headlines=templates(
                "{Co}'s {crore_m} IPO subscribed {times} times on the final day",
                "Investors bid {times} times for {co} shares in its [[first public offer|debut share sale|initial offer]]",
                "[[Institutional demand powers|Big funds drive|Wealthy investors crowd into]] the {co} share sale",
                "{Co} IPO draws bids worth {crore_l} [[as retail demand lags|ahead of a listing next week|on the last day]]",
                "{Co} sets a price band of ₹{price_lo}-{price} for its {crore_m} [[IPO|share sale]]",
                "Grey market signals a {pct_big}% premium for {co} [[before listing|as bidding closes]]",
            ),
            standfirsts=templates(
                "The portion of {co}'s offer reserved for qualified institutional buyers was bid {times} times, while retail demand was more measured.",
                "{Co} plans to use the proceeds of its {crore_m} offer to repay debt and expand capacity near {co_city}; its shares are expected to list next week.",
                "{Co_desc} priced its shares at ₹{price_lo} to ₹{price}, [[valuing the company at {pe} times last year's earnings|a valuation bankers called full but fair]].",
            ),
            leads=templates(
                "The initial public offering of {co}, {co_desc}, was subscribed {times} times on its final day of bidding on {weekday}, exchange data showed, as large institutions and wealthy individuals piled into one of the year's most closely watched listings.",
                "{Co}'s {crore_m} share sale drew bids worth {crore_l} by the close of subscription on {weekday}, making it {times} times oversubscribed and underlining the appetite among investors for {sector} companies with a record of steady profits.",
            ),
            paragraphs=templates(
                "{Co} had priced its shares in a band of ₹{price_lo} to ₹{price}. About a third of the issue was a fresh sale of shares, with the rest an offer for sale by early investors, including the founding family, which will retain a majority stake in the company after the listing.",
                "“Demand for good-quality new issues remains very deep,” said {analyst}, {analyst_role} at {broker}, of the {co} offer. “But investors are becoming more selective. Companies that came to market last year with aggressive pricing have not all rewarded their shareholders, and people remember that.”",
                "{Co} said it would use the money raised to repay about {crore_s} of debt and to fund a new facility near {co_city}. The company reported revenue of {crore_m} in the last financial year, with net profit rising {pct_rev} per cent.",
                "Grey-market dealers, who trade shares informally before they list, indicated a premium of about {pct_big} per cent over the issue price of {co}, though bankers cautioned that such indications are unreliable and often reverse on listing day.",
                "{Ceo}, {ceo_role} of {co}, said the listing would give the company the currency to grow. “Being listed makes us more accountable, and it lets our employees share in what they have built,” {ceo_last} said in an interview before the offer opened.",
                "Of the portion of the {co} issue set aside for individual investors, bids came in at {pct_mid} times the shares on offer, a healthy but unspectacular showing that bankers attributed to the high minimum investment.",
                "{Co} will be the {nth} {sector_noun} to list this year. Its closest listed rival, {peer}, trades at about {pe} times estimated earnings, a benchmark that bankers used to price the offer.",
            ),
        ),
        Kind(
            "stock",
            subject="{co}",
            aliases=("the company", "the stock", "its shares", "{ceo_last}"),
            weight=3,
            headlines=templates(
                "{Co} shares [[surge|jump|climb]] {pct_mid}% on a {crore_m} [[order win|export contract|supply deal]]",
                "{Co} [[falls|slides|drops]] {pct_mid}% after a downgrade by {broker}",
                "Promoters sell a {pct2}% stake in {co} through block deals[[; shares slip|]]",
                "{Co} to buy back shares worth {crore_s} at ₹{target}[[, a {upside}% premium|]]",
                "{Co} plans {crore_m} expansion near {co_city}; [[shares rise|investors cheer|brokers see upside]]",
                "Why {co} has [[doubled|soared|outrun the market]] in {year}",
                "{Co} hits a {weeks_n}-week low as {costs} [[bite|rise|squeeze margins]]",
            ),
            standfirsts=templates(
                "The contract adds about a tenth to {co}'s order book and lifts visibility for {fy}, analysts at {broker} said.",
                "{Broker} cut its target on {co} to ₹{target_low}, citing rising {costs} and slower demand for {co_product}.",
                "{Co}'s shares have [[risen|moved]] about {pct_big} per cent this year; the company says the new capacity will be running by {fy_next}.",
                "Investors in {co} weighed the company's plans for {crore_m} of spending against a balance sheet that carries {crore_s} of debt.",
            ),
            leads=templates(
                "Shares of {co} rose {pct_mid} per cent on {weekday} after {co_desc} said it had won an order worth about {crore_m}, its largest in {years_ago} years, which analysts said would keep its plants busy well into {fy_next}.",
                "Shares of {co} fell {pct_mid} per cent on {weekday}, their steepest drop in {months} months, after {broker} cut its rating on the stock, saying rising {costs} would squeeze the company's margins through the rest of {fy}.",
                "{Co}, {co_desc}, said on {weekday} it would invest about {crore_m} in new capacity near {co_city} over the next {n} years, its biggest expansion in a decade, as demand for {co_product} runs ahead of what its plants can make.",
            ),
            paragraphs=templates(
                "{Co}'s order book now stands at about {crore_l}, or roughly {n} times its annual revenue, according to estimates by {broker}. “Visibility of this kind is rare in the sector,” said {analyst}, {analyst_role} at the brokerage.",
                "{Broker}'s analysts cut their target on {co} to ₹{target_low} from ₹{target_old}. “Input costs have turned against the company just as competitors add capacity,” they wrote in a note to clients, adding that they saw limited room for the stock to rise in the near term.",
                "{Ceo}, {ceo_role} of {co}, said the company could fund the expansion largely from its own cash. “We have spent three years fixing the balance sheet,” {ceo_last} said. “We are not going to undo that now.”",
                "Trading in {co} was heavy, with about {n} times the stock's average daily volume changing hands by the close, exchange data showed.",
                "{Co} competes with {peer} and several smaller rivals in the market for {co_product}. Analysts say its distribution network in smaller towns gives it an edge that is hard to copy quickly.",
                "The shares of {co} trade at about {pe} times estimated earnings for {fy_next}, compared with a five-year average of {pe_avg}, according to {broker2}.",
                "{Co}'s board approved a buyback of up to {crore_s} of shares at ₹{target} each, a premium of about {upside} per cent to the last close, to be paid from the company's cash.",
                "{Co}'s promoters sold about {pct2} per cent of the company through block deals on the exchange, filings showed, leaving the founding family with a comfortable majority. Funds and insurers bought most of the shares.",
                "The shares of {co} are at their lowest in {weeks} weeks, and have lost about {pct_big} per cent from their peak as investors worried that {costs} would erode the company's margins.",
                "Some investors in {co} remain wary. {Analyst2}, a fund manager at {broker2}, said the company's record of turning announcements into profits was mixed. “We would like to see the margins before we pay up for the story,” {analyst2_last} said.",
            ),
        ),
        Kind(
            "rupee",
            subject="rupee",
            aliases=("the currency", "dollar", "currency dealers"),
            weight=1,
            headlines=templates(
                "Rupee [[slips|weakens|eases|softens]] to {rupee} per dollar [[" + "|".join(("on importer demand", "as oil bills mount", "as foreign funds sell", "on month-end dollar demand", "as the dollar firms overseas", "after weak trade data", "as Asian currencies slide", "as bond outflows mount", "despite central bank selling", "as exporters hold back dollars", "ahead of {event}", "as crude climbs to ${brent}")) + "]]",
                "Rupee [[breaks past|slides through|weakens beyond]] {rupee_round} [[as crude prices and outflows weigh|as importers rush for dollars|for the first time in {months} months|with Brent near ${brent}]]",
                "[[Dealers see central bank selling|State-run banks sell dollars|The central bank steps in]] as the rupee [[nears|tests|approaches]] {rupee_round}",
                "Bond yields [[edge up|climb|rise]] to {yield10}% as the rupee [[comes under pressure|slides against the dollar|hits {rupee}]]",
                "[[Exporters sell dollars|Foreign inflows return|Importers pause]] and the rupee [[recovers to|firms to|steadies at]] {rupee}",
            ),
            standfirsts=templates(
                "Dealers said the central bank sold dollars through state-run banks to keep the rupee from falling past {rupee_round}.",
                "Brent crude near ${brent} a barrel and a firm dollar kept pressure on the rupee, which ended at {rupee}.",
                "The rupee's fall from {rupee_prev} to {rupee} pushed the ten-year bond yield up to {yield10} per cent.",
            ),
            leads=templates(
                "The rupee weakened to {rupee} against the US dollar on {weekday}, from {rupee_prev} in the previous session, as oil importers bought dollars and foreign investors trimmed their holdings of Indian shares and bonds, currency dealers said.",
                "The rupee ended at {rupee} per dollar on {weekday}, down from {rupee_prev}, after a day in which dealers reported steady dollar demand from importers and only intermittent support from exporters selling their foreign-currency earnings.",
            ),
            paragraphs=templates(
                "Dealers said the central bank was seen selling dollars through state-run banks as the rupee approached the {rupee_round} mark, a pattern that has kept the currency's day-to-day moves narrow even as other Asian currencies have swung more sharply.",
                "“The pressure on the rupee is coming from the trade account rather than from panic,” said {economist}, {economist_role} at {bank}. “With Brent at around ${brent} a barrel, the oil import bill is simply larger, and that shows up in the currency.”",
                "The yield on the benchmark ten-year government bond rose to {yield10} per cent, as traders weighed the possibility that a weaker rupee would keep the central bank from cutting interest rates as soon as markets had hoped.",
                "Forward premiums, which reflect the cost of hedging against future moves in the rupee, edged higher. Exporters, who had held back sales of dollars in the hope that the currency would weaken further, were said to be selling at the margin.",
                "The country's foreign-exchange reserves, at about ${fx_res} billion, give the central bank ample room to smooth the rupee's moves, dealers said, though it has made clear it does not defend any particular level.",
                "Importers, particularly oil refiners, have been the steadiest buyers of dollars, currency dealers said. “Month-end payments always weigh on the rupee,” said {analyst}, who heads the currency desk at {broker}.",
                "Traders expect the rupee to trade between {rupee_prev} and {rupee_weak} per dollar in the coming weeks, according to a poll of dealers, with the direction of foreign flows into Indian shares the main swing factor.",
            ),
        ),
    ),
    subheads=("The view from the desks", "What to watch next", "Beyond the headline number", "The numbers"),
)
