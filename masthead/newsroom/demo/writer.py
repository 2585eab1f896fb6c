"""Original sample journalism for the demo site: a fictional Indian business daily.

Everything here is invented for Masthead. The companies, people, parties,
brokerages, indices ("the Meridian 50", "the Bharat Composite") and wire
agencies are fictional; only countries, states, cities and public institutions
are real. The copy is assembled from hand-written templates whose slots are
filled from a seeded ``random.Random``, so the same ``(today, seed, count)``
always yields the same list of articles.

Pure Python and the standard library only: no Django imports, so the module
can be used by a management command, a fixture builder or a test alike.
"""

from __future__ import annotations

import html
import math
import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = [
    "AGENCIES",
    "AUTHORS",
    "SECTIONS",
    "DemoAgency",
    "DemoArticle",
    "DemoAuthor",
    "DemoSection",
    "generate_articles",
]

TZ = ZoneInfo("Asia/Kolkata")


# --------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSection:
    slug: str
    name: str
    description: str
    position: int


@dataclass(frozen=True)
class DemoAuthor:
    slug: str
    name: str
    role: str
    bio: str


@dataclass(frozen=True)
class DemoAgency:
    slug: str
    name: str


@dataclass(frozen=True)
class DemoArticle:
    headline: str
    slug: str
    standfirst: str
    body: str
    section_slug: str
    author_slugs: tuple[str, ...]
    agency_slug: str | None
    dateline: str
    publish_at: datetime
    is_premium: bool


SECTIONS: tuple[DemoSection, ...] = (
    DemoSection("markets", "Markets",
                "Stocks, bonds, currencies and commodities: the day's trading and what moved it.", 1),
    DemoSection("economy", "Economy",
                "Growth, inflation, the central bank, public finances and trade.", 2),
    DemoSection("politics", "Politics",
                "Parliament, the states, elections and the politics of economic policy.", 3),
    DemoSection("world", "World",
                "Global markets, trade and diplomacy, and what the world economy means for India.", 4),
    DemoSection("technology", "Technology",
                "Software services, telecoms, start-ups and technology policy.", 5),
    DemoSection("opinion", "Opinion",
                "Columns and argument from our writers and contributors.", 6),
    DemoSection("market-analysis", "Market Analysis",
                "In-depth market analysis and investment insights for subscribers.", 7),
)  # fmt: skip

AUTHORS: tuple[DemoAuthor, ...] = (
    DemoAuthor("ananya-raghavan", "Ananya Raghavan", "Markets Editor",
               "Ananya Raghavan has covered Indian equities for more than fifteen years and leads the paper's markets desk in Mumbai."),
    DemoAuthor("farhan-qureshi", "Farhan Qureshi", "Senior Markets Correspondent",
               "Farhan Qureshi reports on the stock exchanges, brokerages and the securities regulator, with a particular interest in new listings."),
    DemoAuthor("mihir-jhaveri", "Mihir Jhaveri", "Commodities and Currencies Correspondent",
               "Mihir Jhaveri writes about the rupee, bonds, oil and gold, and spent six years on a bank's treasury desk before turning to journalism."),
    DemoAuthor("tarun-dasgupta", "Tarun Dasgupta", "Economics Reporter",
               "Tarun Dasgupta covers macroeconomic data, the banking system and the central bank from Kolkata and Mumbai."),
    DemoAuthor("meenakshi-iyer", "Meenakshi Iyer", "Chief Economics Correspondent",
               "Meenakshi Iyer writes about fiscal policy, growth and public finance, and has reported on more than twenty Union budgets."),
    DemoAuthor("priyamvada-rao", "Priyamvada Rao", "Political Editor",
               "Priyamvada Rao has reported on Parliament, state elections and coalition politics from New Delhi for two decades."),
    DemoAuthor("joseph-mathai", "Joseph Mathai", "Political Correspondent",
               "Joseph Mathai covers the government and the opposition in New Delhi and travels widely to report on state elections."),
    DemoAuthor("rukmini-castellino", "Rukmini Castellino", "World Affairs Editor",
               "Rukmini Castellino edits the paper's international coverage, with a focus on trade, diplomacy and the global economy."),
    DemoAuthor("kabir-anantharaman", "Kabir Anantharaman", "Technology Editor",
               "Kabir Anantharaman writes about software services, telecoms and technology policy from Bengaluru."),
    DemoAuthor("ishita-mahalingam", "Ishita Mahalingam", "Technology Correspondent",
               "Ishita Mahalingam covers start-ups, venture capital and the people building India's digital businesses."),
    DemoAuthor("aravind-kolhatkar", "Aravind Kolhatkar", "Contributing Editor",
               "Aravind Kolhatkar is a former civil servant who writes a fortnightly column on governance, public finance and reform."),
    DemoAuthor("paromita-lahiri", "Paromita Lahiri", "Opinion Editor",
               "Paromita Lahiri edits the opinion pages and writes on cities, jobs and the politics of economic policy."),
    DemoAuthor("shalini-noronha", "Shalini Noronha", "Senior Analyst, Investment Research",
               "Shalini Noronha leads the paper's investment research desk and writes in-depth analysis of listed companies and sectors."),
    DemoAuthor("rohan-ambardekar", "Rohan Ambardekar", "Markets Strategist",
               "Rohan Ambardekar writes on asset allocation, valuations and portfolio strategy for the paper's subscribers."),
)  # fmt: skip

AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency("asia-wire-service", "Asia Wire Service"),
    DemoAgency("continental-press-agency", "Continental Press Agency"),
    DemoAgency("monsoon-news-service", "Monsoon News Service"),
)

_AUTHORS_BY_SECTION: dict[str, tuple[str, ...]] = {
    "markets": ("ananya-raghavan", "farhan-qureshi", "mihir-jhaveri", "tarun-dasgupta"),
    "economy": ("meenakshi-iyer", "tarun-dasgupta", "mihir-jhaveri"),
    "politics": ("priyamvada-rao", "joseph-mathai"),
    "world": ("rukmini-castellino", "mihir-jhaveri"),
    "technology": ("kabir-anantharaman", "ishita-mahalingam"),
    "opinion": ("aravind-kolhatkar", "paromita-lahiri", "priyamvada-rao", "meenakshi-iyer"),
    "market-analysis": ("shalini-noronha", "rohan-ambardekar", "ananya-raghavan"),
}
_WIRE_SECTIONS = ("markets", "economy", "politics", "world", "technology")


# --------------------------------------------------------------------------
# Slot fillers: everything fictional except geography and institutions
# --------------------------------------------------------------------------

# sector key: (adjective, singular noun, plural noun, what they sell)
_SECTORS: dict[str, tuple[str, str, str, str]] = {
    "banking": ("banking", "private-sector lender", "lenders", "retail and business loans"),
    "it": ("information technology", "software services company", "software services companies",
           "digital and software services"),
    "steel": ("metals", "steelmaker", "steelmakers", "flat steel products"),
    "cement": ("cement", "cement maker", "cement makers", "cement"),
    "autos": ("automobile", "vehicle maker", "vehicle makers", "passenger cars and utility vehicles"),
    "pharma": ("pharmaceutical", "drugmaker", "drugmakers", "generic medicines"),
    "fmcg": ("consumer goods", "consumer goods company", "consumer goods companies",
             "packaged foods and personal care products"),
    "telecom": ("telecom", "telecom operator", "telecom operators", "mobile services"),
    "power": ("power", "power producer", "power producers", "electricity"),
    "energy": ("oil and gas", "refiner", "refiners", "petroleum products"),
    "realty": ("real estate", "property developer", "property developers", "new homes"),
    "chemicals": ("chemicals", "speciality chemicals maker", "chemicals makers", "speciality chemicals"),
    "logistics": ("logistics", "logistics company", "logistics companies", "freight and warehousing services"),
    "nbfc": ("non-bank finance", "non-bank lender", "non-bank lenders", "consumer and small-business loans"),
    "textiles": ("textile", "textile exporter", "textile exporters", "garments and home textiles"),
}  # fmt: skip

# (name, sector, headquarters)
_COMPANIES: tuple[tuple[str, str, str], ...] = (
    ("Konkan Commercial Bank", "banking", "Mumbai"),
    ("Narmada Trust Bank", "banking", "Indore"),
    ("Sahyadri Bank", "banking", "Pune"),
    ("Northwind Infotech", "it", "Bengaluru"),
    ("Vyom Digital Services", "it", "Pune"),
    ("Lattice Peak Technologies", "it", "Hyderabad"),
    ("Kestrel Softworks", "it", "Chennai"),
    ("Damodar Steel & Alloys", "steel", "Kolkata"),
    ("Raigad Ispat", "steel", "Mumbai"),
    ("Aravalli Cement Works", "cement", "Jaipur"),
    ("Shoreline Cements", "cement", "Chennai"),
    ("Pratap Motors", "autos", "Pune"),
    ("Velocita Auto", "autos", "Chennai"),
    ("Hemadri Pharma", "pharma", "Hyderabad"),
    ("Medora Life Sciences", "pharma", "Ahmedabad"),
    ("Harbour & Vale Consumer", "fmcg", "Mumbai"),
    ("Tulsi Home Brands", "fmcg", "Kolkata"),
    ("Tarang Telecom", "telecom", "New Delhi"),
    ("Ekta Mobile Networks", "telecom", "Mumbai"),
    ("Meghdoot Power", "power", "New Delhi"),
    ("Suryakiran Energy", "power", "Ahmedabad"),
    ("Kutch Bay Refineries", "energy", "Ahmedabad"),
    ("Eastern Seaboard Petroleum", "energy", "Chennai"),
    ("Rangoli Realty", "realty", "Bengaluru"),
    ("Skyline Habitat", "realty", "Mumbai"),
    ("Navrang Speciality Chemicals", "chemicals", "Ahmedabad"),
    ("Palash Chemicals", "chemicals", "Vadodara"),
    ("Setu Freight & Logistics", "logistics", "Mumbai"),
    ("Chakravat Logistics", "logistics", "Chennai"),
    ("Prerna Finserv", "nbfc", "Chennai"),
    ("Lakshya Capital", "nbfc", "Mumbai"),
    ("Resham Textiles", "textiles", "Surat"),
    ("Kanchi Weaves", "textiles", "Coimbatore"),
)
# What squeezes each sector's margins.
_COSTS = {
    "banking": "funding costs", "nbfc": "borrowing costs", "it": "wage costs", "telecom": "network costs",
    "realty": "construction costs", "logistics": "fuel costs", "energy": "crude oil costs", "power": "fuel costs",
}
_MANUFACTURING = ("steel", "cement", "autos", "pharma", "chemicals", "textiles", "fmcg", "power")

_FIRST_NAMES = (
    "Anirban", "Bhaskar", "Charulata", "Dhruv", "Eshwar", "Gayatri", "Hemant", "Ira", "Jaideep",
    "Kalyani", "Lalit", "Madhavi", "Nikhil", "Omkar", "Pallavi", "Rajeev", "Sunanda", "Tanvi",
    "Uday", "Vasudha", "Yamini", "Zubin", "Farida", "Naseer", "Tenzin", "Celine", "Anselm",
    "Gurleen", "Harpreet", "Kunal", "Ritu", "Sudhir", "Shreya", "Varun", "Aditi", "Karthik",
    "Lakshmi", "Sameer", "Nazia", "Devika", "Arjun", "Malini", "Prasanna", "Rehana", "Suresh",
    "Vandana", "Girish", "Mitali",
)  # fmt: skip
_SURNAMES = (
    "Acharya", "Bhonsle", "Chitnis", "Deshpande", "Hegde", "Iyengar", "Jagtap", "Kaul", "Mahajan",
    "Nair", "Pillai", "Qazi", "Rathore", "Saxena", "Talwar", "Upadhyay", "Venkatesan", "Wadhwa",
    "Zutshi", "Bhardwaj", "Chaturvedi", "Dhillon", "Mukherjee", "Banerjee", "Bose", "Naidu",
    "Menon", "Kurian", "D'Souza", "Pinto", "Sodhi", "Bakshi", "Sehgal", "Khanna", "Mehra",
    "Sinha", "Tripathi", "Dutta", "Mitra", "Sarkar", "Gokarn", "Lobo", "Bhatia", "Karnik",
    "Ranade", "Sengupta", "Thakur", "Ahluwalia",
)  # fmt: skip
_FOREIGN_FIRST = (
    "Claire", "Martin", "Hiroshi", "Mei", "Daniel", "Sophie", "Tomasz", "Ingrid", "Rafael",
    "Aiko", "Graham", "Nadia", "Omar", "Helena", "Pieter", "Lucas", "Amara", "Fiona",
)  # fmt: skip
_FOREIGN_LAST = (
    "Whitcombe", "Hallorand", "Lindqvist", "Okafor", "Brennan", "Moreau", "Castellanos",
    "Weissmann", "Fairclough", "Van Rooyen", "Haddad", "Sorensen", "Aldridge", "Kowalczyk",
    "Tanabe", "Ashworth", "Delacroix", "Mbeki-Hart",
)  # fmt: skip

_BROKERS = (
    "Peepal Grove Securities", "Tidewater Securities", "Northgate Broking", "Indus Ridge Capital",
    "Ashoka Equity Research", "Malabar Hill Advisors", "Chowpatty Capital", "Banganga Securities",
    "Laburnum Wealth", "Arcadia Institutional Equities",
)  # fmt: skip
_ANALYST_ROLES = (
    "head of research", "chief investment strategist", "head of equity research",
    "director of research", "senior vice-president for institutional equities", "chief market strategist",
)  # fmt: skip
_ECON_HOUSES = (
    "Konkan Commercial Bank", "Narmada Trust Bank", "Sahyadri Bank", "Malabar Hill Advisors",
    "Coastline Ratings", "Indus Ridge Capital", "Ashoka Research Partners",
)  # fmt: skip
_ECON_ROLES = ("chief economist", "senior economist", "head of economic research", "lead economist")
_CEO_ROLES = ("chief executive", "managing director", "chairman and managing director", "chief executive")
_UNIVERSITIES = (
    "the Deccan Institute of Economics", "the Eastern School of Public Policy",
    "the Narmada School of Management", "the Institute for Federal Studies",
    "the Coromandel Centre for Policy Research",
)  # fmt: skip
_EXPORT_COUNCILS = (
    "Western India Exporters' Council", "Southern Engineering Exporters' Association",
    "All-India Garment Exporters' Forum", "Federation of Coastal Exporters",
)  # fmt: skip
_CHAMBERS = (
    "the National Forum of Manufacturers", "the Eastern Chamber of Industry and Trade",
    "the Western India Industries Association", "the Council of Small and Medium Enterprises",
)  # fmt: skip
_IT_BODIES = ("the Indian Software and Services Council", "the Digital Economy Forum of India")
_FOREIGN_FIRMS = (
    "Harbourline Research", "Northbridge Commodities", "Calder & Finch Advisory", "Stratus Markets",
    "Pemberton Asset Management", "Eastgate Capital",
)  # fmt: skip
_VCS = (
    "Lotus Pond Capital", "Mangrove Ventures", "Stepwell Partners", "Deccan Plateau Ventures",
    "Kiln Ventures", "Saffron Gate Capital",
)  # fmt: skip

# (min year, name, what it does)
_STARTUPS = (
    (1999, "KaamSetu", "online job listings for factory and construction workers"),
    (1999, "Safar Portal", "online travel bookings"),
    (1999, "Pustak Junction", "online book sales"),
    (2006, "Ledgerline", "accounting software for small businesses"),
    (2008, "Sawaari", "bus ticketing for intercity travel"),
    (2009, "Khet Connect", "market-price information and farm supplies for growers"),
    (2010, "VidyaBox", "online tutoring for school students"),
    (2012, "Thaali Labs", "meal subscriptions for office workers"),
    (2012, "Dhanvi Health", "diagnostic tests booked online"),
    (2013, "Parcelwala", "same-day parcel delivery for small merchants"),
    (2014, "Kirana Cloud", "inventory software for neighbourhood grocery stores"),
    (2019, "Urja Mobility", "battery-swapping stations for electric scooters"),
)
# (min year, topic)
_TOPICS = (
    (1997, "software exports"), (1997, "satellite communications"), (1999, "internet services"),
    (2000, "e-commerce"), (2003, "broadband networks"), (2004, "outsourced business services"),
    (2008, "mobile internet"), (2010, "cloud computing"), (2012, "digital payments"),
    (2014, "data analytics"), (2017, "artificial intelligence"), (2019, "5G networks"),
    (2021, "semiconductor design"), (2023, "generative AI"),
)  # fmt: skip
_TECH_CITIES = ("Bengaluru", "Bengaluru", "Hyderabad", "Pune", "Chennai", "Gurugram")
_CLIENTS = (
    ("a European insurer", "European insurer"), ("a US retail chain", "US retailer"),
    ("a Nordic telecom operator", "Nordic telecom group"), ("a Japanese carmaker", "Japanese carmaker"),
    ("an Australian bank", "Australian bank"), ("a British utility", "British utility"),
    ("a Canadian pension fund", "Canadian pension fund"), ("a German logistics group", "German logistics group"),
)  # fmt: skip

