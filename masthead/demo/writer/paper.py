"""The fictional paper itself: its sections, its writers and the wire
agencies it buys copy from, and the article type the writer returns.
"""

from dataclasses import dataclass
from datetime import datetime


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
    # What the story is about ("Thaali Labs", "the rupee") and the other
    # words it uses for it (its people, "the start-up"): every paragraph
    # names one of them.
    subject: str = ""
    aliases: tuple[str, ...] = ()


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

# Who writes for each desk; wire copy comes only to the news desks.
AUTHORS_BY_SECTION: dict[str, tuple[str, ...]] = {
    "markets": ("ananya-raghavan", "farhan-qureshi", "mihir-jhaveri", "tarun-dasgupta"),
    "economy": ("meenakshi-iyer", "tarun-dasgupta", "mihir-jhaveri"),
    "politics": ("priyamvada-rao", "joseph-mathai"),
    "world": ("rukmini-castellino", "mihir-jhaveri"),
    "technology": ("kabir-anantharaman", "ishita-mahalingam"),
    "opinion": ("aravind-kolhatkar", "paromita-lahiri", "priyamvada-rao", "meenakshi-iyer"),
    "market-analysis": ("shalini-noronha", "rohan-ambardekar", "ananya-raghavan"),
}
WIRE_SECTIONS = ("markets", "economy", "politics", "world", "technology")
