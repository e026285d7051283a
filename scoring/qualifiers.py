"""Qualifiers: the parts of a name that say which branch or place, not which company.

Bracketed parts ("(Shanshan)", "（北京）") and branch phrases ("Xinye Branch", "…新野分公司") are taken
out of the name and kept as typed qualifiers; a bracketed single upper-case word that names no place
("(NICO)") is instead an alias of the name, unless it is a two-letter country code that does not begin
two of the name's words ("(US)", `country_codes`); a bracketed legal form stays in the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reference_data.countries import resolve_country
from scoring.places import place_words
from scoring.scripts import fold

# Chinese branch suffixes (branch company, branch factory, branch shop) and their pinyin as the folded
# qualifier carries it ("鄯善分公司" -> "shanshanfengongsi"): "fengongsi", "fenchang", "fendian".
CJK_BRANCH_SUFFIXES = ("分公司", "分厂", "分店")
BRANCH_PINYIN = tuple("".join(fold(suffix)) for suffix in CJK_BRANCH_SUFFIXES)
BRANCH_WORDS = frozenset(
    {"branch", "filiale", "sucursal", "succursale", "zweigniederlassung", *BRANCH_PINYIN}
)
_PAREN = re.compile(r"[(\[（【]([^()\[\]（）【】]*)[)\]）】]")
_ALIAS_PLACES = frozenset({"uk", "hk", "branch", "london", "beijing", "shanghai"})


def is_alias(content: str, toks: list[str]) -> bool:
    """Return True when bracketed `content` reads as an alias: one upper-case word that names no place.

    Country codes and names of three letters or more ("(PRC)", "(USA)", "(UAE)", "(CHN)") are places;
    two-letter ones are read here as aliases, as "(GE)" or "(BP)" is often a company's own acronym, and
    `country_codes` then takes back those that are not, once the name's words are known.
    """
    word = toks[0] if len(toks) == 1 else ""
    return (
        2 <= len(word) <= 12
        and word.isalpha()
        and content.upper() == content
        and any("A" <= ch <= "Z" for ch in content)  # Chinese brackets hold places, not acronyms
        and word not in place_words()
        and word not in _ALIAS_PLACES
        and not (len(word) >= 3 and resolve_country(word))
    )


def country_codes(aliases: list[str], words: list[str]) -> tuple[list[str], list[str]]:
    """Split bracketed two-letter aliases that are ISO 3166-1 country codes into country qualifiers
    ("Acme (US) Ltd" / "Acme (HU) Ltd": two subsidiaries), unless the letters begin two of the name's
    words in order ("General Electric (GE)": its own acronym); return (aliases, qualifiers)."""
    kept: list[str] = []
    places: list[str] = []
    for alias in aliases:
        own = len(alias) == 2 and any(
            w.startswith(alias[0]) and any(v.startswith(alias[1]) for v in words[i + 1 :])
            for i, w in enumerate(words)
        )
        (places if len(alias) == 2 and not own and resolve_country(alias) else kept).append(alias)
    return kept, places


def split_brackets(text: str, keep: Callable[[str, list[str]], bool]) -> tuple[str, list[str], list[str]]:
    """Take bracketed parts out of `text`: kept ones (legal forms) stay inline, acronyms become aliases,
    the rest qualifiers."""
    qualifiers: list[str] = []
    aliases: list[str] = []

    def repl(match: re.Match[str]) -> str:
        content = match.group(1).strip()
        toks = fold(content)
        if keep(content, toks):
            return f" {content} "
        if is_alias(content, toks):
            aliases.append(toks[0])
        elif toks:
            qualifiers.append(" ".join(toks))
        return " "

    body = _PAREN.sub(repl, text)
    return " ".join(body.split()), qualifiers, aliases


def cjk_branch(text: str) -> tuple[str, str]:
    """Split a trailing Chinese branch qualifier ("…公司新野分公司") off `text`."""
    for suffix in CJK_BRANCH_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            head = text[: -len(suffix)]
            cut = head.rfind("公司")
            cut = cut + 2 if cut >= 0 else max(len(head) - 2, 0)
            return head[:cut], " ".join(fold(head[cut:] + suffix))
    return text, ""


# German, French, Italian and Spanish put the place after the word for a branch ("Zweigniederlassung
# Hamburg", "Succursale de Paris", "Sucursal en Chile"), English and Chinese before it ("Xinye Branch").
_PLACE_AFTER = frozenset({"zweigniederlassung", "filiale", "sucursal", "succursale"})
_PLACE_LINKS = frozenset({"en", "de", "del", "di", "in", "a", "da", "do", "du"})


def latin_branch(tokens: list[str], ends_in_form: Callable[[list[str]], bool]) -> tuple[list[str], str]:
    """Split a branch qualifier off `tokens`: '<place> branch' (the words after the last legal form before
    it), or 'Zweigniederlassung <place>' (the words after it)."""
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i] in BRANCH_WORDS:
            after = [t for t in tokens[i + 1 :] if t not in _PLACE_LINKS]
            if tokens[i] in _PLACE_AFTER and after:
                return tokens[:i], " ".join([tokens[i], *after])
            start = next((j for j in range(i, 0, -1) if ends_in_form(tokens[:j])), i - 1)
            start = start or i  # "Acme Branch": the one word before is the name, not a place
            return tokens[:start] + tokens[i + 1 :], " ".join(tokens[start : i + 1])
    return tokens, ""
