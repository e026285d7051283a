"""Legal-form and abbreviation tables: which words of a company name say *what kind* of company it is.

The tables live in ``scoring/data/`` as CSV files written for this project; every row names the
public source of its fact (the jurisdiction's company law or naming rule, or the dictionary meaning of
a word), so a reviewer can check each entry:

- ``legal_forms.csv``: a legal form as written (``Co., Ltd.``, ``GmbH``, ``ООО``, ``株式会社``), its generic
  class, jurisdiction, where in a name it may stand (``suffix``, ``prefix``, ``both``) and the source;
- ``abbreviations.csv``: business abbreviations and word-family variants folded to one canonical token;
- ``abbreviations_cjk.csv``: common generic words of Chinese, Japanese and Korean company names with
  their English rendering, so "华为技术" and "Huawei Technologies" share the token "technology".

Generic classes: ``llc`` (private limited company), ``jsc`` (joint-stock / public company), ``corp``
(US-style corporation), ``company`` (the bare word "company", compatible with every capital company),
``partnership``, ``sole`` (sole trader), ``coop`` and ``nonprofit``. An empty class marks a designation
that says nothing of the legal form (Brazil's size tags ME and EPP, added to any form: "Ltda. ME"); it is
stripped like a form, and a name's class is that of its outermost form that has one. A legal form is weak
evidence: two names with different capital-company classes are often the same company named in two
languages.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

DATA_DIR = Path(__file__).resolve().parent / "data"
CAPITAL_CLASSES = frozenset({"llc", "jsc", "corp", "company"})
FUZZY_MIN_CHARS = 10  # one-word legal forms this long are recognised with one typo ("aktiengeselschaft")


@dataclass(frozen=True, slots=True)
class LegalForm:
    """One legal form from the table, in its folded token form."""

    tokens: tuple[str, ...]  # folded tokens, e.g. ("co", "ltd")
    canonical: str  # the compact display form, e.g. "coltd"
    cls: str  # generic class (see module docstring)
    position: str  # suffix | prefix | both


@dataclass(frozen=True, slots=True)
class LegalFormTable:
    """Legal forms indexed by their folded tokens, plus the native-script (CJK) forms."""

    by_tokens: dict[tuple[str, ...], LegalForm]
    cjk: tuple[tuple[str, LegalForm], ...]  # (native form, form), longest first
    max_len: int
    # (words, letters) -> (joined form, form) for non-prefix forms of FUZZY_MIN_CHARS letters or more
    fuzzy: dict[tuple[int, int], tuple[tuple[str, LegalForm], ...]]

    def match_suffix(self, tokens: Sequence[str]) -> tuple[int, LegalForm] | None:
        """Return (token count, form) of the longest legal form ending `tokens`, if any."""
        for n in range(min(self.max_len, len(tokens)), 0, -1):
            form = self.by_tokens.get(tuple(tokens[-n:]))
            if form is not None and form.position in ("suffix", "both"):
                return n, form
        return None

    def match_prefix(self, tokens: Sequence[str]) -> tuple[int, LegalForm] | None:
        """Return (token count, form) of the longest legal form starting `tokens`, if any."""
        for n in range(min(self.max_len, len(tokens)), 0, -1):
            form = self.by_tokens.get(tuple(tokens[:n]))
            if form is not None and form.position in ("prefix", "both"):
                return n, form
        return None

    def match_suffix_fuzzy(self, tokens: Sequence[str]) -> tuple[int, LegalForm] | None:
        """Return (tokens used, legal form) for the longest form the last tokens misspell: one edit in a
        form of ten letters or more ("aktiengeselschaft", "joynt stock company"), same number of words."""
        for n in range(min(self.max_len, len(tokens) - 1), 0, -1):
            last = "".join(tokens[-n:])
            for size in (len(last) - 1, len(last), len(last) + 1):
                for word, form in self.fuzzy.get((n, size), ()):
                    if Levenshtein.distance(word, last, score_cutoff=1) <= 1:
                        return n, form
        return None

    def strip_cjk(self, text: str) -> tuple[str, tuple[LegalForm, ...]]:
        """Remove native-script legal forms from the ends of `text`; return the rest and the forms."""
        found: list[LegalForm] = []
        changed = True
        while changed:
            changed = False
            body = text.strip()
            for native, form in self.cjk:
                if len(body) <= len(native):
                    continue
                if body.endswith(native) and form.position in ("suffix", "both"):
                    text, changed = body[: -len(native)], True
                elif body.startswith(native) and form.position in ("prefix", "both"):
                    text, changed = body[len(native) :], True
                if changed:
                    found.append(form)
                    break
        return text.strip(), tuple(found)


# One-character bracketed abbreviations of Korean and Japanese legal forms, written out before a name is
# taken apart, so they are legal forms and not bracketed qualifiers: (주) / ㈜ for 주식회사, (유) for
# 유한회사, (株) / ㈱ for 株式会社, (有) / ㈲ for 有限会社 (the circled forms are Unicode U+321C, U+3231 and
# U+3232, which NFKC turns into the bracketed ones). Each full form is a row of legal_forms.csv.
BRACKETED_FORMS = {"주": "주식회사", "유": "유한회사", "株": "株式会社", "有": "有限会社"}
_BRACKETED = re.compile(r"\(\s*(" + "|".join(BRACKETED_FORMS) + r")\s*\)")


# Bracketed words that belong to the legal form after them: Indian usage writes Private Limited as
# "(P) Ltd" (Companies Act 2013 s.2(68)); Sri Lanka (Companies Act No. 7 of 2007) and Pakistan
# (Companies Act 2017) end a private company's name with "(Private) Limited" or "(Pvt) Ltd", and
# Pakistan's single-member company with "(SMC-Private) Limited" or "(SMC-Pvt.) Ltd." (written here as
# the private company it is a class of); South Africa's private company ends with "(Pty) Ltd", in
# full "(Proprietary) Limited" (Companies Act 71 of 2008 s.11(3)). Left bracketed they read as a
# qualifier ("private") that conflicts with a branch or place qualifier of the other name.
_PRIVATE = re.compile(
    r"\(\s*(?:SMC\s*[-\u2013]?\s*)?(P|Pvt\.?|Private|Pty\.?|Proprietary)\s*\)(?=\s*(?:Ltd|Limited)\b)",
    re.IGNORECASE,
)
# Bahrain's closed joint-stock company: "B.S.C. (c)" or "B.S.C. (closed)" (Commercial Companies Law,
# Decree-Law 21/2001, Part V, arts. 226 ff.); legal_forms.csv has the row "BSC Closed".
_CLOSED = re.compile(r"(\bB\.?\s?S\.?\s?C\b\.?)\s*\(\s*(?:c|closed)\s*\)", re.IGNORECASE)
# The country mark of Malaysian and Singaporean company names, "(M)" before Sdn Bhd or Berhad and "(S)"
# before Pte Ltd (the CBP order on the Brightway Group names "Laglove (M) Sdn Bhd"): it says no more
# than the legal form does, and as a one-letter qualifier it conflicted with "(Malaysia)" or a town.
_COUNTRY_MARK = re.compile(
    r"\(\s*(?:M\s*\)(?=\s*(?:Sdn|Bhd|Berhad|Sendirian)\b)|S\s*\)(?=\s*(?:Pte|Private\s+Limited)\b))",
    re.IGNORECASE,
)
# "M/s" (Messrs) before a firm's name, the Indian, Pakistani and Bangladeshi courtesy: not a name word.
_MESSRS = re.compile(r"^\s*(?:M/s|Messrs)\b\.?\s*", re.IGNORECASE)


def _unbracket_private(match: re.Match[str]) -> str:
    word = match.group(1).rstrip(".")
    return " Pvt" if word.casefold() == "p" else f" {word}"


def drop_messrs(text: str) -> str:
    """Drop the "M/s" (Messrs) written before a firm's name in South Asian supplier masters."""
    return _MESSRS.sub("", text)


