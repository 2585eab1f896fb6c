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

# (name, sector, headquarters, the desk that covers it). Each company is
# covered by one desk only, so a story never names a company that another
# desk's stories are about.
COMPANIES: tuple[tuple[str, str, str, str], ...] = (
    # Markets: results, share sales and the day's movers
    ("Konkan Commercial Bank", "banking", "Mumbai", "markets"),
    ("Narmada Trust Bank", "banking", "Indore", "markets"),
    ("Sahyadri Bank", "banking", "Pune", "markets"),
    ("Damodar Steel & Alloys", "steel", "Kolkata", "markets"),
    ("Raigad Ispat", "steel", "Mumbai", "markets"),
    ("Aravalli Cement Works", "cement", "Jaipur", "markets"),
    ("Shoreline Cements", "cement", "Chennai", "markets"),
    ("Pratap Motors", "autos", "Pune", "markets"),
    ("Velocita Auto", "autos", "Chennai", "markets"),
    ("Hemadri Pharma", "pharma", "Hyderabad", "markets"),
    ("Medora Life Sciences", "pharma", "Ahmedabad", "markets"),
    ("Harbour & Vale Consumer", "fmcg", "Mumbai", "markets"),
    ("Tulsi Home Brands", "fmcg", "Kolkata", "markets"),
    ("Meghdoot Power", "power", "New Delhi", "markets"),
    ("Suryakiran Energy", "power", "Ahmedabad", "markets"),
    ("Kutch Bay Refineries", "energy", "Ahmedabad", "markets"),
    ("Eastern Seaboard Petroleum", "energy", "Chennai", "markets"),
    ("Rangoli Realty", "realty", "Bengaluru", "markets"),
    ("Skyline Habitat", "realty", "Mumbai", "markets"),
    ("Navrang Speciality Chemicals", "chemicals", "Ahmedabad", "markets"),
    ("Palash Chemicals", "chemicals", "Vadodara", "markets"),
    ("Setu Freight & Logistics", "logistics", "Mumbai", "markets"),
    ("Chakravat Logistics", "logistics", "Chennai", "markets"),
    ("Prerna Finserv", "nbfc", "Chennai", "markets"),
    ("Lakshya Capital", "nbfc", "Mumbai", "markets"),
    ("Resham Textiles", "textiles", "Surat", "markets"),
    ("Kanchi Weaves", "textiles", "Coimbatore", "markets"),
    ("Dakshin Gramin Bank", "banking", "Thiruvananthapuram", "markets"),
    ("Vidarbha Steel Industries", "steel", "Nagpur", "markets"),
    ("Konark Cements", "cement", "Bhubaneswar", "markets"),
    ("Ranjit Tyres & Motors", "autos", "Ludhiana", "markets"),
    ("Sanjeevani Remedies", "pharma", "Vadodara", "markets"),
    ("Amrit Dairy Foods", "fmcg", "Lucknow", "markets"),
    ("Himgiri Hydro Power", "power", "Chandigarh", "markets"),
    ("Godavari Gas & Petrochemicals", "energy", "Visakhapatnam", "markets"),
    ("Banyan Tree Homes", "realty", "Hyderabad", "markets"),
    ("Indigo Coast Chemicals", "chemicals", "Mangaluru", "markets"),
    ("Ganga Inland Shipping", "logistics", "Kolkata", "markets"),
    ("Sakhi Microfinance", "nbfc", "Patna", "markets"),
    ("Bhadohi Carpets & Textiles", "textiles", "Varanasi", "markets"),
    ("Sahyog Auto Components", "autos", "Pune", "markets"),
    ("Pawan Wind Energy", "power", "Rajkot", "markets"),
    # Market analysis: the companies its research covers
    ("Godavari Gramin Bank", "banking", "Hyderabad", "market-analysis"),
    ("Malnad Cooperative Bank", "banking", "Mangaluru", "market-analysis"),
    ("Sindhu Wheels", "autos", "Gurugram", "market-analysis"),
    ("Kaveri Tractors", "autos", "Chennai", "market-analysis"),
    ("Nilgiri Therapeutics", "pharma", "Bengaluru", "market-analysis"),
    ("Ashvattha Biologics", "pharma", "Ahmedabad", "market-analysis"),
    ("Chandan Foods", "fmcg", "Kolkata", "market-analysis"),
    ("Mayur Personal Care", "fmcg", "Mumbai", "market-analysis"),
    ("Vindhya Cement", "cement", "Bhopal", "market-analysis"),
    ("Coromandel Building Materials", "cement", "Chennai", "market-analysis"),
    ("Sabarmati Polymers", "chemicals", "Ahmedabad", "market-analysis"),
    ("Kalinga Agrochem", "chemicals", "Bhubaneswar", "market-analysis"),
    ("Brahmaputra Hydro Power", "power", "Guwahati", "market-analysis"),
    ("Tapti Grid Energy", "power", "Surat", "market-analysis"),
    ("Ujjwal Home Finance", "nbfc", "New Delhi", "market-analysis"),
    ("Sarathi Vehicle Finance", "nbfc", "Chennai", "market-analysis"),
    ("Tamrapatra Metals", "steel", "Jamshedpur", "market-analysis"),
    ("Ispat Bharati", "steel", "Raipur", "market-analysis"),
    ("Neelkanth Realty", "realty", "Pune", "market-analysis"),
    ("Arihant Urban Developers", "realty", "Ahmedabad", "market-analysis"),
    ("Vahan Freight Solutions", "logistics", "Gurugram", "market-analysis"),
    ("Bandar Port Logistics", "logistics", "Kochi", "market-analysis"),
    ("Saurashtra Refining", "energy", "Jamnagar", "market-analysis"),
    ("Deccan Petro Products", "energy", "Hyderabad", "market-analysis"),
    # Technology: software services and telecoms
    ("Northwind Infotech", "it", "Bengaluru", "technology"),
    ("Vyom Digital Services", "it", "Pune", "technology"),
    ("Lattice Peak Technologies", "it", "Hyderabad", "technology"),
    ("Kestrel Softworks", "it", "Chennai", "technology"),
    ("Saptarishi Systems", "it", "Noida", "technology"),
    ("Bluejay Consulting Services", "it", "Kochi", "technology"),
    ("Meru Analytics", "it", "Pune", "technology"),
    ("Trikon Infosystems", "it", "Chennai", "technology"),
    ("Parijat Technologies", "it", "Hyderabad", "technology"),
    ("Sahyadri Software Labs", "it", "Bengaluru", "technology"),
    ("Megh Cloud Services", "it", "Gurugram", "technology"),
    ("Sanchar Wireless", "telecom", "Chennai", "technology"),
    ("Tarang Telecom", "telecom", "New Delhi", "technology"),
    ("Ekta Mobile Networks", "telecom", "Mumbai", "technology"),
    ("Dhwani Telelinks", "telecom", "Kolkata", "technology"),
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
# Where the economists quoted work: never a company a story is about.
ECON_HOUSES = (
    "Coastline Ratings", "Ashoka Research Partners", "the Bombay Institute of Applied Economics",
    "Vanguard Lane Economics", "Tidewater Securities", "Peepal Grove Securities", "Westbay Ratings",
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
    (1999, "Rangmanch Tickets", "online tickets for plays, concerts and cricket matches"),
    (2000, "Shaadi Setu", "online matchmaking for families in smaller towns"),
    (2007, "Patrika Digital", "online classified advertisements for used cars and homes"),
    (2011, "Chaiwala Commerce", "software that lets tea stalls and small cafes take orders online"),
    (2013, "Bunkar Bazaar", "an online market for handloom weavers"),
    (2015, "Kisan Drone Works", "drone spraying services for farmers"),
    (2015, "Nuska Care", "online consultations with doctors in smaller towns"),
    (2016, "Dukaan Khata", "credit ledgers on the phone for neighbourhood shops"),
    (2017, "Ghar Seva", "booking plumbers, electricians and carpenters online"),
    (2018, "Pathshala Live", "live online classes for competitive examinations"),
    (2020, "Sabzi Sandesa", "vegetable deliveries from farms to city homes within a day"),
    (2021, "Beema Saathi", "small insurance policies sold through village agents"),
    (2022, "Kavach Cloud", "security software for small businesses"),
    (2000, "Yatra Sahayak", "online bus and train bookings for pilgrims"),
    (2008, "Kitab Ghar", "second-hand textbooks sold online"),
    (2010, "Mandi Mobile", "crop prices sent to farmers' phones"),
    (2012, "Rozgar Setu", "job listings for delivery riders and drivers"),
    (2014, "Chhota Loan", "small loans for shopkeepers approved on the phone"),
    (2016, "Dhobi Direct", "laundry pick-up and delivery for apartment blocks"),
    (2017, "Vaidya Labs", "home collection of blood samples for tests"),
    (2019, "Bijli Box", "rooftop solar panels rented to homes"),
    (2021, "Gaadi Ghar", "used cars inspected and sold online"),
    (2023, "Bhasha AI", "voice assistants in Indian languages for banks"),
)
# (min year, topic)
TOPICS = (
    (1997, "software exports"), (1997, "satellite communications"), (1999, "internet services"),
    (2000, "e-commerce"), (2003, "broadband networks"), (2004, "outsourced business services"),
    (2008, "mobile internet"), (2010, "cloud computing"), (2012, "digital payments"),
    (2014, "data analytics"), (2017, "artificial intelligence"), (2019, "5G networks"),
    (2021, "semiconductor design"), (2023, "generative AI"),
)  # fmt: skip
# Cities an opinion column may take as its example.
METROS = (
    "Mumbai", "Bengaluru", "Chennai", "Hyderabad", "Kolkata", "Pune", "Ahmedabad", "Jaipur",
    "Lucknow", "Indore", "Patna", "Kochi", "Bhopal", "Surat", "Nagpur", "Guwahati",
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
    (2001, "Jharkhand", ("Ranchi", "Dhanbad", "Bokaro")),
    (2001, "Chhattisgarh", ("Raipur", "Bilaspur", "Durg")),
    (2001, "Uttarakhand", ("Dehradun", "Haridwar", "Haldwani")),
    (1997, "Himachal Pradesh", ("Shimla", "Mandi", "Dharamshala")),
    (1997, "Goa", ("Panaji", "Margao", "Vasco da Gama")),
    (1997, "Tripura", ("Agartala", "Udaipur", "Dharmanagar")),
    (1997, "Meghalaya", ("Shillong", "Tura", "Jowai")),
    (1997, "Manipur", ("Imphal", "Thoubal", "Churachandpur")),
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
    "Seeds and Plant Varieties Bill", "Public Procurement Transparency Bill", "Cold Chain Development Bill",
    "Insolvency Procedures (Amendment) Bill", "Electricity Tariffs Reform Bill", "Port Authorities Bill",
    "Forest Rights (Amendment) Bill", "Street Vendors Protection Bill", "Dam Safety (Amendment) Bill",
    "Apprenticeship Promotion Bill", "Rural Credit Cooperatives Bill", "National Logistics Corridors Bill",
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
    ("Peru", "Lima"), ("Kenya", "Nairobi"), ("Mexico", "Mexico City"), ("Norway", "Oslo"),
    ("the Philippines", "Manila"), ("Mauritius", "Port Louis"),
)  # fmt: skip
FOREIGN_ECONOMIES = (
    ("China", "Beijing"), ("Japan", "Tokyo"), ("Germany", "Berlin"), ("Britain", "London"),
    ("South Korea", "Seoul"), ("Indonesia", "Jakarta"), ("Singapore", "Singapore"), ("Thailand", "Bangkok"),
    ("Vietnam", "Hanoi"), ("Malaysia", "Kuala Lumpur"), ("France", "Paris"), ("Brazil", "Brasilia"),
)  # fmt: skip
OIL_CITIES = ("London", "Singapore", "Dubai")
SUMMITS = (
    ("the Indo-Pacific Economic Forum", "Singapore"), ("the Asia-Europe Business Dialogue", "Brussels"),
    ("the Global Infrastructure Summit", "Tokyo"), ("the Gulf-Asia Investment Conference", "Dubai"),
    ("the Bay of Bengal Trade Conference", "Jakarta"), ("the Commonwealth Trade Forum", "London"),
    ("the Indian Ocean Ports Forum", "Colombo"), ("the Clean Energy Investors' Meeting", "Abu Dhabi"),
    ("the Africa-Asia Trade Week", "Nairobi"), ("the Critical Minerals Dialogue", "Canberra"),
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
