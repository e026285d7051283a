"""Resolve the many ways a country is written (codes, English, local names, source quirks) to ISO alpha-2.

Lookup order: the normalised text is matched against one table built from pycountry (alpha-2, alpha-3,
numeric, name, official and common names, and the inverted "Korea, Republic of" forms) plus the extra
entries below; then the text is retried without a parenthetical, without a leading "The", and with a
trailing ", X of the" clause moved to the front. There is no fuzzy matching: a near miss returns None
rather than a wrong country (a wrong country moves risk scores, an unresolved one is reported).

SAP vendor masters store the country in LAND1 (table T005). SAP's delivered T005 keys are the ISO 3166-1
alpha-2 codes, so LAND1 values resolve through the alpha-2 entries; customer-defined keys outside ISO are
not knowable here and stay unresolved.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import pycountry

# Names as they appear in the bundled raw sources, where pycountry's names differ.
# Each group cites the source file (see ../shared/reference_data_raw/SOURCES.md) that writes it so.
_SOURCE_SPELLINGS: dict[str, str] = {
    # ILAB TVPRA 2022 / country profiles 2022 (Child-Labor-Android app data)
    "Turkey (Türkiye)": "TR",
    "Burma": "MM",
    "Kyrgyz Republic": "KG",
    "The Gambia": "GM",
    "Congo, Democratic Republic of the": "CD",
    "Congo, Republic of the": "CG",
    "West Bank and the Gaza Strip": "PS",
    "Falkland Islands (Islas Malvinas)": "FK",
    "Saint Helena, Ascension, and Tristan da Cunha": "SH",
    "Kosovo": "XK",  # not in ISO 3166-1; XK is the user-assigned code used by the EU and World Bank
    "North Korea": "KP",
    "Taiwan": "TW",
    # ILAB EO 13126 list 2014 (EO13126List_2014.xls): typos kept by the source
    "Boliva": "BO",
    "Tajikstan": "TJ",
    "Cote D'Ivoire": "CI",
    # CIA World Factbook TIP tier field (factbook/factbook.json)
    "DRC": "CD",
    "Congo (Brazzaville)": "CG",
    "Congo (Kinshasa)": "CD",
    "The Dominican": "DO",  # Factbook GEC "dr" (Dominican Republic), name cut short in the field
    "Macau": "MO",
    "Curacao": "CW",
    "Sint Maarten": "SX",
    "Brunei": "BN",
    "Laos": "LA",
    # CBP WRO/Findings transcription
    "Democratic Republic of the Congo": "CD",
    "Republic of Malawi": "MW",
}

# English short forms common in supplier masters and ERP exports (not ISO names).
_ENGLISH_VARIANTS: dict[str, str] = {
    "USA": "US",
    "U.S.": "US",
    "United States of America": "US",
    "UK": "GB",  # ISO 3166 "exceptionally reserved" code for the United Kingdom
    "Great Britain": "GB",
    "Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "EL": "GR",  # the EU's code for Greece (VAT number prefixes, Eurostat)
    "Holland": "NL",
    "South Korea": "KR",
    "Korea, South": "KR",
    "Korea, North": "KP",
    "DPRK": "KP",
    "Republic of Korea": "KR",
    "Russia": "RU",
    "Vietnam": "VN",
    "Iran": "IR",
    "Syria": "SY",
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "DR Congo": "CD",
    "Palestine": "PS",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Micronesia": "FM",
    "Moldova": "MD",
    "Tanzania": "TZ",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Hong Kong SAR": "HK",
    "Mainland China": "CN",
    "PRC": "CN",
    "People's Republic of China": "CN",
    "Republic of China": "TW",
    "Chinese Taipei": "TW",
    "UAE": "AE",
    "Turkey": "TR",
}

# Endonyms: each country's own short (and for some, official) name in its official language(s), as its
# government uses them; these are what a buyer's local ERP often holds.
_LOCAL_NAMES: dict[str, str] = {
    "中国": "CN",
    "中國": "CN",
    "中华人民共和国": "CN",
    "中華人民共和國": "CN",
    "台灣": "TW",
    "台湾": "TW",
    "臺灣": "TW",
    "香港": "HK",
    "澳門": "MO",
    "澳门": "MO",
    "日本": "JP",
    # Chinese exonyms of frequent trade partners, as Chinese-language ERPs hold them
    "韩国": "KR",
    "韓國": "KR",
    "大韩民国": "KR",
    "朝鲜": "KP",
    "美国": "US",
    "德国": "DE",
    "英国": "GB",
    "法国": "FR",
    "越南": "VN",
    "印度": "IN",
    "日本国": "JP",
    "대한민국": "KR",
    "한국": "KR",
    "조선민주주의인민공화국": "KP",
    "Deutschland": "DE",
    "Bundesrepublik Deutschland": "DE",
    "Österreich": "AT",
    "Schweiz": "CH",
    "Suisse": "CH",
    "Svizzera": "CH",
    "Brasil": "BR",
    "España": "ES",
    "México": "MX",
    "Perú": "PE",
    "Panamá": "PA",
    "Россия": "RU",
    "Российская Федерация": "RU",
    "Україна": "UA",
    "Беларусь": "BY",
    "Қазақстан": "KZ",
    "Türkiye": "TR",
    "Türkiye Cumhuriyeti": "TR",
    "Italia": "IT",
    "Polska": "PL",
    "Nederland": "NL",
    "België": "BE",
    "Belgique": "BE",
    "Sverige": "SE",
    "Norge": "NO",
    "Danmark": "DK",
    "Suomi": "FI",
    "Ísland": "IS",
    "Éire": "IE",
    "Ελλάδα": "GR",
    "Ελλάς": "GR",
    "Magyarország": "HU",
    "Česko": "CZ",
    "Česká republika": "CZ",
    "Slovensko": "SK",
    "România": "RO",
    "България": "BG",
    "Hrvatska": "HR",
    "Srbija": "RS",
    "Србија": "RS",
    "Việt Nam": "VN",
    "ประเทศไทย": "TH",
    "ไทย": "TH",
    "भारत": "IN",
    "Bharat": "IN",
    "پاکستان": "PK",
    "مصر": "EG",
    "السعودية": "SA",
    "المملكة العربية السعودية": "SA",
    "الإمارات العربية المتحدة": "AE",
    "المغرب": "MA",
    "ישראל": "IL",
    "ایران": "IR",
    "Pilipinas": "PH",
    "Kampuchea": "KH",
    "Côte d’Ivoire": "CI",
}

_PAREN = re.compile(r"\s*\([^)]*\)\s*")
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)
_INVERTED = re.compile(r"^(?P<head>[^,]+),\s*(?P<tail>[^,]+)$")


def _key(text: str) -> str:
    """Fold case, accents, HTML entities, punctuation and spaces away ("Côte d'Ivoire" -> "cotedivoire")."""
    text = html.unescape(text).replace("&", " and ")
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in "".join(kept).casefold() if ch.isalnum())


def _uninvert(text: str) -> str | None:
    """Turn "Korea, Republic of" into "Republic of Korea"; None when the text has no such clause."""
    match = _INVERTED.match(text.strip())
    if not match:
        return None
    return f"{match['tail']} {match['head']}"


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Build the normalised-name -> alpha-2 table once."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        names = [code, country.alpha_3, country.numeric, str(int(country.numeric)), country.name]
        names += [getattr(country, f, None) or "" for f in ("official_name", "common_name")]
        names += [_uninvert(n) or "" for n in names[4:]]
        for name in names:
            if name:
                table.setdefault(_key(name), code)
    # Curated entries override pycountry only where they are deliberate (none currently conflict).
    for extra in (_SOURCE_SPELLINGS, _ENGLISH_VARIANTS, _LOCAL_NAMES):
        for name, code in extra.items():
            table[_key(name)] = code
    table[_key("XK")] = "XK"
    table[_key("XKX")] = "XK"
    return table


@lru_cache(maxsize=4096)
def resolve_country(text: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a country written as a code or a name; None if unknown."""
    if not text or not text.strip():
        return None
    table = _table()
    attempts = [text, _PAREN.sub(" ", text), _LEADING_THE.sub("", text)]
    attempts += [u for u in (_uninvert(text), _uninvert(_PAREN.sub(" ", text))) if u]
    for attempt in attempts:
        key = _key(attempt)
        if key and key in table:
            return table[key]
    return None