# (min year, state, cities)
_STATES = (
    (1997, "Maharashtra", ("Pune", "Nagpur", "Nashik")),
    (1997, "Karnataka", ("Mysuru", "Hubballi", "Mangaluru")),
    (1997, "Tamil Nadu", ("Coimbatore", "Madurai", "Tiruchirappalli")),
    (1997, "Gujarat", ("Surat", "Vadodara", "Rajkot")),
    (1997, "Uttar Pradesh", ("Lucknow", "Kanpur", "Varanasi")),
    (1997, "West Bengal", ("Siliguri", "Durgapur", "Asansol")),
    (1997, "Rajasthan", ("Jaipur", "Jodhpur", "Udaipur")),
    (1997, "Madhya Pradesh", ("Indore", "Bhopal", "Jabalpur")),
    (1997, "Kerala", ("Kochi", "Thiruvananthapuram", "Kozhikode")),
    (1997, "Punjab", ("Ludhiana", "Amritsar", "Jalandhar")),
    (1997, "Odisha", ("Bhubaneswar", "Cuttack", "Rourkela")),
    (1997, "Bihar", ("Patna", "Gaya", "Muzaffarpur")),
    (1997, "Andhra Pradesh", ("Visakhapatnam", "Vijayawada", "Guntur")),
    (2014, "Telangana", ("Warangal", "Karimnagar", "Nizamabad")),
    (1997, "Haryana", ("Panipat", "Hisar", "Karnal")),
    (1997, "Assam", ("Guwahati", "Dibrugarh", "Silchar")),
)
# Names the places carried before they were renamed: (current, old, year of change)
_RENAMES = (
    ("Bengaluru", "Bangalore", 2014), ("Mysuru", "Mysore", 2014), ("Hubballi", "Hubli", 2014),
    ("Mangaluru", "Mangalore", 2014), ("Kolkata", "Calcutta", 2001), ("Gurugram", "Gurgaon", 2016),
    ("Odisha", "Orissa", 2011),
)  # fmt: skip

_PARTIES = (
    ("National Progressive Front", "NPF"), ("Jan Unnati Party", "JUP"),
    ("Lok Samriddhi Party", "LSP"), ("United Federal Alliance", "UFA"),
)  # fmt: skip
_MINISTRIES = (
    ("Finance", "finance"), ("Commerce", "commerce"), ("Power", "power"),
    ("Road Transport", "road transport"), ("Telecommunications", "telecommunications"),
    ("Corporate Affairs", "corporate affairs"), ("Petroleum", "petroleum"), ("Railways", "railways"),
    ("Heavy Industries", "heavy industries"),
)  # fmt: skip
_BILLS = (
    "Coastal Shipping (Amendment) Bill", "Digital Trade Facilitation Bill", "Warehousing Receipts Bill",
    "Urban Land Records Bill", "Mineral Auctions (Amendment) Bill", "Consumer Credit Protection Bill",
    "Power Distribution Reform Bill", "Commercial Courts (Second Amendment) Bill",
    "Inland Waterways Authority Bill", "Small Enterprises Facilitation Bill",
)  # fmt: skip
_INFRA = (
    "the country's freight rail network", "port connectivity along the eastern coast",
    "urban water supply networks", "rural roads in hilly districts", "inter-state power transmission lines",
    "inland waterways", "district hospitals",
)  # fmt: skip

# (bank, short name, city, economy)
_FOREIGN_CENTRAL_BANKS = (
    ("the US Federal Reserve", "Fed", "Washington", "the US economy"),
    ("the European Central Bank", "ECB", "Frankfurt", "the euro-zone economy"),
    ("the Bank of England", "Bank of England", "London", "the British economy"),
    ("the Bank of Japan", "Bank of Japan", "Tokyo", "the Japanese economy"),
)
_TRADE_PARTNERS = (
    ("Britain", "London"), ("the European Union", "Brussels"), ("Australia", "Canberra"),
    ("Canada", "Ottawa"), ("New Zealand", "Wellington"), ("Oman", "Muscat"), ("Chile", "Santiago"),
    ("Indonesia", "Jakarta"), ("South Korea", "Seoul"), ("Switzerland", "Geneva"),
)  # fmt: skip
_FOREIGN_ECONOMIES = (
    ("China", "Beijing"), ("Japan", "Tokyo"), ("Germany", "Berlin"), ("Britain", "London"),
    ("South Korea", "Seoul"), ("Indonesia", "Jakarta"), ("Singapore", "Singapore"), ("Thailand", "Bangkok"),
)  # fmt: skip
_OIL_CITIES = ("London", "Singapore", "Dubai")
_SUMMITS = (
    ("the Indo-Pacific Economic Forum", "Singapore"), ("the Asia-Europe Business Dialogue", "Brussels"),
    ("the Global Infrastructure Summit", "Tokyo"), ("the Gulf-Asia Investment Conference", "Dubai"),
    ("the Bay of Bengal Trade Conference", "Jakarta"), ("the Commonwealth Trade Forum", "London"),
)  # fmt: skip

_WORRIES = (
    "rising bond yields in the United States", "a weak monsoon forecast", "a stronger dollar",
    "slowing global growth", "elevated crude oil prices", "stretched valuations in mid-sized companies",
    "sticky food inflation", "the government's borrowing plans", "weaker-than-expected corporate earnings",
)  # fmt: skip
_DRIVERS = (
    "quarterly earnings and foreign fund flows", "the monsoon and its effect on rural demand",
    "the direction of global interest rates", "crude oil prices and the rupee",
    "the central bank's next policy review", "the pace of government capital spending",
)  # fmt: skip
_EVENTS = (
    "the central bank's policy review", "the monthly expiry of derivatives contracts",
    "inflation data due later in the week", "a heavy calendar of quarterly results",
    "the government's mid-year economic review",
)  # fmt: skip
_REGIMES = ("range-bound", "late-cycle", "rate-cutting", "low-return", "stock-picker's")

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_QUARTERS = ("January-March", "April-June", "July-September", "October-December")
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
_SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


# --------------------------------------------------------------------------
# Templates
# --------------------------------------------------------------------------
# Template syntax, beyond str.format slots such as {co} (and {Co}, the same
# value capitalised):
#   "@YYYY|..."  only reads naturally from that year on (no start-ups in 1997,
#                no artificial intelligence in 2003);
#   "[L1]..."    on a headline: always pair it with lead 1 of its kind;
#   "[[a|b|c]]"  one of the alternatives, picked at random when filled.
# A headline's slots are facts the body must state: the lead and paragraphs
# that state them are preferred, and a body that misses one is redrawn.


def _P(*texts: str) -> tuple[tuple[int, str], ...]:
    pool = []
    for text in texts:
        year = 1997
        if text.startswith("@"):
            head, text = text[1:].split("|", 1)
            year = int(head)
        pool.append((year, text))
    return tuple(pool)


@dataclass(frozen=True)
class _Kind:
    name: str
    headlines: tuple[tuple[int, str], ...]
    standfirsts: tuple[tuple[int, str], ...]
    leads: tuple[tuple[int, str], ...]
    paragraphs: tuple[tuple[int, str], ...]
    weight: int = 1
    min_year: int = 1997
    sectors: tuple[str, ...] | None = None
    ministries: tuple[str, ...] | None = None
    datelines: tuple[str, ...] | None = None
    dateline_key: str | None = None
    lists: tuple | None = None


@dataclass(frozen=True)
class _Desk:
    kinds: tuple[_Kind, ...]
    standfirsts: tuple[tuple[int, str], ...]
    paragraphs: tuple[tuple[int, str], ...]
    subheads: tuple[str, ...]
    quotes: tuple[tuple[int, str], ...]
    lists: tuple
    datelines: tuple[str, ...]
    sectors: tuple[str, ...] | None = None
    p_quote: float = 0.3
    p_list: float = 0.2
    p_subhead: float = 0.5


# ---------------------------------------------------------------- Markets ---

