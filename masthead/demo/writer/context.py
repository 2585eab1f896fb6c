"""The facts one article's templates are filled with: dates, companies,
people, politicians, markets and money, drawn for the day the story is about.

Figures follow the era (an index near 1,100 in 1997, near 24,000 now); the
ruling party, its ministers and the opposition leader stay the same for a
five-year term.
"""

import math
import random
from datetime import date, datetime, timedelta

from masthead.demo.writer.desks.base import Desk, Kind
from masthead.demo.writer.vocabulary import (
    ANALYST_ROLES,
    BILLS,
    BROKERS,
    CEO_ROLES,
    CHAMBERS,
    CLIENTS,
    COMPANIES,
    COSTS,
    DRIVERS,
    ECON_HOUSES,
    ECON_ROLES,
    EVENTS,
    EXPORT_COUNCILS,
    FIRST_NAMES,
    FOREIGN_CENTRAL_BANKS,
    FOREIGN_ECONOMIES,
    FOREIGN_FIRMS,
    FOREIGN_FIRST,
    FOREIGN_LAST,
    INFRA,
    IT_BODIES,
    METROS,
    MINISTRIES,
    MONTHS,
    OIL_CITIES,
    ORDINALS,
    PARTIES,
    QUARTERS,
    REGIMES,
    SECTORS,
    SMALL_NUMBERS,
    STARTUPS,
    STATES,
    SUMMITS,
    SURNAMES,
    TECH_CITIES,
    TOPICS,
    TRADE_PARTNERS,
    UNIVERSITIES,
    VCS,
    WEEKDAYS,
    WORRIES,
)


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
    return SMALL_NUMBERS[n] if 0 <= n < 10 else str(n)


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


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Context(dict):
    """Slot values; ``{Co}`` is ``{co}`` with a capital first letter."""

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key and lower in self:
            return cap(str(self[lower]))
        raise KeyError(key)


# Politicians, chief executives and founders never share a surname, so a
# story that quotes two of them never has two Mr Kauls.
_POLITICIANS = SURNAMES[::2]
_CHIEF_EXECUTIVES = SURNAMES[1::4]
_FOUNDERS = SURNAMES[3::4]


class Stable:
    """Names that should not change from one article to the next: within a
    political term, ministers, the ruling party and the opposition leader;
    a company's chief executive for six years; a start-up's founder."""

    def __init__(self, seed: int):
        self.seed = seed
        self.cache: dict[str, object] = {}

    def pick(self, key: str, pool):
        if key not in self.cache:
            self.cache[key] = random.Random(f"{self.seed}:{key}").choice(pool)
        return self.cache[key]

    def name(self, key: str, surnames=_POLITICIANS) -> str:
        return f"{self.pick(key + ':first', FIRST_NAMES)} {self.pick(key + ':last', surnames)}"


def event_day(publish: datetime) -> date:
    """The day the story is about: yesterday for the early-morning edition,
    and never a weekend."""
    day = publish.date() - timedelta(days=1) if publish.hour < 9 else publish.date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _pick(rng: random.Random, pool, pinned: str | None = None):
    """One of ``pool`` at random, or the one named ``pinned`` (its first field)."""
    if pinned is not None:
        return next(item for item in pool if item[0] == pinned)
    return rng.choice(pool)


