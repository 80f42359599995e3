"""Countries, organisations, capitals and institution metonyms: the names the pipeline resolves.

Kept as compact text tables (one entry per line, `|`-separated) so that adding an alias is a
one-line data change. Capitals are places, never country aliases: "Washington" is a city (and a
metonym for the US government only where an institution table says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

# Canonical name | aliases and demonyms (adjective and plural forms).
_COUNTRY_TABLE = """
Afghanistan|Afghan|Afghans|Islamic Emirate of Afghanistan
Albania|Albanian|Albanians
Algeria|Algerian|Algerians
Andorra|Andorran|Andorrans
Angola|Angolan|Angolans
Antigua and Barbuda|Antiguan|Antiguans
Argentina|Argentine|Argentinian|Argentines|Argentinians
Armenia|Armenian|Armenians
Australia|Australian|Australians
Austria|Austrian|Austrians
Azerbaijan|Azerbaijani|Azerbaijanis|Azeri|Azeris
Bahamas|The Bahamas|Bahamian|Bahamians
Bahrain|Bahraini|Bahrainis
Bangladesh|Bangladeshi|Bangladeshis
Barbados|Barbadian|Barbadians
Belarus|Belarusian|Belarusians|Byelorussia|Belorussian
Belgium|Belgian|Belgians
Belize|Belizean|Belizeans
Benin|Beninese
Bhutan|Bhutanese
Bolivia|Bolivian|Bolivians
Bosnia and Herzegovina|Bosnia|Bosnian|Bosnians|Bosnia-Herzegovina
Botswana|Motswana|Batswana
Brazil|Brazilian|Brazilians
Brunei|Bruneian|Bruneians
Bulgaria|Bulgarian|Bulgarians
Burkina Faso|Burkinabe|Burkinabé
Burundi|Burundian|Burundians
Cabo Verde|Cape Verde|Cape Verdean|Cape Verdeans
Cambodia|Cambodian|Cambodians
Cameroon|Cameroonian|Cameroonians
Canada|Canadian|Canadians
Central African Republic|CAR|Central African
Chad|Chadian|Chadians
Chile|Chilean|Chileans
China|Chinese|People's Republic of China|PRC
Colombia|Colombian|Colombians
Comoros|Comoran|Comorian
Congo|Republic of the Congo|Congo-Brazzaville|Congolese
Democratic Republic of the Congo|DRC|DR Congo|Congo-Kinshasa
Costa Rica|Costa Rican|Costa Ricans
Cote d'Ivoire|Côte d'Ivoire|Ivory Coast|Ivorian|Ivorians
Croatia|Croatian|Croatians|Croat|Croats
Cuba|Cuban|Cubans
Cyprus|Cypriot|Cypriots
Czech Republic|Czechia|Czech|Czechs
Denmark|Danish|Dane|Danes
Djibouti|Djiboutian|Djiboutians
Dominica|Dominican
Dominican Republic|Dominicans
Ecuador|Ecuadorian|Ecuadorians|Ecuadorean
Egypt|Egyptian|Egyptians
El Salvador|Salvadoran|Salvadorans|Salvadorean
Equatorial Guinea|Equatoguinean|Equatorial Guinean
Eritrea|Eritrean|Eritreans
Estonia|Estonian|Estonians
Eswatini|Swaziland|Swazi|Swazis
Ethiopia|Ethiopian|Ethiopians
Fiji|Fijian|Fijians
Finland|Finnish|Finn|Finns
France|French|Frenchman|Frenchmen
Gabon|Gabonese
Gambia|The Gambia|Gambian|Gambians
Georgia|Georgian|Georgians
Germany|German|Germans|FRG
Ghana|Ghanaian|Ghanaians
Greece|Greek|Greeks|Hellenic Republic
Grenada|Grenadian|Grenadians
Guatemala|Guatemalan|Guatemalans
Guinea|Guinean|Guineans
Guinea-Bissau|Bissau-Guinean
Guyana|Guyanese
Haiti|Haitian|Haitians
Honduras|Honduran|Hondurans
Hungary|Hungarian|Hungarians
Iceland|Icelandic|Icelander|Icelanders
India|Indian|Indians
Indonesia|Indonesian|Indonesians
Iran|Iranian|Iranians|Islamic Republic of Iran|Persia
Iraq|Iraqi|Iraqis
Ireland|Irish|Republic of Ireland
Israel|Israeli|Israelis
Italy|Italian|Italians
Jamaica|Jamaican|Jamaicans
Japan|Japanese
Jordan|Jordanian|Jordanians
Kazakhstan|Kazakh|Kazakhs|Kazakhstani
Kenya|Kenyan|Kenyans
Kiribati|I-Kiribati
Kuwait|Kuwaiti|Kuwaitis
Kyrgyzstan|Kyrgyz|Kirghiz|Kyrgyzstani
Laos|Lao|Laotian|Laotians
Latvia|Latvian|Latvians
Lebanon|Lebanese
Lesotho|Basotho|Mosotho
Liberia|Liberian|Liberians
Libya|Libyan|Libyans
Liechtenstein|Liechtensteiner
Lithuania|Lithuanian|Lithuanians
Luxembourg|Luxembourgish|Luxembourger|Luxembourgers
Madagascar|Malagasy
Malawi|Malawian|Malawians
Malaysia|Malaysian|Malaysians
Maldives|Maldivian|Maldivians
Mali|Malian|Malians
Malta|Maltese
Marshall Islands|Marshallese
Mauritania|Mauritanian|Mauritanians
Mauritius|Mauritian|Mauritians
Mexico|Mexican|Mexicans
Micronesia|Micronesian
Moldova|Moldovan|Moldovans
Monaco|Monegasque|Monacan
Mongolia|Mongolian|Mongolians
Montenegro|Montenegrin|Montenegrins
Morocco|Moroccan|Moroccans
Mozambique|Mozambican|Mozambicans
Myanmar|Burma|Burmese|Myanmarese
Namibia|Namibian|Namibians
Nauru|Nauruan|Nauruans
Nepal|Nepali|Nepalese|Nepalis
Netherlands|The Netherlands|Holland|Dutch
New Zealand|New Zealander|New Zealanders|Kiwi
Nicaragua|Nicaraguan|Nicaraguans
Niger|Nigerien|Nigeriens
Nigeria|Nigerian|Nigerians
North Korea|DPRK|Democratic People's Republic of Korea|North Korean|North Koreans|Pyongyang's
North Macedonia|Macedonia|Macedonian|Macedonians
Norway|Norwegian|Norwegians
Oman|Omani|Omanis
Pakistan|Pakistani|Pakistanis
Palau|Palauan
Palestine|State of Palestine|Palestinian|Palestinians|Palestinian Authority|PA
Panama|Panamanian|Panamanians
Papua New Guinea|PNG|Papua New Guinean
Paraguay|Paraguayan|Paraguayans
Peru|Peruvian|Peruvians
Philippines|The Philippines|Philippine|Filipino|Filipinos
Poland|Polish|Pole|Poles
Portugal|Portuguese
Qatar|Qatari|Qataris
Romania|Romanian|Romanians
Russia|Russian|Russians|Russian Federation
Rwanda|Rwandan|Rwandans
Saint Kitts and Nevis|Kittitian|Nevisian
Saint Lucia|Saint Lucian|St Lucia
Saint Vincent and the Grenadines|Vincentian
Samoa|Samoan|Samoans
San Marino|Sammarinese
Sao Tome and Principe|São Tomé and Príncipe|Santomean
Saudi Arabia|Saudi|Saudis|Saudi Arabian|Kingdom of Saudi Arabia|KSA
Senegal|Senegalese
Serbia|Serbian|Serbians|Serb|Serbs
Seychelles|Seychellois
Sierra Leone|Sierra Leonean|Sierra Leoneans
Singapore|Singaporean|Singaporeans
Slovakia|Slovak|Slovaks|Slovakian
Slovenia|Slovenian|Slovenians|Slovene|Slovenes
Solomon Islands|Solomon Islander
Somalia|Somali|Somalis
South Africa|South African|South Africans
South Korea|Republic of Korea|ROK|Korea|South Korean|South Koreans|Korean|Koreans
South Sudan|South Sudanese
Spain|Spanish|Spaniard|Spaniards
Sri Lanka|Sri Lankan|Sri Lankans
Sudan|Sudanese
Suriname|Surinamese
Sweden|Swedish|Swede|Swedes
Switzerland|Swiss
Syria|Syrian|Syrians
Tajikistan|Tajik|Tajiks|Tajikistani
Tanzania|Tanzanian|Tanzanians
Thailand|Thai|Thais
Timor-Leste|East Timor|Timorese
Togo|Togolese
Tonga|Tongan|Tongans
Trinidad and Tobago|Trinidadian|Tobagonian
Tunisia|Tunisian|Tunisians
Turkey|Türkiye|Turkish|Turk|Turks
Turkmenistan|Turkmen|Turkmens
Tuvalu|Tuvaluan
Uganda|Ugandan|Ugandans
Ukraine|Ukrainian|Ukrainians|the Ukraine
United Arab Emirates|UAE|Emirati|Emiratis|the Emirates
United Kingdom|UK|U.K.|Britain|Great Britain|British|Briton|Britons
United States|US|U.S.|USA|U.S.A.|United States of America|America|American|Americans
Uruguay|Uruguayan|Uruguayans
Uzbekistan|Uzbek|Uzbeks|Uzbekistani
Vanuatu|Ni-Vanuatu
Vatican|Holy See|Vatican City
Venezuela|Venezuelan|Venezuelans
Vietnam|Viet Nam|Vietnamese
Yemen|Yemeni|Yemenis
Zambia|Zambian|Zambians
Zimbabwe|Zimbabwean|Zimbabweans
Taiwan|Taiwanese|Republic of China|Chinese Taipei
Kosovo|Kosovar|Kosovars|Kosovan
"""

# Canonical acronym or name | aliases.
_ORG_TABLE = """
NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|North Atlantic Alliance
United Nations|UN|U.N.|the United Nations
UN Security Council|Security Council|UNSC|U.N. Security Council
UN General Assembly|General Assembly|UNGA
European Union|EU|E.U.|the European Union
European Commission|the Commission|EC
European Council
European Parliament
OSCE|Organization for Security and Co-operation in Europe
OSCE|Organization for Security and Cooperation in Europe
ASEAN|Association of Southeast Asian Nations
G7|G-7|Group of Seven
G20|G-20|Group of Twenty|Group of 20
BRICS
IAEA|International Atomic Energy Agency
WHO|World Health Organization|World Health Organisation
OPEC|Organization of the Petroleum Exporting Countries
OPEC+|OPEC Plus
African Union|AU
Arab League|League of Arab States
Council of Europe
CSTO|Collective Security Treaty Organization
SCO|Shanghai Cooperation Organisation|Shanghai Cooperation Organization
Commonwealth of Independent States|CIS
Eurasian Economic Union|EAEU
Gulf Cooperation Council|GCC
ECOWAS|Economic Community of West African States
Organization of American States|OAS
International Monetary Fund|IMF
World Bank
World Trade Organization|WTO
International Criminal Court|ICC
International Court of Justice|ICJ
Red Cross|ICRC|International Committee of the Red Cross
UNHCR|UN refugee agency
UNICEF
Quad|Quadrilateral Security Dialogue
AUKUS
Hamas
Hezbollah
Taliban
"""

# Capital (and seat-of-government) city | country. Places, not aliases.
_CAPITAL_TABLE = """
Dakar|Senegal
Accra|Ghana
Kigali|Rwanda
Kinshasa|Democratic Republic of the Congo
Luanda|Angola
Buenos Aires|Argentina
Lusaka|Zambia
Maputo|Mozambique
Dodoma|Tanzania
Kampala|Uganda
Mogadishu|Somalia
Bamako|Mali
Niamey|Niger
Ouagadougou|Burkina Faso
N'Djamena|Chad
Ndjamena|Chad
Dhaka|Bangladesh
Colombo|Sri Lanka
Kathmandu|Nepal
Thimphu|Bhutan
Nouakchott|Mauritania
Conakry|Guinea
Freetown|Sierra Leone
Monrovia|Liberia
Lome|Togo
Porto-Novo|Benin
Yaounde|Cameroon
Libreville|Gabon
Malabo|Equatorial Guinea
Bangui|Central African Republic
Juba|South Sudan
Asmara|Eritrea
Gitega|Burundi
Lilongwe|Malawi
Gaborone|Botswana
Windhoek|Namibia
Maseru|Lesotho
Mbabane|Eswatini
Antananarivo|Madagascar
Port Louis|Mauritius
Moroni|Comoros
Bissau|Guinea-Bissau
Banjul|Gambia
Sao Tome|Sao Tome and Principe
Montevideo|Uruguay
Asuncion|Paraguay
La Paz|Bolivia
Sucre|Bolivia
Quito|Ecuador
Paramaribo|Suriname
Panama City|Panama
Managua|Nicaragua
Tegucigalpa|Honduras
San Salvador|El Salvador
Guatemala City|Guatemala
Belmopan|Belize
Santo Domingo|Dominican Republic
Port-au-Prince|Haiti
Kingston|Jamaica
Port of Spain|Trinidad and Tobago
Nassau|Bahamas
Bridgetown|Barbados
Vientiane|Laos
Phnom Penh|Cambodia
Bandar Seri Begawan|Brunei
Dili|Timor-Leste
Port Moresby|Papua New Guinea
Suva|Fiji
Honiara|Solomon Islands
Port Vila|Vanuatu
Apia|Samoa
Nuku'alofa|Tonga
Manama|Bahrain
Aden|Yemen
Valletta|Malta
Andorra la Vella|Andorra
Vaduz|Liechtenstein
Brazzaville|Congo
Yamoussoukro|Cote d'Ivoire
Praia|Cabo Verde
Kabul|Afghanistan
Tirana|Albania
Algiers|Algeria
Yerevan|Armenia
Canberra|Australia
Vienna|Austria
Baku|Azerbaijan
Minsk|Belarus
Brussels|Belgium
Sarajevo|Bosnia and Herzegovina
Brasilia|Brazil
Sofia|Bulgaria
Ottawa|Canada
Santiago|Chile
Beijing|China
Bogota|Colombia
Zagreb|Croatia
Havana|Cuba
Nicosia|Cyprus
Prague|Czech Republic
Copenhagen|Denmark
Cairo|Egypt
Tallinn|Estonia
Addis Ababa|Ethiopia
Helsinki|Finland
Paris|France
Tbilisi|Georgia
Berlin|Germany
Athens|Greece
Budapest|Hungary
Reykjavik|Iceland
New Delhi|India
Jakarta|Indonesia
Tehran|Iran
Baghdad|Iraq
Dublin|Ireland
Jerusalem|Israel
Rome|Italy
Tokyo|Japan
Amman|Jordan
Astana|Kazakhstan
Nairobi|Kenya
Pristina|Kosovo
Kuwait City|Kuwait
Bishkek|Kyrgyzstan
Riga|Latvia
Beirut|Lebanon
Tripoli|Libya
Vilnius|Lithuania
Luxembourg City|Luxembourg
Kuala Lumpur|Malaysia
Mexico City|Mexico
Chisinau|Moldova
Ulaanbaatar|Mongolia
Podgorica|Montenegro
Rabat|Morocco
Naypyidaw|Myanmar
Amsterdam|Netherlands
The Hague|Netherlands
Wellington|New Zealand
Abuja|Nigeria
Pyongyang|North Korea
Skopje|North Macedonia
Oslo|Norway
Muscat|Oman
Islamabad|Pakistan
Ramallah|Palestine
Lima|Peru
Manila|Philippines
Warsaw|Poland
Lisbon|Portugal
Doha|Qatar
Bucharest|Romania
Moscow|Russia
Riyadh|Saudi Arabia
Belgrade|Serbia
Singapore|Singapore
Bratislava|Slovakia
Ljubljana|Slovenia
Pretoria|South Africa
Seoul|South Korea
Madrid|Spain
Khartoum|Sudan
Stockholm|Sweden
Bern|Switzerland
Damascus|Syria
Taipei|Taiwan
Dushanbe|Tajikistan
Bangkok|Thailand
Tunis|Tunisia
Ankara|Turkey
Ashgabat|Turkmenistan
Kyiv|Ukraine
Kiev|Ukraine
Abu Dhabi|United Arab Emirates
London|United Kingdom
Washington|United States
Washington, D.C.|United States
Tashkent|Uzbekistan
Caracas|Venezuela
Hanoi|Vietnam
Sanaa|Yemen
Harare|Zimbabwe
"""

# Institution metonym | country or organisation it speaks for. Lower-case lookup, no "the".
_INSTITUTION_TABLE = """
Kremlin|Russia
White House|United States
State Department|United States
Pentagon|United States
Department of State|United States
Downing Street|United Kingdom
Number 10|United Kingdom
Foreign Office|United Kingdom
Whitehall|United Kingdom
Elysee|France
Élysée|France
Elysee Palace|France
Quai d'Orsay|France
Chancellery|Germany
Zhongnanhai|China
Blue House|South Korea
Bankova|Ukraine
Smolensk Square|Russia
Foggy Bottom|United States
Knesset|Israel
"""


def _parse(table: str) -> dict[str, tuple[str, ...]]:
    """Turn `Canonical|alias|...` lines into a canonical -> aliases dict (repeated names merge)."""
    result: dict[str, tuple[str, ...]] = {}
    for line in table.strip().splitlines():
        name, *aliases = (part.strip() for part in line.split("|"))
        result[name] = result.get(name, ()) + tuple(aliases)
    return result


def _pairs(table: str) -> dict[str, str]:
    """Turn `key|value` lines into a dict."""
    return dict(line.split("|", 1) for line in table.strip().splitlines())


COUNTRIES: Mapping[str, tuple[str, ...]] = MappingProxyType(_parse(_COUNTRY_TABLE))
ORGANISATIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(_parse(_ORG_TABLE))
CAPITALS: Mapping[str, str] = MappingProxyType(_pairs(_CAPITAL_TABLE))
INSTITUTIONS: Mapping[str, str] = MappingProxyType(_pairs(_INSTITUTION_TABLE))


def _norm(word: str) -> str:
    """Case-, article- and possessive-insensitive lookup key."""
    key = word.strip().casefold().replace("’", "'")
    for suffix in ("'s", "'"):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
            break
    if key.startswith("the "):
        key = key[4:]
    return key


def _index(table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Every surface form (and the canonical name) -> canonical name."""
    index: dict[str, str] = {}
    for canonical, aliases in table.items():
        for form in (canonical, *aliases):
            index.setdefault(_norm(form), canonical)
    return index


