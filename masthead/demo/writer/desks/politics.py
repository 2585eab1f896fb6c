"""The Politics desk's kinds of story and its shared copy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

DESK = Desk(
    datelines=("New Delhi", "New Delhi", "New Delhi", "New Delhi", "Mumbai", "Kolkata", "Chennai"),
    kinds=(
        Kind(
            "bill",
            weight=3,
            datelines=("New Delhi",),
            headlines=templates(
                "Lok Sabha passes {bill} after heated debate",
                "Opposition walks out as government pushes {bill} through",
                "{Bill} clears lower house; Rajya Sabha test next",
                "{Opp_abbr} vows to block {bill} in upper house",
            ),
            standfirsts=templates(
                "The government said the law would cut red tape for businesses; opposition parties said it concentrated too much power in the hands of officials.",
                "The {party} mustered a comfortable majority, though amendments moved by the opposition were defeated by voice vote.",
            ),
            leads=templates(
                "The Lok Sabha on {weekday} passed the {bill}, which the government says will simplify rules for businesses and speed up dispute resolution, after a six-hour debate in which opposition members accused the ruling {party} of rushing the legislation without adequate scrutiny.",
                "The government pushed the {bill} through the lower house of Parliament on {weekday}, overcoming protests from the {opp}, whose members walked out before the final vote, saying their demand to refer the bill to a parliamentary committee had been ignored.",
            ),
            paragraphs=templates(
                "Moving the bill, {minister_title} {minister} said the law would replace a patchwork of rules dating back several decades. “Businesses should not have to hire a lawyer to understand what the law asks of them,” {minister_last} said. “This bill is about clarity and speed.”",
                "{Leader}, who leads the {opp} in the house, said the bill gave officials sweeping discretionary powers. “Simplification is a fine word,” {leader_last} said. “But when you remove checks and balances in its name, you invite exactly the kind of arbitrariness this country has suffered from.”",
                "The bill now goes to the Rajya Sabha, where the ruling alliance lacks a majority on its own and will need the support of regional parties. Parliamentary managers said they were confident of securing the numbers before the session ends.",
                "Industry groups welcomed the passage. A statement from {assoc2} said the law, if implemented well, would reduce compliance costs for small and medium businesses, which often struggle to navigate overlapping rules set by different government departments.",
            ),
        ),
        Kind(
            "local-polls",
            weight=1,
            dateline_key="state_city",
            headlines=templates(
                "{Party_abbr} sweeps urban local body polls in {state}",
                "Civic poll results in {state} boost {party_abbr} ahead of assembly race",
                "{Party} wins most civic bodies in {state}; opposition alleges irregularities",
            ),
            standfirsts=templates(
                "The result will be read as a test of the ruling party's standing ahead of next year's assembly election.",
                "Party leaders called it an endorsement of their record on roads, water supply and sanitation.",
            ),
            leads=templates(
                "The {party} won control of most of the municipal bodies in {state} in local elections whose results were declared on {weekday}, a boost for the party ahead of next year's assembly election in a state where it has struggled to expand beyond its traditional base.",
                "Results of municipal elections in {state}, declared on {weekday}, handed the {party} control of most large towns, including {state_city}, in what party leaders called an endorsement of their record on roads, water supply and sanitation.",
            ),
            paragraphs=templates(
                "The {opp} retained control of several smaller councils and alleged irregularities in the counting of votes in {n} wards, a charge the state election commission rejected. Counting was delayed in some places by technical problems.",
                "{Leader}, who leads the {opp}, said the party would study the results carefully. “Local elections are fought on local issues,” {leader_last} said. “The assembly election will be a very different contest, and we intend to win it.”",
                "Political analysts cautioned against reading too much into the outcome. “Urban local elections tend to reward whoever controls the purse strings,” said {pol_analyst}, who studies elections at {university}. “The assembly contest will turn on rural votes, and that is far less certain.”",
                "In {state_city}, voters said their choices had been shaped by everyday concerns: irregular water supply, potholed roads and garbage collection. Several said they had voted for candidates they knew personally rather than for a party.",
            ),
        ),
        Kind(
            "campaign",
            weight=2,
            dateline_key="state_city",
            headlines=templates(
                "Campaign in {state} turns to jobs and prices",
                "{Opp_abbr} promises farm-loan relief in {state} manifesto",
                "Prices, not promises, dominate the {state} campaign trail",
            ),
            standfirsts=templates(
                "Voters in small towns cited the cost of living and the lack of jobs as their main concerns, according to interviews across the state.",
                "The contest will be read as a test of the ruling party's standing ahead of a crowded election calendar.",
            ),
            leads=templates(
                "With polling in {state} less than {weeks} weeks away, the campaign has shifted decisively from identity and welfare schemes to a more basic set of concerns: the price of food, the scarcity of secure jobs and the state of roads in the fast-growing towns around {state_city}.",
                "Campaigning in {state} entered its final fortnight on {weekday}, with the {opp} promising farm-loan relief and thousands of government jobs, and the ruling {party} pointing to new highways and health centres as evidence of its record.",
            ),
            paragraphs=templates(
                "At a rally near {state_city}, {leader} of the {opp} promised to waive farm loans and fill vacant government posts within a year. “People are tired of promises about the distant future,” {leader_last} said. “They want to know what will change next month.”",
                "The ruling {party} has campaigned on its record on infrastructure, pointing to new highways, an expanded network of health centres and better electricity supply. Party officials say these are visible achievements that voters will reward.",
                "In interviews in {state_city} and surrounding villages, voters spoke repeatedly about rising prices. “Vegetables, school fees, bus fares, everything costs more,” said {voter}, who runs a small grocery shop. “Wages have not moved the same way.”",
                "Political analysts say the outcome is difficult to call. “This is a state where small swings in the vote share translate into large swings in seats,” said {pol_analyst}, who studies elections at {university}. “Local candidates and alliances matter as much as the national narrative.”",
            ),
        ),
        Kind(
            "polling-day",
            weight=1,
            dateline_key="state_city",
            headlines=templates(
                "Turnout tops {turnout}% in first phase of {state} polling",
                "Women voters turn out in force as {state} goes to the polls",
                "{State} votes: first phase passes off peacefully, turnout at {turnout}%",
            ),
            standfirsts=templates(
                "Election officials reported long queues in rural districts and only minor incidents of violence.",
                "Both the ruling party and the opposition claimed the high turnout as a sign that voters were on their side.",
            ),
            leads=templates(
                "Turnout in the first phase of the {state} assembly election reached {turnout} per cent on {weekday}, election officials said, with long queues at polling stations in rural districts and notably higher participation among women than in the previous election.",
                "The first phase of voting in {state} passed off largely peacefully on {weekday}, election officials said, with turnout provisionally put at {turnout} per cent and women outnumbering men at many polling stations in the districts around {state_city}.",
            ),
            paragraphs=templates(
                "The Election Commission has deployed additional security forces in districts it has classified as sensitive, and officials said polling had been largely peaceful, with minor clashes reported in {n} constituencies.",
                "In {state_city}, voters queued from early morning. “I have voted in every election since I turned eighteen,” said {voter}, a schoolteacher. “This time I want someone who will fix the roads and get our children jobs. That is all.”",
                "Both sides claimed the turnout as a good sign. Leaders of the {party} said it reflected enthusiasm for the government's record, while the {opp} said it showed anger over prices and unemployment. Votes will be counted after the final phase.",
                "Political analysts say the outcome is difficult to call. “This is a state where small swings in the vote share translate into large swings in seats,” said {pol_analyst}, who studies elections at {university}. “High turnout has cut both ways in the past.”",
            ),
        ),
        Kind(
            "cabinet",
            weight=2,
            datelines=("New Delhi",),
            headlines=templates(
                "Cabinet approves {lakh_crore} plan to upgrade {infra}",
                "Centre clears {n} industrial corridors in {state} and {state2}",
                "[L2]Cabinet backs {crore_l} package to revive stalled projects",
            ),
            standfirsts=templates(
                "Ministers said the projects would be completed within five years and create thousands of construction jobs.",
                "The opposition said the announcement was timed to coincide with elections in several states, a charge the government rejected.",
            ),
            leads=templates(
                "The Union cabinet on {weekday} approved a {lakh_crore} plan to upgrade {infra} over the next five years, one of the largest single infrastructure commitments by the government, {minister_title} {minister} told reporters after the meeting.",
                "The government approved {n} industrial corridors in {state} and {state2} on {weekday}, with ready-built factory sites, dedicated power supply and rail links to ports, in a bid to attract manufacturers looking to diversify their supply chains.",
                "The Union cabinet on {weekday} approved a {crore_l} package to revive stalled road, rail and power projects, offering cheaper credit and faster dispute resolution to contractors whose work has been held up by land disputes and cost overruns, officials said.",
            ),
            paragraphs=templates(
                "Officials said the money would be spent in phases, with about a third coming from the central budget and the rest from state governments, public sector companies and private investors through public-private partnerships.",
                "“This is not a scheme that will show results before the next election,” {minister_title} {minister} said. “It is designed for the next twenty years. We are building the backbone that manufacturing and logistics will need.”",
                "The {opp} questioned the funding. “Every year we hear about lakhs of crores for infrastructure,” said {mp}, a member of Parliament from {state}. “The government should publish how much of last year's announcements was actually spent.”",
                "Economists said execution would be the real test. Land acquisition, environmental clearances and disputes over compensation have delayed large projects in the past, and several earlier corridor schemes remain only partly complete.",
            ),
        ),
        Kind(
            "federal",
            weight=2,
            headlines=templates(
                "{State} seeks larger share of central taxes, cites rising welfare bill",
                "Chief ministers of {n_states} states press Centre over delayed funds",
                "{State} and Centre spar over borrowing limits",
            ),
            standfirsts=templates(
                "States say the current formula penalises those that have grown faster and managed their finances better.",
                "Finance ministry officials said borrowing limits protected the finances of all states and were not aimed at any one of them.",
            ),
            leads=templates(
                "{State} has asked the Centre for a larger share of tax revenue and more freedom to borrow, its finance minister said on {weekday}, arguing that the state was being penalised for rapid economic growth while being asked to fund an ever-longer list of welfare schemes.",
                "Chief ministers of {n_states} states, most of them governed by parties opposed to the ruling {party}, met in {city} on {weekday} to press the Centre for the speedy release of funds they say are owed to them under centrally sponsored schemes.",
            ),
            paragraphs=templates(
                "“We contribute far more to the national exchequer than we get back,” {state_fm}, {state}'s finance minister, said at a press conference. “We are not asking for charity. We are asking for a fair formula that recognises the states doing the work.”",
                "Finance ministry officials, speaking on condition of anonymity, said that transfers to states had risen sharply over the past five years and that borrowing limits existed to protect the finances of all states, including those with weaker credit profiles.",
                "The dispute reflects a broader tension in India's federal structure. States account for roughly 60 per cent of general government spending, including most spending on health, education and policing, but have limited powers to raise revenue of their own.",
                "The {party} dismissed the complaints as political theatre. A party spokesperson said several of the states complaining about funds had failed to submit utilisation certificates for money already released.",
            ),
        ),
    ),
    standfirsts=templates(
        "The episode underlined how economic issues now dominate the political agenda ahead of a crowded election calendar.",
        "Business leaders are watching the politics closely, worried less about any single measure than about policy stability.",
    ),
    paragraphs=templates(
        "Parliament's session has been repeatedly disrupted by protests, and government managers are keen to clear a backlog of bills before it ends. At least {n} pieces of legislation are listed for consideration.",
        "The opposition has struggled to present a united front. Leaders of the {opp} and several regional parties met in New Delhi last month to discuss a common platform, but differences over seat-sharing in key states remain unresolved.",
        "The political calendar is crowded. Elections are due in {n_states} states over the next eighteen months, and both the government and the opposition are treating each contest as a referendum on economic management.",
        "Business leaders have largely stayed out of the debate in public, but several executives said privately that policy stability mattered more to them than any individual measure. “Investors can live with most policies,” said one. “What they cannot live with is sudden change.”",
        "Political scientists note that economic issues have moved to the centre of campaigns. “Voters are more aspirational and more impatient,” said {pol_analyst} of {university}. “They judge governments on delivery: electricity, water, roads and jobs.”",
        "The {party} has governed with the support of allies, and coalition management has become more complicated as partners have pushed for a greater say in policy, particularly on matters affecting farmers and small traders.",
        "Civil society groups have called for greater transparency in the legislative process, noting that a rising share of bills is passed without being referred to parliamentary committees, which traditionally examine legislation in detail and take evidence from experts.",
        "In {state}, the party in power at the state level and the party in power at the Centre are rivals, a dynamic that has coloured disputes over everything from funding for urban transport to the appointment of university vice-chancellors.",
        "The {opp} has accused the government of using central investigative agencies against its leaders, a charge the government denies. The allegations have added to the acrimony in Parliament and made cross-party agreement on legislation harder to reach.",
        "Senior leaders of the {party} are expected to meet this week to review the party's strategy for the coming round of state elections, according to two people familiar with the plans who declined to be named.",
        "@2012|Analysts say welfare schemes, particularly direct cash transfers to women, have become a decisive factor in state elections, prompting parties across the spectrum to make ever-larger promises that strain already stretched state budgets.",
        "@2012|Opinion polls, which have a mixed record in India, suggest close contests in several states. Party strategists say campaigns will increasingly be fought on social media and through direct outreach to women and first-time voters.",
        "The government has also stepped up efforts to court small traders and salaried voters, who complain about paperwork and the rising cost of living. Ministers have promised simpler tax filing and faster refunds.",
        "Farm groups have also raised their voice, demanding better prices for crops, cheaper credit and compensation for losses caused by unseasonal rain. Their leaders have warned that they will campaign against parties that ignore those demands.",
    ),
    subheads=("The bigger picture", "What happens next", "The wider contest", "The political backdrop"),
    quotes=templates(
        "“A majority gives you the right to pass laws. It does not relieve you of the duty to listen.” — {leader}, {opp}",
        "“We were elected to take decisions, not to keep them pending.” — {minister}, {minister_title}",
        "“In this state, the vote is local before it is national. Candidates matter.” — {pol_analyst}, {university}",
    ),
    lists=(
        (
            ("The issues voters raise most often:", "What is at stake:"),
            (
                "Food and fuel prices, the most common complaint",
                "Jobs for young graduates, particularly in smaller towns",
                "The state of roads and urban drainage",
                "Farm incomes and access to irrigation",
                "The quality of government schools and hospitals",
                "Law and order, especially the safety of women",
            ),
        ),
    ),
    p_list=0.15,
)