def article_context(
    rng: random.Random,
    stable: Stable,
    kind: Kind,
    desk: Desk,
    section: str,
    publish: datetime,
    pins: dict[str, str] | None = None,
) -> Context:
    """The facts of one story: its plan. Every template of the story is
    filled from this one dict, so its paragraphs agree with each other.

    Named things are drawn only for the desk that covers them (companies by
    their desk, start-ups for technology, states and bills for politics,
    countries and foreign central banks for world): a template that names
    another desk's kind of thing fails here rather than in print. ``pins``
    fixes a named thing (the home page's stable stories)."""
    pins = pins or {}
    day = event_day(publish)
    year = day.year
    yf = year + (day.timetuple().tm_yday / 366.0)
    c = Context()

    # Dates
    c["weekday"] = WEEKDAYS[day.weekday()]
    c["month"] = MONTHS[day.month - 1]
    c["month_prev"] = MONTHS[(day.month - 2) % 12]
    c["year"] = str(year)
    c["year_target"] = str(year + 1)
    fy_start = year if day.month >= 4 else year - 1
    c["fy"] = f"{fy_start}-{(fy_start + 1) % 100:02d}"
    c["fy_next"] = f"{fy_start + 1}-{(fy_start + 2) % 100:02d}"
    q = (day.month - 1) // 3 - 1
    c["quarter_short"] = QUARTERS[q % 4]
    c["quarter"] = f"the {QUARTERS[q % 4]} quarter"

    # Companies: only those the desk covers
    covered = [co for co in COMPANIES if co[3] == section]
    sectors = kind.sectors or desk.sectors
    pool = [co for co in covered if sectors is None or co[1] in sectors]
    if pool:
        name, sector, hq, _ = _pick(rng, pool, pins.get("co"))
        adj, noun, plural, product = SECTORS[sector]
        c.update(
            co=name,
            co_city=hq,
            co_desc=f"the {hq}-based {noun}",
            sector=adj,
            sector_noun=noun,
            sector_plural=plural,
            co_product=product,
            costs=COSTS.get(sector, "raw-material costs"),
        )
        others = [co for co in covered if co[1] != sector]
        name2, sector2, hq2, _ = rng.choice(others)
        c.update(
            co2=name2,
            co2_desc=f"the {hq2}-based {SECTORS[sector2][1]}",
            sector2=SECTORS[sector2][0],
            sector2_plural=SECTORS[sector2][2],
        )
        peers = [co[0] for co in covered if co[1] == sector and co[0] != name]
        if peers:
            c["peer"] = rng.choice(peers)
    else:
        # Desks that cover no company still write about industries.
        sector = rng.choice(sorted(kind.sectors or desk.sectors or SECTORS))
        adj, noun, plural, product = SECTORS[sector]
        c.update(sector=adj, sector_noun=noun, sector_plural=plural, co_product=product)
        c["costs"] = COSTS.get(sector, "raw-material costs")

    # Politics: stable within a five-year term
    term = (year - 1997) // 5
    ruling = stable.pick(f"ruling:{term}", PARTIES)
    opposition = stable.pick(f"opposition:{term}", [p for p in PARTIES if p != ruling])
    c.update(party=ruling[0], party_abbr=ruling[1], opp=opposition[0], opp_abbr=opposition[1])
    leader = stable.name(f"leader:{term}")
    c.update(leader=leader, leader_last=leader.split(" ", 1)[1])
    ministries = [m for m in MINISTRIES if kind.ministries is None or m[0] in kind.ministries]
    title, noun_m = rng.choice(ministries)
    minister = stable.name(f"minister:{title}:{term}")
    c.update(
        minister=minister,
        minister_last=minister.split(" ", 1)[1],
        minister_title=f"{title} Minister",
        ministry_noun=f"the {noun_m} ministry",
    )
    # Start-ups: technology's
    if section == "technology":
        startups = [(s[1], s[2], s[0]) for s in STARTUPS if s[0] <= year] or [(STARTUPS[0][1], STARTUPS[0][2], year)]
        st_ = _pick(rng, startups, pins.get("startup"))
        c.update(startup=st_[0], product=st_[1], product_short=st_[1].split(" for ")[0])
        # "Founded … years ago": as long ago as the start-up was.
        c["founded_ago"] = _words(max(2, year - st_[2]))

    # People: a company's chief executive (for six years at a time) and a
    # start-up's founder are the same from story to story; the rest are fresh
    # for every article, all distinct within it, and none sharing a surname
    # with the named people.
    firsts = rng.sample(FIRST_NAMES, 14)
    named = {c["leader"], c["minister"]}
    if "co" in c:
        named.add(stable.name(f"ceo:{c['co']}:{year // 6}", _CHIEF_EXECUTIVES))
    if "startup" in c:
        named.add(stable.name(f"founder:{c['startup']}", _FOUNDERS))
    taken = {name.split(" ", 1)[1] for name in named}
    lasts = rng.sample([name for name in SURNAMES if name not in taken], 14)
    people = [f"{f} {s}" for f, s in zip(firsts, lasts)]
    if "co" in c:
        people[0] = stable.name(f"ceo:{c['co']}:{year // 6}", _CHIEF_EXECUTIVES)
        lasts[0] = people[0].split(" ", 1)[1]
    if "startup" in c:
        people[10] = stable.name(f"founder:{c['startup']}", _FOUNDERS)
        lasts[10] = people[10].split(" ", 1)[1]
    c.update(ceo=people[0], ceo_last=lasts[0], ceo_role=rng.choice(CEO_ROLES))
    c.update(analyst=people[1], analyst_last=lasts[1], analyst_role=rng.choice(ANALYST_ROLES))
    c.update(analyst2=people[2], analyst2_last=lasts[2])
    broker, broker2, broker3 = rng.sample(BROKERS, 3)
    c.update(broker=broker, broker2=broker2, analyst3=people[13], analyst3_last=lasts[13], broker3=broker3)
    c.update(
        economist=people[3],
        economist_last=lasts[3],
        economist_role=rng.choice(ECON_ROLES),
        bank=rng.choice(ECON_HOUSES),
    )
    c.update(
        economist2=people[4],
        economist2_last=lasts[4],
        university=rng.choice(UNIVERSITIES),
        pol_analyst=people[5],
        pol_analyst_last=lasts[5],
        voter=people[6],
        voter_last=lasts[6],
        activist=people[7],
        activist_last=lasts[7],
        state_fm=people[8],
        state_fm_last=lasts[8],
        mp=people[9],
        mp_last=lasts[9],
        founder=people[10],
        founder_last=lasts[10],
        vc_partner=people[11],
        vc_partner_last=lasts[11],
        exp_head=people[12],
        exp_head_last=lasts[12],
    )
    f_last = rng.choice(FOREIGN_LAST)
    c["f_analyst"] = f"{rng.choice(FOREIGN_FIRST)} {f_last}"
    c["f_analyst_last"] = f_last
    c["f_firm"] = rng.choice(FOREIGN_FIRMS)
    c["metro"] = rng.choice(METROS)

    c["infra"] = rng.choice(INFRA)
    c["turnout"] = str(rng.randint(58, 79))
    c["vote"] = rng.choice(("unanimous", "by a majority of five to one", "by a majority of four to two"))
    if section == "politics":
        c["bill"] = _pick(rng, [(b,) for b in BILLS], pins.get("bill"))[0]
        states = [s for s in STATES if s[0] <= year]
        st, st2 = rng.sample(states, 2)
        c.update(state=st[1], state_city=rng.choice(st[2]), state2=st2[1])
    c["assoc"] = rng.choice(EXPORT_COUNCILS)
    c["assoc2"] = rng.choice(CHAMBERS)
    c["assoc_it"] = rng.choice(IT_BODIES)

    # World
    if section == "world":
        fcb = rng.choice(FOREIGN_CENTRAL_BANKS)
        c.update(fcb=fcb[0], fcb_short=fcb[1], fcb_city=fcb[2], fcb_econ=fcb[3])
        partner = rng.choice(TRADE_PARTNERS)
        c.update(country=partner[0], country_h=partner[0].removeprefix("the "), fcity=partner[1])
        economy = rng.choice(FOREIGN_ECONOMIES)
        c.update(fcountry=economy[0], fcountry_city=economy[1])
        summit = rng.choice(SUMMITS)
        c.update(summit=summit[0], summit_short=summit[0][4:], summit_city=summit[1])
    c["oil_city"] = rng.choice(OIL_CITIES)
    client = rng.choice(CLIENTS)
    c.update(client=client[0], client_h=client[1])

    # Technology
    c["vc"] = rng.choice(VCS)
    c["tech_city"] = rng.choice(TECH_CITIES)
    c["topic"] = rng.choice([t for y, t in TOPICS if y <= year])
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
    c.update(
        listed=_group(listed),
        breadth_big=_group(big),
        breadth_small=_group(small),
        # Hedged here, so templates say "by {ratio} to one", never "by about {ratio}".
        ratio="nearly two" if ratio < 1.9 else ("about two" if ratio < 2.6 else "about three"),
    )
    nth = rng.randrange(len(ORDINALS))
    c["nth"] = ORDINALS[nth]
    weeks = rng.randint(3, 14)
    c["weeks"] = _words(weeks)
    c["weeks_n"] = str(weeks)
    c["months"] = _words(rng.randint(3, 18))
    c["n"] = _words(rng.randint(3, 9))
    c["n_states"] = _words(rng.randint(5, 12))
    c["n_firms"] = str(rng.randrange(120, 900, 10))
    c["years_ago"] = _words(rng.randint(2, 8))
    c["jobs"] = _group(rng.randrange(2_000, 25_000, 500))
    c["worry"] = rng.choice(WORRIES)
    c["driver"] = rng.choice(DRIVERS)
    c["event"] = rng.choice(EVENTS)
    c["regime"] = rng.choice(REGIMES)

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