_COUNTRY_INDEX = _index(COUNTRIES)
_ORG_INDEX = _index(ORGANISATIONS)
_INSTITUTION_INDEX = {_norm(k): v for k, v in INSTITUTIONS.items()}
_CAPITAL_INDEX = {_norm(k): v for k, v in CAPITALS.items()}
# Short all-caps acronyms that collide with English words must match case-sensitively.
_CASE_SENSITIVE = frozenset({"us", "pa", "car", "who", "au", "ec", "kiwi", "quad"})


def _lookup(index: dict[str, str], word: str) -> str | None:
    """Look `word` up, refusing lower-case hits on acronyms that are also common words."""
    key = _norm(word)
    if key in _CASE_SENSITIVE and not word.strip().replace(".", "").isupper():
        return None
    return index.get(key)


def country_of(word: str) -> str | None:
    """Canonical country for a country name, alias or demonym ("Russian" -> "Russia")."""
    return _lookup(_COUNTRY_INDEX, word)


def aliases_of(canonical: str) -> tuple[str, ...]:
    """All surface forms of a country or organisation, the canonical name first."""
    aliases = COUNTRIES.get(canonical, ORGANISATIONS.get(canonical))
    return () if aliases is None else (canonical, *aliases)


def canonical_org(name: str) -> str | None:
    """Canonical name of an international organisation ("North Atlantic Alliance" -> "NATO")."""
    return _lookup(_ORG_INDEX, name)


def institution_of(name: str) -> str | None:
    """Country or organisation an institution metonym speaks for ("the Kremlin" -> "Russia")."""
    return _INSTITUTION_INDEX.get(_norm(name))


def capital_country(name: str) -> str | None:
    """Country whose capital (or seat of government) `name` is ("Kyiv" -> "Ukraine")."""
    return _CAPITAL_INDEX.get(_norm(name))
