"""Name normalisation: small pure functions from a raw name to typed `NameParts`.

Steps: Unicode NFKC and control-character removal, qualifier extraction ("(Shanshan)", "Xinye Branch",
"（北京）"), CJK handling (native legal forms, a glossary of generic words, Han -> pinyin), script folding
with anyascii, case folding, punctuation, abbreviation canonicalisation, legal forms at the ends of the
name (kept as typed parts, never silently lost), numbers ("No. 1", "II") and an acronym of the core.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from anyascii import anyascii
from pypinyin import lazy_pinyin

from scoring.legal_forms import LegalForm, LegalFormTable, build_table, read_rows

MAX_CHARS = 1000  # names are cut here before matching: no real company name is longer
CONNECTORS = frozenset({"and", "the", "of", "for"})
BRANCH_WORDS = frozenset({"branch", "filiale", "sucursal", "succursale", "zweigniederlassung", "fenggongsi"})
_ROMAN = {
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
    "xii": 12,
}
# English number words, so "Brigade Forty-Four" and "Brigade 44" carry the same number.
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()
)
_UNITS += "sixteen seventeen eighteen nineteen".split()
_TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if i > 1
}
_ORDINAL_WORDS = {
    w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split())
}
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | _TENS
_PAREN = re.compile(r"[(\[（【]([^()\[\]（）【】]*)[)\]）】]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name taken apart: folded text, core tokens and the typed parts that are weak evidence."""

    original: str
    folded: str  # NFKC, script-folded, casefolded, punctuation removed, spaces squashed
    core: tuple[str, ...]  # distinctive tokens: no legal form, qualifier, number or connector
    legal_forms: tuple[str, ...]  # compact folded legal forms found, e.g. ("coltd",)
    legal_class: str  # generic class of the outermost legal form, "" when none
    qualifiers: tuple[str, ...]  # branch / place / former-name qualifiers, folded
    numbers: tuple[str, ...]  # "No. 1" -> "1", "II" -> "2"
    acronym: str  # first letters of the core tokens ("" for one-token cores)
    acronyms: tuple[str, ...]  # acronym variants: core, all words but connectors, all words (len >= 2)
    aliases: tuple[str, ...]  # acronym-like aliases written in brackets, e.g. "(NICO)" -> "nico"
    script: str  # dominant script: latin, han, kana, hangul, cyrillic, arabic, ..., mixed, none
    pinyin: str  # pinyin of the Han characters, syllables separated by spaces ("" when none)

    @property
    def key(self) -> str:
        """Return the core as one space-separated string (the candidate-index key)."""
        return " ".join(self.core)

    @property
    def compact(self) -> str:
        """Return the core without spaces, for character-level comparison."""
        return "".join(self.core)


def clean(text: str) -> str:
    """Apply NFKC, drop control/format characters, squash whitespace and cut to MAX_CHARS."""
    text = unicodedata.normalize("NFKC", str(text)[: MAX_CHARS * 2])
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(text.split())[:MAX_CHARS]


def fold(text: str) -> list[str]:
    """Fold `text` to lower-case ASCII tokens: anyascii, casefold, '&' -> 'and', punctuation -> space."""
    ascii_text = anyascii(text).casefold().replace("&", " and ")
    ascii_text = re.sub(r"(?<=\w)[.'’](?=\w)", "", ascii_text)  # s.a. -> sa, int'l -> intl
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).split()


@cache
def legal_table() -> LegalFormTable:
    """Return the bundled legal-form table (folded once)."""
    return build_table(read_rows("legal_forms.csv"), fold)


@cache
def abbreviations() -> dict[str, tuple[str, ...]]:
    """Return abbreviation -> canonical tokens, from the bundled table."""
    return {r["variant"]: tuple(r["canonical"].split()) for r in read_rows("abbreviations.csv")}


