"""The Politics desk's kinds of story: bills in Parliament, the states'
elections, the cabinet and the Centre's quarrels with the states."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

# What a campaign or a count turned on, as a headline says it.
_ISSUES = "|".join((
    "jobs and prices", "roads and water", "farm incomes", "power cuts", "the cost of school fees",
    "unpaid crop dues", "safety for women", "migration to the cities", "flooded streets", "bus fares",
    "land for factories", "hospital queues",
))
_VERDICTS = "|".join((
    "ahead of the assembly race", "in its weakest region", "as the opposition crumbles", "on a low turnout",
    "after a bitter campaign", "in a rebuke to the {opp_abbr}", "despite a split in its ranks",
    "as independents surge", "with women voting in large numbers", "in a test of its welfare record",
))
DESK = Desk(
    datelines=("New Delhi", "New Delhi", "New Delhi", "New Delhi"),
    kinds=(
        Kind(
            "bill",
            subject="{bill}",
            aliases=("the bill", "the law", "the legislation", "{minister_last}"),
            weight=3,
            datelines=("New Delhi",),
            headlines=templates(
                "Lok Sabha passes the {bill} [[after a heated debate|after a six-hour debate|by voice vote]]",
                "Opposition walks out as the government pushes the {bill} [[through|to a vote]] in {month}",
                "{Bill} clears the lower house; [[Rajya Sabha test next|regional parties hold the key]]",
                "{Opp_abbr} vows to block the {bill} in the upper house",
                "What the {bill} [[changes for businesses|means for small firms|leaves unanswered]]",
                "{Minister_last} defends the {bill} [[against charges of haste|as opposition demands a committee review]]",
            ),
            standfirsts=templates(
                "The government said the {bill} would cut red tape for businesses; opposition parties said it concentrated too much power in the hands of officials.",
                "The {party} mustered a comfortable majority for the {bill}, though amendments moved by the {opp} were defeated by voice vote.",
                "{Minister_title} {minister} called the {bill} overdue; the {opp} wants it sent to a parliamentary committee first.",
            ),
            leads=templates(
                "The Lok Sabha on {weekday} passed the {bill}, which the government says will simplify rules for businesses and speed up dispute resolution, after a six-hour debate in which opposition members accused the ruling {party} of rushing the legislation without adequate scrutiny.",
                "The government pushed the {bill} through the lower house of Parliament on {weekday}, overcoming protests from the {opp}, whose members walked out before the final vote, saying their demand to refer the bill to a parliamentary committee had been ignored.",
            ),
            paragraphs=templates(
                "Moving the bill, {minister_title} {minister} said the law would replace a patchwork of rules dating back several decades. “Businesses should not have to hire a lawyer to understand what the law asks of them,” {minister_last} said. “This bill is about clarity and speed.”",
                "{Leader}, who leads the {opp} in the house, said the bill gave officials sweeping discretionary powers. “Simplification is a fine word,” {leader_last} said. “But when you remove checks and balances in its name, you invite exactly the kind of arbitrariness this country has suffered from.”",
                "The bill now goes to the Rajya Sabha, where the ruling alliance lacks a majority on its own and will need the support of regional parties. Parliamentary managers said they were confident of securing the numbers for the legislation before the session ends.",
                "Industry groups welcomed the passage of the bill. A statement from {assoc2} said the law, if implemented well, would reduce compliance costs for small and medium businesses, which often struggle to navigate overlapping rules set by different government departments.",
                "The {bill} had been pending for more than a year. An earlier version was withdrawn after objections from several states, and the government said the revised legislation addressed their concerns by leaving enforcement largely to state authorities.",
                "Civil society groups criticised the speed with which the bill was passed, noting that a rising share of legislation is now approved without being examined by a parliamentary committee, which traditionally takes evidence from experts and the public.",
                "{Minister_last} rejected the charge that the bill had been rushed. “It was published for comment, it was discussed with the states and it was debated today for six hours,” {minister_last} said. “Delay is not the same thing as scrutiny.”",
            ),
            quotes=templates(
                "“A majority gives you the right to pass laws. It does not relieve you of the duty to listen.” — {leader}, {opp}, on the {bill}",
                "“We were elected to take decisions, not to keep them pending.” — {minister}, {minister_title}, on the {bill}",
            ),
        ),
        Kind(
            "local-polls",
            subject="{state}",
            aliases=("{state_city}", "civic", "municipal", "local elections", "the state"),
            weight=2,
            dateline_key="state_city",
            headlines=templates(
                "{Party_abbr} [[sweeps|wins|takes|dominates]] [[urban local body polls|civic polls|municipal elections|council elections]] in {state} [[" + _VERDICTS + "]]",
                "{State_city} [[votes on|turns out over|decides on]] [[" + _ISSUES + "]], hands the {party_abbr} its council",
                "{Opp_abbr} [[alleges irregularities|demands a recount|cries foul]] as {party_abbr} wins {state}'s civic bodies",
                "What {state}'s civic polls say about [[next year's assembly election|the {opp_abbr}'s prospects|the {party_abbr}'s hold on towns|" + _ISSUES + "]]",
            ),
            standfirsts=templates(
                "The result in {state} will be read as a test of the {party}'s standing ahead of next year's assembly election.",
                "{Party} leaders called the {state} result an endorsement of their record on roads, water supply and sanitation in towns like {state_city}.",
                "The {opp} kept several smaller councils in {state} and said it would challenge the count in {n} wards.",
            ),
            leads=templates(
                "The {party} won control of most of the municipal bodies in {state} in local elections whose results were declared on {weekday}, a boost for the party ahead of next year's assembly election in a state where it has struggled to expand beyond its traditional base.",
                "Results of municipal elections in {state}, declared on {weekday}, handed the {party} control of most large towns, including {state_city}, in what party leaders called an endorsement of their record on roads, water supply and sanitation.",
            ),
            paragraphs=templates(
                "The {opp} retained control of several smaller councils in {state} and alleged irregularities in the counting of votes in {n} wards, a charge the state election commission rejected. Counting was delayed in some places by technical problems.",
                "{Leader}, who leads the {opp}, said the party would study the results in {state} carefully. “Local elections are fought on local issues,” {leader_last} said. “The assembly election will be a very different contest, and we intend to win it.”",
                "Political analysts cautioned against reading too much into the {state} outcome. “Urban local elections tend to reward whoever controls the purse strings,” said {pol_analyst}, who studies elections at {university}. “The assembly contest will turn on rural votes, and that is far less certain.”",
                "In {state_city}, voters said their choices had been shaped by everyday concerns: irregular water supply, potholed roads and garbage collection. Several said they had voted for candidates they knew personally rather than for a party.",
                "Turnout in the municipal elections was about {turnout} per cent, the state election commission said, with queues longest in the poorer wards of {state_city} and the smaller towns around it.",
                "The new councils in {state} take office next month with little money of their own. Most depend on grants from the state government to pay salaries, and several have asked for a larger share of the state's revenue.",
            ),
        ),
        Kind(
            "campaign",
            subject="{state}",
            aliases=("{state_city}", "the campaign", "voters", "the state"),
            weight=3,
            dateline_key="state_city",
            headlines=templates(
                "[[Campaign|Battle|Contest]] in {state} turns to [[" + _ISSUES + "]] as polling nears",
                "{Opp_abbr} promises [[farm-loan relief|a job for every family|free bus travel for women|cheaper power|a new university|pensions for farmers]] in its {state} manifesto",
                "[[Prices|Jobs|Water|Roads]], not [[promises|slogans|caste]], dominate the {state} campaign [[trail|in {state_city}|in its final fortnight|in the villages]]",
                "{Leader_last} takes the {opp_abbr} campaign to {state_city} [[with a promise of jobs|as the party chases rural votes|to talk about " + _ISSUES + "]]",
                "In {state_city}, voters weigh [[highways against prices|welfare against jobs|a new hospital against unpaid wages|" + _ISSUES + "]]",
                "{Party_abbr} banks on [[new highways|its welfare record|women voters|first-time voters|cash transfers]] in {state}[[ as {opp_abbr} talks of " + _ISSUES + "|]]",
            ),
            standfirsts=templates(
                "Voters in {state}'s small towns cited the cost of living and the lack of jobs as their main concerns, according to interviews across the state.",
                "The contest in {state} will be read as a test of the {party}'s standing ahead of a crowded election calendar.",
                "The {opp} is promising relief; the {party} is pointing to roads and health centres around {state_city}. [[Voters sound unconvinced by both|Turnout may decide it]].",
            ),
            leads=templates(
                "With polling in {state} less than {weeks} weeks away, the campaign has shifted decisively from identity and welfare schemes to a more basic set of concerns: the price of food, the scarcity of secure jobs and the state of roads in the fast-growing towns around {state_city}.",
                "Campaigning in {state} entered its final fortnight on {weekday}, with the {opp} promising farm-loan relief and thousands of government jobs, and the ruling {party} pointing to new highways and health centres as evidence of its record.",
            ),
            paragraphs=templates(
                "At a rally near {state_city}, {leader} of the {opp} promised to waive farm loans and fill vacant government posts within a year. “People are tired of promises about the distant future,” {leader_last} said. “They want to know what will change next month.”",
                "The ruling {party} has campaigned in {state} on its record on infrastructure, pointing to new highways, an expanded network of health centres and better electricity supply. Party officials say these are visible achievements that voters will reward.",
                "In interviews in {state_city} and surrounding villages, voters spoke repeatedly about rising prices. “Vegetables, school fees, bus fares, everything costs more,” said {voter}, who runs a small grocery shop. “Wages have not moved the same way.”",
                "Political analysts say the outcome in {state} is difficult to call. “This is a state where small swings in the vote share translate into large swings in seats,” said {pol_analyst}, who studies elections at {university}. “Local candidates and alliances matter as much as the national narrative.”",
                "Both parties have courted women voters in {state} with promises of cash transfers, free bus travel and cheaper cooking gas. Women voted in larger numbers than men in the state's last election, and strategists say they may decide this one.",
                "The campaign in {state} has been expensive. Candidates say the cost of rallies, vehicles and advertising has risen sharply, and the election commission has seized cash and liquor worth several crore rupees since the polls were announced.",
                "{Voter_last}, the shopkeeper in {state_city}, was still undecided. “Every party comes here once in five years,” {voter_last} said. “This time my vote goes to whoever I think will come back.”",
            ),
            lists=(
                (
                    ("The issues voters in {state} raise most often:",),
                    (
                        "Food and fuel prices, the most common complaint",
                        "Jobs for young graduates, particularly in smaller towns",
                        "The state of roads and urban drainage",
                        "Farm incomes and access to irrigation",
                        "The quality of government schools and hospitals",
                    ),
                ),
            ),
        ),
        Kind(
            "polling-day",
            subject="{state}",
            aliases=("{state_city}", "voters", "polling", "turnout", "the state"),
            weight=2,
            dateline_key="state_city",
            headlines=templates(
                "Turnout tops {turnout}% in the first phase of {state} polling[[ " + _VERDICTS + "|]]",
                "[[Women|Young|First-time|Rural]] voters turn out in force as {state} goes to the polls[[ over " + _ISSUES + "|]]",
                "{State} votes: [[first phase passes off peacefully|long queues in rural districts|machines fail in {state_city}|calm in the hills]], turnout at {turnout}%",
                "{State_city} queues from dawn as {state} [[picks a new assembly|votes in the first phase|weighs " + _ISSUES + "]]",
            ),
            standfirsts=templates(
                "Election officials in {state} reported long queues in rural districts and only minor incidents of violence, with turnout at {turnout} per cent.",
                "Both the {party} and the {opp} claimed the high turnout in {state} as a sign that voters were on their side.",
                "Votes in {state} will be counted after the final phase; [[officials said women outnumbered men at many booths|turnout was highest around {state_city}]].",
            ),
            leads=templates(
                "Turnout in the first phase of the {state} assembly election reached {turnout} per cent on {weekday}, election officials said, with long queues at polling stations in rural districts and notably higher participation among women than in the previous election.",
                "The first phase of voting in {state} passed off largely peacefully on {weekday}, election officials said, with turnout provisionally put at {turnout} per cent and women outnumbering men at many polling stations in the districts around {state_city}.",
            ),
            paragraphs=templates(
                "The Election Commission deployed additional security forces in districts of {state} it classified as sensitive, and officials said polling had been largely peaceful, with minor clashes reported in {n} constituencies.",
                "In {state_city}, voters queued from early morning. “I have voted in every election since I turned eighteen,” said {voter}, a schoolteacher. “This time I want someone who will fix the roads and get our children jobs. That is all.”",
                "Both sides in {state} claimed the turnout as a good sign. Leaders of the {party} said it reflected enthusiasm for the government's record, while the {opp} said it showed anger over prices and unemployment. Votes will be counted after the final phase.",
                "Political analysts say the outcome in {state} is difficult to call. “High turnout has cut both ways in this state in the past,” said {pol_analyst}, who studies elections at {university}.",
                "Electronic voting machines malfunctioned at a handful of polling stations around {state_city}, officials said, delaying voting there by up to two hours. Replacement machines were brought in and voting hours extended.",
                "First-time voters made up a noticeable share of the queues in {state}. Several said they had been persuaded by campaigns on social media, while others said they had come with their families.",
            ),
        ),
        Kind(
            "cabinet",
            subject="cabinet",
            aliases=("{minister_last}", "the plan", "the package", "the government", "the Centre"),
            weight=2,
            datelines=("New Delhi",),
            headlines=templates(
                "Cabinet approves a {lakh_crore} plan to upgrade {infra}[[ over five years| with states' help| through public-private partnerships|]]",
                "@1997|[L1][[{n} industrial corridors|New factory corridors|{n} manufacturing hubs]] cleared [[with rail links to ports|for manufacturers seeking new sites|with dedicated power supply|on the cabinet's agenda]]",
                "[L2][[A {crore_l} package|Cheaper credit and faster arbitration|A rescue plan]] [[to revive stalled projects|for contractors held up by land disputes|for roads, railways and power]]",
                "{Minister_last} says the {lakh_crore} plan for {infra} will [[take five years|create construction jobs|be funded in phases|outlast this government]]",
            ),
            standfirsts=templates(
                "Ministers said the cabinet's projects would be completed within five years and create thousands of construction jobs; the bill comes to {lakh_crore}.",
                "The {opp} said the cabinet's announcement was timed to coincide with elections in several states, a charge the government rejected.",
                "The cabinet's package of {crore_l} offers cheaper credit and faster dispute resolution to contractors, [[officials said|{minister_last} told reporters]].",
            ),
            leads=templates(
                "The Union cabinet on {weekday} approved a {lakh_crore} plan to upgrade {infra} over the next five years, one of the largest single infrastructure commitments by the government, {minister_title} {minister} told reporters after the meeting.",
                "The cabinet on {weekday} approved {n} industrial corridors with ready-built factory sites, dedicated power supply and rail links to ports, in a bid to attract manufacturers looking to diversify their supply chains, {minister_title} {minister} said.",
                "The Union cabinet on {weekday} approved a {crore_l} package to revive stalled road, rail and power projects, offering cheaper credit and faster dispute resolution to contractors whose work has been held up by land disputes and cost overruns, officials said.",
            ),
            paragraphs=templates(
                "Officials said the money approved by the cabinet would be spent in phases, with about a third coming from the central budget and the rest from state governments, public sector companies and private investors through public-private partnerships.",
                "“This is not a scheme that will show results before the next election,” {minister_title} {minister} said of the cabinet's decision. “It is designed for the next twenty years. We are building the backbone that manufacturing and logistics will need.”",
                "The {opp} questioned the funding of the cabinet's plan. “Every year we hear about lakhs of crores for infrastructure,” said {mp}, a member of Parliament. “The government should publish how much of last year's announcements was actually spent.”",
                "Economists said execution would be the real test of the cabinet's plan. Land acquisition, environmental clearances and disputes over compensation have delayed large projects in the past, and several earlier corridor schemes remain only partly complete.",
                "The cabinet also approved changes to the rules for awarding contracts, allowing disputes to be settled by a panel of retired judges rather than in the courts, a change contractors have long sought, {minister_last} said.",
                "Construction companies welcomed the cabinet's decision but said payments for work already done were still slow. “Announcements are welcome; cheques are better,” said one contractor, who asked not to be named because he has projects with the government.",
            ),
        ),
        Kind(
            "federal",
            subject="{state}",
            aliases=("the state", "states", "{state_fm_last}", "the Centre"),
            weight=2,
            headlines=templates(
                "{State} seeks a larger share of central taxes, [[cites a rising welfare bill|says growth is being penalised]]",
                "{State} presses the Centre over [[delayed funds|borrowing limits|unpaid grants]] in {month}",
                "{State} and the Centre spar over borrowing limits [[as the state's bills pile up|ahead of the budget]]",
                "{State_fm_last}: {state} is [[being punished for growing faster|owed its dues]]",
            ),
            standfirsts=templates(
                "{State} says the current formula penalises states that have grown faster and managed their finances better.",
                "Finance ministry officials said borrowing limits protected the finances of all states and were not aimed at {state}.",
                "{State}'s finance minister, {state_fm}, wants more freedom to borrow; the Centre says it has already raised transfers sharply.",
            ),
            leads=templates(
                "{State} has asked the Centre for a larger share of tax revenue and more freedom to borrow, its finance minister said on {weekday}, arguing that the state was being penalised for rapid economic growth while being asked to fund an ever-longer list of welfare schemes.",
                "{State}'s finance minister, {state_fm}, on {weekday} accused the Centre of holding back funds owed to the state under centrally sponsored schemes, and said {state} would take its case to other states governed by parties opposed to the ruling {party}.",
            ),
            paragraphs=templates(
                "“We contribute far more to the national exchequer than we get back,” {state_fm}, {state}'s finance minister, said at a press conference. “We are not asking for charity. We are asking for a fair formula that recognises the states doing the work.”",
                "Finance ministry officials, speaking on condition of anonymity, said that transfers to states had risen sharply over the past five years and that borrowing limits existed to protect the finances of all states, including those with weaker credit profiles than {state}.",
                "The dispute reflects a broader tension in India's federal structure. States account for roughly 60 per cent of general government spending, including most spending on health, education and policing, but have limited powers to raise revenue of their own.",
                "The {party} dismissed the state's complaints as political theatre. A party spokesperson said {state} had failed to submit utilisation certificates for money already released, and that funds would flow once it did.",
                "{State}'s own debt has grown steadily, and interest payments take a growing share of its revenue. {State_fm_last} said the state had kept its deficit within the limits set by its own law and that new borrowing would pay for roads and irrigation, not salaries.",
                "Economists said the state's case had merit but that the Centre's concerns were not unfounded. “Several states have borrowed off their budgets through state-owned companies,” said {economist2} of {university}. “Tighter limits are a response to that, though they hit careful states like everyone else.”",
            ),
        ),
    ),
    subheads=("The bigger picture", "What happens next", "The wider contest", "The political backdrop"),
    p_list=0.15,
)
