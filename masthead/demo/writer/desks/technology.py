"""The Technology desk's kinds of story: software services deals and
results, start-ups, telecoms and technology policy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

_COMPANY = ("{ceo}", "{ceo_last}", "the company")

DESK = Desk(
    datelines=("Bengaluru", "Bengaluru", "Bengaluru", "Hyderabad", "Pune", "Chennai", "New Delhi", "Mumbai"),
    sectors=("it", "telecom"),
    kinds=(
        Kind(
            "it-deal",
            subject="{co}",
            aliases=(*_COMPANY, "the contract", "the deal"),
            weight=2,
            sectors=("it",),
            dateline_key="co_city",
            headlines=templates(
                "{Co} wins a ${usd_m}m contract from a {client_h} [[in {month}|to run its back office|to modernise old systems]]",
                "{Co} signs a {n}-year outsourcing deal with a {client_h}",
                "{Client_h} picks {co} for a ${usd_m}m technology overhaul",
                "{Co} adds a {client_h} to its clients in a [[{n}-year|${usd_m}m]] deal[[; shares rise|]]",
                "{Co} to take on [[hundreds of|several hundred]] {client_h} staff under a new contract",
            ),
            standfirsts=templates(
                "{Co}'s contract with {client}, among the largest it has signed this year, covers application maintenance, infrastructure management and the modernisation of older systems.",
                "{Co}'s executives said clients were spending cautiously but were prioritising projects that cut costs or replace ageing technology, like this ${usd_m} million deal.",
                "The ${usd_m} million deal runs for {n} years and will be delivered largely from {co}'s centres in {tech_city}.",
            ),
            leads=templates(
                "{Co}, {co_desc}, said on {weekday} it had won a contract worth about ${usd_m} million over {n} years from {client}, one of the largest deals in its history, to manage and modernise the client's technology systems and back-office operations.",
                "{Co} has signed a {n}-year agreement worth about ${usd_m} million to run technology operations for {client}, the company said on {weekday}, adding to a string of large outsourcing contracts won by Indian providers as clients look to cut costs and modernise ageing systems.",
            ),
            paragraphs=templates(
                "“Clients are still cautious about discretionary spending, but they are committing to transformation programmes that pay for themselves in two or three years,” {ceo}, {ceo_role} of {co}, said. “That is where we are seeing the strongest demand.”",
                "Analysts said the deal underlined the ability of Indian firms such as {co} to compete for large contracts against global consulting companies. “Indian providers win on a combination of scale, price and delivery record,” said {analyst}, {analyst_role} at {broker}.",
                "The work will be run largely from {co}'s centres in {tech_city} and Eastern Europe, and the company expects to take on several hundred of the client's existing technology staff as part of the transition.",
                "{Co} employs more than {headcount} people, most of them at delivery centres in {tech_city} and other Indian cities, and has been expanding in Eastern Europe and Latin America to serve clients in different time zones.",
                "The contract is expected to add about {pct2} percentage points to {co}'s revenue growth in the next financial year, according to estimates by {broker}, though the company will bear transition costs in the first few quarters.",
                "{Ceo_last} said {co} would use automation tools to run much of the client's routine work, freeing engineers for projects that rebuild older systems. “The client is not paying us for headcount,” {ceo_last} said. “It is paying us for outcomes.”",
            ),
        ),
        Kind(
            "it-results",
            subject="{co}",
            aliases=(*_COMPANY, "its revenue", "attrition"),
            weight=2,
            sectors=("it",),
            dateline_key="co_city",
            headlines=templates(
                "{Co} revenue grows {pct_rev}% in {quarter_short} as large deals ramp up",
                "{Co} to hire {jobs} graduates as its deal pipeline [[strengthens|hits a two-year high]]",
                "{Co} holds its margin at {pct_margin}% despite pay rises[[ for staff|]]",
                "Attrition at {co} [[eases|falls]] to {pct_big}%, helping margins in {quarter_short}",
                "{Co} keeps its {fy} forecast as [[clients stay cautious|Europe outpaces North America|deal wins pile up]]",
            ),
            standfirsts=templates(
                "{Co}'s executives said demand was improving, but cautioned that clients remained careful about spending; revenue rose {pct_rev} per cent.",
                "{Co} kept its forecast for {fy} unchanged, citing a steady pipeline of large contracts.",
                "{Co}'s operating margin held at {pct_margin} per cent and it plans to hire about {jobs} graduates, [[a sign of confidence in its pipeline|more than last year]].",
            ),
            leads=templates(
                "{Co} reported a {pct_rev} per cent rise in revenue in dollar terms for {quarter} on {weekday}, helped by large multi-year contracts signed last year that are now generating income, and said it planned to hire about {jobs} graduates in the coming financial year.",
                "{Co}, {co_desc}, said on {weekday} it would hire about {jobs} graduates in the coming financial year, after revenue for {quarter} rose {pct_rev} per cent in dollar terms and its pipeline of large contracts grew to its strongest level in two years.",
            ),
            paragraphs=templates(
                "“Clients are still cautious about discretionary spending, but they are committing to transformation programmes that pay for themselves in two or three years,” {ceo}, {ceo_role} of {co}, said on a call with analysts.",
                "{Co}'s operating margin was {pct_margin} per cent, within its target range, despite pay rises for employees. Attrition, the rate at which staff leave, fell to about {pct_big} per cent on an annualised basis, easing pressure on the company's costs.",
                "Revenue from {co}'s clients in North America, its largest market, grew {pct_mid} per cent, while Europe grew faster on the back of contracts signed with banks and manufacturers last year.",
                "Shares of {co} rose {pct2} per cent after the results, outperforming the Meridian IT index. Analysts at {broker} said the numbers suggested the worst of the slowdown in client spending was over for the company.",
                "{Co} employs more than {headcount} people, most of them at delivery centres in {tech_city} and other Indian cities, and has been expanding in Eastern Europe and Latin America to serve clients in different time zones.",
                "{Ceo_last} said {co} would run its own training campus for new graduates, who spend several months learning the tools used on client projects before they are assigned to one. “Colleges teach the basics; we teach the job,” {ceo_last} said.",
            ),
        ),
        Kind(
            "startup",
            subject="{startup}",
            aliases=("{founder}", "{founder_last}", "the start-up", "the company", "its investors"),
            weight=4,
            min_year=1999,
            dateline_key="tech_city",
            headlines=templates(
                "{Startup} raises ${usd_m_small}m to expand {product_short} [[into smaller towns|across {n} cities|beyond the metros]]",
                "{Vc} leads a ${usd_m_small}m round in {tech_city}'s {startup}",
                "{Startup} eyes smaller towns after [[fresh funding|a ${usd_m_small}m round|a year of growth]]",
                "{Startup} says it will break even within {months} months[[, as investors grow choosier|]]",
                "{Founder}'s {startup} [[triples its customers|doubles revenue|wins backing from {vc}]]",
                "[[Investors bet on|Money pours into|{Vc} doubles down on]] {startup} and its {product_short}",
                "{Startup} [[cuts losses|hires engineers|adds {n} cities]] as {product_short} catches on",
            ),
            standfirsts=templates(
                "{Startup}, founded {founded_ago} years ago, said it would use the ${usd_m_small} million to hire engineers and expand into {n} new cities.",
                "{Vc}'s bet on {startup} comes as investors favour start-ups with a clear path to profit over those chasing growth at any cost.",
                "{Startup}'s founders say the business is close to breaking even, a claim its new investors at {vc} will be watching closely.",
                "{Startup} has about {users} customers for its {product_short}; [[its founder wants ten times that|most of them are in {tech_city}]].",
            ),
            leads=templates(
                "{Startup}, a {tech_city}-based start-up that offers {product}, said on {weekday} it had raised ${usd_m_small} million in a funding round led by {vc}, as investors return cautiously to young Indian technology companies that can show a clear route to profitability.",
                "{Vc} has led a ${usd_m_small} million investment in {startup}, a {tech_city} company that offers {product}, the start-up said on {weekday}, valuing the business at about ${usd_m} million and giving it funds to expand beyond the largest cities.",
            ),
            paragraphs=templates(
                "“We spent the last two years making sure every new city we enter pays for itself,” {founder}, co-founder and chief executive of {startup}, said in an interview. “This money lets us grow faster, but the discipline does not change.”",
                "{Startup} says it has about {users} customers and that its revenue has roughly doubled over the past year. The company expects to break even on an operating basis within {months} months, though it did not disclose its current losses.",
                "{Vc_partner}, a partner at {vc}, said the firm had backed {startup} because its customers kept coming back. “The days of writing cheques on the basis of growth alone are over,” {vc_partner_last} said. “We want to see unit economics that work, and this company has them.”",
                "{Startup} competes with several larger rivals, some backed by global investors. Analysts say the market for {product} in India is still small relative to its potential, leaving room for more than one company to build a profitable business.",
                "{Founder_last} started {startup} {founded_ago} years ago in a rented flat in {tech_city} with two colleagues from a previous job. The start-up now employs several hundred people, about a third of them engineers.",
                "Most of the new money will go on hiring engineers and on entering {n} new cities, {founder_last} said. {Startup} plans to open in state capitals first, where it says demand for {product} has run ahead of supply.",
                "Customers of {startup} pay a monthly fee, and the company says four in five renew. Its biggest cost is people on the ground, and {founder_last} said software that plans routes and schedules had cut that cost by about a fifth in a year.",
                "{Startup}'s earlier investors, who put money into the company when it had a handful of customers, also took part in the round, according to a filing with the registrar of companies.",
            ),
            quotes=templates(
                "“Smaller cities are not a smaller version of the big ones. What people want there is different, and so is what they will pay.” — {founder}, {startup}",
            ),
        ),
        Kind(
            "telecom",
            subject="{co}",
            aliases=(*_COMPANY, "subscribers", "tariffs", "the operator"),
            weight=2,
            min_year=2004,
            sectors=("telecom",),
            datelines=("New Delhi", "Mumbai"),
            headlines=templates(
                "{Co} to invest {crore_m} in a network upgrade [[in smaller towns|over {n} years|to win back subscribers|for faster data|in the north-east]]",
                "{Co} [[seeks relief|asks for more time|wants a moratorium]] on spectrum payments[[ due over {n} years| as debts mount|]]",
                "{Co} raises tariffs by up to {pct_big}%[[; rivals may follow|; consumer groups object|; analysts cheer|]]",
                "{Co} adds subscribers for a {nth} month [[as its network improves|after a price cut|in rural circles|as rivals stumble]]",
                "Revenue per user at {co} [[rises to|reaches|edges up to]] ₹{arpu} a month[[ after tariff rises| as data use grows|]]",
            ),
            standfirsts=templates(
                "{Co}'s executives argue that current prices do not support the investment networks need; consumer groups say the poor will pay the price.",
                "{Co}'s heavy debts have made the pricing of its mobile services a policy question as much as a commercial one.",
                "{Co} earns about ₹{arpu} a month from each user, [[among the lowest in the world|and wants more|short of what it says it needs]].",
            ),
            leads=templates(
                "{Co}, {co_desc}, said on {weekday} it would invest {crore_m} over the next {n} years to expand and upgrade its network, as it seeks to win back subscribers and improve coverage in smaller towns where rivals have gained ground.",
                "{Co} will raise prices for its prepaid and postpaid plans by up to {pct_big} per cent from next month, the company said on {weekday}, in a move analysts said would lift revenue per user and could prompt rivals to follow.",
                "{Co} has asked the government to defer spectrum payments due over the next {n} years, arguing that its heavy debts leave little room to invest in its network, according to a letter from the operator reviewed by this newspaper.",
            ),
            paragraphs=templates(
                "Average revenue per user at {co}, a key measure of profitability in the industry, stood at about ₹{arpu} a month in the last quarter, among the lowest in the world. The operator's executives have argued for years that current prices cannot support the investment networks need.",
                "“Traffic on our network keeps rising, and so does the cost of carrying it,” {ceo}, {ceo_role} of {co}, said. “We cannot keep investing at this scale on tariffs that have barely moved.”",
                "Consumer groups criticised {co}. They said higher prices would hit low-income subscribers hardest, particularly in rural areas where mobile phones are increasingly the main way people reach banks, schools and government services.",
                "{Co}'s debt remains high, and the operator has repeatedly sought relief from the government on payments for spectrum, the airwaves used to carry calls and data. Officials have said they are reviewing the requests.",
                "It was the {nth} straight month in which {co} added more subscribers than it lost, industry data showed, a turnaround the operator credits to new towers in rural circles and cheaper entry-level plans.",
                "{Co} has about {users} subscribers in its weakest circles and says better coverage would win more. The company plans to add several thousand towers, many of them in districts where its signal is patchy.",
                "Analysts at {broker} said tariff increases at {co} would lift its operating profit sharply if subscribers did not leave. “The industry needs higher prices; the question is who moves first,” said {analyst}, {analyst_role} at the brokerage.",
            ),
        ),
        Kind(
            "policy",
            subject="{topic}",
            aliases=("the rules", "the draft", "specialists", "the field"),
            weight=2,
            datelines=("New Delhi", "Bengaluru"),
            headlines=templates(
                "[L0]Government drafts rules for {topic}, [[seeks industry views|invites comments for {weeks_n} weeks|sets out data safeguards|proposes a licensing regime|names a regulator]]",
                "[L1]Indian companies step up spending on {topic} [[even as budgets tighten|despite a talent shortage|as banks lead|as retailers catch up|to cut costs]]",
                "{Tech_city} emerges as a hub for {topic} talent[[ as salaries soar| as global firms move in| ahead of {tech_city}'s rivals|]]",
                "[L0]Privacy advocates [[criticise|question|welcome]] the draft rules on {topic}[[ as too weak| as too vague|]]",
                "[L1]{n_firms} companies surveyed plan to spend more on {topic}[[, {assoc_it} finds|]]",
            ),
            standfirsts=templates(
                "Executives say demand for specialists in {topic} far outstrips supply, even as policymakers debate how it should be governed.",
                "Demand for {topic} specialists is pushing up salaries and drawing global companies to {tech_city}.",
                "Companies say the shortage of people skilled in {topic} is now a bigger constraint than the cost of the technology itself.",
            ),
            leads=templates(
                "The government has drafted rules to govern {topic}, with proposals on data protection, accountability and the responsibilities of service providers, and has invited comments from companies and the public over the next {weeks} weeks, the {ministry_it} said on {weekday}.",
                "Indian companies are increasing their spending on {topic} even as they rein in other technology budgets, according to a survey of {n_firms} chief information officers released on {weekday} by {assoc_it}, a technology industry body.",
            ),
            paragraphs=templates(
                "Industry executives broadly welcomed the consultation on {topic} but warned against rules that could raise compliance costs for smaller firms. “We need guardrails, not roadblocks,” said {ceo}, who heads {assoc_it}.",
                "India has one of the world's largest pools of technology workers, and companies say demand for specialists in {topic} far outstrips supply. Salaries for experienced engineers in the field have risen by as much as {pct_big} per cent in a year.",
                "{Tech_city} accounts for the largest share of new jobs in {topic}, according to recruitment firms, as global companies expand their technology centres in India to tap engineering talent at lower cost.",
                "Privacy advocates said the draft rules on {topic} needed stronger safeguards. “Companies collect enormous amounts of personal data, and people have very little say in how it is used,” said {activist}, who works on digital rights in New Delhi.",
                "The survey by {assoc_it} found that about {pct_big} per cent of companies planned to raise spending on {topic} over the next year, with banks, retailers and manufacturers the most eager.",
                "Officials said the rules on {topic} would be revised after the consultation and could be notified within months. Companies would get a transition period to comply, the {ministry_it} said.",
            ),
        ),
    ),
    subheads=("The business", "What investors see", "The competition", "What comes next"),
)