@cache
def cjk_glossary() -> tuple[tuple[str, str], ...]:
    """Return (CJK word, English tokens) pairs, longest word first."""
    rows = [(r["variant"], r["canonical"]) for r in read_rows("abbreviations_cjk.csv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def script_of(text: str) -> str:
    """Return the dominant script of the letters in `text` (or 'mixed' / 'none')."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        word = name.split(" ")[0].split("-")[0] if name else "other"
        script = {"CJK": "han", "HIRAGANA": "kana", "KATAKANA": "kana"}.get(word, word.lower())
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "none"
    total = sum(counts.values())
    top, n = max(counts.items(), key=lambda kv: kv[1])
    if "kana" in counts and top == "han":
        return "kana"  # Japanese mixes kanji and kana
    return top if n >= 0.8 * total else "mixed"


def _cjk_tokens(run: str) -> str:
    """Render one CJK run as ASCII words: glossary words in English, other Han as one pinyin word."""
    out: list[str] = []
    pending = ""
    i = 0
    while i < len(run):
        for word, english in cjk_glossary():
            if run.startswith(word, i):
                out.extend([_romanise(pending), english])
                pending, i = "", i + len(word)
                break
        else:
            pending += run[i]
            i += 1
    out.append(_romanise(pending))
    return " " + " ".join(w for w in out if w) + " "


def _romanise(text: str) -> str:
    """Romanise a CJK string as one word: pypinyin for Han, anyascii for kana and Hangul."""
    if not text:
        return ""
    if _HAN.search(text) and not re.search(r"[\u3040-\u30ff\uac00-\ud7af]", text):
        return "".join(lazy_pinyin(text))
    return anyascii(text).casefold()


def _is_alias(content: str, toks: list[str]) -> bool:
    """Return True when bracketed `content` reads as an alias: one upper-case word that names no place."""
    return (
        len(toks) == 1
        and 2 <= len(toks[0]) <= 12
        and toks[0].isalpha()
        and content.upper() == content
        and _ascii_upper(content)
        and toks[0] not in _place_words()
    )


def _ascii_upper(content: str) -> bool:
    """Return True when `content` has Latin capitals (Chinese brackets hold places, not acronyms)."""
    return any("A" <= ch <= "Z" for ch in content)


@cache
def _place_words() -> frozenset[str]:
    """Return folded one-word country names from pycountry: a bracketed country is a qualifier."""
    import pycountry

    words = {w for c in pycountry.countries for w in fold(getattr(c, "name", ""))}
    return frozenset(words | {"usa", "uk", "hk", "uae", "branch", "london", "beijing", "shanghai"})


def _split_qualifiers(text: str) -> tuple[str, list[str], list[str]]:
    """Take bracketed parts out of `text`: legal forms stay inline, acronyms become aliases, the rest
    qualifiers."""
    qualifiers: list[str] = []
    aliases: list[str] = []

    def repl(match: re.Match[str]) -> str:
        content = match.group(1).strip()
        toks = fold(content)
        if content in _cjk_forms() or legal_table().by_tokens.get(tuple(toks)) is not None:
            return f" {content} "
        if _is_alias(content, toks):
            aliases.append(toks[0])
        elif toks:
            qualifiers.append(" ".join(toks))
        return " "

    body = _PAREN.sub(repl, text)
    return " ".join(body.split()), qualifiers, aliases


@cache
def _cjk_forms() -> frozenset[str]:
    """Return the native-script legal forms."""
    return frozenset(native for native, _ in legal_table().cjk)


def _cjk_branch(text: str) -> tuple[str, str]:
    """Split a trailing Chinese branch qualifier ("…公司新野分公司") off `text`."""
    for suffix in ("分公司", "分厂", "分店"):
        if text.endswith(suffix) and len(text) > len(suffix):
            head = text[: -len(suffix)]
            cut = head.rfind("公司")
            cut = cut + 2 if cut >= 0 else max(len(head) - 2, 0)
            return head[:cut], " ".join(fold(head[cut:] + suffix))
    return text, ""


def _strip_forms(tokens: list[str]) -> tuple[list[str], list[LegalForm]]:
    """Remove legal forms from both ends of `tokens`, keeping at least one token."""
    found: list[LegalForm] = []
    table = legal_table()
    while len(tokens) > 1:
        hit = table.match_suffix(tokens)
        if hit and hit[0] < len(tokens):
            tokens, found = tokens[: -hit[0]], [*found, hit[1]]
            continue
        hit = table.match_prefix(tokens)
        if hit and hit[0] < len(tokens):
            tokens, found = tokens[hit[0] :], [*found, hit[1]]
            continue
        fuzzy = table.match_suffix_fuzzy(tokens)
        if fuzzy is not None:
            tokens, found = tokens[:-1], [*found, fuzzy]
            continue
        break
    return tokens, found


def _canonical(tokens: list[str]) -> list[str]:
    """Replace abbreviations and word-family variants by their canonical tokens."""
    table = abbreviations()
    out: list[str] = []
    for tok in tokens:
        out.extend(table.get(tok, (tok,)))
    return out


def _number_words(tokens: list[str]) -> list[str]:
    """Replace English number words by digits ("forty four" -> "44", "first" -> "1st")."""
    out: list[str] = []
    for tok in tokens:
        if tok in _ORDINAL_WORDS:
            out.append(f"{_ORDINAL_WORDS[tok]}th")
        elif tok in _NUMBER_WORDS:
            value = _NUMBER_WORDS[tok]
            if out and out[-1].isdigit() and int(out[-1]) in _TENS.values() and 0 < value < 10:
                out[-1] = str(int(out[-1]) + value)  # "forty four" -> 44
            else:
                out.append(str(value))
        else:
            out.append(tok)
    return out


def _numbers(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Take numbers ("no 1", "3rd", "ii" at the end) out of `tokens` when words remain."""
    core: list[str] = []
    numbers: list[str] = []
    tokens = _number_words(tokens)
    for i, tok in enumerate(tokens):
        ordinal = _ORDINAL.match(tok)
        if tok.isdigit() or ordinal:
            numbers.append(str(int(ordinal.group(1) if ordinal else tok[:18])))
        elif tok in _ROMAN and i == len(tokens) - 1 and i > 0:
            numbers.append(str(_ROMAN[tok]))
        elif tok in ("no", "nr", "num") and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            continue
        else:
            core.append(tok)
    return (core, numbers) if core else (tokens, [])


def _merge_letters(tokens: list[str]) -> list[str]:
    """Join runs of single letters ("u s steel" -> "us steel", "p g" -> "pg")."""
    merged: list[str] = []
    run = ""
    for tok in tokens:
        if len(tok) == 1 and tok.isalpha():
            run += tok
            continue
        if run:
            merged.append(run)
            run = ""
        merged.append(tok)
    return [*merged, run] if run else merged


def _branch(tokens: list[str]) -> tuple[list[str], str]:
    """Split a '<place> branch' qualifier off `tokens`: the words after the last legal form before it."""
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i] in BRANCH_WORDS:
            start = next((j for j in range(i - 1, 0, -1) if legal_table().match_suffix(tokens[:j])), i - 1)
            return tokens[:start] + tokens[i + 1 :], " ".join(tokens[start : i + 1])
    return tokens, ""


@lru_cache(maxsize=1 << 18)
def parse_name(name: str) -> NameParts:
    """Take a raw name apart into `NameParts`; never raises, even on empty or odd input."""
    text = clean(name)
    script = script_of(text)
    body, qualifiers, aliases = _split_qualifiers(text)
    forms: list[LegalForm] = []
    pinyin = " ".join(lazy_pinyin("".join(_HAN.findall(body)))) if _HAN.search(body) else ""
    if _CJK_RUN.search(body):
        body, branch = _cjk_branch(body)
        if branch:
            qualifiers.append(branch)
        body, cjk_forms = legal_table().strip_cjk(body)
        forms.extend(cjk_forms)
        body = _CJK_RUN.sub(lambda m: _cjk_tokens(m.group(0)), body)
    tokens = fold(body)
    folded = " ".join(tokens)
    tokens = _canonical(_merge_letters(tokens))
    tokens, branch = _branch(tokens)
    if branch:
        qualifiers.append(branch)
    tokens, latin_forms = _strip_forms(tokens)
    forms.extend(latin_forms)
    core, numbers = _numbers([t for t in tokens if t not in CONNECTORS] or tokens)
    core = _merge_letters(core)
    acronym = "".join(t[0] for t in core) if len(core) >= 2 else ""
    words = [t for t in _canonical_free(folded) if t not in CONNECTORS]
    variants = (acronym, "".join(t[0] for t in words), "".join(t[0] for t in folded.split()))
    return NameParts(
        original=str(name),
        folded=folded,
        core=tuple(core),
        legal_forms=tuple(f.canonical for f in forms),
        legal_class=forms[0].cls if forms else "",
        qualifiers=tuple(q for q in qualifiers if q),
        numbers=tuple(numbers),
        acronym=acronym,
        acronyms=tuple(dict.fromkeys(v for v in variants if len(v) >= 2)),
        aliases=tuple(dict.fromkeys(aliases)),
        script=script,
        pinyin=pinyin,
    )


def _canonical_free(folded: str) -> list[str]:
    """Return the folded words of a name (legal forms included), for acronyms written from them."""
    return folded.split() if len(folded.split()) >= 2 else []


def normalize(name: str) -> str:
    """Return the matching key of `name`: its core tokens joined by spaces (idempotent)."""
    key = parse_name(name).key
    for _ in range(4):  # re-parsing a key can expose one more legal form ("0a c o" -> "0a co" -> "0a")
        again = parse_name(key).key
        if again == key:
            break
        key = again
    return key
