"""Place-name tables for location parsing: countries (ISO 3166-1 alpha-2), US states,
Canadian provinces and a few cities that sources give without a country."""

from __future__ import annotations

_COUNTRIES = """
AD Andorra|AE United Arab Emirates,UAE|AF Afghanistan|AL Albania|AM Armenia|AO Angola
AR Argentina|AT Austria,Österreich|AU Australia|AZ Azerbaijan|BA Bosnia and Herzegovina
BD Bangladesh|BE Belgium,België,Belgique|BG Bulgaria|BH Bahrain|BO Bolivia|BR Brazil,Brasil
BS Bahamas|BW Botswana|BY Belarus|CA Canada|CH Switzerland,Schweiz,Suisse
CI Ivory Coast,Côte d'Ivoire|CL Chile|CM Cameroon|CN China,PRC|CO Colombia|CR Costa Rica
CU Cuba|CY Cyprus
CZ Czech Republic,Czechia|DE Germany,Deutschland|DK Denmark,Danmark|DO Dominican Republic
DZ Algeria|EC Ecuador|EE Estonia|EG Egypt|ES Spain,España|ET Ethiopia|FI Finland,Suomi
FR France|GB United Kingdom,UK,U.K.,Great Britain,Britain,England,Scotland,Wales,Northern Ireland
GE Georgia (country)|GH Ghana|GR Greece|GT Guatemala|HK Hong Kong|HN Honduras|HR Croatia
HU Hungary|ID Indonesia|IE Ireland|IL Israel|IN India|IQ Iraq|IR Iran|IS Iceland|IT Italy,Italia
JM Jamaica|JO Jordan|JP Japan|KE Kenya|KH Cambodia|KR South Korea,Korea,Republic of Korea
KW Kuwait|KZ Kazakhstan|LB Lebanon|LK Sri Lanka|LT Lithuania|LU Luxembourg|LV Latvia
MA Morocco|MD Moldova|ME Montenegro|MK North Macedonia|MM Myanmar|MN Mongolia|MT Malta
MU Mauritius|MX Mexico,México|MY Malaysia|MZ Mozambique|NA Namibia|NG Nigeria|NI Nicaragua
NL Netherlands,The Netherlands,Holland,Nederland|NO Norway,Norge|NP Nepal|NZ New Zealand
OM Oman|PA Panama|PE Peru|PH Philippines|PK Pakistan|PL Poland,Polska|PR Puerto Rico
PT Portugal|PY Paraguay|QA Qatar|RO Romania|RS Serbia|RU Russia,Russian Federation|RW Rwanda
SA Saudi Arabia|SE Sweden,Sverige|SG Singapore|SI Slovenia|SK Slovakia|SN Senegal
SV El Salvador|TH Thailand|TN Tunisia|TR Turkey,Türkiye|TT Trinidad and Tobago|TW Taiwan
TZ Tanzania|UA Ukraine|UG Uganda|US United States,United States of America,USA,U.S.,U.S.A.,America
UY Uruguay|UZ Uzbekistan|VE Venezuela|VN Vietnam,Viet Nam|ZA South Africa|ZM Zambia|ZW Zimbabwe
"""

_US_STATES = """
AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut
DE Delaware|DC District of Columbia,Washington DC,Washington D.C.|FL Florida|GA Georgia
HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine
MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana
NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina
ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|RI Rhode Island|SC South Carolina
SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|WA Washington
WV West Virginia|WI Wisconsin|WY Wyoming
"""

_CA_PROVINCES = """
AB Alberta|BC British Columbia|MB Manitoba|NB New Brunswick|NL Newfoundland and Labrador
NS Nova Scotia|ON Ontario|PE Prince Edward Island|QC Quebec,Québec|SK Saskatchewan
"""

#: Cities that postings often name alone ("Boston", "London"): city -> (region, country).
_CITIES = """
New York City,NYC:NY:US|San Francisco,SF:CA:US|Los Angeles:CA:US|Boston:MA:US|Chicago:IL:US
Seattle:WA:US|Austin:TX:US|Palo Alto:CA:US|Mountain View:CA:US|Menlo Park:CA:US
San Jose:CA:US|Denver:CO:US|Atlanta:GA:US|Miami:FL:US|London::GB|Paris::FR|Berlin::DE
Munich,München::DE|Hamburg::DE|Amsterdam::NL|Dublin::IE|Madrid::ES|Barcelona::ES|Lisbon::PT
Zurich,Zürich::CH|Stockholm::SE|Copenhagen::DK|Warsaw::PL|Toronto:ON:CA|Vancouver:BC:CA
Montreal,Montréal:QC:CA|Bangalore,Bengaluru::IN|Hyderabad::IN|Mumbai::IN|Pune::IN
New Delhi,Delhi::IN|Singapore::SG|Tokyo::JP|Sydney:NSW:AU|Melbourne:VIC:AU|Tel Aviv::IL
"""


def _table(text: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in text.strip().splitlines():
        for entry in line.split("|"):
            code, names = entry.split(" ", 1)
            for name in names.split(","):
                table[fold(name.replace(" (country)", ""))] = code
            if "(country)" not in names:
                table.setdefault(fold(code), code)
    return table


def fold(text: str) -> str:
    """Lowercase with dots and spare spaces removed, for table look-ups."""
    return " ".join(text.replace(".", "").lower().split())


COUNTRY_BY_NAME = _table(_COUNTRIES)
COUNTRY_BY_NAME.pop("georgia", None)  # a US state far more often than the country here
US_STATE_BY_NAME = _table(_US_STATES)
CA_PROVINCE_BY_NAME = _table(_CA_PROVINCES)
COUNTRY_CODES = frozenset(COUNTRY_BY_NAME.values())


def _cities(text: str) -> dict[str, tuple[str, str | None, str]]:
    table: dict[str, tuple[str, str | None, str]] = {}
    for line in text.strip().splitlines():
        for entry in line.split("|"):
            names, region, country = entry.split(":")
            canonical = names.split(",")[0]
            for name in names.split(","):
                table[fold(name)] = (canonical, region or None, country)
    return table


CITY_BY_NAME = _cities(_CITIES)
