"""The words every desk's templates are filled with: companies, people,
parties, places, institutions and the calendar.

Everything fictional except geography and institutions.
"""

# sector key: (adjective, singular noun, plural noun, what they sell)
SECTORS: dict[str, tuple[str, str, str, str]] = {
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
COMPANIES: tuple[tuple[str, str, str], ...] = (
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
COSTS = {
    "banking": "funding costs",
    "nbfc": "borrowing costs",
    "it": "wage costs",
    "telecom": "network costs",
    "realty": "construction costs",
    "logistics": "fuel costs",
    "energy": "crude oil costs",
    "power": "fuel costs",
}
MANUFACTURING = ("steel", "cement", "autos", "pharma", "chemicals", "textiles", "fmcg", "power")

FIRST_NAMES = (
    "Anirban", "Bhaskar", "Charulata", "Dhruv", "Eshwar", "Gayatri", "Hemant", "Ira", "Jaideep",
    "Kalyani", "Lalit", "Madhavi", "Nikhil", "Omkar", "Pallavi", "Rajeev", "Sunanda", "Tanvi",
    "Uday", "Vasudha", "Yamini", "Zubin", "Farida", "Naseer", "Tenzin", "Celine", "Anselm",
    "Gurleen", "Harpreet", "Kunal", "Ritu", "Sudhir", "Shreya", "Varun", "Aditi", "Karthik",
    "Lakshmi", "Sameer", "Nazia", "Devika", "Arjun", "Malini", "Prasanna", "Rehana", "Suresh",
    "Vandana", "Girish", "Mitali",
)  # fmt: skip
SURNAMES = (
    "Acharya", "Bhonsle", "Chitnis", "Deshpande", "Hegde", "Iyengar", "Jagtap", "Kaul", "Mahajan",
    "Nair", "Pillai", "Qazi", "Rathore", "Saxena", "Talwar", "Upadhyay", "Venkatesan", "Wadhwa",
    "Zutshi", "Bhardwaj", "Chaturvedi", "Dhillon", "Mukherjee", "Banerjee", "Bose", "Naidu",
    "Menon", "Kurian", "D'Souza", "Pinto", "Sodhi", "Bakshi", "Sehgal", "Khanna", "Mehra",
    "Sinha", "Tripathi", "Dutta", "Mitra", "Sarkar", "Gokarn", "Lobo", "Bhatia", "Karnik",
    "Ranade", "Sengupta", "Thakur", "Ahluwalia",
)  # fmt: skip
FOREIGN_FIRST = (
    "Claire", "Martin", "Hiroshi", "Mei", "Daniel", "Sophie", "Tomasz", "Ingrid", "Rafael",
    "Aiko", "Graham", "Nadia", "Omar", "Helena", "Pieter", "Lucas", "Amara", "Fiona",
)  # fmt: skip
FOREIGN_LAST = (
    "Whitcombe", "Hallorand", "Lindqvist", "Okafor", "Brennan", "Moreau", "Castellanos",
    "Weissmann", "Fairclough", "Van Rooyen", "Haddad", "Sorensen", "Aldridge", "Kowalczyk",
    "Tanabe", "Ashworth", "Delacroix", "Mbeki-Hart",
)  # fmt: skip

BROKERS = (
    "Peepal Grove Securities", "Tidewater Securities", "Northgate Broking", "Indus Ridge Capital",
    "Ashoka Equity Research", "Malabar Hill Advisors", "Chowpatty Capital", "Banganga Securities",
    "Laburnum Wealth", "Arcadia Institutional Equities",
)  # fmt: skip
ANALYST_ROLES = (
    "head of research", "chief investment strategist", "head of equity research",
    "director of research", "senior vice-president for institutional equities", "chief market strategist",
)  # fmt: skip
ECON_HOUSES = (
    "Konkan Commercial Bank", "Narmada Trust Bank", "Sahyadri Bank", "Malabar Hill Advisors",
    "Coastline Ratings", "Indus Ridge Capital", "Ashoka Research Partners",
)  # fmt: skip
ECON_ROLES = ("chief economist", "senior economist", "head of economic research", "lead economist")
CEO_ROLES = ("chief executive", "managing director", "chairman and managing director", "chief executive")
UNIVERSITIES = (
    "the Deccan Institute of Economics", "the Eastern School of Public Policy",
    "the Narmada School of Management", "the Institute for Federal Studies",
    "the Coromandel Centre for Policy Research",
)  # fmt: skip
EXPORT_COUNCILS = (
    "Western India Exporters' Council", "Southern Engineering Exporters' Association",
    "All-India Garment Exporters' Forum", "Federation of Coastal Exporters",
)  # fmt: skip
CHAMBERS = (
    "the National Forum of Manufacturers", "the Eastern Chamber of Industry and Trade",
    "the Western India Industries Association", "the Council of Small and Medium Enterprises",
)  # fmt: skip
IT_BODIES = ("the Indian Software and Services Council", "the Digital Economy Forum of India")
FOREIGN_FIRMS = (
    "Harbourline Research", "Northbridge Commodities", "Calder & Finch Advisory", "Stratus Markets",
    "Pemberton Asset Management", "Eastgate Capital",
)  # fmt: skip
VCS = (
    "Lotus Pond Capital", "Mangrove Ventures", "Stepwell Partners", "Deccan Plateau Ventures",
    "Kiln Ventures", "Saffron Gate Capital",
)  # fmt: skip

# (min year, name, what it does)
STARTUPS = (
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
TOPICS = (
    (1997, "software exports"), (1997, "satellite communications"), (1999, "internet services"),
    (2000, "e-commerce"), (2003, "broadband networks"), (2004, "outsourced business services"),
    (2008, "mobile internet"), (2010, "cloud computing"), (2012, "digital payments"),
    (2014, "data analytics"), (2017, "artificial intelligence"), (2019, "5G networks"),
    (2021, "semiconductor design"), (2023, "generative AI"),
)  # fmt: skip
TECH_CITIES = ("Bengaluru", "Bengaluru", "Hyderabad", "Pune", "Chennai", "Gurugram")
CLIENTS = (
    ("a European insurer", "European insurer"), ("a US retail chain", "US retailer"),
    ("a Nordic telecom operator", "Nordic telecom group"), ("a Japanese carmaker", "Japanese carmaker"),
    ("an Australian bank", "Australian bank"), ("a British utility", "British utility"),
    ("a Canadian pension fund", "Canadian pension fund"), ("a German logistics group", "German logistics group"),
)  # fmt: skip

# (min year, state, cities)
STATES = (
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
RENAMES = (
    ("Bengaluru", "Bangalore", 2014), ("Mysuru", "Mysore", 2014), ("Hubballi", "Hubli", 2014),
    ("Mangaluru", "Mangalore", 2014), ("Kolkata", "Calcutta", 2001), ("Gurugram", "Gurgaon", 2016),
    ("Odisha", "Orissa", 2011),
)  # fmt: skip

PARTIES = (
    ("National Progressive Front", "NPF"), ("Jan Unnati Party", "JUP"),
    ("Lok Samriddhi Party", "LSP"), ("United Federal Alliance", "UFA"),
)  # fmt: skip
MINISTRIES = (
    ("Finance", "finance"), ("Commerce", "commerce"), ("Power", "power"),
    ("Road Transport", "road transport"), ("Telecommunications", "telecommunications"),
    ("Corporate Affairs", "corporate affairs"), ("Petroleum", "petroleum"), ("Railways", "railways"),
    ("Heavy Industries", "heavy industries"),
)  # fmt: skip
BILLS = (
    "Coastal Shipping (Amendment) Bill", "Digital Trade Facilitation Bill", "Warehousing Receipts Bill",
    "Urban Land Records Bill", "Mineral Auctions (Amendment) Bill", "Consumer Credit Protection Bill",
    "Power Distribution Reform Bill", "Commercial Courts (Second Amendment) Bill",
    "Inland Waterways Authority Bill", "Small Enterprises Facilitation Bill",
)  # fmt: skip
INFRA = (
    "the country's freight rail network", "port connectivity along the eastern coast",
    "urban water supply networks", "rural roads in hilly districts", "inter-state power transmission lines",
    "inland waterways", "district hospitals",
)  # fmt: skip

# (bank, short name, city, economy)
FOREIGN_CENTRAL_BANKS = (
    ("the US Federal Reserve", "Fed", "Washington", "the US economy"),
    ("the European Central Bank", "ECB", "Frankfurt", "the euro-zone economy"),
    ("the Bank of England", "Bank of England", "London", "the British economy"),
    ("the Bank of Japan", "Bank of Japan", "Tokyo", "the Japanese economy"),
)
TRADE_PARTNERS = (
    ("Britain", "London"), ("the European Union", "Brussels"), ("Australia", "Canberra"),
    ("Canada", "Ottawa"), ("New Zealand", "Wellington"), ("Oman", "Muscat"), ("Chile", "Santiago"),
    ("Indonesia", "Jakarta"), ("South Korea", "Seoul"), ("Switzerland", "Geneva"),
)  # fmt: skip
FOREIGN_ECONOMIES = (
    ("China", "Beijing"), ("Japan", "Tokyo"), ("Germany", "Berlin"), ("Britain", "London"),
    ("South Korea", "Seoul"), ("Indonesia", "Jakarta"), ("Singapore", "Singapore"), ("Thailand", "Bangkok"),
)  # fmt: skip
OIL_CITIES = ("London", "Singapore", "Dubai")
SUMMITS = (
    ("the Indo-Pacific Economic Forum", "Singapore"), ("the Asia-Europe Business Dialogue", "Brussels"),
    ("the Global Infrastructure Summit", "Tokyo"), ("the Gulf-Asia Investment Conference", "Dubai"),
    ("the Bay of Bengal Trade Conference", "Jakarta"), ("the Commonwealth Trade Forum", "London"),
)  # fmt: skip

WORRIES = (
    "rising bond yields in the United States", "a weak monsoon forecast", "a stronger dollar",
    "slowing global growth", "elevated crude oil prices", "stretched valuations in mid-sized companies",
    "sticky food inflation", "the government's borrowing plans", "weaker-than-expected corporate earnings",
)  # fmt: skip
DRIVERS = (
    "quarterly earnings and foreign fund flows", "the monsoon and its effect on rural demand",
    "the direction of global interest rates", "crude oil prices and the rupee",
    "the central bank's next policy review", "the pace of government capital spending",
)  # fmt: skip
EVENTS = (
    "the central bank's policy review", "the monthly expiry of derivatives contracts",
    "inflation data due later in the week", "a heavy calendar of quarterly results",
    "the government's mid-year economic review",
)  # fmt: skip
REGIMES = ("range-bound", "late-cycle", "rate-cutting", "low-return", "stock-picker's")

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
QUARTERS = ("January-March", "April-June", "July-September", "October-December")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
