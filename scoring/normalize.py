"""Name normalisation: small pure functions from a raw name to typed `NameParts`.

Steps: Unicode NFKC and control-character removal (`scoring.scripts`), qualifier extraction
(`scoring.qualifiers`), CJK handling (native legal forms, a glossary of generic words and place names,
Han -> pinyin), script folding with anyascii, case folding, punctuation, abbreviation and place-name
canonicalisation (`scoring.places`), legal forms at the ends of the name (kept as typed parts, never
silently lost), numbers (`scoring.numbers`) and acronyms of the core.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from reference_data.countries import resolve_country
from scoring.japanese import is_japanese
from scoring.legal_forms import (
    LegalForm,
    LegalFormTable,
    build_table,
    drop_messrs,
    expand_bracketed_forms,
    read_rows,
)
from scoring.numbers import cjk_designated, split_numbers
from scoring.places import country_phrases, drop_division_words, place_phrases, place_variants
from scoring.qualifiers import (
    BRANCH_PINYIN,
    BRANCH_WORDS,
    cjk_branch,
    country_codes,
    latin_branch,
    split_brackets,
)
from scoring.scripts import CJK_RUN, cjk_words, clean, fold, pinyin_of, script_of
from scoring.words import FUNCTION_WORDS, GENERIC, initial_runs, joined_runs

__all__ = [
    "CONNECTORS",
    "NameParts",
    "clean",
    "fold",
    "normalize",
    "parse_name",
    "qualifier_key",
    "script_of",
]

CONNECTORS = frozenset({"and", "the", "of", "for", "ve"})  # ve: Turkish "and" ("San. ve Tic.")
# "And" in Spanish, Portuguese and Italian, French: the word that joins the partners' names to "Cía." /
# "Cie" ("Gómez y Cía.", "Souza e Cia", "Dupont et Cie"); dropped with the company word it goes with.
PARTNER_AND = frozenset({"y", "e", "et"})
FAMILY_WORDS = frozenset({"sons", "brothers"})  # "e Hijos", "y Hermanos": the "and" goes with them too


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name taken apart: folded text, core tokens and the typed parts that are weak evidence."""

    original: str
    folded: str  # NFKC, script-folded, casefolded, punctuation removed, spaces squashed
    core: tuple[str, ...]  # tokens without legal form, qualifier, number or connector (places kept)
    legal_forms: tuple[str, ...]  # compact folded legal forms found, e.g. ("coltd",)
    legal_class: str  # generic class of the outermost legal form, "" when none
    qualifiers: tuple[str, ...]  # branch / place / former-name qualifiers, folded
    numbers: tuple[str, ...]  # "No. 1" -> "1", "II" -> "2"
    designated: tuple[str, ...]  # the numbers written as an entity's number: "No. 1", "3rd", "First"
    acronym: str  # first letters of the core tokens ("" for one-token cores)
    acronyms: tuple[str, ...]  # variants: core, words but connectors, all words, content words (len >= 2)
    aliases: tuple[str, ...]  # acronym-like aliases written in brackets, e.g. "(NICO)" -> "nico"
    script: str  # dominant script: latin, han, kana, hangul, cyrillic, arabic, ..., mixed, none
    pinyin: str  # pinyin of the Han characters, syllables separated by spaces ("" when none)
    native: str = ""  # the CJK characters of the core, before romanising (legal forms, branches cut)
    and_groups: tuple[str, ...] = ()  # words either side of "&" / "and": Procter & Gamble -> procter, gamble
    joins: frozenset[str] = frozenset()  # 2-3 adjacent core words written together: zhong tai -> zhongtai
    initials: frozenset[str] = frozenset()  # initials of 3+ adjacent core words (partial acronyms)
    form_acronyms: frozenset[str] = frozenset()  # acronym variants that need the legal form's letters
    form_words: frozenset[str] = frozenset()  # the folded words of its legal forms ("s", "de", "rl", "cv")
    fused_forms: tuple[str, ...] = ()  # its legal form as an acronym ends with it: S.A. -> "sa" (GAESA)
    # words the abbreviation table wrote otherwise ("apparel", now "garment"), so that another name's
    # misspelling of the word as written ("apprel") still finds it
    respelt: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Return the core as one space-separated string (the candidate-index key)."""
        return " ".join(self.core)

    @property
    def compact(self) -> str:
        """Return the core without spaces, for character-level comparison."""
        return "".join(self.core)


@cache
def legal_table() -> LegalFormTable:
    """Return the bundled legal-form table (folded once, after the same NFKC as the names: Thai จำกัด
    folds differently before and after it)."""
    return build_table(read_rows("legal_forms.csv"), lambda form: fold(clean(form)))


@cache
def abbreviations() -> dict[str, tuple[str, ...]]:
    """Return abbreviation or place spelling -> canonical tokens, from the bundled tables."""
    table = {r["variant"]: tuple(r["canonical"].split()) for r in read_rows("abbreviations.csv")}
    return table | {v: (c,) for v, c in place_variants().items()}


@cache
def _phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Return every folded phrase read as other words: Vietnamese business phrases, country names and
    place names of several words ("inner mongolia")."""
    return country_phrases() | place_phrases() | vietnamese_phrases()


