"""The Opinion desk's kinds of column: public money, jobs, cities, farms,
the stock market, privacy and automation, each argued about one subject.

A column's headline is assembled from parts ("[[…|…]]"), so that years of
columns on the same theme never repeat a headline.
"""

from masthead.demo.writer.desks.base import Desk, Kind, templates

DESK = Desk(
    datelines=("New Delhi", "New Delhi", "Mumbai", "Mumbai", "Bengaluru", "Kolkata"),
    kinds=(
        Kind(
            "fiscal",
            subject="budget",
            aliases=("spending", "deficit", "finance minister", "schemes", "borrow", "public money"),
            lists=(
                (
                    ("Three steps would make the budget honest:", "A little budget discipline would go a long way:"),
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
                "[[The deficit target is|A single ratio is|Hitting the number is|Fiscal arithmetic is|The headline deficit is]] the easy part of the {fy} budget[[; spending well is not| — what the money builds is the test|; ending schemes is hard|]]",
                "A budget should be judged by what it [[stops doing|switches off|refuses to fund|winds down]][[, and {fy} switched off almost nothing|: a test for {fy}| — and {fy} failed the test|]]",
                "[[The quiet crowding out of|Who protects|The case for ring-fencing|Stop raiding]] capital spending in {fy}",
                "[[Sunset clauses|Outcome budgets|Rolling spending plans|Independent costing]] would make {fy}'s budget [[honest|readable|accountable|credible]]",
                "[[Interest payments|Subsidies|Salaries and pensions|Old schemes]] are eating the {fy} budget[[, and nobody is counting| from the inside| faster than revenue grows|]]",
                "[[Borrow to build|Borrowing is not the enemy|Debt that pays for itself]]: [[a port is not a pension|how to read the {fy} budget|what the deficit hides]]",
            ),
            standfirsts=templates(
                "A single ratio has become the test of every budget, and {fy} was no exception. The harder question is what the money actually builds.",
                "Governments are good at announcing new schemes and bad at ending old ones; the {fy} budget shows how little room that leaves.",
                "A deficit of {fd} per cent of GDP says how much the government borrows, [[not whether it borrows well|not what the borrowing buys]].",
            ),
            leads=templates(
                "[[Every year|Budget after budget|Year after year]], the fiscal deficit becomes the single number by which [[the budget|a finance minister's budget|the year's budget]] is judged. It is a useful discipline, but a narrow one. A deficit of {fd} per cent of GDP tells us how much the government borrows; it tells us [[almost nothing|very little]] about whether the money builds anything that will still be standing in [[twenty years|a generation]].",
                "Budgets in India are exercises in addition. New schemes are announced with fanfare, old ones are [[quietly topped up|renamed and expanded|carried forward]], and almost nothing is ever switched off. The result is a government that does a little of everything, and the arithmetic of {fy} shows how little room that leaves in the budget for [[anything new|the priorities that matter|genuine reform]].",
            ),
            paragraphs=templates(
                "Consider the composition of spending. A large and growing share of every rupee the Centre spends goes on interest, salaries, pensions and subsidies. Capital expenditure, the part that builds roads, ports and power lines, has risen, but from a low base and often at the expense of investment by the states.",
                "There is a better way to frame the budget debate. Rather than fixating on one ratio, the finance ministry could publish a rolling three-year plan that shows, line by line, which schemes are being wound down to make room for new ones. Sunset clauses are routine in many countries; here they remain a rarity.",
                "Borrowing is not wrong in itself. A government that borrows to build a port that earns its keep for forty years is doing something quite different from one that borrows to pay this year's salaries. The budget documents should make that distinction obvious; at present they bury it.",
                "The political incentives, admittedly, point the other way. A scheme's benefits are visible and its costs diffuse, so ending one makes enemies and few friends. That is precisely why the budget needs rules that force the question to be asked every year.",
                "It would help if spending were judged by outcomes rather than outlays. Ministries report how much they spent; they rarely report what the spending achieved. A budget that published both, for every large scheme, would change the conversation quickly.",
                "None of this is an argument for austerity. It is an argument for spending public money as if it were scarce, which it is. Every rupee the budget commits to an old scheme is a rupee not available for the schools, clinics and roads the next decade needs.",
            ),
        ),
        Kind(
            "jobs",
            subject="jobs",
            aliases=("work", "workers", "employment", "graduates", "factories", "manufacturing"),
            lists=(
                (
                    ("A practical jobs agenda would include:",),
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
                "Growth without jobs is [[a political problem waiting to happen|a promise half kept|a warning, not a triumph|a hollow boast]][[ in {year}| for {metro}|]]",
                "[[The factory floor|The workshop|The assembly line|The small factory]] still matters for jobs[[, whatever the software boom says|: lessons from {metro}|]]",
                "{Metro}'s graduates need [[work|jobs|apprenticeships|employers]], not [[more degrees|another job fair|more examinations|promises]]",
                "[[Garments, shoes and toys|Food processing and furniture|Leather and textiles|Bicycles and ceramics]] could employ millions. [[Why don't they?|What stops them?|Start there.|Let them grow.]]",
                "The jobs question the {fy} numbers [[keep dodging|cannot answer|leave out|should have asked]]",
                "[[Small firms stay small|Labour rules keep firms tiny|Why firms refuse to grow]]: [[the jobs cost of red tape|a lesson from {metro}'s workshops|fix this first]]",
            ),
            standfirsts=templates(
                "Services have carried the economy, but they cannot absorb the millions who enter the workforce each year. Manufacturing jobs must.",
                "The country produces graduates faster than it produces jobs for them; walk through {metro} and the mismatch is plain.",
                "Labour-intensive industries should be creating jobs by the million; [[rigid rules and costly logistics hold them back|small firms stay small instead]].",
            ),
            leads=templates(
                "The headline growth numbers for {fy} look [[healthy|impressive|respectable]], and the government is entitled to point to them. But walk through [[any district town|a market town|the outskirts of {metro}]] and a different picture emerges: young men and women with degrees and no steady jobs, waiting for government recruitment examinations that come around once a year and admit a tiny fraction of applicants.",
                "For three decades India has been told, and {year} is no different, that it can [[leapfrog|skip]] the factory stage of development and move straight to services. The software industry seemed to prove the point. Yet the jobs arithmetic has never [[worked|added up]]. Services employ the educated few; it is manufacturing that employs the many, [[and it is manufacturing that has stalled|and manufacturing has barely raised its share of output|and manufacturing is where the country keeps falling short]].",
            ),
            paragraphs=templates(
                "The numbers are stark. Every year, roughly ten to twelve million people join the labour force. The formal sector, where jobs come with a contract and social security, adds only a fraction of that. The rest find their way into informal work, self-employment or, increasingly, nothing at all.",
                "Labour-intensive industries such as garments, footwear, toys and food processing should be the obvious answer to the jobs problem. India has the raw materials, the skills and a vast domestic market. Yet these industries have lost ground to Bangladesh and Cambodia, largely because of rigid rules, small firm sizes and expensive logistics.",
                "The education system bears some of the blame. Too many colleges teach syllabuses that employers consider irrelevant, and too few graduates get any exposure to the workplace before they finish. Apprenticeships, common across East Asia, remain marginal here.",
                "Small firms are where most Indians work, and they stay small for a reason. Labour and tax rules get heavier as a firm grows, so owners split their businesses rather than expand them. A firm that never grows beyond a few dozen workers rarely invests in training or technology.",
                "Industrial policy could help if it were aimed at jobs rather than output. Incentive schemes that reward firms for the value of what they produce favour capital-heavy industries. Schemes that reward each worker hired, and kept, would favour the factories that employ the most people.",
                "{Metro} shows both sides of the jobs story: a few gleaming office parks on the edge of the city, and behind them neighbourhoods full of young people who commute for hours to informal work that pays little and promises nothing.",
                "The political cost of ignoring jobs is rising. Young voters are more educated and more impatient than their parents, and they judge governments on whether there is work for them. A growth story that does not include them will not survive many elections.",
            ),
        ),
        Kind(
            "cities",
            subject="{metro}",
            aliases=("cities", "city", "municipal", "mayor", "urban"),
            lists=(
                (
                    ("What would help {metro} most:",),
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
                "{Metro} [[needs|deserves|cannot wait for|should insist on]] [[a mayor with real power|drains that work|buses people want to ride|a budget of its own|property taxes it actually collects]][[ before the next monsoon|, not another master plan|]]",
                "[[Floods|Traffic|Water shortages|Garbage]] in {metro} are [[a governance failure|a finance problem|no act of nature]][[, and they are getting worse|; fix the institutions first|]]",
                "What {metro} [[teaches|could teach|should teach]] us about [[running cities|municipal money|urban neglect]]",
                "Give {metro}'s mayor real power, and the money to use it",
            ),
            standfirsts=templates(
                "Cities like {metro} produce most of the country's output but are governed as an afterthought. Every monsoon exposes the cost.",
                "{Metro} needs elected leaders who can be held accountable, and the revenue to do the job. Today it has neither.",
                "{Metro}'s master plans are excellent on paper; [[what is missing is an institution to carry them out|the money to build them never arrives]].",
            ),
            leads=templates(
                "Every monsoon, the same images return from {metro}: flooded underpasses, stranded commuters, cars floating down arterial roads in one of the cities that generate much of the country's wealth. And every year the same explanations are offered, as if heavy rain in [[July|August|September]] were an unforeseeable act of nature rather than the most predictable event on the calendar.",
                "India's cities account for [[well over half|more than half|the bulk]] of national output, yet most of them, {metro} included, are run by municipal bodies with little money, few skilled staff and mayors who serve short, largely ceremonial terms. Real power rests with state governments, which have every incentive to keep it that way.",
            ),
            paragraphs=templates(
                "The problem is not a lack of plans. {Metro} has a master plan, drainage studies and a transport strategy, much of it excellent on paper. What it lacks is an institution with the authority, the money and the continuity to carry them out over a decade or more.",
                "Municipal finances are the root of the problem. Property tax collections in Indian cities are a fraction of what comparable cities elsewhere raise, because valuations are outdated and enforcement is weak. Cities depend on grants from state governments, which arrive late and come with conditions.",
                "{Metro} is a case in point. The city has grown rapidly over the past two decades, but its drainage, bus fleet and water supply were designed for a far smaller population, and its municipal corporation cannot raise the money to catch up.",
                "There are encouraging examples. Some cities have digitised property records, raised collections sharply and used the money to improve water supply and sanitation. But these remain exceptions, often driven by a single determined official who is transferred before the reforms take root.",
                "A mayor of {metro} who served five years, controlled the municipal budget and answered directly to voters would change the incentives overnight. Voters would know whom to blame for a flooded street, and the mayor would have the means to fix it.",
                "State governments will resist giving up control of cities, because cities are where the money is. But the cost of the present arrangement is paid every monsoon, in lost working days, damaged homes and lives, and it is rising as cities like {metro} grow.",
            ),
        ),
        Kind(
            "farms",
            subject="farm",
            aliases=("farmers", "agriculture", "crops", "monsoon", "rural"),
            lists=(
                (
                    ("Three farm priorities stand out:",),
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
                "Farm policy needs [[fewer promises and better markets|storage, not slogans|roads before subsidies|water before waivers|insurance that pays]][[ in {year}|]]",
                "[[The loan waiver trap|The support-price trap|The free-power trap|The export-ban trap]] [[keeps farmers poor|hurts the farmers it means to help|is an election habit|costs more than it saves]]",
                "What the {year} monsoon [[teaches us|tells us|should teach us]] about [[farm incomes|crop insurance|groundwater|cold storage]]",
                "[[Onion|Tomato|Potato|Pulse|Cotton]] farmers need [[cold storage|markets|buyers|roads]], not [[waivers|sympathy|another committee|export bans]]",
                "[[Let farmers lease land|Meter the farm pumps|Pay crop claims in weeks]]: [[a farm reform that costs little|the quiet fix for rural distress|what {year} should bring]]",
            ),
            standfirsts=templates(
                "Loan waivers and support prices offer farmers short-term relief but do little to raise what they earn.",
                "Indian agriculture does not need more subsidies. It needs water, storage and the freedom to sell, as the {year} season showed again.",
                "Farm distress surfaces whenever the monsoon falters; [[the cure is markets, not handouts|the fix starts with storage and roads]].",
            ),
            leads=templates(
                "Every election season, and {year} is no exception, brings a fresh round of promises to farmers: loan waivers, higher support prices, free electricity[[| for pumps]]. Each is politically understandable. Together they amount to a policy that treats agriculture as a permanent emergency rather than a business that could, in the right conditions, support a decent living[[| for the families who depend on it]].",
                "Nearly half of India's workforce still depends on farming in {year}, yet agriculture accounts for less than a fifth of national output. That gap, more than any single policy, explains the distress that surfaces whenever the monsoon [[falters|fails|arrives late]] or prices collapse after a bumper harvest[[| of onions or tomatoes]].",
            ),
            paragraphs=templates(
                "Loan waivers illustrate the problem. They help farmers who borrowed from banks, often the better-off, while doing nothing for those who depend on moneylenders. They also damage the credit culture, as farmers learn that repaying loans may be unnecessary if an election is near.",
                "The better path runs through markets and infrastructure. Farmers need cold storage so that they are not forced to sell perishable crops at the bottom of the market, better roads to reach buyers, and the freedom to sell to whoever offers the best price.",
                "Water is the other great constraint on agriculture. Much of India's farmland still depends on rain, and groundwater in several regions is being depleted at alarming rates, driven in part by free electricity for pumping. Pricing power and water sensibly is politically difficult but unavoidable.",
                "Crop insurance should be the farmer's safety net, yet claims take months to settle and many are rejected on technicalities. An insurance scheme that paid within weeks, using satellite data to assess losses, would do more for farm incomes than another round of waivers.",
                "Small holdings are part of the farm problem. The average plot has shrunk with each generation, and a family cannot live well on two acres however good the prices. Letting farmers lease land freely, without fear of losing it, would let those who want to farm do so at a sensible scale.",
                "None of this will happen if farm policy is made in the weeks before elections. It needs the same long horizon that governments bring to highways and ports: a plan for storage, water and markets that outlasts any one government.",
            ),
        ),
        Kind(
            "markets",
            subject="investors",
            aliases=("the market", "traders", "regulator", "shares", "the Meridian 50", "savings"),
            lists=(
                (
                    ("Sensible safeguards for small investors would include:",),
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
                "[[Retail investors|Small investors|First-time investors|Young traders]] deserve [[better protection|plainer warnings|honest advice|fewer temptations]], not [[more products|more leverage|another app|confetti]]",
                "The regulator must [[keep pace with|get ahead of|stop chasing|look harder at]] [[the market it oversees|the options craze|trading apps|share sales priced for perfection]][[ in {year}|]]",
                "A rising market is a test of [[regulatory nerve|investors' memory|brokers' honesty|fund managers' discipline]][[ in {year}|]]",
                "With the Meridian 50 at {idx}, [[complacency is the real risk|investors should remember old crashes|caution is cheap insurance|small investors need plain warnings]]",
                "[[Trading apps|Options|Listings priced for perfection|Finfluencers]] are [[costing|fleecing|misleading]] small investors[[; the regulator should act| — and they know it|]]",
            ),
            standfirsts=templates(
                "Millions of new investors have entered the market. Many are learning expensive lessons in speculative trading.",
                "Rising valuations are not in themselves a problem for investors. Complacency about risk is, with the Meridian 50 at {idx}.",
                "Investors who came to the market in {year} have known only rising prices; [[the regulator should prepare them for falls|brokers should tell them the odds]].",
            ),
            leads=templates(
                "The boom in retail investors in India's stock market in {year} is, in many ways, a success story. Millions of households that once kept their savings in [[gold, property or bank deposits|gold and fixed deposits|land and bank accounts]] now own shares and mutual funds. But a worrying share of the new activity is not investing at all; it is short-term speculation in which [[most participants lose money|the house almost always wins|the odds are stacked against the small trader]].",
                "The Meridian 50 has risen sharply to around {idx}, and valuations for many mid-sized companies are well above their historical averages. Rising prices in {month} are not in themselves a sign of trouble for investors. But markets that only go up tend to breed complacency, and complacency is what regulators should worry about.",
            ),
            paragraphs=templates(
                "The regulator's own studies have shown that the overwhelming majority of individual traders in futures and options lose money over a year. Tighter margin rules are a reasonable response, but they treat the symptoms. Better disclosure of risks, and limits on aggressive marketing by brokers, would go further.",
                "Small investors are also exposed through share sales priced for perfection. Several companies that listed with great fanfare now trade well below their issue prices. Stricter scrutiny of offer documents, and clearer disclosure of what early investors paid, would help.",
                "None of this argues for heavy-handed intervention. Deep and liquid markets are essential for a growing economy, and they channel household savings into productive investment. The goal should be a market where investors understand the risks they take, not one where they are prevented from taking any.",
                "Brokers have a responsibility too. Apps designed like games, with confetti for each trade and prompts to trade again, encourage exactly the behaviour that costs small investors money. The regulator should treat such design as the marketing it is.",
                "Mutual funds offer most savers a better route into the market than direct trading, and monthly contributions to them have grown steadily. The industry should be encouraged to keep costs low, and advisers paid by commission should say so plainly.",
                "The test of a market's health is not how it behaves when prices rise but how investors behave when they fall. Those who have known only a rising Meridian 50 will meet a falling one eventually, and the regulator's job is to make sure they are not ruined by it.",
            ),
        ),
        Kind(
            "privacy",
            subject="data",
            aliases=("privacy", "users", "regulator", "consent", "digital"),
            min_year=2012,
            lists=(
                (
                    ("A credible data protection framework would need:",),
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
                "India's digital success needs [[a privacy backbone|rules on data|a real regulator|data that stays private]][[ in {year}|]]",
                "Rules for {topic} should [[come before the cheerleading|protect users first|be written with users in mind|bind the state too]]",
                "[[Trust|Consent|Privacy]] is the real currency of the digital economy[[, and we are spending it|; guard it| in the age of {topic}|]]",
                "Every app wants [[our location|our contacts|a photo of our identity card|our photographs]]. [[Who is watching the apps?|Say no more often.|The law should ask why.|Data law must say no.]]",
                "[[Data leaks|Consent forms|Government databases]] [[show why|prove that|are the reason]] India needs a data regulator with teeth[[ in {year}|]]",
            ),
            standfirsts=templates(
                "Digital services have transformed daily life. The rules that govern the data they collect have not kept pace, least of all for {topic}.",
                "People share data with services they trust. Protecting that trust is a policy task, not a public-relations exercise.",
                "Tapping 'allow' is not consent in any meaningful sense; [[data law should say so|users deserve better]] as {topic} spreads.",
            ),
            leads=templates(
                "Few countries have digitised daily life as quickly as India has in the years to {year}. [[Payments, identity, tax filing and access to welfare|Payments, tax returns and welfare benefits|Banking, identity checks and government services]] now run on digital rails that are the envy of far richer economies. But the speed of that transformation has outrun the rules meant to protect the people whose data flows through these systems.",
                "Every app on a phone in {metro} wants something: a location, a contact list, a photograph of an identity card. [[Most users|Millions of people|Nearly everyone]] tap 'allow' without a second thought, and few have any idea where that data goes, how long it is kept or who else will see it. That is not consent in any meaningful sense.",
            ),
            paragraphs=templates(
                "Data protection is not a brake on innovation; it is what makes innovation sustainable. People will share information with services they trust, and trust depends on knowing that data will be used for the purposes stated, stored securely and deleted when no longer needed.",
                "Companies have a role to play beyond compliance. The firms that are most open about how they use customer data, and most responsive when something goes wrong, will find that trust is a competitive advantage rather than a cost.",
                "The arrival of {topic} sharpens these questions about data. Regulators tend to respond to new technology either by ignoring it or by smothering it in rules written for an earlier era. Neither approach serves citizens, who need protection without being denied the benefits.",
                "A data protection law is only as good as the body that enforces it. A regulator needs independence, technical staff and the power to impose penalties that large companies notice. Without those, even well-drafted rules become a box-ticking exercise.",
                "The state itself collects more personal data than any company, and it should hold itself to the same standard. Government databases have leaked before; a law that exempts the state from its own rules on data invites the next leak.",
                "Users can do a little for themselves: refuse permissions an app does not need, delete apps they no longer use. But privacy cannot depend on the vigilance of a billion individuals. It has to be built into the rules that digital services must follow.",
            ),
        ),
        Kind(
            "automation",
            subject="automation",
            aliases=("workers", "machines", "software", "jobs", "retraining"),
            min_year=2012,
            lists=(
                (
                    ("The response to automation should include:",),
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
                "Automation will not wait for [[our policy debates|the next election|the syllabus committee|the labour ministry]]",
                "The next wave of automation will start in [[the back office|the call centre|accounts departments|claims processing]][[, not the factory| in {metro}|]]",
                "Retraining workers cannot be [[an afterthought|left to the market|a certificate nobody reads|a slogan]][[ in {year}|]]",
                "{Topic} and the [[clerk|call-centre agent|junior programmer|insurance assessor]]: [[who adapts, and who pays|a plan for the people in between|the jobs at risk]]",
                "[[Software|Machines|{Topic}]] will [[take the routine work|change office jobs|reach {metro}'s back offices]]. [[Prepare the workers now.|Who pays for retraining?|Share the savings.]]",
            ),
            standfirsts=templates(
                "Machines are taking on more routine office work. The services economy must prepare its workers now, not after the jobs are gone.",
                "The question is no longer whether office jobs will change with {topic}, but whether workers and institutions can change fast enough.",
                "Software can already read documents and answer routine questions; [[retraining has to be practical|companies should share the savings]].",
            ),
            leads=templates(
                "The next wave of automation will not arrive on factory floors first, in {metro} or anywhere else. It will arrive in the offices, call centres and back rooms where millions of Indians [[process invoices, answer customer queries and write routine software|check claims, reconcile accounts and answer customer queries|handle payroll, process loan files and write routine code]]. That is precisely the work that built the country's services economy[[.|, and {topic} is already changing it.]]",
                "[[Ask any|Talk to a|Sit down with a]] chief executive of a services company in {metro} and the conversation soon turns to automation. Software can already read documents, reconcile accounts and answer routine questions. The question is no longer whether jobs will change, but whether workers and institutions will change fast enough.",
            ),
            paragraphs=templates(
                "The policy response to automation should begin with training. Workers whose jobs are most exposed need access to retraining that is practical, affordable and linked to real vacancies, not certificates that employers ignore.",
                "Companies should carry part of the burden. Firms that automate routine work will save money; some of those savings should fund the retraining of the workers whose tasks have been automated, rather than flowing entirely to shareholders.",
                "The state's role is to make transitions less frightening. Portable benefits, unemployment insurance that actually pays out and a credible system of skills certification would do more to win public support for automation than any number of speeches about the future.",
                "History offers some comfort. Computers were expected to destroy clerical jobs in the 1980s, and instead created millions of new ones. But the workers who lost the old jobs were rarely the ones who found the new ones, and that is the gap policy must close.",
                "{Topic} has made the question urgent. Tools that draft documents, check accounts and write routine code are no longer experiments; they are in daily use, and the workers doing that work can see it.",
                "Smaller cities may feel automation first. Back-office centres moved there for cheaper labour, and they employ large numbers of young graduates in exactly the routine work that software now does well. A town that depends on one such centre is exposed.",
                "None of this is a reason to resist the technology. Software that does routine work frees people for work that needs judgment, and the companies that adopt it will grow. The task is to make sure workers share in that growth rather than being left behind by it.",
            ),
        ),
    ),
    subheads=("The harder question", "A better approach", "What must change", "The cost of delay"),
    p_quote=0.0,
    p_list=0.2,
    p_subhead=0.35,
)
