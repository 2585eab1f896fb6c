"""The Technology desk's kinds of story and its shared copy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

DESK = Desk(
    datelines=("Bengaluru", "Bengaluru", "Bengaluru", "Hyderabad", "Pune", "Chennai", "New Delhi", "Mumbai"),
    sectors=("it", "telecom"),
    kinds=(
        Kind(
            "it-deal",
            weight=2,
            sectors=("it",),
            dateline_key="co_city",
            headlines=templates(
                "{Co} wins ${usd_m}m contract from {client_h}",
                "{Co} signs {n}-year outsourcing deal with {client_h}",
                "{Client_h} picks {co} for ${usd_m}m technology overhaul",
            ),
            standfirsts=templates(
                "The contract, among the largest the company has signed this year, covers application maintenance, infrastructure management and the modernisation of older systems.",
                "Executives said clients were spending cautiously but were prioritising projects that cut costs or replace ageing technology.",
            ),
            leads=templates(
                "{Co}, {co_desc}, said on {weekday} it had won a contract worth about ${usd_m} million over {n} years from {client}, one of the largest deals in its history, to manage and modernise the client's technology systems and back-office operations.",
                "{Co} has signed a {n}-year agreement worth about ${usd_m} million to run technology operations for {client}, the company said on {weekday}, adding to a string of large outsourcing contracts won by Indian providers as clients look to cut costs and modernise ageing systems.",
            ),
            paragraphs=templates(
                "“Clients are still cautious about discretionary spending, but they are committing to transformation programmes that pay for themselves in two or three years,” {ceo}, {ceo_role} of {co}, said. “That is where we are seeing the strongest demand.”",
                "Analysts said the deal underlined the ability of Indian firms to compete for large contracts against global consulting companies. “Indian providers win on a combination of scale, price and delivery record,” said {analyst}, {analyst_role} at {broker}.",
                "The work will be run largely from the company's centres in {tech_city} and Eastern Europe, and {co} expects to take on several hundred of the client's existing technology staff as part of the transition.",
                "{Co} employs more than {headcount} people, most of them at delivery centres in {tech_city} and other Indian cities, and has been expanding in Eastern Europe and Latin America to serve clients in different time zones.",
            ),
        ),
        Kind(
            "it-results",
            weight=2,
            sectors=("it",),
            dateline_key="co_city",
            headlines=templates(
                "{Co} revenue grows {pct_rev}% as large deals ramp up",
                "{Co} to hire {jobs} graduates as deal pipeline strengthens",
                "{Co} holds margin at {pct_margin}% despite pay rises",
            ),
            standfirsts=templates(
                "Executives said demand was improving, but cautioned that clients remained careful about spending.",
                "The company kept its forecast for the full year unchanged, citing a steady pipeline of large contracts.",
            ),
            leads=templates(
                "{Co} reported a {pct_rev} per cent rise in revenue in dollar terms for {quarter} on {weekday}, helped by large multi-year contracts signed last year that are now generating income, and said it planned to hire about {jobs} graduates in the coming financial year.",
                "{Co}, {co_desc}, said on {weekday} it would hire about {jobs} graduates in the coming financial year, after revenue for {quarter} rose {pct_rev} per cent in dollar terms and its pipeline of large contracts grew to its strongest level in two years.",
            ),
            paragraphs=templates(
                "“Clients are still cautious about discretionary spending, but they are committing to transformation programmes that pay for themselves in two or three years,” {ceo}, {ceo_role} of {co}, said. “That is where we are seeing the strongest demand.”",
                "The company's operating margin was {pct_margin} per cent, within its target range, despite pay rises for employees. Attrition, the rate at which staff leave, fell to about {pct_big} per cent on an annualised basis, easing pressure on costs.",
                "Revenue from clients in North America, its largest market, grew {pct_mid} per cent, while Europe grew faster on the back of contracts signed with banks and manufacturers last year.",
                "Shares of {co} rose {pct2} per cent after the results, outperforming the Meridian IT index. Analysts at {broker} said the numbers suggested the worst of the slowdown in client spending was over.",
                "{Co} employs more than {headcount} people, most of them at delivery centres in {tech_city} and other Indian cities, and has been expanding in Eastern Europe and Latin America to serve clients in different time zones.",
            ),
        ),
        Kind(
            "startup",
            weight=3,
            min_year=1999,
            dateline_key="tech_city",
            headlines=templates(
                "{Startup} raises ${usd_m_small}m to expand {product_short}",
                "{Vc} leads ${usd_m_small}m round in {tech_city}'s {startup}",
                "{Startup} eyes smaller towns after fresh funding",
                "Investors back {startup} in ${usd_m_small}m funding round",
            ),
            standfirsts=templates(
                "The company, founded {years_ago} years ago, said it would use the money to hire engineers and expand into {n} new cities.",
                "Investors have become more selective, favouring start-ups with a clear path to profitability over those chasing growth at any cost.",
                "The founders say the business is close to breaking even, a claim its new investors will be watching closely.",
            ),
            leads=templates(
                "{Startup}, a {tech_city}-based start-up that offers {product}, said on {weekday} it had raised ${usd_m_small} million in a funding round led by {vc}, as investors return cautiously to young Indian technology companies that can show a clear route to profitability.",
                "{Vc} has led a ${usd_m_small} million investment in {startup}, a {tech_city} company that offers {product}, the start-up said on {weekday}, valuing the business at about ${usd_m} million and giving it funds to expand beyond the largest cities.",
            ),
            paragraphs=templates(
                "“We spent the last two years making sure every new city we enter pays for itself,” {founder}, co-founder and chief executive of {startup}, said in an interview. “This money lets us grow faster, but the discipline does not change.”",
                "The company says it has about {users} customers and that its revenue has roughly doubled over the past year. It expects to break even on an operating basis within {months} months, though it did not disclose its current losses.",
                "Funding for Indian start-ups has recovered from a slump, but investors remain selective. “The days of writing cheques on the basis of growth alone are over,” said {vc_partner}, a partner at {vc}. “We want to see unit economics that work.”",
                "{Startup} competes with several larger rivals, some backed by global investors. Analysts say the market for {product} in India is still small relative to its potential, leaving room for more than one company to build a profitable business.",
            ),
        ),
        Kind(
            "telecom",
            weight=2,
            min_year=2004,
            sectors=("telecom",),
            datelines=("New Delhi", "Mumbai"),
            headlines=templates(
                "{Co} to invest {crore_m} in network upgrade",
                "[L2]Telecom operators seek relief on spectrum payments",
                "{Co} raises tariffs by up to {pct_big}%; rivals may follow",
            ),
            standfirsts=templates(
                "Executives argue that current prices do not support the investment networks need; consumer groups say the poor will pay the price.",
                "The industry's heavy debts have made the pricing of mobile services a policy question as much as a commercial one.",
            ),
            leads=templates(
                "{Co}, {co_desc}, said on {weekday} it would invest {crore_m} over the next {n} years to expand and upgrade its network, as it seeks to win back subscribers and improve coverage in smaller towns where rivals have gained ground.",
                "{Co} will raise prices for its prepaid and postpaid plans by up to {pct_big} per cent from next month, the company said on {weekday}, in a move analysts said would lift revenue per user and could prompt rivals to follow.",
                "Telecom operators have asked the government to defer spectrum payments due over the next {n} years and to cut licence fees, arguing that the industry's heavy debts leave little room to invest in networks, according to a letter reviewed by this newspaper.",
            ),
            paragraphs=templates(
                "Average revenue per user, a key measure of profitability in the industry, stood at about ₹{arpu} a month in the last quarter, among the lowest in the world. Executives have argued for years that current prices cannot support the investment networks need.",
                "“Traffic on our network keeps rising, and so does the cost of carrying it,” {ceo}, {ceo_role} of {co}, said. “The industry cannot keep investing at this scale on tariffs that have barely moved.”",
                "Consumer groups criticised the move. They said higher prices would hit low-income users hardest, particularly in rural areas where mobile phones are increasingly the main way people reach banks, schools and government services.",
                "The industry's debt remains high, and operators have repeatedly sought relief from the government on payments for spectrum, the airwaves used to carry calls and data. Officials have said they are reviewing the requests.",
            ),
        ),
        Kind(
            "policy",
            weight=2,
            datelines=("New Delhi", "Bengaluru"),
            headlines=templates(
                "[L0]Government drafts rules for {topic}, seeks industry views",
                "[L1]Indian companies step up spending on {topic}",
                "{Tech_city} emerges as a hub for {topic} talent",
            ),
            standfirsts=templates(
                "Executives say demand for specialists far outstrips supply, even as policymakers debate how the technology should be governed.",
                "Demand for specialists far outstrips supply, pushing up salaries and drawing global companies to Indian cities.",
                "Companies say the shortage of skilled people is now a bigger constraint than the cost of the technology itself.",
            ),
            leads=templates(
                "The government has drafted rules to govern {topic}, with proposals on data protection, accountability and the responsibilities of service providers, and has invited comments from companies and the public over the next {weeks} weeks, the {ministry_it} said on {weekday}.",
                "Indian companies are increasing their spending on {topic} even as they rein in other technology budgets, according to a survey of {n_firms} chief information officers released on {weekday} by {assoc_it}, a technology industry body.",
            ),
            paragraphs=templates(
                "Industry executives broadly welcomed the consultation but warned against rules that could raise compliance costs for smaller firms. “We need guardrails, not roadblocks,” said {ceo}, {ceo_role} of {co}.",
                "India has one of the world's largest pools of technology workers, and companies say demand for specialists in {topic} far outstrips supply. Salaries for experienced engineers in the field have risen by as much as {pct_big} per cent in a year.",
                "{Tech_city} accounts for the largest share of new jobs in the field, according to recruitment firms, followed by Hyderabad and Pune, as global companies expand their technology centres in India to tap engineering talent at lower cost.",
                "Privacy advocates said the draft needed stronger safeguards. “Companies collect enormous amounts of personal data, and people have very little say in how it is used,” said {activist}, who works on digital rights in New Delhi.",
            ),
        ),
    ),
    standfirsts=(),
    paragraphs=templates(
        "India's technology services industry earns about ${it_rev} billion a year from exports and employs millions of people directly. Its fortunes are closely tied to spending by companies in the United States and Europe, its two largest markets.",
        "Global clients have become more cautious, delaying some projects and seeking price reductions on others. At the same time, demand has grown for work that helps companies move their operations online and cut costs.",
        "Smaller cities are becoming more important for the industry. Companies have opened offices in places such as Coimbatore, Indore, Bhubaneswar and Kochi to tap local talent and reduce costs, and say employees there are more likely to stay.",
        "@2016|The government has been pushing to build a domestic electronics manufacturing base, offering incentives to companies that assemble phones, laptops and components in India. Officials say the programme has attracted several global suppliers.",
        "@2005|Venture capital investment in India has become more concentrated, with a smaller number of large rounds accounting for most of the money. Founders of early-stage companies say raising funds takes longer than it did a few years ago.",
        "Analysts said investors would watch hiring closely. Net additions to the workforce at the largest technology companies have slowed over the past year, reflecting more cautious client spending and greater use of automation.",
        "@2008|Cybersecurity has become a growing concern for Indian businesses and government agencies, following a series of attacks on hospitals, power utilities and financial institutions. Spending on security software and services has risen sharply.",
        "Engineering colleges produce hundreds of thousands of graduates a year, but employers say many need extensive training before they are ready to work on client projects. Several large companies run their own training campuses to close the gap.",
        "The rupee's movement against the dollar also matters for the industry, since most revenue is earned in foreign currencies while costs are largely in rupees. A weaker rupee, now at around {rupee} to the dollar, tends to support margins.",
        "@2012|Telecommunications remains the backbone of the digital economy. India has more than {subs} mobile subscribers, and data consumption per user is among the highest in the world, driven by video streaming and social media.",
        "Analysts at {broker} expect revenue growth for the sector to improve in the second half of the financial year as delayed projects restart, although they cautioned that pricing pressure from clients would persist.",
        "Many large firms are now retraining existing staff in newer skills rather than hiring fresh graduates in large numbers, a shift that executives say reflects the changing nature of the work clients want done.",
        "Founders say access to experienced managers, not just engineers, has become a constraint as companies grow beyond a few hundred employees and need people who have built larger organisations before.",
        "Industry bodies have lobbied for simpler rules on cross-border data flows and for faster resolution of tax disputes, which they say tie up large sums and deter investment by global technology companies in India.",
    ),
    subheads=("The bigger picture", "The industry backdrop", "What comes next", "The wider context"),
    quotes=templates(
        "“The technology is moving faster than most boards can keep up with. Our job is to turn it into something that pays for itself.” — {ceo}, {ceo_role} of {co}",
        "“Talent is the constraint, not capital. Every company I speak to is short of experienced engineers.” — {analyst}, {broker}",
    ),
    lists=(
        (
            ("What the industry is watching:",),
            (
                "Client spending in the United States and Europe",
                "Hiring and attrition at the largest firms",
                "The rupee, currently near {rupee} to the dollar",
                "Rules on data protection and cross-border data flows",
                "Demand for specialists in {topic}",
            ),
        ),
    ),
    p_list=0.15,
)