_MARKETS = _Desk(
    datelines=("Mumbai", "Mumbai", "Mumbai", "Mumbai", "Mumbai", "Ahmedabad", "New Delhi", "Chennai", "Kolkata"),
    kinds=(
        _Kind(
            "rally", weight=3,
            headlines=_P(
                "Meridian 50 climbs {pct1}% as {sector} stocks lead broad rally",
                "Stocks rise for {nth} straight session; Meridian 50 ends at {idx}",
                "Bharat Composite gains {comp_pts} points as foreign funds return",
                "{Sector} shares lift benchmarks to {weeks_n}-week high",
                "Meridian 50 reclaims {idx_round} as buyers return to heavyweights",
                "{Co} leads gains as Meridian 50 adds {pts} points",
            ),
            standfirsts=_P(
                "Foreign investors were net buyers for a {nth} session, and the rupee firmed to {rupee} against the dollar.",
                "Gains were broad-based, with advancing shares outnumbering decliners by about {ratio} to one, though some traders warned that the rally was running ahead of earnings.",
                "A rally in {co} and other {sector} heavyweights lifted the benchmark, while softer bond yields helped rate-sensitive stocks.",
            ),
            leads=_P(
                "Indian shares rose for a {nth} straight session on {weekday}, with the Meridian 50 closing {pct1} per cent higher at {idx} as investors piled into {sector} stocks and foreign funds extended their buying. The broader Bharat Composite added {comp_pts} points to end at {comp}.",
                "The Meridian 50 gained {pts} points, or {pct1} per cent, to close at {idx} on {weekday}, its strongest finish in {weeks} weeks, as a rally in heavyweight {sector} shares overcame early nervousness about the direction of global interest rates.",
                "Buyers returned to the market in force on {weekday}. The Meridian 50 ended {pct1} per cent higher at {idx}, led by {co}, which jumped {pct_mid} per cent, while shares of mid-sized companies outperformed the benchmark for a second consecutive day.",
            ),
            paragraphs=_P(
                "{Co} was the biggest gainer on the benchmark, rising {pct_mid} per cent after {co_desc} reported a better-than-expected increase in quarterly profit. The stock has gained nearly {pct_big} per cent since the start of the year, well ahead of the broader market.",
                "“The market is rewarding earnings visibility,” said {analyst}, {analyst_role} at {broker}. “Money is moving back into companies where profit growth is reasonably certain over the next two years, and {sector} fits that description right now.”",
                "Market breadth was healthy. Of the {listed} stocks that changed hands on the exchange, {breadth_big} advanced and {breadth_small} declined, while the Meridian Midcap 150 rose {pct2} per cent and the smallcap gauge gained {pct1} per cent.",
                "Foreign portfolio investors bought shares worth a net {crore_s} in the previous session, according to provisional exchange data. Domestic institutions, which had been steady buyers through the recent correction, were modest net sellers as some fund managers booked profits.",
                "Dealers said short-covering added to the move in the final hour of trade. Several traders who had bet on further declines earlier in the week were forced to buy back positions as the index cleared levels that had capped it for most of the month.",
            ),
        ),
        _Kind(
            "slide", weight=3,
            headlines=_P(
                "Meridian 50 slips {pct1}% as {sector} shares drag",
                "Stocks fall as worries over {worry} mount",
                "Selling in {co} pulls benchmarks lower",
                "Bharat Composite sheds {comp_pts} points as foreign funds sell",
                "Profit-taking drags Meridian 50 below {idx_ceil}",
                "Investors turn cautious as {sector} stocks slide; Meridian 50 at {idx}",
            ),
            standfirsts=_P(
                "Foreign investors were net sellers of shares worth {crore_s}, and analysts said {worry} would keep markets on edge in the near term.",
                "Losses were concentrated in {sector} stocks, though some fund managers said the decline offered a chance to buy good companies at more reasonable prices.",
                "Decliners outnumbered advancers by about {ratio} to one as traders cut positions ahead of {event}.",
            ),
            leads=_P(
                "Indian shares fell on {weekday}, with the Meridian 50 losing {pct1} per cent to close at {idx}, as investors sold {sector} stocks amid worries over {worry}. The Bharat Composite shed {comp_pts} points to {comp}, and trading volumes were above the monthly average.",
                "Profit-taking in heavyweight stocks pulled the Meridian 50 down {pts} points, or {pct1} per cent, to {idx} on {weekday}. Losses were led by {co}, which slid {pct_mid} per cent, while the rupee weakened to {rupee} against the US dollar.",
                "The market's recent run came to an abrupt halt on {weekday}. The Meridian 50 ended {pct1} per cent lower at {idx} after a day of steady selling, as concerns about {worry} prompted foreign funds and local traders alike to reduce their exposure to {sector} shares.",
            ),
            paragraphs=_P(
                "“This is a market that ran up quickly and is now looking for reasons to pause,” said {analyst}, {analyst_role} at {broker}. “I would not read too much into a single session, but the worry about {worry} is a real one, and it has not been fully priced in.”",
                "Selling was widespread. Of the {listed} stocks traded on the exchange, {breadth_big} declined and only {breadth_small} advanced. The Meridian Midcap 150 fell {pct2} per cent, underperforming the benchmark as investors moved out of riskier, less liquid shares.",
                "{Co} fell {pct_mid} per cent, its steepest one-day drop in {months} months, after {co_desc} warned that higher {costs} and softer pricing would weigh on margins in the current quarter.",
                "Foreign portfolio investors sold shares worth a net {crore_s} in the previous session, provisional data showed, extending a run of outflows that has coincided with a firmer dollar. Domestic mutual funds were net buyers, cushioning some of the fall.",
                "Some fund managers saw an opportunity in the decline. “We have been waiting for a correction to add to positions in companies we like,” said {analyst2}, a fund manager at {broker2}. “Valuations had become stretched in pockets. A few weeks of consolidation would be healthy.”",
            ),
        ),
        _Kind(
            "results", weight=3,
            headlines=_P(
                "{Co} profit rises {pct_rev}%, shares climb to record",
                "{Co} shares jump {pct_mid}% on strong quarterly show",
                "{Co} beats estimates as demand for {co_product} holds up",
                "Brokerages raise targets on {co} after earnings surprise",
            ),
            standfirsts=_P(
                "{Co_desc} posted a {pct_rev}% rise in net profit for {quarter}, helped by firmer pricing and lower {costs}.",
                "The management said demand for {co_product} was broadening beyond the largest cities, and guided for double-digit revenue growth in {fy}.",
            ),
            leads=_P(
                "Shares of {co} rose as much as {pct_mid} per cent on {weekday} after {co_desc} reported a {pct_rev} per cent rise in net profit for {quarter}, comfortably ahead of analysts' estimates, on steadier demand and lower {costs}.",
                "{Co}, {co_desc}, said on {weekday} that its consolidated net profit rose {pct_rev} per cent from a year earlier to {crore_s} in {quarter}, as demand for {co_product} held up better than expected and cost controls helped protect margins.",
            ),
            paragraphs=_P(
                "Revenue from operations rose {pct_mid} per cent to {crore_m}, while operating margins widened by about {bps_m} basis points to {pct_margin} per cent. Analysts polled before the results had expected margins to narrow as the company absorbed higher employee and freight costs.",
                "“We are seeing demand broaden out beyond the big cities,” {ceo}, {ceo_role} of {co}, told analysts on a conference call. “Our order book gives us visibility for at least the next three quarters, and we are not seeing any slowdown in enquiries.”",
                "At least {n} brokerages raised their price targets on the stock after the results. {Broker} lifted its target to ₹{target} from ₹{target_old}, saying the company's balance sheet left room for further investment without diluting shareholders.",
                "The board also recommended a dividend of ₹{dividend} a share and approved plans to raise up to {crore_s} through debentures to fund a capacity expansion near {co_city}.",
                "Not everyone is convinced. {Analyst2}, a fund manager at {broker2}, said part of the improvement reflected one-off gains from lower commodity prices. “The real test comes in the next two quarters, when those tailwinds fade,” {analyst2_last} said.",
            ),
        ),
        _Kind(
            "ipo", weight=2,
            headlines=_P(
                "{Co}'s {crore_m} IPO subscribed {times} times on final day",
                "Investors bid {times} times for {co} shares in initial offer",
                "Institutional demand powers {co} share sale",
                "{Co} IPO draws bids worth {crore_l}",
            ),
            standfirsts=_P(
                "The portion reserved for qualified institutional buyers was the most heavily bid, while retail demand was more measured.",
                "The company plans to use the proceeds to repay debt and expand capacity; its shares are expected to list on the exchanges next week.",
            ),
            leads=_P(
                "The initial public offering of {co}, {co_desc}, was subscribed {times} times on its final day of bidding on {weekday}, exchange data showed, as large institutions and wealthy individuals piled into one of the year's most closely watched listings.",
                "{Co}'s {crore_m} share sale drew bids worth {crore_l} by the close of subscription on {weekday}, making it {times} times oversubscribed and underlining the appetite among investors for {sector} companies with a record of steady profits.",
            ),
            paragraphs=_P(
                "The company had priced its shares in a band of ₹{price_lo} to ₹{price}. About a third of the issue was a fresh sale of shares, with the rest an offer for sale by early investors, including the founding family, which will retain a majority stake after the listing.",
                "“Demand for good-quality new issues remains very deep,” said {analyst}, {analyst_role} at {broker}. “But investors are becoming more selective. Companies that came to market last year with aggressive pricing have not all rewarded their shareholders, and people remember that.”",
                "{Co} said it would use the money raised to repay about {crore_s} of debt and to fund a new facility near {co_city}. The company reported revenue of {crore_m} in the last financial year, with net profit rising {pct_rev} per cent.",
                "Grey-market dealers, who trade shares informally before they list, indicated a premium of about {pct_big} per cent over the issue price, though bankers cautioned that such indications are unreliable and often reverse on listing day.",
            ),
        ),
        _Kind(
            "rupee", weight=2,
            headlines=_P(
                "Rupee slips to {rupee} per dollar on importer demand",
                "Rupee weakens past {rupee_round} as crude prices and outflows weigh",
                "Rupee ends at {rupee} against dollar; dealers see central bank selling",
                "Bond yields edge up to {yield10}% as rupee comes under pressure",
            ),
            standfirsts=_P(
                "Dealers said the central bank appeared to have sold dollars through state-run banks to limit the currency's fall.",
                "Higher oil prices and a firm dollar overseas kept pressure on the currency, though traders expect volatility to stay contained.",
            ),
            leads=_P(
                "The rupee weakened to {rupee} against the US dollar on {weekday}, from {rupee_prev} in the previous session, as oil importers bought dollars and foreign investors trimmed their holdings of Indian shares and bonds, currency dealers said.",
                "The Indian currency ended at {rupee} per dollar on {weekday}, down from {rupee_prev}, after a day in which dealers reported steady dollar demand from importers and only intermittent support from exporters selling their foreign-currency earnings.",
            ),
            paragraphs=_P(
                "Dealers said the central bank was seen selling dollars through state-run banks as the currency approached the {rupee_round} mark, a pattern that has kept the rupee's day-to-day moves narrow even as other Asian currencies have swung more sharply.",
                "“The pressure is coming from the trade account rather than from panic,” said {economist}, {economist_role} at {bank}. “With Brent at around ${brent} a barrel, the oil import bill is simply larger, and that shows up in the currency.”",
                "The yield on the benchmark ten-year government bond rose to {yield10} per cent, as traders weighed the possibility that a weaker currency would keep the central bank from cutting interest rates as soon as markets had hoped.",
                "Forward premiums, which reflect the cost of hedging against future currency moves, edged higher. Exporters, who had held back sales of dollars in the expectation that the rupee would weaken further, were said to be selling at the margin.",
            ),
        ),
    ),
    standfirsts=_P(
        "Traders said the direction of foreign flows and quarterly earnings would set the tone for the rest of the month.",
    ),
    paragraphs=_P(
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
    quotes=_P(
        "“The easy money in this market has been made. From here, stock selection will matter far more than the direction of the index.” — {analyst}, {analyst_role} at {broker}",
        "“Domestic savings are now a structural source of demand for equities, and that changes how deep any correction can be.” — {analyst2}, {broker2}",
        "“We are telling clients to keep some cash aside. Volatility is the price of being in this market, and it is better to be prepared for it.” — {analyst}, {broker}",
    ),
    lists=(
        (
            ("Traders will be watching several things in the coming sessions:",
             "Analysts flagged the main factors for the days ahead:"),
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


# ---------------------------------------------------------------- Economy ---

_ECONOMY = _Desk(
    datelines=("New Delhi", "New Delhi", "New Delhi", "Mumbai", "Mumbai"),
    kinds=(
        _Kind(
            "growth", weight=2,
            headlines=_P(
                "Economy grows {gdp}% in {quarter_short} quarter, ahead of forecasts",
                "Growth steadies at {gdp}% as factory output picks up",
                "Manufacturing, construction lift GDP growth to {gdp}%",
            ),
            standfirsts=_P(
                "Economists said household consumption had recovered, but cautioned that investment by companies remained uneven.",
                "Officials struck an upbeat note, but economists pointed to weak spots in private investment and jobs.",
                "The figures suggest the economy is on course to grow close to {gdp_fy}% in {fy}, according to several economists.",
            ),
            leads=_P(
                "India's economy grew {gdp} per cent in {quarter} from a year earlier, official data showed on {weekday}, faster than the {gdp_prev} per cent recorded in the previous three months and ahead of the median forecast in a poll of economists.",
                "Gross domestic product expanded {gdp} per cent in {quarter}, data released on {weekday} showed, as a pickup in manufacturing and steady growth in services offset weakness in farm output. Economists had expected growth of around {gdp_prev} per cent.",
            ),
            paragraphs=_P(
                "Manufacturing output rose {pct_mid} per cent, while construction, helped by government spending on roads and railways, grew at a faster pace. Agriculture, which employs nearly half the workforce, grew a more modest {pct2} per cent after an uneven monsoon.",
                "“The headline number is good, but the composition matters more,” said {economist}, {economist_role} at {bank}. “Consumption by households is recovering, but private investment outside a few sectors is still hesitant. That is what will decide whether this growth lasts.”",
                "Gross fixed capital formation, a proxy for investment, rose {pct_mid} per cent, and its share of GDP stayed close to a third. Government capital spending accounted for a large part of the increase, economists said.",
                "The finance ministry said in a statement that the data showed domestic demand holding up despite a difficult global environment, and that the government remained committed to its path of fiscal consolidation.",
            ),
        ),
        _Kind(
            "inflation", weight=2,
            headlines=_P(
                "Retail inflation eases to {cpi}% in {month_prev}",
                "Cooling vegetable prices pull inflation down to {cpi}%",
                "Inflation slows to {cpi}%, raising hopes of rate relief",
            ),
            standfirsts=_P(
                "Food inflation moderated as fresh supplies reached markets, though economists warned that core prices remained sticky.",
                "The reading gives the central bank more room, but most economists expect it to wait for a few more months of data before acting.",
                "The data will feed into the central bank's next policy review, where rate-setters are expected to stay cautious.",
            ),
            leads=_P(
                "Retail inflation slowed to {cpi} per cent in {month_prev} from {cpi_prev} per cent a month earlier, government data showed on {weekday}, as prices of vegetables and pulses eased with the arrival of the new harvest in wholesale markets across the country.",
                "Consumer price inflation eased to {cpi} per cent in {month_prev}, official data released on {weekday} showed, the lowest reading in {months} months and a relief for households that have faced steep increases in the cost of food and cooking fuel over the past year.",
            ),
            paragraphs=_P(
                "Food inflation, which makes up nearly half of the consumer price basket, slowed to {pct_mid} per cent. Prices of tomatoes and onions, which had spiked during the summer, fell sharply as fresh supplies arrived from {state} and neighbouring states.",
                "Core inflation, which strips out volatile food and fuel prices and is watched closely by policymakers, was little changed at about {cpi_core} per cent, suggesting that underlying price pressures remain contained but have not disappeared.",
                "“This gives the central bank some breathing room,” said {economist}, {economist_role} at {bank}. “But one good month does not make a trend. Rate-setters will want to see how the monsoon and global commodity prices play out before they commit to easing.”",
                "Wholesale prices, which track costs at the factory gate, rose {pct2} per cent from a year earlier, reflecting lower prices of metals and some chemicals. The gap between wholesale and retail inflation has narrowed over the past year.",
            ),
        ),
        _Kind(
            "rates", weight=2, min_year=2001,
            headlines=_P(
                "Central bank holds repo rate at {rate}%, keeps stance unchanged",
                "Rate-setters stay on hold, flag risks from food prices",
                "@2016|[L1]Central bank leaves rates unchanged, raises growth forecast to {gdp_fy}%",
            ),
            standfirsts=_P(
                "The governor said policymakers would remain watchful on inflation, while signalling comfort with the current pace of growth.",
                "Bond yields eased after the decision, as traders read the statement as slightly less hawkish than expected.",
            ),
            leads=_P(
                "The central bank kept its benchmark repo rate unchanged at {rate} per cent on {weekday}, as widely expected, saying that inflation was moving in the right direction but that risks from food prices and an uncertain global environment called for continued vigilance.",
                "@2016|India's rate-setting committee held the policy repo rate at {rate} per cent for a {nth} consecutive meeting on {weekday}, and raised its forecast for economic growth in {fy} to {gdp_fy} per cent, citing resilient domestic demand and a steady recovery in rural spending.",
            ),
            paragraphs=_P(
                "@2016|The six-member committee's decision was {vote}. Members kept the policy stance focused on bringing inflation durably down to the 4 per cent target, a formulation that suggests rate cuts are unlikely in the immediate future.",
                "“We will not be complacent,” the governor said at a press conference after the meeting. “Inflation has come down, but the last mile is always the hardest. We want to see it settle on a sustained basis before we change course.”",
                "The central bank projected inflation at {cpi} per cent for the current financial year, slightly below its previous estimate, and said it would keep liquidity in the banking system at levels consistent with its stance.",
                "Economists were divided on the outlook. {Economist} of {bank} said the central bank could begin cutting rates within {months} months if food prices stayed benign, while others argued that a firm dollar and higher global yields would keep policymakers cautious.",
                "The yield on the ten-year government bond fell to {yield10} per cent after the announcement, and the rupee was little changed. Shares of banks and property developers, which are sensitive to interest rates, rose modestly.",
            ),
        ),
        _Kind(
            "fiscal", weight=2, ministries=("Finance",),
            headlines=_P(
                "Centre on track to meet {fd}% fiscal deficit target, officials say",
                "Tax collections rise {pct_mid}% in first {n} months of {fy}",
                "Government plans {lakh_crore} capital spending push",
                "[L0]Finance ministry tightens spending controls as disinvestment lags",
            ),
            standfirsts=_P(
                "Direct tax receipts have run ahead of estimates, giving the government room to sustain spending on roads and railways.",
                "Officials said receipts from stake sales were likely to fall short, but higher dividends from state-owned companies would make up much of the gap.",
            ),
            leads=_P(
                "The government is on course to meet its target of holding the fiscal deficit at {fd} per cent of gross domestic product in {fy}, two senior finance ministry officials said on {weekday}, as strong tax collections offset lower-than-budgeted receipts from the sale of stakes in state-run companies.",
                "Net tax collections rose {pct_mid} per cent from a year earlier in the first {n} months of {fy}, finance ministry data showed on {weekday}, helped by higher corporate and personal income tax receipts and better compliance as more transactions moved into the formal economy.",
            ),
            paragraphs=_P(
                "Corporate tax receipts grew {pct_big} per cent, while personal income tax collections, boosted by a wider tax base, rose at a similar pace. Indirect taxes grew more slowly, reflecting cuts in excise duties on some fuels earlier in the year.",
                "“There is some cushion in the numbers,” said one of the officials, who asked not to be named because the discussions were not public. “But we are not going to spend it. The priority is credibility, and that means hitting the target we announced.”",
                "The government has budgeted {lakh_crore} for capital expenditure this year, much of it for highways, railways and defence. Economists say sustaining that spending is crucial at a time when private companies remain cautious about committing to new projects.",
                "{Economist}, {economist_role} at {bank}, said the quality of fiscal consolidation had improved. “For years, capital spending was the first thing cut when revenue fell short. That has changed, and it matters for growth over the medium term,” {economist_last} said.",
            ),
        ),
        _Kind(
            "trade", weight=2,
            headlines=_P(
                "Merchandise exports rise {pct_mid}% in {month_prev} as engineering goods recover",
                "Trade deficit widens to ${trade_def} billion on higher oil imports",
                "Services exports cushion goods trade gap in {month_prev}",
            ),
            standfirsts=_P(
                "Exporters of engineering goods, chemicals and garments reported better orders, but warned that freight costs and weak demand in Europe were a drag.",
                "Higher imports of crude oil and electronics widened the gap, though earnings from services continued to grow strongly.",
            ),
            leads=_P(
                "India's merchandise exports rose {pct_mid} per cent from a year earlier to ${usd_bn_exp} billion in {month_prev}, commerce ministry data showed on {weekday}, helped by a recovery in shipments of engineering goods and chemicals. The trade deficit stood at ${trade_def} billion.",
                "The country's merchandise trade deficit widened to ${trade_def} billion in {month_prev}, as a rise in the import bill for crude oil, electronics and gold outpaced growth in exports, according to data released by the commerce ministry on {weekday}.",
            ),
            paragraphs=_P(
                "Imports rose {pct_mid} per cent to ${usd_bn_imp} billion. Oil accounted for roughly a quarter of the total, while purchases of electronic goods, including components for the domestic assembly industry, rose sharply.",
                "Services exports, which include software, consulting and back-office work, were estimated at about ${usd_bn_svc} billion for the month, providing a substantial cushion against the deficit in goods trade.",
                "“Exporters are dealing with a difficult mix of weak demand in Europe, higher freight costs and aggressive competition from other Asian suppliers,” said {exp_head}, president of the {assoc}. “Despite that, order books for the next two quarters look reasonable.”",
                "Officials said trade agreements under negotiation, including one with {country}, could open new markets for labour-intensive products such as garments, leather and footwear, where India has lost share to Bangladesh and Vietnam over the past decade.",
            ),
        ),
        _Kind(
            "industry", weight=2, sectors=_MANUFACTURING, ministries=("Commerce", "Heavy Industries"),
            headlines=_P(
                "[L0]Government readies incentive scheme for {sector} industry",
                "{Minister_title} promises faster clearances for {sector} projects",
                "New {sector} policy aims to attract {crore_l} of investment",
            ),
            standfirsts=_P(
                "Industry groups welcomed the move but said land, power costs and logistics remained bigger obstacles than the availability of incentives.",
                "The scheme, expected to go to the cabinet within weeks, would link support to production targets and local sourcing.",
            ),
            leads=_P(
                "The government is preparing an incentive scheme that aims to attract {crore_l} of investment in the {sector} industry over five years, with support linked to output and exports, according to a draft document reviewed by this newspaper and two officials familiar with the plan.",
                "{Minister_title} {minister} said on {weekday} that the government would cut the time taken to approve new {sector} projects to under {n} months, as part of an effort to revive private investment in manufacturing and create jobs in smaller towns.",
            ),
            paragraphs=_P(
                "The draft proposes incentives of between {pct2} and {pct_mid} per cent of incremental sales over five years for companies that meet minimum investment thresholds. Smaller firms would qualify at lower thresholds, a change sought by industry associations.",
                "“We have heard the same complaint from every investor: the incentives are attractive, but the approvals take too long,” {minister_title} {minister} told a gathering of industrialists in {city}. “We are fixing that with a single window that will actually be a single window.”",
                "Industry executives welcomed the plan but were cautious about its impact. “Incentives help at the margin,” said {ceo}, {ceo_role} of {co}. “What really decides where we build is the cost of land, the reliability of power and how quickly we can get goods to a port.”",
                "States are expected to compete for the investment. {State} and {state2} have already offered land at concessional rates and promised to fast-track environmental approvals for projects that qualify under the scheme, officials said.",
            ),
        ),
    ),
    standfirsts=(),
    paragraphs=_P(
        "The data come at a delicate moment for policymakers. Global growth is slowing, oil prices remain volatile and several of India's largest export markets are grappling with their own inflation problems, limiting the room for error in domestic policy.",
        "Rural demand, which lagged urban spending for much of the past two years, has shown signs of improvement. Sales of two-wheelers, tractors and everyday consumer goods in smaller towns have picked up, according to company executives and industry data.",
        "Economists at {bank} estimate that the economy will grow between {gdp_lo} and {gdp_fy} per cent in {fy}, with risks tilted slightly to the downside because of uncertain monsoon rainfall and weak global demand for Indian goods.",
        "The monsoon, which brings about 70 per cent of India's annual rainfall, remains a key variable. A good season lifts farm incomes and rural spending; a weak one pushes up food prices and can complicate the central bank's task of controlling inflation.",
        "State governments' finances are also under scrutiny. Several states have increased spending on cash transfers and subsidies ahead of elections, raising concerns among economists about the combined fiscal deficit of the Centre and the states.",
        "Employment remains the weak link. Official surveys suggest that unemployment among young graduates is still high, and economists say the economy needs to create millions of jobs a year in manufacturing and construction to absorb new entrants to the workforce.",
        "“The fundamentals are better than they were five years ago,” said {economist2}, a professor of economics at {university}. “Banks are cleaner, companies have paid down debt and the government has invested heavily in infrastructure. The question now is whether private investment follows.”",
        "Credit growth has been strong, with bank lending rising about {pct_big} per cent from a year earlier. Loans to individuals, including home and personal loans, have grown faster than lending to industry, a trend the central bank has said it is watching closely.",
        "The government has also stepped up spending on infrastructure. Roads, railways and urban transit projects worth more than {lakh_crore} are under construction, and officials say the pace at which projects are completed has improved in the past two years.",
        "Business confidence surveys show companies are cautiously optimistic. A survey of {n_firms} manufacturers by {assoc2} found that most expect orders to rise over the next six months, though fewer plan to raise hiring significantly.",
        "Foreign direct investment inflows rose to ${usd_bn} billion in the first half of the financial year, government data showed, with services, computer software and automobiles attracting the largest amounts.",
        "Economists also point to the household savings rate, which has declined as families borrowed more to spend on homes, vehicles and consumer goods. A sustained fall could limit the pool of domestic savings available to finance investment.",
        "The rupee has remained relatively stable against the dollar, trading near {rupee}, helped by the central bank's foreign-exchange reserves, which stand at about ${fx_res} billion.",
        "Small businesses, which employ the bulk of the non-farm workforce, say conditions have improved but remain fragile. Delayed payments from larger customers and government departments continue to strain their working capital.",
    ),
    subheads=("The bigger picture", "The wider context", "Looking ahead", "Beyond the headline number"),
    quotes=_P(
        "“Growth is strong enough that we can afford to be patient on rates, and inflation is not yet low enough that we can afford to be impatient.” — {economist}, {economist_role} at {bank}",
        "“The state has done the heavy lifting on investment. It is now up to the private sector to pick up the baton.” — {economist2}, {university}",
        "“Every percentage point of growth we add without adding jobs makes the politics harder, not easier.” — {economist2}, {university}",
    ),
    lists=(
        (
            ("The main numbers:", "Key figures from the latest data:"),
            (
                "Retail inflation: {cpi} per cent, against {cpi_prev} per cent a month earlier",
                "Ten-year government bond yield: {yield10} per cent",
                "Rupee: {rupee} per dollar",
                "Foreign-exchange reserves: about ${fx_res} billion",
                "Bank credit growth: {pct_big} per cent from a year earlier",
                "Fiscal deficit target for {fy}: {fd} per cent of GDP",
            ),
        ),
    ),
)


# --------------------------------------------------------------- Politics ---

_POLITICS = _Desk(
    datelines=("New Delhi", "New Delhi", "New Delhi", "New Delhi", "Mumbai", "Kolkata", "Chennai"),
    kinds=(
        _Kind(
            "bill", weight=3, datelines=("New Delhi",),
            headlines=_P(
                "Lok Sabha passes {bill} after heated debate",
                "Opposition walks out as government pushes {bill} through",
                "{Bill} clears lower house; Rajya Sabha test next",
                "{Opp_abbr} vows to block {bill} in upper house",
            ),
            standfirsts=_P(
                "The government said the law would cut red tape for businesses; opposition parties said it concentrated too much power in the hands of officials.",
                "The {party} mustered a comfortable majority, though amendments moved by the opposition were defeated by voice vote.",
            ),
            leads=_P(
                "The Lok Sabha on {weekday} passed the {bill}, which the government says will simplify rules for businesses and speed up dispute resolution, after a six-hour debate in which opposition members accused the ruling {party} of rushing the legislation without adequate scrutiny.",
                "The government pushed the {bill} through the lower house of Parliament on {weekday}, overcoming protests from the {opp}, whose members walked out before the final vote, saying their demand to refer the bill to a parliamentary committee had been ignored.",
            ),
            paragraphs=_P(
                "Moving the bill, {minister_title} {minister} said the law would replace a patchwork of rules dating back several decades. “Businesses should not have to hire a lawyer to understand what the law asks of them,” {minister_last} said. “This bill is about clarity and speed.”",
                "{Leader}, who leads the {opp} in the house, said the bill gave officials sweeping discretionary powers. “Simplification is a fine word,” {leader_last} said. “But when you remove checks and balances in its name, you invite exactly the kind of arbitrariness this country has suffered from.”",
                "The bill now goes to the Rajya Sabha, where the ruling alliance lacks a majority on its own and will need the support of regional parties. Parliamentary managers said they were confident of securing the numbers before the session ends.",
                "Industry groups welcomed the passage. A statement from {assoc2} said the law, if implemented well, would reduce compliance costs for small and medium businesses, which often struggle to navigate overlapping rules set by different government departments.",
            ),
        ),
        _Kind(
            "local-polls", weight=1, dateline_key="state_city",
            headlines=_P(
                "{Party_abbr} sweeps urban local body polls in {state}",
                "Civic poll results in {state} boost {party_abbr} ahead of assembly race",
                "{Party} wins most civic bodies in {state}; opposition alleges irregularities",
            ),
            standfirsts=_P(
                "The result will be read as a test of the ruling party's standing ahead of next year's assembly election.",
                "Party leaders called it an endorsement of their record on roads, water supply and sanitation.",
            ),
            leads=_P(
                "The {party} won control of most of the municipal bodies in {state} in local elections whose results were declared on {weekday}, a boost for the party ahead of next year's assembly election in a state where it has struggled to expand beyond its traditional base.",
                "Results of municipal elections in {state}, declared on {weekday}, handed the {party} control of most large towns, including {state_city}, in what party leaders called an endorsement of their record on roads, water supply and sanitation.",
            ),
            paragraphs=_P(
                "The {opp} retained control of several smaller councils and alleged irregularities in the counting of votes in {n} wards, a charge the state election commission rejected. Counting was delayed in some places by technical problems.",
                "{Leader}, who leads the {opp}, said the party would study the results carefully. “Local elections are fought on local issues,” {leader_last} said. “The assembly election will be a very different contest, and we intend to win it.”",
                "Political analysts cautioned against reading too much into the outcome. “Urban local elections tend to reward whoever controls the purse strings,” said {pol_analyst}, who studies elections at {university}. “The assembly contest will turn on rural votes, and that is far less certain.”",
                "In {state_city}, voters said their choices had been shaped by everyday concerns: irregular water supply, potholed roads and garbage collection. Several said they had voted for candidates they knew personally rather than for a party.",
            ),
        ),
        _Kind(
            "campaign", weight=2, dateline_key="state_city",
            headlines=_P(
                "Campaign in {state} turns to jobs and prices",
                "{Opp_abbr} promises farm-loan relief in {state} manifesto",
                "Prices, not promises, dominate the {state} campaign trail",
            ),
            standfirsts=_P(
                "Voters in small towns cited the cost of living and the lack of jobs as their main concerns, according to interviews across the state.",
                "The contest will be read as a test of the ruling party's standing ahead of a crowded election calendar.",
            ),
            leads=_P(
                "With polling in {state} less than {weeks} weeks away, the campaign has shifted decisively from identity and welfare schemes to a more basic set of concerns: the price of food, the scarcity of secure jobs and the state of roads in the fast-growing towns around {state_city}.",
                "Campaigning in {state} entered its final fortnight on {weekday}, with the {opp} promising farm-loan relief and thousands of government jobs, and the ruling {party} pointing to new highways and health centres as evidence of its record.",
            ),
            paragraphs=_P(
                "At a rally near {state_city}, {leader} of the {opp} promised to waive farm loans and fill vacant government posts within a year. “People are tired of promises about the distant future,” {leader_last} said. “They want to know what will change next month.”",
                "The ruling {party} has campaigned on its record on infrastructure, pointing to new highways, an expanded network of health centres and better electricity supply. Party officials say these are visible achievements that voters will reward.",
                "In interviews in {state_city} and surrounding villages, voters spoke repeatedly about rising prices. “Vegetables, school fees, bus fares, everything costs more,” said {voter}, who runs a small grocery shop. “Wages have not moved the same way.”",
                "Political analysts say the outcome is difficult to call. “This is a state where small swings in the vote share translate into large swings in seats,” said {pol_analyst}, who studies elections at {university}. “Local candidates and alliances matter as much as the national narrative.”",
            ),
        ),
        _Kind(
            "polling-day", weight=1, dateline_key="state_city",
            headlines=_P(
                "Turnout tops {turnout}% in first phase of {state} polling",
                "Women voters turn out in force as {state} goes to the polls",
                "{State} votes: first phase passes off peacefully, turnout at {turnout}%",
            ),
            standfirsts=_P(
                "Election officials reported long queues in rural districts and only minor incidents of violence.",
                "Both the ruling party and the opposition claimed the high turnout as a sign that voters were on their side.",
            ),
            leads=_P(
                "Turnout in the first phase of the {state} assembly election reached {turnout} per cent on {weekday}, election officials said, with long queues at polling stations in rural districts and notably higher participation among women than in the previous election.",
                "The first phase of voting in {state} passed off largely peacefully on {weekday}, election officials said, with turnout provisionally put at {turnout} per cent and women outnumbering men at many polling stations in the districts around {state_city}.",
            ),
            paragraphs=_P(
                "The Election Commission has deployed additional security forces in districts it has classified as sensitive, and officials said polling had been largely peaceful, with minor clashes reported in {n} constituencies.",
                "In {state_city}, voters queued from early morning. “I have voted in every election since I turned eighteen,” said {voter}, a schoolteacher. “This time I want someone who will fix the roads and get our children jobs. That is all.”",
                "Both sides claimed the turnout as a good sign. Leaders of the {party} said it reflected enthusiasm for the government's record, while the {opp} said it showed anger over prices and unemployment. Votes will be counted after the final phase.",
                "Political analysts say the outcome is difficult to call. “This is a state where small swings in the vote share translate into large swings in seats,” said {pol_analyst}, who studies elections at {university}. “High turnout has cut both ways in the past.”",
            ),
        ),
        _Kind(
            "cabinet", weight=2, datelines=("New Delhi",),
            headlines=_P(
                "Cabinet approves {lakh_crore} plan to upgrade {infra}",
                "Centre clears {n} industrial corridors in {state} and {state2}",
                "[L2]Cabinet backs {crore_l} package to revive stalled projects",
            ),
            standfirsts=_P(
                "Ministers said the projects would be completed within five years and create thousands of construction jobs.",
                "The opposition said the announcement was timed to coincide with elections in several states, a charge the government rejected.",
            ),
            leads=_P(
                "The Union cabinet on {weekday} approved a {lakh_crore} plan to upgrade {infra} over the next five years, one of the largest single infrastructure commitments by the government, {minister_title} {minister} told reporters after the meeting.",
                "The government approved {n} industrial corridors in {state} and {state2} on {weekday}, with ready-built factory sites, dedicated power supply and rail links to ports, in a bid to attract manufacturers looking to diversify their supply chains.",
                "The Union cabinet on {weekday} approved a {crore_l} package to revive stalled road, rail and power projects, offering cheaper credit and faster dispute resolution to contractors whose work has been held up by land disputes and cost overruns, officials said.",
            ),
            paragraphs=_P(
                "Officials said the money would be spent in phases, with about a third coming from the central budget and the rest from state governments, public sector companies and private investors through public-private partnerships.",
                "“This is not a scheme that will show results before the next election,” {minister_title} {minister} said. “It is designed for the next twenty years. We are building the backbone that manufacturing and logistics will need.”",
                "The {opp} questioned the funding. “Every year we hear about lakhs of crores for infrastructure,” said {mp}, a member of Parliament from {state}. “The government should publish how much of last year's announcements was actually spent.”",
                "Economists said execution would be the real test. Land acquisition, environmental clearances and disputes over compensation have delayed large projects in the past, and several earlier corridor schemes remain only partly complete.",
            ),
        ),
        _Kind(
            "federal", weight=2,
            headlines=_P(
                "{State} seeks larger share of central taxes, cites rising welfare bill",
                "Chief ministers of {n_states} states press Centre over delayed funds",
                "{State} and Centre spar over borrowing limits",
            ),
            standfirsts=_P(
                "States say the current formula penalises those that have grown faster and managed their finances better.",
                "Finance ministry officials said borrowing limits protected the finances of all states and were not aimed at any one of them.",
            ),
            leads=_P(
                "{State} has asked the Centre for a larger share of tax revenue and more freedom to borrow, its finance minister said on {weekday}, arguing that the state was being penalised for rapid economic growth while being asked to fund an ever-longer list of welfare schemes.",
                "Chief ministers of {n_states} states, most of them governed by parties opposed to the ruling {party}, met in {city} on {weekday} to press the Centre for the speedy release of funds they say are owed to them under centrally sponsored schemes.",
            ),
            paragraphs=_P(
                "“We contribute far more to the national exchequer than we get back,” {state_fm}, {state}'s finance minister, said at a press conference. “We are not asking for charity. We are asking for a fair formula that recognises the states doing the work.”",
                "Finance ministry officials, speaking on condition of anonymity, said that transfers to states had risen sharply over the past five years and that borrowing limits existed to protect the finances of all states, including those with weaker credit profiles.",
                "The dispute reflects a broader tension in India's federal structure. States account for roughly 60 per cent of general government spending, including most spending on health, education and policing, but have limited powers to raise revenue of their own.",
                "The {party} dismissed the complaints as political theatre. A party spokesperson said several of the states complaining about funds had failed to submit utilisation certificates for money already released.",
            ),
        ),
    ),
    standfirsts=_P(
        "The episode underlined how economic issues now dominate the political agenda ahead of a crowded election calendar.",
        "Business leaders are watching the politics closely, worried less about any single measure than about policy stability.",
    ),
    paragraphs=_P(
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
    quotes=_P(
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


# ------------------------------------------------------------------ World ---

_WORLD = _Desk(
    datelines=("Singapore", "London", "Washington", "Tokyo", "Dubai", "Brussels"),
    kinds=(
        _Kind(
            "central-bank", weight=2, dateline_key="fcb_city", min_year=1999,
            headlines=_P(
                "{Fcb_short} holds rates steady, signals patience on cuts",
                "{Fcb_short} keeps policy unchanged as inflation cools slowly",
                "{Fcb_short} stays on hold; Asian currencies steady",
            ),
            standfirsts=_P(
                "The decision was widely expected, but policymakers' comments on inflation moved bond and currency markets around the world, including in India.",
                "Indian fund managers said a steadier path for global rates would support foreign flows into Indian bonds and shares.",
            ),
            leads=_P(
                "{Fcb} left its key interest rate unchanged on {weekday}, saying it needed more evidence that inflation was returning sustainably to its target before it could consider lowering borrowing costs, a stance that sent ripples through bond and currency markets from {fcb_city} to Mumbai.",
                "Policymakers at {fcb} kept rates on hold on {weekday} for a {nth} consecutive meeting, and signalled that they were in no hurry to ease, as {fcb_econ} proved more resilient than expected and price pressures in services remained stubborn.",
            ),
            paragraphs=_P(
                "The decision matters for India because interest rates in the largest economies shape the flow of money into emerging markets. When yields in the developed world stay high, foreign investors have less incentive to buy Indian bonds and shares.",
                "“The message is that the last stretch of the inflation fight is proving hard,” said {economist}, {economist_role} at {bank}. “For India, that means the rupee will stay under some pressure and our own central bank will be wary of moving too far ahead of the big economies.”",
                "Markets had priced in a high probability that rates would stay unchanged, so the focus was on the accompanying statement and on policymakers' projections, which suggested fewer cuts over the next year than investors had hoped.",
            ),
        ),
        _Kind(
            "trade-talks", weight=2, dateline_key="fcity", ministries=("Commerce",),
            headlines=_P(
                "India, {country_h} make progress on trade pact; farm access still a hurdle",
                "India and {country_h} aim to conclude trade talks by end-{year_target}",
                "Dairy, visas remain sticking points in India-{country_h} trade talks",
            ),
            standfirsts=_P(
                "Negotiators have agreed on tariff cuts for most industrial goods, but sensitive sectors on both sides remain unresolved.",
                "An agreement would give Indian garment and engineering exporters better access to a wealthy market, officials said.",
            ),
            leads=_P(
                "Negotiators from India and {country} ended a {nth} round of talks on a free trade agreement in {fcity} on {weekday}, reporting progress on tariffs for industrial goods but continuing differences over access for farm and dairy products and over visas for Indian professionals.",
                "India and {country} aim to conclude negotiations on a trade agreement by the end of {year_target}, officials from both sides said on {weekday}, after talks in {fcity} narrowed differences on rules of origin, government procurement and the treatment of digital services.",
            ),
            paragraphs=_P(
                "An Indian commerce ministry official said the two sides had agreed on the broad structure of tariff reductions for most industrial products. “We are now in the difficult phase, where every remaining line item has a domestic constituency behind it,” the official said.",
                "India has traditionally been reluctant to open its farm and dairy sectors, which support hundreds of millions of livelihoods, to imports. Negotiators have instead offered phased tariff cuts on wines, spirits and some processed foods.",
                "Indian exporters of garments, leather goods and engineering products stand to gain most from lower tariffs, according to an analysis by the {assoc}, which estimated that exports could rise by ${usd_bn} billion within five years of an agreement.",
                "For India, services are central to the negotiations. New Delhi wants easier temporary movement for its software engineers, nurses and other professionals, while {country} has pressed for stronger protection of intellectual property and lower duties on cars.",
            ),
        ),
        _Kind(
            "oil", weight=2, dateline_key="oil_city",
            headlines=_P(
                "Oil climbs to ${brent} as producers extend output cuts",
                "Crude rises on supply worries; Asian importers brace for higher bills",
                "Brent tops ${brent_round} as inventories fall",
            ),
            standfirsts=_P(
                "Analysts said prices could rise further if inventories keep falling, a worry for oil-importing economies such as India.",
                "Asian refiners have stepped up purchases of cargoes for delivery next month, traders said.",
            ),
            leads=_P(
                "Oil prices rose on {weekday}, with Brent crude futures climbing to ${brent} a barrel, after a group of major producers said they would extend output cuts into next quarter, tightening supplies at a time when demand from Asia has been stronger than expected.",
                "Crude prices climbed for a {nth} straight session on {weekday}, with Brent trading near ${brent} a barrel in {oil_city}, as signs of falling inventories and supply disruptions in the Middle East outweighed worries about slowing growth in China and Europe.",
            ),
            paragraphs=_P(
                "The rally is unwelcome news for India, which imports more than 80 per cent of the crude oil it consumes. Higher prices widen the trade deficit, put pressure on the rupee and can push up inflation if refiners pass the costs on to consumers.",
                "“The market has tightened faster than most people expected,” said {f_analyst}, head of commodities research at {f_firm} in {oil_city}. “Producers have shown they are willing to keep barrels off the market to defend prices, and demand has not cracked.”",
                "Indian state-run refiners have so far held retail fuel prices steady, absorbing some of the increase. Analysts say their margins will come under pressure if crude stays above ${brent_round} a barrel for long.",
            ),
        ),
        _Kind(
            "economy-abroad", weight=2, dateline_key="fcountry_city",
            headlines=_P(
                "{Fcountry} growth slows to {fgdp}% as exports weaken",
                "{Fcountry} factory activity contracts for {nth} month",
                "Slowdown in {fcountry} clouds outlook for Asian exporters",
            ),
            standfirsts=_P(
                "Economists said weaker demand in one of Asia's major economies could weigh on Indian exports of chemicals and engineering goods.",
                "Policymakers signalled they were ready to support growth, but economists doubted a quick turnaround.",
            ),
            leads=_P(
                "The economy of {fcountry} grew {fgdp} per cent in the latest quarter from a year earlier, official data showed on {weekday}, slowing from {fgdp_prev} per cent in the previous three months as demand for its exports softened and consumers held back in the face of high borrowing costs.",
                "Factory activity in {fcountry} shrank for a {nth} consecutive month, a closely watched survey showed on {weekday}, as new export orders fell and manufacturers cut staff, adding to evidence that the slowdown is spreading across the region's trade-dependent economies.",
            ),
            paragraphs=_P(
                "The slowdown has implications for India. {Fcountry} is among India's significant trading partners, and weaker demand there could weigh on Indian exports of chemicals, engineering goods and farm products, economists said.",
                "“We are seeing a synchronised softening in manufacturing across the region,” said {f_analyst}, chief economist at {f_firm}. “Services are holding up better, but they cannot offset the drag from trade indefinitely.”",
                "@2018|Some economists see an opportunity for India in the shift. As companies diversify their supply chains, India has attracted investment in electronics assembly, pharmaceuticals and auto components, though it still lags behind Vietnam and Mexico in the scale of new factories.",
                "Policymakers in {fcountry_city} have signalled they are prepared to support growth. Officials said last month that they would accelerate spending on infrastructure and offer targeted relief to small businesses hit by weaker demand.",
            ),
        ),
        _Kind(
            "summit", weight=1, dateline_key="summit_city", ministries=("Commerce", "Finance"),
            headlines=_P(
                "India pitches for manufacturing investment at {summit_short}",
                "{Minister_title} courts investors at {summit_short}",
                "India, {country_h} sign pacts on energy and critical minerals",
            ),
            standfirsts=_P(
                "Delegates said the gathering produced few firm commitments but helped rebuild trust after a period of trade disputes.",
                "India presented itself as a stable alternative for companies seeking to spread their supply chains across more countries.",
            ),
            leads=_P(
                "India's {minister_title}, {minister}, urged foreign companies to invest in the country's manufacturing and clean-energy industries at {summit} in {summit_city} on {weekday}, pitching India as a stable and fast-growing alternative for businesses seeking to diversify their supply chains.",
            ),
            paragraphs=_P(
                "In a speech to business leaders, {minister_last} highlighted faster approvals for factories, investment in ports and highways and a stable tax regime. “We are not asking you to leave anywhere,” {minister_last} said. “We are asking you to grow with us.”",
                "Delegates said the gathering had produced few concrete commitments but had helped rebuild trust after a period of trade disputes. A joint statement committed participating countries to work towards common standards for customs procedures.",
                "India signed agreements with {country} on cooperation in renewable energy and critical minerals on the sidelines of the meeting, officials said. The pacts are not binding but are expected to lead to joint investment projects.",
            ),
        ),
    ),
    standfirsts=(),
    paragraphs=_P(
        "The dollar has been volatile in recent weeks, and emerging-market currencies, including the rupee, have moved within a narrow range as investors await clearer signals on the direction of global interest rates.",
        "Global shipping costs have also risen, with freight rates on routes between Asia and Europe climbing as vessels avoid congested or disrupted sea lanes. Indian exporters say higher freight costs are eroding already thin margins.",
        "The International Monetary Fund has forecast that global growth will remain below its long-run average this year, with advanced economies slowing and emerging Asia, led by India, accounting for a large share of the expansion.",
        "Indian officials have been keen to present the country as a reliable economic partner at a time of heightened geopolitical tension. New Delhi has expanded its network of trade and investment agreements and sought to position itself as an alternative manufacturing base.",
        "Analysts at {f_firm} said in a note to clients that Asian equity markets had become more sensitive to changes in expectations about US interest rates, with India somewhat insulated by strong domestic investor flows.",
        "@2008|Remittances from Indians working abroad, particularly in the Gulf, the United States and Britain, reached about ${usd_bn_rem} billion last year, making India the largest recipient of such flows in the world and an important source of support for the rupee.",
        "Gold, which tends to attract buyers in periods of uncertainty, traded close to recent highs. India is one of the world's largest consumers of the metal, and high prices have dampened demand for jewellery in the domestic market.",
        "Commodity markets more broadly have been volatile, with prices of copper and aluminium swinging on shifting expectations about Chinese demand and the pace of investment in power grids and electric vehicles.",
        "Diplomats said relations between the major powers would shape the economic outlook as much as interest rates. Disputes over technology exports, tariffs and access to critical minerals have made supply chains more fragmented.",
        "Foreign investors have been watching India's own policy signals closely. Portfolio flows into Indian bonds have picked up, and several global fund managers say they see India as a relatively stable bet among emerging markets.",
        "Shipping insurers have raised premiums for vessels crossing some of the busiest sea lanes, adding to the cost of moving goods and energy between Asia, Europe and the Gulf.",
        "For Indian companies with overseas operations, currency swings present both risks and opportunities. A weaker rupee raises the value of export earnings but increases the cost of servicing foreign-currency debt.",
        "“India is not immune to what happens in the big economies,” said {economist}, {economist_role} at {bank}. “But with large reserves and strong domestic demand, it is better placed to absorb shocks than most of its peers.”",
    ),
    subheads=("Why it matters for India", "The global picture", "What comes next", "The wider context"),
    quotes=_P(
        "“India is not immune to what happens in the big economies, but it is better cushioned than it was a decade ago.” — {economist}, {economist_role} at {bank}",
        "“Supply chains are being redrawn by politics as much as by costs. That is the new reality for every exporter.” — {f_analyst}, {f_firm}",
    ),
    lists=(
        (
            ("Why it matters for India:",),
            (
                "Higher global interest rates can slow foreign investment in Indian bonds and shares",
                "Oil prices feed directly into India's import bill and inflation",
                "Weaker demand abroad weighs on exports of engineering goods and chemicals",
                "A stronger dollar puts pressure on the rupee, now at {rupee} per dollar",
                "Remittances from Indians abroad provide a cushion for the current account",
            ),
        ),
    ),
)


# ------------------------------------------------------------- Technology ---

_TECHNOLOGY = _Desk(
    datelines=("Bengaluru", "Bengaluru", "Bengaluru", "Hyderabad", "Pune", "Chennai", "New Delhi", "Mumbai"),
    sectors=("it", "telecom"),
    kinds=(
        _Kind(
            "it-deal", weight=2, sectors=("it",), dateline_key="co_city",
            headlines=_P(
                "{Co} wins ${usd_m}m contract from {client_h}",
                "{Co} signs {n}-year outsourcing deal with {client_h}",
                "{Client_h} picks {co} for ${usd_m}m technology overhaul",
            ),
            standfirsts=_P(
                "The contract, among the largest the company has signed this year, covers application maintenance, infrastructure management and the modernisation of older systems.",
                "Executives said clients were spending cautiously but were prioritising projects that cut costs or replace ageing technology.",
            ),
            leads=_P(
                "{Co}, {co_desc}, said on {weekday} it had won a contract worth about ${usd_m} million over {n} years from {client}, one of the largest deals in its history, to manage and modernise the client's technology systems and back-office operations.",
                "{Co} has signed a {n}-year agreement worth about ${usd_m} million to run technology operations for {client}, the company said on {weekday}, adding to a string of large outsourcing contracts won by Indian providers as clients look to cut costs and modernise ageing systems.",
            ),
            paragraphs=_P(
                "“Clients are still cautious about discretionary spending, but they are committing to transformation programmes that pay for themselves in two or three years,” {ceo}, {ceo_role} of {co}, said. “That is where we are seeing the strongest demand.”",
                "Analysts said the deal underlined the ability of Indian firms to compete for large contracts against global consulting companies. “Indian providers win on a combination of scale, price and delivery record,” said {analyst}, {analyst_role} at {broker}.",
                "The work will be run largely from the company's centres in {tech_city} and Eastern Europe, and {co} expects to take on several hundred of the client's existing technology staff as part of the transition.",
                "{Co} employs more than {headcount} people, most of them at delivery centres in {tech_city} and other Indian cities, and has been expanding in Eastern Europe and Latin America to serve clients in different time zones.",
            ),
        ),
        _Kind(
            "it-results", weight=2, sectors=("it",), dateline_key="co_city",
            headlines=_P(
                "{Co} revenue grows {pct_rev}% as large deals ramp up",
                "{Co} to hire {jobs} graduates as deal pipeline strengthens",
                "{Co} holds margin at {pct_margin}% despite pay rises",
            ),
            standfirsts=_P(
                "Executives said demand was improving, but cautioned that clients remained careful about spending.",
                "The company kept its forecast for the full year unchanged, citing a steady pipeline of large contracts.",
            ),
            leads=_P(
                "{Co} reported a {pct_rev} per cent rise in revenue in dollar terms for {quarter} on {weekday}, helped by large multi-year contracts signed last year that are now generating income, and said it planned to hire about {jobs} graduates in the coming financial year.",
                "{Co}, {co_desc}, said on {weekday} it would hire about {jobs} graduates in the coming financial year, after revenue for {quarter} rose {pct_rev} per cent in dollar terms and its pipeline of large contracts grew to its strongest level in two years.",
            ),
            paragraphs=_P(
                "“Clients are still cautious about discretionary spending, but they are committing to transformation programmes that pay for themselves in two or three years,” {ceo}, {ceo_role} of {co}, said. “That is where we are seeing the strongest demand.”",
                "The company's operating margin was {pct_margin} per cent, within its target range, despite pay rises for employees. Attrition, the rate at which staff leave, fell to about {pct_big} per cent on an annualised basis, easing pressure on costs.",
                "Revenue from clients in North America, its largest market, grew {pct_mid} per cent, while Europe grew faster on the back of contracts signed with banks and manufacturers last year.",
                "Shares of {co} rose {pct2} per cent after the results, outperforming the Meridian IT index. Analysts at {broker} said the numbers suggested the worst of the slowdown in client spending was over.",
                "{Co} employs more than {headcount} people, most of them at delivery centres in {tech_city} and other Indian cities, and has been expanding in Eastern Europe and Latin America to serve clients in different time zones.",
            ),
        ),
        _Kind(
            "startup", weight=3, min_year=1999, dateline_key="tech_city",
            headlines=_P(
                "{Startup} raises ${usd_m_small}m to expand {product_short}",
                "{Vc} leads ${usd_m_small}m round in {tech_city}'s {startup}",
                "{Startup} eyes smaller towns after fresh funding",
                "Investors back {startup} in ${usd_m_small}m funding round",
            ),
            standfirsts=_P(
                "The company, founded {years_ago} years ago, said it would use the money to hire engineers and expand into {n} new cities.",
                "Investors have become more selective, favouring start-ups with a clear path to profitability over those chasing growth at any cost.",
                "The founders say the business is close to breaking even, a claim its new investors will be watching closely.",
            ),
            leads=_P(
                "{Startup}, a {tech_city}-based start-up that offers {product}, said on {weekday} it had raised ${usd_m_small} million in a funding round led by {vc}, as investors return cautiously to young Indian technology companies that can show a clear route to profitability.",
                "{Vc} has led a ${usd_m_small} million investment in {startup}, a {tech_city} company that offers {product}, the start-up said on {weekday}, valuing the business at about ${usd_m} million and giving it funds to expand beyond the largest cities.",
            ),
            paragraphs=_P(
                "“We spent the last two years making sure every new city we enter pays for itself,” {founder}, co-founder and chief executive of {startup}, said in an interview. “This money lets us grow faster, but the discipline does not change.”",
                "The company says it has about {users} customers and that its revenue has roughly doubled over the past year. It expects to break even on an operating basis within {months} months, though it did not disclose its current losses.",
                "Funding for Indian start-ups has recovered from a slump, but investors remain selective. “The days of writing cheques on the basis of growth alone are over,” said {vc_partner}, a partner at {vc}. “We want to see unit economics that work.”",
                "{Startup} competes with several larger rivals, some backed by global investors. Analysts say the market for {product} in India is still small relative to its potential, leaving room for more than one company to build a profitable business.",
            ),
        ),
        _Kind(
            "telecom", weight=2, min_year=2004, sectors=("telecom",),
            datelines=("New Delhi", "Mumbai"),
            headlines=_P(
                "{Co} to invest {crore_m} in network upgrade",
                "[L2]Telecom operators seek relief on spectrum payments",
                "{Co} raises tariffs by up to {pct_big}%; rivals may follow",
            ),
            standfirsts=_P(
                "Executives argue that current prices do not support the investment networks need; consumer groups say the poor will pay the price.",
                "The industry's heavy debts have made the pricing of mobile services a policy question as much as a commercial one.",
            ),
            leads=_P(
                "{Co}, {co_desc}, said on {weekday} it would invest {crore_m} over the next {n} years to expand and upgrade its network, as it seeks to win back subscribers and improve coverage in smaller towns where rivals have gained ground.",
                "{Co} will raise prices for its prepaid and postpaid plans by up to {pct_big} per cent from next month, the company said on {weekday}, in a move analysts said would lift revenue per user and could prompt rivals to follow.",
                "Telecom operators have asked the government to defer spectrum payments due over the next {n} years and to cut licence fees, arguing that the industry's heavy debts leave little room to invest in networks, according to a letter reviewed by this newspaper.",
            ),
            paragraphs=_P(
                "Average revenue per user, a key measure of profitability in the industry, stood at about ₹{arpu} a month in the last quarter, among the lowest in the world. Executives have argued for years that current prices cannot support the investment networks need.",
                "“Traffic on our network keeps rising, and so does the cost of carrying it,” {ceo}, {ceo_role} of {co}, said. “The industry cannot keep investing at this scale on tariffs that have barely moved.”",
                "Consumer groups criticised the move. They said higher prices would hit low-income users hardest, particularly in rural areas where mobile phones are increasingly the main way people reach banks, schools and government services.",
                "The industry's debt remains high, and operators have repeatedly sought relief from the government on payments for spectrum, the airwaves used to carry calls and data. Officials have said they are reviewing the requests.",
            ),
        ),
        _Kind(
            "policy", weight=2, datelines=("New Delhi", "Bengaluru"),
            headlines=_P(
                "[L0]Government drafts rules for {topic}, seeks industry views",
                "[L1]Indian companies step up spending on {topic}",
                "{Tech_city} emerges as a hub for {topic} talent",
            ),
            standfirsts=_P(
                "Executives say demand for specialists far outstrips supply, even as policymakers debate how the technology should be governed.",
                "Demand for specialists far outstrips supply, pushing up salaries and drawing global companies to Indian cities.",
                "Companies say the shortage of skilled people is now a bigger constraint than the cost of the technology itself.",
            ),
            leads=_P(
                "The government has drafted rules to govern {topic}, with proposals on data protection, accountability and the responsibilities of service providers, and has invited comments from companies and the public over the next {weeks} weeks, the {ministry_it} said on {weekday}.",
                "Indian companies are increasing their spending on {topic} even as they rein in other technology budgets, according to a survey of {n_firms} chief information officers released on {weekday} by {assoc_it}, a technology industry body.",
            ),
            paragraphs=_P(
                "Industry executives broadly welcomed the consultation but warned against rules that could raise compliance costs for smaller firms. “We need guardrails, not roadblocks,” said {ceo}, {ceo_role} of {co}.",
                "India has one of the world's largest pools of technology workers, and companies say demand for specialists in {topic} far outstrips supply. Salaries for experienced engineers in the field have risen by as much as {pct_big} per cent in a year.",
                "{Tech_city} accounts for the largest share of new jobs in the field, according to recruitment firms, followed by Hyderabad and Pune, as global companies expand their technology centres in India to tap engineering talent at lower cost.",
                "Privacy advocates said the draft needed stronger safeguards. “Companies collect enormous amounts of personal data, and people have very little say in how it is used,” said {activist}, who works on digital rights in New Delhi.",
            ),
        ),
    ),
    standfirsts=(),
    paragraphs=_P(
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
    quotes=_P(
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


# ---------------------------------------------------------------- Opinion ---

_OPINION = _Desk(
    datelines=("New Delhi", "New Delhi", "Mumbai", "Mumbai", "Bengaluru", "Kolkata"),
    kinds=(
        _Kind(
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
            headlines=_P(
                "The deficit target is the easy part",
                "A budget should be judged by what it stops doing",
                "Why {state} cannot borrow its way to growth",
                "The quiet crowding out of capital spending in {fy}",
                "What {state}'s debt says about the limits of borrowing",
            ),
            standfirsts=_P(
                "A single ratio has become the test of every budget. The harder question is what the money actually builds.",
                "Governments are good at announcing new schemes and bad at ending old ones. A little discipline would go a long way.",
            ),
            leads=_P(
                "[[Every year|Budget after budget|Year after year]], the fiscal deficit becomes the single number by which [[a budget|the government's economic management|a finance minister]] is judged. It is a useful discipline, but a narrow one. A deficit of {fd} per cent of GDP tells us how much the government borrows; it tells us [[almost nothing|very little]] about whether the money builds anything that will still be standing in [[twenty years|a generation]].",
                "Budgets in India are exercises in addition. New schemes are announced with fanfare, old ones are [[quietly topped up|renamed and expanded|carried forward]], and almost nothing is ever switched off. The result is a government that does a little of everything, and the arithmetic of {fy} shows how little room that leaves for [[anything new|the priorities that matter|genuine reform]].",
            ),
            paragraphs=_P(
                "Consider the composition of spending. A large and growing share of every rupee the Centre spends goes on interest, salaries, pensions and subsidies. Capital expenditure, the part that builds roads, ports and power lines, has risen, but from a low base and often at the expense of investment by the states.",
                "There is a better way to frame the debate. Rather than fixating on one ratio, the finance ministry could publish a rolling three-year plan that shows, line by line, which programmes are being wound down to make room for new ones. Sunset clauses are routine in many countries; here they remain a rarity.",
                "{State} is a cautionary tale. Its borrowing has climbed steadily for a decade, and interest payments now swallow a large share of its revenue. Much of the new debt has financed cash transfers and salary increases rather than assets that generate future income.",
            ),
        ),
        _Kind(
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
            headlines=_P(
                "Growth without jobs is a political problem waiting to happen",
                "The factory floor still matters",
                "India's graduates need work, not more degrees",
                "{State} needs factories, not more job fairs",
                "The jobs question the {fy} numbers keep dodging",
            ),
            standfirsts=_P(
                "Services have carried the economy, but they cannot absorb the millions who enter the workforce each year. Manufacturing must.",
                "The country produces graduates faster than it produces jobs for them. That mismatch deserves more attention than it gets.",
            ),
            leads=_P(
                "The headline growth numbers look [[healthy|impressive|respectable]], and the government is entitled to point to them. But walk through [[any district town|a market town in {state}|the outskirts of {state_city}]] and a different picture emerges: young men and women with degrees and no steady work, waiting for government recruitment examinations that come around once a year and admit a tiny fraction of applicants.",
                "For three decades India has been told that it can [[leapfrog|skip]] the factory stage of development and move straight to services. The software industry seemed to prove the point. Yet the jobs arithmetic has never [[worked|added up]]. Services employ the educated few; it is manufacturing that employs the many, [[and it is manufacturing that has stalled|and manufacturing has barely raised its share of output|and manufacturing is where the country keeps falling short]].",
            ),
            paragraphs=_P(
                "The numbers are stark. Every year, roughly ten to twelve million people join the labour force. The formal sector, where jobs come with a contract and social security, adds only a fraction of that. The rest find their way into informal work, self-employment or, increasingly, nothing at all.",
                "Labour-intensive industries such as garments, footwear, toys and food processing should be the obvious answer. India has the raw materials, the skills and a vast domestic market. Yet these industries have lost ground to Bangladesh and Vietnam, largely because of rigid rules, small firm sizes and expensive logistics.",
                "The education system bears some of the blame. Too many colleges teach syllabuses that employers consider irrelevant, and too few students get any exposure to the workplace before they graduate. Apprenticeships, common in Germany and increasingly in East Asia, remain marginal here.",
            ),
        ),
        _Kind(
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
            headlines=_P(
                "Our cities are drowning in neglect",
                "{State_city} shows why municipal reform cannot wait",
                "Give mayors real power, and the money to use it",
                "The monsoon will expose {state_city} again unless it fixes its finances",
            ),
            standfirsts=_P(
                "Urban India produces most of the country's output but is governed as an afterthought. Every monsoon exposes the cost.",
                "Cities need elected leaders who can be held accountable, and the revenue to do the job. Today they have neither.",
            ),
            leads=_P(
                "Every monsoon, the same images return: flooded underpasses, stranded commuters, cars floating down arterial roads in [[cities that generate much of the country's wealth|Mumbai, Bengaluru and {state_city}|the country's richest cities]]. And every year the same explanations are offered, as if heavy rain in [[July|August|September]] were an unforeseeable act of nature rather than the most predictable event on the calendar.",
                "India's cities account for [[well over half|more than half|the bulk]] of national output, yet most of them are run by municipal bodies with little money, few skilled staff and mayors who serve short, largely ceremonial terms. Real power rests with state governments, which have every incentive to keep it that way[[.|, and {state} is no exception.| and rarely give up any of it.]]",
            ),
            paragraphs=_P(
                "The problem is not a lack of plans. Most large cities have master plans, drainage studies and transport strategies, many of them excellent on paper. What they lack is an institution with the authority, the money and the continuity to carry them out over a decade or more.",
                "Municipal finances are the root of the problem. Property tax collections in Indian cities are a fraction of what comparable cities elsewhere raise, because valuations are outdated and enforcement is weak. Cities depend on grants from state governments, which arrive late and come with conditions.",
                "{State_city} is a case in point. The city has grown rapidly over the past two decades, but its drainage, bus fleet and water supply were designed for a far smaller population, and its municipal corporation cannot raise the money to catch up.",
                "There are encouraging examples. Some cities have digitised property records, raised collections sharply and used the money to improve water supply and sanitation. But these remain exceptions, often driven by a single determined official who is transferred before the reforms take root.",
            ),
        ),
        _Kind(
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
            headlines=_P(
                "Farm policy needs fewer promises and better markets",
                "The loan waiver trap",
                "What the monsoon teaches us about farm incomes",
                "{State}'s farmers need markets, not waivers",
            ),
            standfirsts=_P(
                "Loan waivers and support prices offer short-term relief but do little to raise what farmers actually earn.",
                "Indian agriculture does not need more subsidies. It needs water, storage and the freedom to sell.",
            ),
            leads=_P(
                "Every election season brings a fresh round of promises to farmers: loan waivers, higher support prices, free electricity[[| for pumps]]. Each is politically understandable. Together they amount to a policy that treats agriculture as a permanent emergency rather than a business that could, in the right conditions, support a decent living[[| for the families who depend on it| in {state} and across the country]].",
                "Nearly half of India's workforce still depends on agriculture, yet the sector accounts for less than a fifth of national output. That gap, more than any single policy, explains the distress that surfaces whenever the monsoon [[falters|fails|arrives late]] or prices collapse after a bumper harvest[[| of onions or tomatoes| in {state} or elsewhere]].",
            ),
            paragraphs=_P(
                "Loan waivers illustrate the problem. They help farmers who borrowed from banks, often the better-off, while doing nothing for those who depend on moneylenders. They also damage the credit culture, as farmers learn that repaying loans may be unnecessary if an election is near.",
                "The better path runs through markets and infrastructure. Farmers need cold storage so that they are not forced to sell perishable crops at the bottom of the market, better roads to reach buyers, and the freedom to sell to whoever offers the best price.",
                "Water is the other great constraint. Much of India's farmland still depends on rain, and groundwater in several states is being depleted at alarming rates, driven in part by free electricity for pumping. Pricing power and water sensibly is politically difficult but unavoidable.",
            ),
        ),
        _Kind(
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
            headlines=_P(
                "Retail investors deserve better protection, not more products",
                "The regulator must keep pace with the market it oversees",
                "A rising market is a test of regulatory nerve",
                "With the Meridian 50 at {idx}, complacency is the real risk",
            ),
            standfirsts=_P(
                "Millions of new investors have entered the market. Many are learning expensive lessons in speculative trading.",
                "Rising valuations are not in themselves a problem. Complacency about risk is.",
            ),
            leads=_P(
                "The boom in retail participation in India's stock market is, in many ways, a success story. Millions of households that once kept their savings in [[gold, property or bank deposits|gold and fixed deposits|land and bank accounts]] now own shares and mutual funds. But a worrying share of the new activity is not investing at all; it is short-term speculation in which [[most participants lose money|the house almost always wins|the odds are stacked against the small trader]].",
                "The Meridian 50 has risen sharply to around {idx}, and valuations for many mid-sized companies are well above their historical averages. Rising prices are not in themselves a sign of trouble. But markets that only go up tend to breed complacency, and complacency is what regulators should worry about.",
            ),
            paragraphs=_P(
                "The regulator's own studies have shown that the overwhelming majority of individual traders in futures and options lose money over a year. Tighter margin rules are a reasonable response, but they treat the symptoms. Better disclosure of risks, and limits on aggressive marketing by brokers, would go further.",
                "Small investors are also exposed through share sales priced for perfection. Several companies that listed with great fanfare now trade well below their issue prices. Stricter scrutiny of offer documents, and clearer disclosure of what early investors paid, would help.",
                "None of this argues for heavy-handed intervention. Deep and liquid markets are essential for a growing economy, and they channel household savings into productive investment. The goal should be markets where people understand the risks they take, not markets where they are prevented from taking any.",
            ),
        ),
        _Kind(
            "privacy", min_year=2012,
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
            headlines=_P(
                "India's digital success needs a privacy backbone",
                "Rules for {topic} should come before the cheerleading",
                "Trust is the real currency of the digital economy",
            ),
            standfirsts=_P(
                "Digital services have transformed daily life. The rules that govern the data they collect have not kept pace.",
                "People share data with services they trust. Protecting that trust is a policy task, not a public-relations exercise.",
            ),
            leads=_P(
                "Few countries have digitised daily life as quickly as India has. [[Payments, identity, tax filing and access to welfare|Payments, tax returns and welfare benefits|Banking, identity checks and government services]] now run on digital rails that are the envy of far richer economies. But the speed of that transformation has outrun the rules meant to protect the people whose data flows through these systems.",
                "Every app on an Indian phone wants something: a location, a contact list, a photograph of an identity card. [[Most users|Millions of people|Nearly everyone]] tap 'allow' without a second thought, and few have any idea where that information goes, how long it is kept or who else will see it. That is not consent in any meaningful sense.",
            ),
            paragraphs=_P(
                "Data protection is not a brake on innovation; it is what makes innovation sustainable. People will share information with services they trust, and trust depends on knowing that data will be used for the purposes stated, stored securely and deleted when no longer needed.",
                "Companies have a role to play beyond compliance. The firms that are most open about how they use customer data, and most responsive when something goes wrong, will find that trust is a competitive advantage rather than a cost.",
                "The arrival of {topic} sharpens these questions. Regulators tend to respond to new technology either by ignoring it or by smothering it in rules written for an earlier era. Neither approach serves citizens, who need protection without being denied the benefits.",
                "A data protection law is only as good as the body that enforces it. A regulator needs independence, technical staff and the power to impose penalties that large companies notice. Without those, even well-drafted rules become a box-ticking exercise.",
            ),
        ),
        _Kind(
            "automation", min_year=2012,
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
            headlines=_P(
                "Automation will not wait for our policy debates",
                "The next wave of automation will start in the back office",
                "Retraining workers cannot be an afterthought",
            ),
            standfirsts=_P(
                "Machines are taking on more routine office work. The services economy must prepare now, not after the jobs are gone.",
                "The question is no longer whether office jobs will change, but whether workers and institutions can change fast enough.",
            ),
            leads=_P(
                "The next wave of automation will not arrive on factory floors first. It will arrive in the offices, call centres and back rooms where millions of Indians [[process invoices, answer customer queries and write routine software|check claims, reconcile accounts and answer customer queries|handle payroll, process loan files and write routine code]]. That is precisely the work that built the country's services economy[[.|, and {topic} is already changing it.]]",
                "[[Ask any|Talk to a|Sit down with a]] chief executive of an Indian services company and the conversation soon turns to automation. Software can already read documents, reconcile accounts and answer routine questions. The question is no longer whether jobs will change, but whether workers and institutions will change fast enough.",
            ),
            paragraphs=_P(
                "The policy response should begin with training. Workers whose jobs are most exposed need access to retraining that is practical, affordable and linked to real vacancies, not certificates that employers ignore.",
                "Companies should carry part of the burden. Firms that automate routine work will save money; some of those savings should fund the retraining of the people whose tasks have been automated, rather than flowing entirely to shareholders.",
                "The state's role is to make transitions less frightening. Portable benefits, unemployment insurance that actually pays out and a credible system of skills certification would do more to win public support for new technology than any number of speeches about the future.",
            ),
        ),
    ),
    standfirsts=_P(
        "The debate deserves more honesty about trade-offs than it usually gets.",
        "Good intentions are not a policy. What matters is what actually changes on the ground.",
    ),
    paragraphs=_P(
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


# -------------------------------------------------------- Market analysis ---

_ANALYSIS = _Desk(
    datelines=("Mumbai",),
    kinds=(
        _Kind(
            "sector", weight=3,
            headlines=_P(
                "{Sector} stocks: why the rerating may have further to run",
                "Is the worst over for {sector} stocks?",
                "{Sector}: separating durable earnings from a cyclical bounce",
                "Where value remains in {sector} stocks after the rally",
            ),
            standfirsts=_P(
                "Valuations are no longer cheap, but earnings upgrades and stronger balance sheets argue for staying invested, selectively.",
                "We examine margins, balance sheets and valuations across the sector to find where risk and reward are best balanced.",
            ),
            leads=_P(
                "{Sector} stocks have outperformed the Meridian 50 by about {pct_big} percentage points over the past twelve months, and the obvious question for investors is whether the move has run its course. Our analysis of earnings, balance sheets and valuations suggests that it has not, though the easy gains are behind us.",
                "Few corners of the market have divided investors as sharply as {sector}. Bulls point to improving demand and cleaner balance sheets; bears see a cyclical recovery priced as if it were permanent. We examined the numbers for the largest listed {sector_plural} to find out who has the stronger case.",
            ),
            paragraphs=_P(
                "Start with valuations. The sector trades at about {pe} times estimated earnings for the next twelve months, against a ten-year average of {pe_avg} times. That premium is significant, but it looks less stretched once stronger return ratios are taken into account: return on equity has improved to about {roe} per cent.",
                "Earnings momentum remains supportive. Analysts have raised profit estimates for the sector by an average of {pct_mid} per cent over the past six months, one of the largest upgrades across the market. Consensus now expects earnings to grow about {pct_big} per cent a year over the next two years.",
                "Balance sheets are in much better shape than in the last cycle. Net debt for the largest {sector_plural} has fallen to under {leverage} times operating profit, giving companies room to invest without stretching themselves, and to return cash to shareholders through dividends and buybacks.",
                "Within the sector, we prefer companies with pricing power and a record of protecting margins when {costs} rise. {Co} fits that description: it has kept operating margins above {pct_margin} per cent through two commodity cycles, and its market share has edged up in each of the past three years.",
                "We would be more cautious about smaller companies whose share prices have run ahead of fundamentals. Several trade at more than {pe_high} times earnings despite weaker balance sheets and more volatile profit histories. In a market correction, these are the stocks likely to fall furthest.",
            ),
        ),
        _Kind(
            "stock", weight=3,
            headlines=_P(
                "{Co}: a quality compounder at a reasonable price",
                "Why we are adding {co} to our model portfolio",
                "{Co}: the market is underestimating the earnings runway",
                "{Co}'s quiet transformation deserves a higher multiple",
            ),
            standfirsts=_P(
                "We set a twelve-month target of ₹{target}, implying about {upside}% upside, on the back of steady margin expansion and a strong balance sheet.",
                "The shares trade at a discount to peers despite better return ratios. We think that gap will close.",
            ),
            leads=_P(
                "{Co} has spent the past three years quietly restructuring its business: exiting low-margin product lines, paying down debt and investing in capacity where it has pricing power. The market has yet to give it full credit. At ₹{price}, the shares trade at {pe} times estimated earnings, a discount to peers with weaker return ratios.",
                "We are initiating coverage of {co}, {co_desc}, with a positive view and a twelve-month target price of ₹{target}, about {upside} per cent above the latest close of ₹{price}. Our thesis rests on three pillars: margin expansion, a stronger balance sheet and a long runway for growth.",
            ),
            paragraphs=_P(
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
        _Kind(
            "caution", weight=2,
            headlines=_P(
                "Why we are turning cautious on {co}",
                "{Co}: priced for perfection, exposed to disappointment",
                "Time to book profits in {co}",
            ),
            standfirsts=_P(
                "The shares have soared over the past year. Earnings have not kept pace, and the risks are rising.",
                "We move to a cautious stance with a target of ₹{target_low}, below the current price, as margin pressures build.",
            ),
            leads=_P(
                "Shares of {co} have risen about {pct_bigger} per cent over the past year, far outpacing the Meridian 50 and, more importantly, outpacing the company's own earnings growth. At ₹{price}, the stock trades at {pe_high} times estimated earnings. We think the market is pricing in a level of execution that leaves little room for error.",
                "We are downgrading {co}, {co_desc}, to a cautious stance with a twelve-month target of ₹{target_low}, below the latest close of ₹{price}. The business remains sound, but we see margin pressure ahead, and the valuation already reflects the best-case scenario.",
            ),
            paragraphs=_P(
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
        _Kind(
            "strategy", weight=2,
            headlines=_P(
                "Portfolio strategy: positioning for a {regime} market",
                "[L1]Midcaps after the rally: where value remains",
                "Asset allocation: why we are raising our weight in {sector} stocks",
                "Meridian 50 at {idx}: stay invested, but trim the froth",
            ),
            standfirsts=_P(
                "We keep a moderate overweight on equities but tilt towards large companies with visible earnings.",
                "Rich valuations argue for discipline: we set out where we are adding, where we are trimming and why.",
            ),
            leads=_P(
                "With the Meridian 50 near {idx} and valuations above their long-term average, investors face an uncomfortable choice between chasing further gains and waiting for a correction that may not come. Our recommendation is neither. We favour staying invested while tilting portfolios towards quality and away from speculative pockets of the market.",
                "Mid-sized companies have been the stars of the past [[two years|eighteen months|few years]], with the Meridian Midcap 150 outperforming the benchmark by about {pct_big} percentage points. That performance has drawn in a flood of money, and valuations have followed. We believe selectivity now matters more than at any point in the cycle.",
            ),
            paragraphs=_P(
                "Our base case is for earnings of Meridian 50 companies to grow about {pct_big} per cent in {fy_next}, a little below consensus. At {pe} times forward earnings, that implies modest returns from here, roughly in line with earnings growth, rather than the strong gains of the past year.",
                "Within equities, we are overweight {sector} and large private lenders, where earnings visibility is high and valuations are reasonable relative to growth. We are underweight {sector2}, where we see downside risk to consensus estimates as demand normalises.",
                "For fixed income, the ten-year government bond yield of about {yield10} per cent offers attractive real returns with inflation at {cpi} per cent. We would add duration gradually, as we expect yields to drift lower once interest rates start to fall.",
                "A balanced portfolio for a moderate-risk investor might hold about {eq_w} per cent in equities, {debt_w} per cent in bonds and the rest in gold and cash. We would rebalance if the equity allocation drifts more than five percentage points from its target.",
                "The key risks to our view are a sharp rise in global bond yields, a disappointing monsoon that revives food inflation, and a sustained spike in crude oil prices above ${brent_high} a barrel.",
                "We would describe the current environment as a {regime} market, one in which broad index gains are likely to be modest and returns will depend more on choosing the right companies than on riding the overall tide.",
            ),
        ),
        _Kind(
            "preview", weight=2,
            headlines=_P(
                "Earnings preview: what to expect from {sector} in {quarter_short}",
                "Results season: {sector} companies face a margin test",
                "{Quarter_short} earnings: our picks and pitfalls in {sector} stocks",
            ),
            standfirsts=_P(
                "We expect revenue growth to slow, but margins should hold up better than the market fears.",
                "Management commentary on demand will matter more than the headline numbers this quarter.",
            ),
            leads=_P(
                "Results season begins in earnest next week, and {sector} companies will be among the most closely watched. We expect aggregate revenue for the {sector_plural} we track to grow about {pct_mid} per cent from a year earlier in {quarter}, with operating profit rising somewhat faster as lower {costs} feed through.",
                "Expectations for {sector} earnings in {quarter} have fallen over the past month, and we think the market is now too pessimistic. Our checks with dealers and distributors point to steady volumes, and pricing appears to have stabilised after several quarters of intense competition.",
            ),
            paragraphs=_P(
                "The key number to watch is margins. {Costs} fell during the quarter, and companies that held prices steady should report meaningful margin expansion. Those that passed on lower costs to win market share will show weaker profitability but stronger volumes.",
                "Management commentary on demand will matter more than the reported numbers. Investors will listen closely for signs that rural demand is improving, that urban consumption is holding up and that companies are confident enough to raise capital spending.",
                "Among individual companies, we expect {co} to report the strongest profit growth, helped by a favourable product mix and lower interest costs. {Peer} may disappoint, as it faces higher depreciation following recent capacity additions.",
                "Stocks in the sector have historically moved by an average of about {pct_mid} per cent on results day. Options pricing implies moves of a similar size this time, suggesting the market is not positioned for a major surprise in either direction.",
            ),
        ),
    ),
    standfirsts=_P(
        "Our analysis of earnings, valuations and balance sheets suggests investors should be selective.",
    ),
    paragraphs=_P(
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
    quotes=_P(
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

_DESKS: dict[str, _Desk] = {
    "markets": _MARKETS,
    "economy": _ECONOMY,
    "politics": _POLITICS,
    "world": _WORLD,
    "technology": _TECHNOLOGY,
    "opinion": _OPINION,
    "market-analysis": _ANALYSIS,
}


# --------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------


def _group(n: int) -> str:
    """Indian digit grouping: 124500 -> '1,24,500'."""
    s = str(abs(int(n)))
    if len(s) > 3:
        head, tail = s[:-3], s[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        if head:
            parts.insert(0, head)
        s = ",".join(parts) + "," + tail
    return ("-" if n < 0 else "") + s


def _crore(n: int) -> str:
    return f"₹{_group(n)} crore"


def _words(n: int) -> str:
    return _SMALL_NUMBERS[n] if 0 <= n < 10 else str(n)


def _level(x: float) -> str:
    return f"{x:,.2f}"


def _era(year: float) -> float:
    return (year - 1997) / 28.0


def _grow(start: float, end: float, year: float) -> float:
    return start * (end / start) ** _era(year)


def _brent(rng: random.Random, year: int) -> float:
    if year < 2000:
        lo, hi = 12, 25
    elif year < 2004:
        lo, hi = 22, 34
    elif year < 2015:
        lo, hi = 55, 112
    else:
        lo, hi = 45, 95
    return rng.uniform(lo, hi)


# --------------------------------------------------------------------------
# Engine
# --------------------------------------------------------------------------


def _avail(pool, year: int):
    return [text for min_year, text in pool if min_year <= year]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class _Context(dict):
    """Slot values; ``{Co}`` is ``{co}`` with a capital first letter."""

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key and lower in self:
            return _cap(str(self[lower]))
        raise KeyError(key)


class _Stable:
    """Names that should not change from one article to the next within a
    political term: ministers, the ruling party, the opposition leader."""

    def __init__(self, seed: int):
        self.seed = seed
        self.cache: dict[str, object] = {}

    def pick(self, key: str, pool):
        if key not in self.cache:
            self.cache[key] = random.Random(f"{self.seed}:{key}").choice(pool)
        return self.cache[key]

    def name(self, key: str) -> str:
        return f"{self.pick(key + ':first', _FIRST_NAMES)} {self.pick(key + ':last', _SURNAMES)}"


def _event_day(publish: datetime) -> date:
    """The day the story is about: yesterday for the early-morning edition,
    and never a weekend."""
    day = publish.date() - timedelta(days=1) if publish.hour < 9 else publish.date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _context(rng: random.Random, stable: _Stable, kind: _Kind, desk: _Desk, publish: datetime) -> _Context:
    day = _event_day(publish)
    year = day.year
    yf = year + (day.timetuple().tm_yday / 366.0)
    c = _Context()

    # Dates
    c["weekday"] = _WEEKDAYS[day.weekday()]
    c["month"] = _MONTHS[day.month - 1]
    c["month_prev"] = _MONTHS[(day.month - 2) % 12]
    c["year"] = str(year)
    c["year_target"] = str(year + 1)
    fy_start = year if day.month >= 4 else year - 1
    c["fy"] = f"{fy_start}-{(fy_start + 1) % 100:02d}"
    c["fy_next"] = f"{fy_start + 1}-{(fy_start + 2) % 100:02d}"
    q = (day.month - 1) // 3 - 1
    c["quarter_short"] = _QUARTERS[q % 4]
    c["quarter"] = f"the {_QUARTERS[q % 4]} quarter"

    # Companies
    sectors = kind.sectors or desk.sectors
    pool = [co for co in _COMPANIES if sectors is None or co[1] in sectors]
    name, sector, hq = rng.choice(pool)
    adj, noun, plural, product = _SECTORS[sector]
    c.update(co=name, co_city=hq, co_desc=f"the {hq}-based {noun}", sector=adj, sector_noun=noun,
             sector_plural=plural, co_product=product, costs=_COSTS.get(sector, "raw-material costs"))
    others = [co for co in _COMPANIES if co[1] != sector]
    name2, sector2, hq2 = rng.choice(others)
    c.update(co2=name2, co2_desc=f"the {hq2}-based {_SECTORS[sector2][1]}", sector2=_SECTORS[sector2][0],
             sector2_plural=_SECTORS[sector2][2])
    c["peer"] = rng.choice([co[0] for co in _COMPANIES if co[1] == sector and co[0] != name])

    # People (fresh for every article, all distinct within it)
    firsts = rng.sample(_FIRST_NAMES, 14)
    lasts = rng.sample(_SURNAMES, 14)
    people = [f"{f} {s}" for f, s in zip(firsts, lasts)]
    c.update(ceo=people[0], ceo_last=lasts[0], ceo_role=rng.choice(_CEO_ROLES))
    c.update(analyst=people[1], analyst_last=lasts[1], analyst_role=rng.choice(_ANALYST_ROLES))
    c.update(analyst2=people[2], analyst2_last=lasts[2])
    broker, broker2, broker3 = rng.sample(_BROKERS, 3)
    c.update(broker=broker, broker2=broker2, analyst3=people[13], broker3=broker3)
    c.update(economist=people[3], economist_last=lasts[3], economist_role=rng.choice(_ECON_ROLES),
             bank=rng.choice(_ECON_HOUSES))
    c.update(economist2=people[4], university=rng.choice(_UNIVERSITIES), pol_analyst=people[5],
             voter=people[6], activist=people[7], state_fm=people[8], mp=people[9], founder=people[10],
             vc_partner=people[11], exp_head=people[12])
    c["f_analyst"] = f"{rng.choice(_FOREIGN_FIRST)} {rng.choice(_FOREIGN_LAST)}"
    c["f_firm"] = rng.choice(_FOREIGN_FIRMS)

    # Politics: stable within a five-year term
    term = (year - 1997) // 5
    ruling = stable.pick(f"ruling:{term}", _PARTIES)
    opposition = stable.pick(f"opposition:{term}", [p for p in _PARTIES if p != ruling])
    c.update(party=ruling[0], party_abbr=ruling[1], opp=opposition[0], opp_abbr=opposition[1])
    leader = stable.name(f"leader:{term}")
    c.update(leader=leader, leader_last=leader.split(" ", 1)[1])
    ministries = [m for m in _MINISTRIES if kind.ministries is None or m[0] in kind.ministries]
    title, noun_m = rng.choice(ministries)
    minister = stable.name(f"minister:{title}:{term}")
    c.update(minister=minister, minister_last=minister.split(" ", 1)[1], minister_title=f"{title} Minister",
             ministry_noun=f"the {noun_m} ministry")
    c["bill"] = rng.choice(_BILLS)
    c["infra"] = rng.choice(_INFRA)
    c["turnout"] = str(rng.randint(58, 79))
    c["vote"] = rng.choice(("unanimous", "by a majority of five to one", "by a majority of four to two"))
    states = [s for s in _STATES if s[0] <= year]
    st, st2 = rng.sample(states, 2)
    c.update(state=st[1], state_city=rng.choice(st[2]), state2=st2[1])
    c["assoc"] = rng.choice(_EXPORT_COUNCILS)
    c["assoc2"] = rng.choice(_CHAMBERS)
    c["assoc_it"] = rng.choice(_IT_BODIES)

    # World
    fcb = rng.choice(_FOREIGN_CENTRAL_BANKS)
    c.update(fcb=fcb[0], fcb_short=fcb[1], fcb_city=fcb[2], fcb_econ=fcb[3])
    partner = rng.choice(_TRADE_PARTNERS)
    c.update(country=partner[0], country_h=partner[0].removeprefix("the "), fcity=partner[1])
    economy = rng.choice(_FOREIGN_ECONOMIES)
    c.update(fcountry=economy[0], fcountry_city=economy[1])
    c["oil_city"] = rng.choice(_OIL_CITIES)
    summit = rng.choice(_SUMMITS)
    c.update(summit=summit[0], summit_short=summit[0][4:], summit_city=summit[1])
    client = rng.choice(_CLIENTS)
    c.update(client=client[0], client_h=client[1])

    # Technology
    startups = [s for s in _STARTUPS if s[0] <= year] or [_STARTUPS[0]]
    st_ = rng.choice(startups)
    c.update(startup=st_[1], product=st_[2], product_short=st_[2].split(" for ")[0])
    c["vc"] = rng.choice(_VCS)
    c["tech_city"] = rng.choice(_TECH_CITIES)
    c["topic"] = rng.choice([t for y, t in _TOPICS if y <= year])
    c["users"] = f"{rng.uniform(0.3, 9.5):.1f} million"
    c["arpu"] = str(rng.randint(110, 230))
    c["headcount"] = _group(rng.randrange(40_000, 320_000, 5_000))
    c["subs"] = "900 million" if year < 2016 else "1.1 billion"
    c["it_rev"] = f"{_grow(2.0, 200.0, yf):.0f}"
    c["ministry_it"] = rng.choice(("information technology ministry", "telecommunications ministry"))

    # Markets
    idx = _grow(1100.0, 24000.0, yf) * rng.uniform(0.93, 1.07)
    pct1 = rng.uniform(0.3, 1.9)
    c["idx"] = _level(idx)
    c["idx_round"] = _group(int(idx // 500 * 500)) if idx >= 2000 else _group(int(idx // 100 * 100))
    c["idx_ceil"] = _group(int(math.ceil(idx / 500) * 500)) if idx >= 2000 else _group(int(math.ceil(idx / 100) * 100))
    c["idx_res"] = _group(int(round(idx * rng.uniform(1.02, 1.04) / 50) * 50))
    c["idx_sup"] = _group(int(round(idx * rng.uniform(0.96, 0.98) / 50) * 50))
    c["band"] = _group(max(50, int(round(idx * 0.03 / 50) * 50)))
    comp = idx * rng.uniform(3.2, 3.4)
    c["comp"] = _level(comp)
    c["pct1"] = f"{pct1:.1f}"
    c["pts"] = f"{idx * pct1 / 100:.2f}"
    c["comp_pts"] = f"{comp * pct1 / 100 * rng.uniform(0.92, 1.08):.2f}"
    c["pct2"] = f"{rng.uniform(0.4, 2.6):.1f}"
    c["pct_mid"] = f"{rng.uniform(2.5, 9.5):.1f}"
    c["pct_big"] = str(rng.randint(11, 38))
    c["pct_bigger"] = str(rng.randint(60, 115))
    c["pct_rev"] = str(rng.randint(7, 29))
    margin = rng.randint(11, 26)
    c["pct_margin"] = str(margin)
    c["pct_margin_old"] = str(margin - rng.randint(2, 5))
    c["bps_m"] = str(rng.randrange(40, 280, 10))
    c["vix"] = f"{rng.uniform(10.5, 21.5):.1f}"
    listed = rng.randint(3200, 4100)
    big = int(listed * rng.uniform(0.6, 0.72))
    small = listed - big - int(listed * rng.uniform(0.03, 0.06))
    ratio = big / small
    c.update(listed=_group(listed), breadth_big=_group(big), breadth_small=_group(small),
             ratio="nearly two" if ratio < 1.9 else ("two" if ratio < 2.6 else "three"))
    nth = rng.randrange(len(_ORDINALS))
    c["nth"] = _ORDINALS[nth]
    weeks = rng.randint(3, 14)
    c["weeks"] = _words(weeks)
    c["weeks_n"] = str(weeks)
    c["months"] = _words(rng.randint(3, 18))
    c["n"] = _words(rng.randint(3, 9))
    c["n_states"] = _words(rng.randint(5, 12))
    c["n_firms"] = str(rng.randrange(120, 900, 10))
    c["years_ago"] = _words(rng.randint(2, 8))
    c["jobs"] = _group(rng.randrange(2_000, 25_000, 500))
    c["worry"] = rng.choice(_WORRIES)
    c["driver"] = rng.choice(_DRIVERS)
    c["event"] = rng.choice(_EVENTS)
    c["regime"] = rng.choice(_REGIMES)

    # Money
    c["crore_s"] = _crore(rng.randrange(120, 1990, 10))
    c["crore_m"] = _crore(rng.randrange(2_000, 19_500, 50))
    c["crore_l"] = _crore(rng.randrange(20_000, 180_000, 500))
    c["lakh_crore"] = f"₹{rng.uniform(1.2, 9.8):.2f} lakh crore"
    c["usd_bn"] = f"{rng.uniform(1.2, 14.0):.1f}"
    c["usd_m"] = str(rng.randrange(120, 980, 10))
    c["usd_m_small"] = str(rng.randint(4, 95))
    exports = _grow(3.0, 38.0, yf) * rng.uniform(0.9, 1.1)
    imports = exports * rng.uniform(1.35, 1.7)
    c["usd_bn_exp"] = f"{exports:.1f}"
    c["usd_bn_imp"] = f"{imports:.1f}"
    c["trade_def"] = f"{imports - exports:.1f}"
    c["usd_bn_svc"] = f"{_grow(1.4, 32.0, yf) * rng.uniform(0.9, 1.1):.1f}"
    c["usd_bn_rem"] = f"{_grow(12.0, 125.0, yf):.0f}"
    c["fx_res"] = f"{_grow(25.0, 650.0, yf) * rng.uniform(0.95, 1.05):.0f}"
    rupee = 36.0 + 1.7 * (yf - 1997) + rng.uniform(-0.8, 0.8)
    c["rupee"] = f"{rupee:.2f}"
    c["rupee_prev"] = f"{rupee - rng.uniform(0.05, 0.45):.2f}"
    c["rupee_round"] = str(math.floor(rupee))
    c["rupee_weak"] = str(math.floor(rupee) + rng.randint(3, 6))
    brent = _brent(rng, year)
    c["brent"] = f"{brent:.2f}"
    c["brent_round"] = str(int(brent // 5 * 5))
    c["brent_high"] = str(int(brent // 5 * 5) + 25)

    # Macro
    gdp = rng.uniform(4.6, 8.6)
    c["gdp"] = f"{gdp:.1f}"
    c["gdp_prev"] = f"{gdp - rng.uniform(0.2, 0.9):.1f}"
    gdp_fy = gdp + rng.uniform(-0.3, 0.3)
    c["gdp_fy"] = f"{gdp_fy:.1f}"
    c["gdp_lo"] = f"{gdp_fy - 0.5:.1f}"
    fgdp = rng.uniform(0.6, 4.8)
    c["fgdp"] = f"{fgdp:.1f}"
    c["fgdp_prev"] = f"{fgdp + rng.uniform(0.3, 1.2):.1f}"
    cpi = rng.uniform(2.6, 6.6)
    c["cpi"] = f"{cpi:.1f}"
    c["cpi_prev"] = f"{cpi + rng.uniform(0.3, 1.3):.1f}"
    c["cpi_core"] = f"{rng.uniform(3.2, 5.6):.1f}"
    rate = rng.randrange(16, 34) * 0.25
    c["rate"] = f"{rate:.2f}"
    c["yield10"] = f"{rate + rng.uniform(0.3, 1.2):.2f}"
    c["fd"] = f"{rng.uniform(3.2, 6.4):.1f}"

    # Stocks
    price = rng.randrange(120, 4800, 5)
    upside = rng.uniform(0.14, 0.42)
    target = int(round(price * (1 + upside) / 5) * 5)
    c["price"] = _group(price)
    c["price_lo"] = _group(int(round(price * 0.95)))
    c["target"] = _group(target)
    c["target_old"] = _group(int(round(target * rng.uniform(0.82, 0.93) / 5) * 5))
    c["target_low"] = _group(int(round(price * rng.uniform(0.78, 0.9) / 5) * 5))
    c["upside"] = str(round((target / price - 1) * 100))
    pe = rng.uniform(14, 36)
    c["pe"] = f"{pe:.1f}"
    c["pe_avg"] = f"{pe * rng.uniform(0.75, 0.95):.1f}"
    c["pe_high"] = str(rng.randint(48, 85))
    c["pe_target"] = f"{pe * rng.uniform(1.05, 1.2):.0f}"
    c["roe"] = str(rng.randint(13, 24))
    c["leverage"] = rng.choice(("1.5", "1.2", "two", "1.8"))
    c["dividend"] = rng.choice(("4", "6.50", "8", "10", "12", "15", "2.50"))
    c["times"] = f"{rng.uniform(3.0, 118.0):.1f}"
    eq = rng.randrange(45, 66, 5)
    c["eq_w"] = str(eq)
    c["debt_w"] = str(rng.randrange(25, min(45, 100 - eq - 5) + 1, 5))

    return c


_PUNCT_SLUG = re.compile(r"[^a-z0-9]+")
_SLOT = re.compile(r"{(\w+)}")
_ALTERNATIVES = re.compile(r"\[\[(.*?)\]\]")
_PIN = re.compile(r"^\[L(\d)\]")
# Headline slots whose fact the body states under another name.
_ALIASES = {
    "weeks_n": "weeks", "idx_round": "idx", "idx_ceil": "idx", "rupee_round": "rupee",
    "brent_round": "brent", "party_abbr": "party", "opp_abbr": "opp", "fcb_short": "fcb",
    "summit_short": "summit", "product_short": "product", "client_h": "client", "quarter_short": "quarter",
    "country_h": "country",
}


def _slots(template: str) -> set[str]:
    """The facts a template states, by their canonical slot names."""
    keys = set()
    for key in _SLOT.findall(_ALTERNATIVES.sub("", template)):
        key = key[:1].lower() + key[1:]
        keys.add(_ALIASES.get(key, key))
    return keys


def _slugify(text: str) -> str:
    text = text.lower().replace("%", " pc ").replace("&", " and ").replace("₹", " rs ").replace("$", " usd ")
    text = text.replace("’", "").replace("'", "")
    slug = _PUNCT_SLUG.sub("-", text).strip("-")
    if len(slug) > 90:
        slug = slug[:90].rsplit("-", 1)[0]
    return slug or "story"


def _finish(text: str, year: int) -> str:
    """Typographic apostrophes and the place names of the day."""
    text = text.replace("'", "’")
    for new, old, since in _RENAMES:
        if year < since and new in text:
            text = text.replace(new, old)
    return text


def _n_words(text: str) -> int:
    return len(text.split())


def _body(
    rng: random.Random, desk: _Desk, kind: _Kind, ctx: dict, year: int, promised: set[str], pin: int | None
) -> tuple[str, str] | None:
    """The article's HTML and its lead, or None if this draw cannot make a good one.

    ``promised`` are the headline's facts: the lead that states most of them
    is preferred, paragraphs stating the rest come next, and the draw is
    rejected if the finished body still leaves one out."""

    def fill(template: str) -> str:
        # "[[a|b|c]]" in a template: one of the alternatives, at random.
        template = _ALTERNATIVES.sub(lambda m: rng.choice(m.group(1).split("|")), template)
        return _finish(template.format_map(ctx), year)

    leads = [(i, t) for i, (y, t) in enumerate(kind.leads) if y <= year]
    if pin is not None and any(i == pin for i, _ in leads):
        lead = kind.leads[pin][1]
    else:
        scored = [(len(_slots(t) & promised), t) for _, t in leads]
        best = max(score for score, _ in scored)
        lead = rng.choice([t for score, t in scored if score == best])
    missing = promised - _slots(lead)

    kind_pool = _avail(kind.paragraphs, year)
    shared_pool = _avail(desk.paragraphs, year)
    rng.shuffle(kind_pool)
    rng.shuffle(shared_pool)
    chosen: list[str] = []
    for pool in (kind_pool, shared_pool):
        for template in pool:
            if missing & _slots(template):
                chosen.append(template)
                missing -= _slots(template)
    k = rng.randint(2, 4)
    chosen += [t for t in kind_pool if t not in chosen][: max(0, k - len(chosen))]
    n_shared = rng.randint(3, 5)
    chosen += [t for t in shared_pool if t not in chosen][:n_shared]
    spare = [t for t in kind_pool + shared_pool if t not in chosen]

    # Each block is [type, text-or-items]; the types are lead, p, intro, ul, quote, h2.
    blocks: list[list] = [["lead", fill(lead)]]
    blocks += [["p", fill(t)] for t in chosen]

    quotes = _avail(desk.quotes, year)
    if quotes and rng.random() < desk.p_quote:
        blocks.insert(rng.randint(2, len(blocks)), ["quote", fill(rng.choice(quotes))])

    lists = kind.lists or desk.lists
    if lists and rng.random() < desk.p_list:
        intros, items = rng.choice(lists)
        picked = rng.sample(items, min(len(items), rng.randint(3, 5)))
        at = rng.randint(2, len(blocks))
        blocks[at:at] = [["intro", fill(rng.choice(intros))], ["ul", [fill(i) for i in picked]]]

    def words() -> int:
        total = 0
        for type_, content in blocks:
            total += sum(map(_n_words, content)) if type_ == "ul" else _n_words(content)
        return total

    def paragraphs() -> int:
        return sum(1 for b in blocks if b[0] in ("lead", "p", "intro"))

    while (words() < 200 or paragraphs() < 5) and spare and paragraphs() < 10:
        blocks.append(["p", fill(spare.pop())])
    while words() > 590 or paragraphs() > 10:
        plain = [i for i, b in enumerate(blocks) if b[0] == "p"]
        if not plain:
            return None
        del blocks[plain[-1]]

    if rng.random() < desk.p_subhead and desk.subheads:
        spots = [i for i in range(3, len(blocks) - 1) if blocks[i][0] == "p"]
        if spots:
            blocks.insert(rng.choice(spots), ["h2", rng.choice(desk.subheads)])

    total, count = words(), paragraphs()
    if not (180 <= total <= 600 and 5 <= count <= 10 and 30 <= _n_words(blocks[0][1]) <= 80):
        return None
    text = " ".join(" ".join(c) if t == "ul" else c for t, c in blocks).lower()
    if any(_finish(str(ctx[key]), year).lower() not in text for key in promised):
        return None

    out = []
    for type_, content in blocks:
        if type_ == "ul":
            out.append("<ul>" + "".join(f"<li>{html.escape(i, quote=False)}</li>" for i in content) + "</ul>")
        elif type_ == "quote":
            out.append(f"<blockquote><p>{html.escape(content, quote=False)}</p></blockquote>")
        elif type_ == "h2":
            out.append(f"<h2>{html.escape(content, quote=False)}</h2>")
        else:
            out.append(f"<p>{html.escape(content, quote=False)}</p>")
    return "\n".join(out), blocks[0][1]


# Shares of the non-today articles by section.
_SECTION_WEIGHTS = (
    ("markets", 21), ("economy", 18), ("politics", 15), ("world", 13), ("technology", 13),
    ("opinion", 9), ("market-analysis", 11),
)  # fmt: skip
# Today's early-morning edition: mostly premium, across the desks.
_TODAY_PREMIUM = (
    ("markets", 8), ("economy", 7), ("market-analysis", 6), ("politics", 5), ("technology", 5),
    ("world", 2), ("opinion", 1),
)  # fmt: skip
_TODAY_FREE = ("markets", "markets", "economy", "world", "world", "politics")


def _plan(rng: random.Random, today: date, count: int, *, not_after: datetime | None = None) -> list[list]:
    """[publish_at, section, premium] for every article, before any text."""
    slots: list[list] = []

    # Today: already live for most of the day, 00:30 to 06:00 local; loaded
    # before 06:00, the same stories are drawn closer together, in the same
    # order, so that all of them are out by ``not_after``.
    midnight = datetime.combine(today, time(0), TZ)
    squeeze = 1.0
    if not_after is not None and midnight < not_after < midnight + timedelta(hours=6):
        squeeze = (not_after - midnight) / timedelta(hours=6)
    today_sections = [(s, True) for s, n in _TODAY_PREMIUM for _ in range(n)]
    today_sections += [(s, False) for s in _TODAY_FREE]
    rng.shuffle(today_sections)
    today_sections = today_sections[: min(len(today_sections), count)]
    n_today = len(today_sections)
    for i, (section, premium) in enumerate(today_sections):
        minute = 30 + int((i + rng.random()) * 330 / n_today)
        slots.append([midnight + timedelta(minutes=minute) * squeeze, section, premium])

    names = [s for s, _ in _SECTION_WEIGHTS]
    weights = [w for _, w in _SECTION_WEIGHTS]

    def free_slot(when: datetime, section: str | None = None) -> list:
        section = section or rng.choices(names, weights)[0]
        if section == "market-analysis":
            premium = True
        elif section == "opinion":
            premium = rng.random() < 0.25
        else:
            premium = rng.random() < 0.12
        return [when, section, premium]

    def at_hour(day: date) -> datetime:
        minute = rng.randint(5 * 60, 23 * 60)
        return datetime.combine(day, time(minute // 60, minute % 60), TZ)

    remaining = count - n_today
    n_recent = min(remaining, max(90, round(count * 0.37)))
    for i in range(n_recent):
        back = 1 + int((i + rng.random()) * 60 / n_recent)  # 1..60 days ago
        slots.append(free_slot(at_hour(today - timedelta(days=min(back, 60)))))

    n_archive = remaining - n_recent
    if n_archive > 0:
        # The oldest story is in January 1997; the rest are spread evenly
        # (stratified) from February 1997 to 61 days ago.
        slots.append(free_slot(at_hour(date(1997, 1, rng.randint(2, 31))), "markets"))
        start, end = date(1997, 2, 1), today - timedelta(days=61)
        span = max(0, (end - start).days)
        others = n_archive - 1
        for i in range(others):
            offset = int((i + rng.random()) * span / others) if others else 0
            slots.append(free_slot(at_hour(start + timedelta(days=min(offset, span)))))
    return slots


def generate_articles(
    *, today: date, seed: int = 1997, count: int = 400, not_after: datetime | None = None
) -> list[DemoArticle]:
    """``count`` original demo articles, newest first. Deterministic in
    ``(today, seed, count)`` and, before 06:00 on ``today``, ``not_after``:
    the moment today's stories must already be live by (the demo loads
    before dawn too, and its front page must not be empty then)."""
    if count < 1:
        return []
    rng = random.Random(f"masthead-demo:{seed}:{today.isoformat()}")
    stable = _Stable(seed)
    slots = _plan(rng, today, count, not_after=not_after)

    # Wire copy: about 17 per cent, never opinion or analysis, never premium.
    eligible = [i for i, (_, section, premium) in enumerate(slots) if not premium and section in _WIRE_SECTIONS]
    wire = set(rng.sample(eligible, min(len(eligible), round(count * 0.17))))

    used_headlines: set[str] = set()
    used_leads: set[str] = set()
    used_slugs: set[str] = set()
    articles = []
    for i, (publish_at, section, premium) in enumerate(slots):
        desk = _DESKS[section]
        year = _event_day(publish_at).year
        article = None
        for attempt in range(400):
            kinds = [k for k in desk.kinds if k.min_year <= year]
            kind = rng.choices(kinds, [k.weight for k in kinds])[0]
            ctx = _context(rng, stable, kind, desk, publish_at)
            if kind.dateline_key:
                dateline = str(ctx[kind.dateline_key])
            else:
                dateline = rng.choice(kind.datelines or desk.datelines)
            ctx["city"] = dateline
            template = rng.choice(_avail(kind.headlines, year))
            pin = _PIN.match(template)
            template = _PIN.sub("", template)
            headline = _finish(_cap(template.format_map(ctx)), year)
            if attempt >= 300:
                headline = f"{headline} ({ctx['month']} {ctx['year']})"
            if headline in used_headlines or len(headline) > 200:
                continue
            body = _body(rng, desk, kind, ctx, year, _slots(template), int(pin.group(1)) if pin else None)
            if body is None or body[1] in used_leads:
                continue
            shared = _avail(desk.standfirsts, year)
            pool = shared if shared and rng.random() < 0.15 else _avail(kind.standfirsts, year)
            standfirst = _finish(rng.choice(pool).format_map(ctx), year)
            if len(standfirst) > 400:
                continue
            article = (headline, standfirst, body[0], _finish(dateline, year))
            used_leads.add(body[1])
            break
        if article is None:  # pragma: no cover - the templates make this unreachable
            raise RuntimeError(f"could not write a distinct {section} story")
        headline, standfirst, body, dateline = article
        used_headlines.add(headline)

        slug = base = _slugify(headline)
        n = 2
        while slug in used_slugs:
            slug = f"{base}-{n}"
            n += 1
        used_slugs.add(slug)

        if i in wire:
            authors: tuple[str, ...] = ()
            agency = rng.choice(AGENCIES).slug
        else:
            pool = _AUTHORS_BY_SECTION[section]
            if section != "opinion" and len(pool) > 1 and rng.random() < 0.12:
                authors = tuple(rng.sample(pool, 2))
            else:
                authors = (rng.choice(pool),)
            agency = None

        articles.append(
            DemoArticle(
                headline=headline,
                slug=slug,
                standfirst=standfirst,
                body=body,
                section_slug=section,
                author_slugs=authors,
                agency_slug=agency,
                dateline=dateline,
                publish_at=publish_at,
                is_premium=premium,
            )
        )

    articles.sort(key=lambda a: (a.publish_at, a.slug), reverse=True)
    return articles
