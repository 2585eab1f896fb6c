"""The Opinion desk's kinds of story and its shared copy."""

from masthead.demo.writer.desks.base import Desk, Kind, templates

DESK = Desk(
    datelines=("New Delhi", "New Delhi", "Mumbai", "Mumbai", "Bengaluru", "Kolkata"),
    kinds=(
        Kind(
            "fiscal",
            lists=(
                (
                    ("Three steps would make a real difference:", "A little discipline would go a long way:"),
                    (
                        "A rolling three-year spending plan with sunset dates for old schemes",
                        "Published outcome data for every programme above a modest size",
                        "No new scheme unless an old one is wound down",
                        "Independent costing of election promises",
                        "Capital spending that cannot be raided in the middle of the year",
                    ),
                ),
            ),
            headlines=templates(
                "The deficit target is the easy part",
                "A budget should be judged by what it stops doing",
                "Why {state} cannot borrow its way to growth",
                "The quiet crowding out of capital spending in {fy}",
                "What {state}'s debt says about the limits of borrowing",
            ),
            standfirsts=templates(
                "A single ratio has become the test of every budget. The harder question is what the money actually builds.",
                "Governments are good at announcing new schemes and bad at ending old ones. A little discipline would go a long way.",
            ),
            leads=templates(
                "[[Every year|Budget after budget|Year after year]], the fiscal deficit becomes the single number by which [[a budget|the government's economic management|a finance minister]] is judged. It is a useful discipline, but a narrow one. A deficit of {fd} per cent of GDP tells us how much the government borrows; it tells us [[almost nothing|very little]] about whether the money builds anything that will still be standing in [[twenty years|a generation]].",
                "Budgets in India are exercises in addition. New schemes are announced with fanfare, old ones are [[quietly topped up|renamed and expanded|carried forward]], and almost nothing is ever switched off. The result is a government that does a little of everything, and the arithmetic of {fy} shows how little room that leaves for [[anything new|the priorities that matter|genuine reform]].",
            ),
            paragraphs=templates(
                "Consider the composition of spending. A large and growing share of every rupee the Centre spends goes on interest, salaries, pensions and subsidies. Capital expenditure, the part that builds roads, ports and power lines, has risen, but from a low base and often at the expense of investment by the states.",
                "There is a better way to frame the debate. Rather than fixating on one ratio, the finance ministry could publish a rolling three-year plan that shows, line by line, which programmes are being wound down to make room for new ones. Sunset clauses are routine in many countries; here they remain a rarity.",
                "{State} is a cautionary tale. Its borrowing has climbed steadily for a decade, and interest payments now swallow a large share of its revenue. Much of the new debt has financed cash transfers and salary increases rather than assets that generate future income.",
            ),
        ),
        Kind(
            "jobs",
            lists=(
                (
                    ("A practical agenda would include:",),
                    (
                        "Apprenticeships funded jointly by the state and employers",
                        "Simpler labour rules for firms that want to grow beyond a few dozen workers",
                        "Industrial incentives tied to jobs created, not just output",
                        "Cheaper, faster logistics for labour-intensive exporters",
                        "Syllabuses designed with employers, not just for examinations",
                    ),
                ),
            ),
            headlines=templates(
                "Growth without jobs is a political problem waiting to happen",
                "The factory floor still matters",
                "India's graduates need work, not more degrees",
                "{State} needs factories, not more job fairs",
                "The jobs question the {fy} numbers keep dodging",
            ),
            standfirsts=templates(
                "Services have carried the economy, but they cannot absorb the millions who enter the workforce each year. Manufacturing must.",
                "The country produces graduates faster than it produces jobs for them. That mismatch deserves more attention than it gets.",
            ),
            leads=templates(
                "The headline growth numbers look [[healthy|impressive|respectable]], and the government is entitled to point to them. But walk through [[any district town|a market town in {state}|the outskirts of {state_city}]] and a different picture emerges: young men and women with degrees and no steady work, waiting for government recruitment examinations that come around once a year and admit a tiny fraction of applicants.",
                "For three decades India has been told that it can [[leapfrog|skip]] the factory stage of development and move straight to services. The software industry seemed to prove the point. Yet the jobs arithmetic has never [[worked|added up]]. Services employ the educated few; it is manufacturing that employs the many, [[and it is manufacturing that has stalled|and manufacturing has barely raised its share of output|and manufacturing is where the country keeps falling short]].",
            ),
            paragraphs=templates(
                "The numbers are stark. Every year, roughly ten to twelve million people join the labour force. The formal sector, where jobs come with a contract and social security, adds only a fraction of that. The rest find their way into informal work, self-employment or, increasingly, nothing at all.",
                "Labour-intensive industries such as garments, footwear, toys and food processing should be the obvious answer. India has the raw materials, the skills and a vast domestic market. Yet these industries have lost ground to Bangladesh and Vietnam, largely because of rigid rules, small firm sizes and expensive logistics.",
                "The education system bears some of the blame. Too many colleges teach syllabuses that employers consider irrelevant, and too few students get any exposure to the workplace before they graduate. Apprenticeships, common in Germany and increasingly in East Asia, remain marginal here.",
            ),
        ),
        Kind(
            "cities",
            lists=(
                (
                    ("What would help most:",),
                    (
                        "Control over property taxes, and the staff to collect them",
                        "Directly elected mayors with five-year terms",
                        "A share of state revenue fixed by formula rather than discretion",
                        "Public data on water, drainage and transport projects",
                        "Municipal bonds for cities that publish audited accounts",
                    ),
                ),
            ),
            headlines=templates(
                "Our cities are drowning in neglect",
                "{State_city} shows why municipal reform cannot wait",
                "Give mayors real power, and the money to use it",
                "The monsoon will expose {state_city} again unless it fixes its finances",
            ),
            standfirsts=templates(
                "Urban India produces most of the country's output but is governed as an afterthought. Every monsoon exposes the cost.",
                "Cities need elected leaders who can be held accountable, and the revenue to do the job. Today they have neither.",
            ),
            leads=templates(
                "Every monsoon, the same images return: flooded underpasses, stranded commuters, cars floating down arterial roads in [[cities that generate much of the country's wealth|Mumbai, Bengaluru and {state_city}|the country's richest cities]]. And every year the same explanations are offered, as if heavy rain in [[July|August|September]] were an unforeseeable act of nature rather than the most predictable event on the calendar.",
                "India's cities account for [[well over half|more than half|the bulk]] of national output, yet most of them are run by municipal bodies with little money, few skilled staff and mayors who serve short, largely ceremonial terms. Real power rests with state governments, which have every incentive to keep it that way[[.|, and {state} is no exception.| and rarely give up any of it.]]",
            ),
            paragraphs=templates(
                "The problem is not a lack of plans. Most large cities have master plans, drainage studies and transport strategies, many of them excellent on paper. What they lack is an institution with the authority, the money and the continuity to carry them out over a decade or more.",
                "Municipal finances are the root of the problem. Property tax collections in Indian cities are a fraction of what comparable cities elsewhere raise, because valuations are outdated and enforcement is weak. Cities depend on grants from state governments, which arrive late and come with conditions.",
                "{State_city} is a case in point. The city has grown rapidly over the past two decades, but its drainage, bus fleet and water supply were designed for a far smaller population, and its municipal corporation cannot raise the money to catch up.",
                "There are encouraging examples. Some cities have digitised property records, raised collections sharply and used the money to improve water supply and sanitation. But these remain exceptions, often driven by a single determined official who is transferred before the reforms take root.",
            ),
        ),
        Kind(
            "farms",
            lists=(
                (
                    ("Three priorities stand out:",),
                    (
                        "Cold storage and warehousing near producing regions",
                        "Freedom to sell crops to any buyer, anywhere",
                        "Metered electricity for pumps, with direct cash support instead",
                        "Crop insurance that pays claims within weeks",
                        "Better rural roads before higher support prices",
                    ),
                ),
            ),
            headlines=templates(
                "Farm policy needs fewer promises and better markets",
                "The loan waiver trap",
                "What the monsoon teaches us about farm incomes",
                "{State}'s farmers need markets, not waivers",
            ),
            standfirsts=templates(
                "Loan waivers and support prices offer short-term relief but do little to raise what farmers actually earn.",
                "Indian agriculture does not need more subsidies. It needs water, storage and the freedom to sell.",
            ),
            leads=templates(
                "Every election season brings a fresh round of promises to farmers: loan waivers, higher support prices, free electricity[[| for pumps]]. Each is politically understandable. Together they amount to a policy that treats agriculture as a permanent emergency rather than a business that could, in the right conditions, support a decent living[[| for the families who depend on it| in {state} and across the country]].",
                "Nearly half of India's workforce still depends on agriculture, yet the sector accounts for less than a fifth of national output. That gap, more than any single policy, explains the distress that surfaces whenever the monsoon [[falters|fails|arrives late]] or prices collapse after a bumper harvest[[| of onions or tomatoes| in {state} or elsewhere]].",
            ),
            paragraphs=templates(
                "Loan waivers illustrate the problem. They help farmers who borrowed from banks, often the better-off, while doing nothing for those who depend on moneylenders. They also damage the credit culture, as farmers learn that repaying loans may be unnecessary if an election is near.",
                "The better path runs through markets and infrastructure. Farmers need cold storage so that they are not forced to sell perishable crops at the bottom of the market, better roads to reach buyers, and the freedom to sell to whoever offers the best price.",
                "Water is the other great constraint. Much of India's farmland still depends on rain, and groundwater in several states is being depleted at alarming rates, driven in part by free electricity for pumping. Pricing power and water sensibly is politically difficult but unavoidable.",
            ),
        ),
        Kind(
            "markets",
            lists=(
                (
                    ("Sensible safeguards would include:",),
                    (
                        "Plain-language risk warnings on every speculative product",
                        "Limits on aggressive marketing by brokers",
                        "Clear disclosure of what early investors paid before a listing",
                        "Regular publication of profit-and-loss data for retail traders",
                        "Stronger penalties for misleading investment advice",
                    ),
                ),
            ),
            headlines=templates(
                "Retail investors deserve better protection, not more products",
                "The regulator must keep pace with the market it oversees",
                "A rising market is a test of regulatory nerve",
                "With the Meridian 50 at {idx}, complacency is the real risk",
            ),
            standfirsts=templates(
                "Millions of new investors have entered the market. Many are learning expensive lessons in speculative trading.",
                "Rising valuations are not in themselves a problem. Complacency about risk is.",
            ),
            leads=templates(
                "The boom in retail participation in India's stock market is, in many ways, a success story. Millions of households that once kept their savings in [[gold, property or bank deposits|gold and fixed deposits|land and bank accounts]] now own shares and mutual funds. But a worrying share of the new activity is not investing at all; it is short-term speculation in which [[most participants lose money|the house almost always wins|the odds are stacked against the small trader]].",
                "The Meridian 50 has risen sharply to around {idx}, and valuations for many mid-sized companies are well above their historical averages. Rising prices are not in themselves a sign of trouble. But markets that only go up tend to breed complacency, and complacency is what regulators should worry about.",
            ),
            paragraphs=templates(
                "The regulator's own studies have shown that the overwhelming majority of individual traders in futures and options lose money over a year. Tighter margin rules are a reasonable response, but they treat the symptoms. Better disclosure of risks, and limits on aggressive marketing by brokers, would go further.",
                "Small investors are also exposed through share sales priced for perfection. Several companies that listed with great fanfare now trade well below their issue prices. Stricter scrutiny of offer documents, and clearer disclosure of what early investors paid, would help.",
                "None of this argues for heavy-handed intervention. Deep and liquid markets are essential for a growing economy, and they channel household savings into productive investment. The goal should be markets where people understand the risks they take, not markets where they are prevented from taking any.",
            ),
        ),
        Kind(
            "privacy",
            min_year=2012,
            lists=(
                (
                    ("A credible framework would need:",),
                    (
                        "An independent regulator with technical staff",
                        "Penalties large enough for big companies to notice",
                        "Plain-language consent that users can withdraw easily",
                        "Limits on how long personal data can be kept",
                        "Prompt notification when data leaks",
                    ),
                ),
            ),
            headlines=templates(
                "India's digital success needs a privacy backbone",
                "Rules for {topic} should come before the cheerleading",
                "Trust is the real currency of the digital economy",
            ),
            standfirsts=templates(
                "Digital services have transformed daily life. The rules that govern the data they collect have not kept pace.",
                "People share data with services they trust. Protecting that trust is a policy task, not a public-relations exercise.",
            ),
            leads=templates(
                "Few countries have digitised daily life as quickly as India has. [[Payments, identity, tax filing and access to welfare|Payments, tax returns and welfare benefits|Banking, identity checks and government services]] now run on digital rails that are the envy of far richer economies. But the speed of that transformation has outrun the rules meant to protect the people whose data flows through these systems.",
                "Every app on an Indian phone wants something: a location, a contact list, a photograph of an identity card. [[Most users|Millions of people|Nearly everyone]] tap 'allow' without a second thought, and few have any idea where that information goes, how long it is kept or who else will see it. That is not consent in any meaningful sense.",
            ),
            paragraphs=templates(
                "Data protection is not a brake on innovation; it is what makes innovation sustainable. People will share information with services they trust, and trust depends on knowing that data will be used for the purposes stated, stored securely and deleted when no longer needed.",
                "Companies have a role to play beyond compliance. The firms that are most open about how they use customer data, and most responsive when something goes wrong, will find that trust is a competitive advantage rather than a cost.",
                "The arrival of {topic} sharpens these questions. Regulators tend to respond to new technology either by ignoring it or by smothering it in rules written for an earlier era. Neither approach serves citizens, who need protection without being denied the benefits.",
                "A data protection law is only as good as the body that enforces it. A regulator needs independence, technical staff and the power to impose penalties that large companies notice. Without those, even well-drafted rules become a box-ticking exercise.",
            ),
        ),
        Kind(
            "automation",
            min_year=2012,
            lists=(
                (
                    ("The response should include:",),
                    (
                        "Retraining linked to real vacancies",
                        "Portable benefits for workers who change jobs",
                        "Unemployment insurance that actually pays out",
                        "Skills certificates that employers recognise",
                        "Company contributions to training funds",
                    ),
                ),
            ),
            headlines=templates(
                "Automation will not wait for our policy debates",
                "The next wave of automation will start in the back office",
                "Retraining workers cannot be an afterthought",
            ),
            standfirsts=templates(
                "Machines are taking on more routine office work. The services economy must prepare now, not after the jobs are gone.",
                "The question is no longer whether office jobs will change, but whether workers and institutions can change fast enough.",
            ),
            leads=templates(
                "The next wave of automation will not arrive on factory floors first. It will arrive in the offices, call centres and back rooms where millions of Indians [[process invoices, answer customer queries and write routine software|check claims, reconcile accounts and answer customer queries|handle payroll, process loan files and write routine code]]. That is precisely the work that built the country's services economy[[.|, and {topic} is already changing it.]]",
                "[[Ask any|Talk to a|Sit down with a]] chief executive of an Indian services company and the conversation soon turns to automation. Software can already read documents, reconcile accounts and answer routine questions. The question is no longer whether jobs will change, but whether workers and institutions will change fast enough.",
            ),
            paragraphs=templates(
                "The policy response should begin with training. Workers whose jobs are most exposed need access to retraining that is practical, affordable and linked to real vacancies, not certificates that employers ignore.",
                "Companies should carry part of the burden. Firms that automate routine work will save money; some of those savings should fund the retraining of the people whose tasks have been automated, rather than flowing entirely to shareholders.",
                "The state's role is to make transitions less frightening. Portable benefits, unemployment insurance that actually pays out and a credible system of skills certification would do more to win public support for new technology than any number of speeches about the future.",
            ),
        ),
    ),
    standfirsts=templates(
        "The debate deserves more honesty about trade-offs than it usually gets.",
        "Good intentions are not a policy. What matters is what actually changes on the ground.",
    ),
    paragraphs=templates(
        "None of this is an argument for doing nothing. It is an argument for doing fewer things, and doing them well. Governments that try to fix everything at once usually end up fixing nothing in particular.",
        "Critics will say that such reforms are politically impossible. Perhaps. But the same was said of opening the economy in the early 1990s and of a national market for goods. Reforms become possible when the cost of not reforming becomes obvious.",
        "The experience of East Asia is instructive. Countries that built prosperity did so by investing heavily in basic education, health and infrastructure before they were rich, and by insisting that support for industry came with strict conditions attached.",
        "There is also a federal dimension that is too often ignored. Many of the reforms that matter most, from land records to urban governance to power distribution, lie with the states. The Centre can encourage and cajole, but it cannot deliver on their behalf.",
        "What is needed above all is patience. Institutions take a generation to build and a few careless years to damage. The temptation to trade long-term credibility for short-term applause is strong in every government, and it should be resisted.",
        "The private sector, too, must do its part. Companies that complain about policy uncertainty are often the first to lobby for exemptions and protection when competition gets tough. A level playing field is only valuable if everyone agrees to play on it.",
        "It would help if the debate were conducted with better data. Too many important statistics are published late, revised heavily or not collected at all. Policymakers who cannot measure a problem accurately will struggle to solve it.",
        "The political incentives, admittedly, point the other way. Benefits that arrive in a decade do not win elections held next year. That is precisely why rules, institutions and independent bodies matter: they protect long-term priorities from the short-term calendar.",
        "Public debate in India swings too easily between triumphalism and despair. Neither is warranted. The economy has real strengths, including a young population, a deep pool of entrepreneurs and a stable macroeconomic framework. It also has weaknesses that no amount of optimism will wish away.",
        "Money is not the only constraint; capacity is. Ministries and municipal bodies are short of engineers, planners and auditors, and those they have are often tied up in paperwork. Investing in the state's ability to execute is unglamorous but essential.",
        "The lesson of the past three decades is that reforms succeed when they are explained well and sequenced carefully. Those imposed suddenly, without consultation, tend to provoke a backlash that sets the cause back by years.",
        "In the end, the measure of any policy is whether it improves the lives of ordinary people in ways they can see. A farmer in {state}, a factory worker in {state_city} or a graduate looking for her first job does not care about ratios and targets. They care about whether tomorrow looks better than today.",
        "Comparisons with China are common and mostly unhelpful. India's democracy, federal structure and diversity make a different path inevitable. The relevant question is not whether India can copy another country's model, but whether it can make its own institutions work better.",
        "A good place to start would be honesty about trade-offs. Every rupee spent on one priority is a rupee not spent on another. Governments that pretend otherwise end up financing their promises with borrowing, and the bill eventually arrives.",
    ),
    subheads=("The harder question", "A better approach", "What must change", "The cost of delay"),
    quotes=(),
    lists=(),
    p_quote=0.0,
    p_list=0.2,
    p_subhead=0.35,
)