def expand_bracketed_forms(text: str) -> str:
    """Write out bracketed legal-form abbreviations: "(주)삼성" -> "주식회사 삼성", "(P) Ltd" -> "Pvt Ltd",
    "(Private) Limited" -> "Private Limited", "B.S.C. (c)" -> "B.S.C. Closed"; drop the "(M)" of
    "(M) Sdn Bhd"."""
    if "(" not in text:
        return text
    text = _BRACKETED.sub(lambda m: f" {BRACKETED_FORMS[m.group(1)]} ", text)
    text = _COUNTRY_MARK.sub(" ", _PRIVATE.sub(_unbracket_private, text))
    return _CLOSED.sub(r"\1 Closed", text)


def _is_cjk(text: str) -> bool:
    """Return True when `text` contains a Han, kana or Hangul character."""
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in text)


SHORT_LAST_WORD = {"company": "co", "corporation": "corp"}  # the abbreviation of a form's last word
ABBREVIATION_MAX_CHARS = 4  # words of at most this many letters make an abbreviated form


def build_table(rows: Sequence[dict[str, str]], fold: Callable[[str], list[str]]) -> LegalFormTable:
    """Build the lookup table from CSV rows, folding each written form with `fold`."""
    by_tokens: dict[tuple[str, ...], LegalForm] = {}
    cjk: list[tuple[str, LegalForm]] = []
    for row in rows:
        written = row["form"].strip()
        tokens = tuple(fold(written))
        form = LegalForm(tokens, "".join(tokens), row["class"].strip(), row["position"].strip())
        if _is_cjk(written):
            cjk.append((written, form))
        elif tokens in by_tokens:
            # The same letters in two jurisdictions: one class, where either puts it (CV ends a Dutch name
            # and starts an Indonesian one); of two classes the first row wins (order the CSV most
            # specific first).
            first = by_tokens[tokens]
            if first.cls == form.cls and first.position != form.position:
                by_tokens[tokens] = LegalForm(tokens, first.canonical, first.cls, "both")
        elif tokens:
            by_tokens[tokens] = form
    # A form of several words ending in "Company" is also written with "Co." ("Public Joint Stock Co.",
    # "Limited Liability Co."), and one ending in "Corporation" with "Corp.".
    for form_tokens, form in list(by_tokens.items()):
        short = SHORT_LAST_WORD.get(form_tokens[-1])
        if len(form_tokens) > 1 and short:
            tokens = (*form_tokens[:-1], short)
            by_tokens.setdefault(tokens, LegalForm(tokens, form.canonical, form.cls, form.position))
    # An abbreviated form written without spaces folds to one word ("Co.Ltd." -> "coltd", "Sdn.Bhd." ->
    # "sdnbhd"): each form of short words is also found as that one word.
    for form_tokens, form in list(by_tokens.items()):
        if len(form_tokens) > 1 and all(len(t) <= ABBREVIATION_MAX_CHARS for t in form_tokens):
            by_tokens.setdefault(("".join(form_tokens),), form)
    cjk.sort(key=lambda item: -len(item[0]))
    max_len = max((len(t) for t in by_tokens), default=1)
    fuzzy: dict[tuple[int, int], list[tuple[str, LegalForm]]] = {}
    for form_tokens, form in by_tokens.items():
        word = "".join(form_tokens)
        if form.position != "prefix" and len(word) >= FUZZY_MIN_CHARS:
            fuzzy.setdefault((len(form_tokens), len(word)), []).append((word, form))
    return LegalFormTable(by_tokens, tuple(cjk), max_len, {k: tuple(v) for k, v in fuzzy.items()})


def class_relation(a: str, b: str) -> int:
    """Return 1 when two generic classes agree, -1 when they conflict, 0 when unknown or compatible."""
    if not a or not b:
        return 0
    if a == b:
        return 1
    if a in CAPITAL_CLASSES and b in CAPITAL_CLASSES:
        return 1 if "company" in (a, b) else 0
    return -1


@cache
def read_rows(filename: str) -> tuple[dict[str, str], ...]:
    """Read one of the bundled CSV tables as dict rows."""
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))