@cache
def _phrases_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    """Return first word -> the (phrase, its reading) pairs starting with it, longest phrase first."""
    found: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for phrase, words in _phrases().items():
        found.setdefault(phrase[0], []).append((phrase, words))
    return {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in found.items()}


@cache
def vietnamese_phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Return folded Vietnamese business phrases -> their English words ("det may" -> textile garment).

    Only phrases of two words or more: folded, single Vietnamese words are English or pinyin words too
    ("may", "san"), while "det may" or "xuat nhap khau" are not.
    """
    table = {tuple(fold(r["phrase"])): tuple(fold(r["english"])) for r in read_rows("phrases_vi.csv")}
    if any(len(key) < 2 for key in table):
        raise ValueError("phrases_vi.csv: every phrase needs two words or more")
    return table


def _translate_phrases(tokens: list[str]) -> list[str]:
    """Replace the Vietnamese business phrases in folded `tokens` by their English words and country names
    of several words by the country's token ("islamic republic of iran" -> "iran"), longest first."""
    table = _phrases_by_first_word()
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase, words in table.get(tokens[i], ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                out.extend(words)
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@cache
def _cjk_forms() -> frozenset[str]:
    """Return the native-script legal forms."""
    return frozenset(native for native, _ in legal_table().cjk)


def _keep_bracket(content: str, toks: list[str]) -> bool:
    """Return True when a bracketed part stays in the name: a legal form, or only generic business words
    ("(Holdings)", "(Group)", "(集团)"), which are part of the name, not a branch or place."""
    if content in _cjk_forms() or legal_table().by_tokens.get(tuple(toks)) is not None:
        return True
    words = cjk_words(content).split() if CJK_RUN.search(content) else _canonical(toks)
    return bool(words) and all(w in GENERIC for w in words)


def _strip_forms(tokens: list[str]) -> tuple[list[str], list[LegalForm]]:
    """Remove legal forms from both ends of `tokens`, keeping at least one token."""
    found: list[LegalForm] = []
    table = legal_table()
    while len(tokens) > 1:
        hit = table.match_suffix(tokens)
        fuzzy = table.match_suffix_fuzzy(tokens)
        if fuzzy is not None and (hit is None or fuzzy[0] > hit[0]):
            hit = fuzzy  # "joynt stock company": the misspelt longer form, not just "company"
        if hit and hit[0] < len(tokens):
            tokens, found = tokens[: -hit[0]], [*found, hit[1]]
            if hit[1].cls == "company" and len(tokens) > 1 and tokens[-1] in PARTNER_AND:
                tokens = tokens[:-1]  # "gomez y [company]": the "y" went with the company word
            continue
        hit = table.match_prefix(tokens)
        if hit and hit[0] < len(tokens):
            tokens, found = tokens[hit[0] :], [*found, hit[1]]
            continue
        mid = _form_before_business_words(tokens)
        if mid:
            start, end, form = mid
            tokens, found = tokens[:start] + tokens[end:], [*found, form]
            continue
        break
    return tokens, found


def _form_before_business_words(tokens: list[str]) -> tuple[int, int, LegalForm] | None:
    """Find a legal form followed only by business words, as Brazilian names write it ("Cosan S/A
    Indústria e Comércio"): (start, end, form), or None. A name word must stand before it, and a form that
    is itself a business word ("Corporation", "Company") stays a word there ("Russian Financial
    Corporation Bank")."""
    table = legal_table()
    for start in range(1, len(tokens) - 1):
        for end in range(min(start + table.max_len, len(tokens) - 1), start, -1):
            form = table.by_tokens.get(tuple(tokens[start:end]))
            if (
                form
                and form.position != "prefix"
                and not all(t in GENERIC for t in form.tokens)
                and all(t in GENERIC or t in PARTNER_AND for t in tokens[end:])
            ):
                return start, end, form
    return None


def _prefix_form_first(text: str) -> str:
    """Put a legal form that only begins names back in front when a list writes it last after a comma,
    as OFAC does ("Genbank, AO" -> "AO Genbank"); without the comma a last "AO" stays a word (pinyin ao)."""
    head, comma, tail = text.rpartition(",")
    if not comma or not head.strip() or not tail.strip():
        return text
    form = legal_table().by_tokens.get(tuple(_merge_letters(fold(tail))))
    return f"{tail.strip()} {head.strip()}" if form is not None and form.position == "prefix" else text


def _drop_partner_and(tokens: list[str]) -> list[str]:
    """Drop the "y", "e" or "et" between a name and its "sons" or "brothers" ("Gómez e Hijos"), or between
    two business words ("Indústria e Comércio")."""
    return [
        t
        for i, t in enumerate(tokens)
        if not (
            t in PARTNER_AND
            and 0 < i < len(tokens) - 1
            and (tokens[i + 1] in FAMILY_WORDS or tokens[i - 1] in GENERIC and tokens[i + 1] in GENERIC)
        )
    ]


def _canonical(tokens: list[str]) -> list[str]:
    """Replace abbreviations, word-family variants and place spellings by their canonical tokens."""
    table = abbreviations()
    out: list[str] = []
    for tok in tokens:
        out.extend(table.get(tok, (tok,)))
    return out


def _respelt(tokens: list[str]) -> tuple[str, ...]:
    """Return the words of four letters or more that `_canonical` writes otherwise ("apparel", written
    "garment"; "industrial", written "industry")."""
    table = abbreviations()
    return tuple(dict.fromkeys(t for t in tokens if len(t) >= 4 and table.get(t, (t,)) != (t,)))


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


@lru_cache(maxsize=1 << 14)
def qualifier_key(qualifier: str) -> str:
    """Return what a folded qualifier names, so spellings of one place compare equal: a country as its ISO
    code ("hk", "h k", "hong kong" -> "HK"; "viet nam" -> "VN"), else its words with place spellings
    made canonical ("hetian" and "hotan" alike) and without the word for a branch ("shanshan branch"
    and "shanshanfengongsi", from 鄯善分公司, -> "shanshan")."""
    words = []
    for word in _merge_letters(qualifier.split()):
        stem = next((word[: -len(s)] for s in BRANCH_PINYIN if word.endswith(s) and word != s), word)
        if stem not in BRANCH_WORDS:
            words.append(stem)
    words = words or qualifier.split()  # a bare "branch" names no place: keep it as it is
    code = resolve_country(" ".join(words))
    return code if code else " ".join(_canonical(words))


def _ends_in_form(tokens: list[str]) -> bool:
    return legal_table().match_suffix(tokens) is not None


ACRONYM_FORM_WORDS = frozenset({"company", "co", "corporation", "corp"})  # forms an acronym often spells
# Legal forms whose letters an acronym often runs into, as one word: Grupo de Administracion Empresarial
# S.A. is GAESA, Marine Information Technology Development Corporation MITDCO (spelling -> form words).
FUSED_FORMS = {"sa": frozenset({"sa"}), "co": ACRONYM_FORM_WORDS}


def fused_stems(word: str, forms: Iterable[str] = FUSED_FORMS) -> list[str]:
    """Return `word` without the letters of each of `forms` it ends with, when three letters or more
    remain ("gaesa" -> ["gae"]): the acronym of a name with that legal form."""
    return [word[: -len(f)] for f in forms if word.endswith(f) and len(word) - len(f) >= 3]


@lru_cache(maxsize=1 << 18)
def parse_name(name: str) -> NameParts:
    """Take a raw name apart into `NameParts`; never raises, even on empty or odd input."""
    text = expand_bracketed_forms(drop_messrs(clean(name)))  # (주) / ㈜ -> 주식회사: a form, not a qualifier
    text = _prefix_form_first(text)  # "Genbank, AO" -> "AO Genbank"
    script = script_of(text)
    body, qualifiers, aliases = split_brackets(text, _keep_bracket)
    forms: list[LegalForm] = []
    pinyin = pinyin_of(body)
    native = ""
    if CJK_RUN.search(body):
        body = cjk_designated(body)
        body, branch = cjk_branch(body)
        qualifiers.append(branch)
        body, cjk_forms = legal_table().strip_cjk(body)
        forms.extend(cjk_forms)
        native = "".join(CJK_RUN.findall(body))
        japanese = is_japanese(text)  # Hepburn, not pinyin, for the kanji of a Japanese name
        body = CJK_RUN.sub(lambda m: cjk_words(m.group(0), japanese), body)
    tokens = fold(body)
    folded = " ".join(tokens)
    aliases, codes = country_codes(aliases, tokens)
    qualifiers += codes
    tokens = _merge_letters(_translate_phrases(tokens))
    respelt = _respelt(tokens)
    tokens = drop_division_words(_canonical(tokens))
    tokens, branch = latin_branch(tokens, _ends_in_form)
    qualifiers.append(branch)
    tokens, latin_forms = _strip_forms(tokens)
    tokens = _drop_partner_and(tokens)
    forms.extend(latin_forms)
    and_groups = _and_groups(tokens)
    core, numbers, designated = split_numbers([t for t in tokens if t not in CONNECTORS] or tokens)
    core = _canonical(_merge_letters(core))  # "I & E" merges to "ie" only now: import export
    core, spelt = _own_acronym(core)
    aliases = [*aliases, spelt] if spelt else aliases
    acronym = "".join(t[0] for t in core) if len(core) >= 2 else ""
    all_words = [t for t in folded.split() if t != spelt]
    words = [t for t in all_words if t not in CONNECTORS] if len(all_words) >= 2 else []
    form_words = frozenset(t for f in forms for t in f.tokens)
    # "Corporacion de Almacenes por Departamentos": CAD, without the articles, prepositions and form
    content = [t for t in all_words if t not in FUNCTION_WORDS and t not in form_words]
    variants = (
        acronym,
        "".join(t[0] for t in words),
        "".join(t[0] for t in all_words),
        "".join(t[0] for t in content) if len(content) >= 2 else "",
    )
    # NSCL is not "Noble Shipping Co Ltd": "Ltd" is a form; "Company" and "Corporation" often name the C (IOC)
    bare = [t for t in all_words if t not in form_words - ACRONYM_FORM_WORDS]
    own = {
        acronym,
        variants[3],
        "".join(t[0] for t in bare if t not in CONNECTORS),
        "".join(t[0] for t in bare),
    }
    return NameParts(
        original=str(name),
        folded=folded,
        core=tuple(core),
        legal_forms=tuple(f.canonical for f in forms),
        legal_class=next((f.cls for f in forms if f.cls), ""),  # "Ltda. ME": ME is a size, not a form
        qualifiers=tuple(q for q in qualifiers if q),
        numbers=tuple(numbers),
        designated=tuple(designated),
        acronym=acronym,
        acronyms=tuple(dict.fromkeys(v for v in variants if len(v) >= 2)),
        aliases=tuple(dict.fromkeys(aliases)),
        script=script,
        pinyin=pinyin,
        native=native,
        and_groups=and_groups,
        joins=joined_runs(tuple(core)),
        initials=frozenset(initial_runs(tuple(core))),
        form_acronyms=frozenset(v for v in variants[1:] if len(v) >= 2 and v not in own),
        form_words=form_words,
        fused_forms=tuple(f for f, words_of in FUSED_FORMS.items() if form_words & words_of),
        respelt=respelt,
    )


def _own_acronym(core: list[str]) -> tuple[list[str], str]:
    """Take out a name's acronym written unbracketed after or before the words it spells ("Car Care Center
    CCC", "IPP-International Petroleum Products"): an alias, as if in brackets; (core, "") when none."""
    if len(core) >= 4:
        for word, rest in ((core[-1], core[:-1]), (core[0], core[1:])):
            content = [t for t in rest if t not in FUNCTION_WORDS]
            if len(word) >= 3 and len(content) >= 3 and word == "".join(t[0] for t in content):
                return rest, word
    return core, ""


def _and_groups(tokens: list[str]) -> tuple[str, ...]:
    """Return the word groups either side of "and" ("&" folds to it), connectors dropped; () for none."""
    groups: list[list[str]] = [[]]
    for t in tokens:
        if t == "and":
            groups.append([])
        elif t not in CONNECTORS:
            groups[-1].append(t)
    if len(groups) < 2 or not all(groups):
        return ()
    return tuple(" ".join(g) for g in groups)


def normalize(name: str) -> str:
    """Return the matching key of `name`: its core tokens joined by spaces (idempotent)."""
    key = parse_name(name).key
    for _ in range(4):  # re-parsing a key can expose one more legal form ("0a c o" -> "0a co" -> "0a")
        again = parse_name(key).key
        if again == key:
            break
        key = again
    return key
