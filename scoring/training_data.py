"""Training pairs for the match model, built from the dev split of the shared evaluation sets only.

- name_bench, entity_checks and OpenSanctions org-like dev rows (their best-matching name pair);
- OFAC organisation aliases of dev records: (alias, primary name) positives and, as negatives, the five
  most similar names of *other* dev records found by the candidate index (hard negatives);
- enzh dev pairs whose Chinese name is a phonetic rendering (mean Pronun rating >= 3) as positives,
  each with one seeded random other English name as a negative;
- translations: every enzh dev pair (phonetic or translated) as a positive; as negatives, for each
  Chinese name the other dev English name its dictionary words translate best (a hard negative, when any
  translates at all) and one seeded random other English name;
- transliterations: every enzh dev pair whose Chinese name is a phonetic rendering as a positive; as
  negatives, the other dev English name whose consonants its sounds follow best (a hard negative, when
  any does at all) and one seeded random other English name;
- acronyms: every pair of one dev OFAC record's names where one is the acronym of the other, as
  positives, and every name of another dev record that the same acronym also abbreviates (a
  collision) as a negative;
- syllabic abbreviations: the same for a one-word name built from the leading letters of another name
  of its record ("Cuflet" / "Empresa Cubana de Fletes"), with the names of other dev records it is also
  built from as negatives;
- short forms: every pair of one dev OFAC record's names where one is a single word without a legal
  form that begins the other, a name with a legal form ("Ramak" / "Ramak Duty Free Shops Ltd."), as
  positives, and every name of another dev record the same word also begins (a collision) as a negative.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from rapidfuzz import fuzz

from scoring import evalsets
from scoring.candidates import CandidateIndex, IndexOptions
from scoring.features import Side, make_side
from scoring.name_features import (
    acronym_match,
    dictionary_translation,
    short_form_match,
    syllabic_abbreviation_match,
    transliteration_match,
)
from scoring.normalize import normalize
from scoring.places import after_places

Row = tuple[str, Side, Side, bool]  # (set name, query side, candidate side, same entity)

# The index options that mine OFAC hard negatives, written out in full: the training rows (and so the
# shipped artefact) must not change when the candidate index's defaults are retuned for screening.
MINING_OPTIONS = IndexOptions(
    shortlist=64,
    max_postings=40_000,
    min_grams=4,
    pool=1024,
    max_query_chars=512,
    scorer="WRatio",
    typo_words=True,
    limit_keys=True,
    typo_edits=1,
    joined_words=False,
)


def best_pair(p: evalsets.Pair) -> tuple[str, str]:
    """Pick the name pair a matcher would compare (highest token-set similarity)."""
    return max(((a, b) for a in p.names1 for b in p.names2), key=lambda ab: fuzz.token_set_ratio(*ab))


def pair_rows(pairs: Sequence[evalsets.Pair]) -> list[Row]:
    """Turn dev pairs into training rows."""
    rows = []
    for p in pairs:
        if p.split == "dev":
            a, b = best_pair(p)
            rows.append((p.set_name, make_side(a, p.country1), make_side(b, p.country2), p.label))
    return rows


def ofac_rows(root: Path, negatives: int = 5) -> list[Row]:
    """Build OFAC alias positives and index-mined hard negatives from dev records only."""
    names, queries = evalsets.ofac(root)
    dev = [q for q in queries if q.split == "dev"]
    dev_ents = {q.ent_num for q in dev}
    keys, owners = [], []
    for ent, ent_names in names.items():
        if ent in dev_ents:
            for n in ent_names:
                keys.append(normalize(n))
                owners.append((ent, n))
    index = CandidateIndex(keys, MINING_OPTIONS)
    rows: list[Row] = []
    hits = index.search_many([normalize(q.query) for q in dev], limit=negatives * 4)
    for q, found in zip(dev, hits, strict=True):
        rows.append(("ofac", make_side(q.query), make_side(names[q.ent_num][0]), True))
        taken = 0
        for pos, _ in found:
            ent, name = owners[pos]
            if ent != q.ent_num and taken < negatives:
                rows.append(("ofac", make_side(q.query), make_side(name), False))
                taken += 1
    return rows


def enzh_rows(root: Path, seed: int = 7) -> list[Row]:
    """Build phonetic English-Chinese positives and seeded random negatives from dev rows."""
    pairs = [p for p in evalsets.enzh(root) if p.split == "dev" and _phonetic(p)]
    rng = random.Random(seed)
    rows: list[Row] = []
    for i, p in enumerate(pairs):
        rows.append(("enzh", make_side(p.names1[0]), make_side(p.names2[0]), True))
        other = pairs[(i + rng.randrange(1, len(pairs))) % len(pairs)] if len(pairs) > 1 else p
        if other is not p:
            rows.append(("enzh", make_side(p.names1[0]), make_side(other.names2[0]), False))
    return rows


def translation_rows(root: Path, seed: int = 11) -> list[Row]:
    """Build dictionary-translation positives, hard negatives and random negatives from enzh dev rows."""
    return _hard_negative_rows(root, "translation", dictionary_translation, lambda _p: True, seed)


def transliteration_rows(root: Path, seed: int = 13) -> list[Row]:
    """Build transliteration positives, hard negatives and random negatives from phonetic enzh dev rows."""
    return _hard_negative_rows(root, "transliteration", transliteration_match, _phonetic, seed)


def _phonetic(p: evalsets.Pair) -> bool:
    """Return True for an enzh pair whose Chinese name is rated a phonetic rendering (Pronun >= 3)."""
    return p.tags["pronun"].startswith("phonetic")


def _hard_negative_rows(
    root: Path,
    set_name: str,
    score: Callable[[Side, Side], float],
    chosen: Callable[[evalsets.Pair], bool],
    seed: int,
) -> list[Row]:
    """Return each `chosen` enzh dev pair as a positive and, as negatives, the other dev English name
    `score` rates highest against its Chinese name (a hard negative, when it rates any above 0) and one
    seeded random other English name."""
    pairs = [p for p in evalsets.enzh(root) if p.split == "dev"]
    english = [make_side(p.names2[0]) for p in pairs]
    rng = random.Random(seed)
    rows: list[Row] = []
    for i, p in enumerate(pairs):
        if not chosen(p):
            continue
        zh = make_side(p.names1[0])
        rows.append((set_name, zh, english[i], True))
        others = [j for j in range(len(english)) if english[j].parts.key != english[i].parts.key]
        if not others:
            continue
        best, hard = max(((score(zh, english[j]), j) for j in others), key=lambda t: (t[0], -t[1]))
        if best > 0:
            rows.append((set_name, zh, english[hard], False))
        rows.append((set_name, zh, english[rng.choice(others)], False))
    return rows


def _dev_record_sides(root: Path) -> dict[str, list[Side]]:
    """Return each dev OFAC record's names as sides, records in order."""
    names, queries = evalsets.ofac(root)
    dev_ents = sorted({q.ent_num for q in queries if q.split == "dev"})
    return {e: [make_side(n) for n in names[e]] for e in dev_ents}


def acronym_rows(root: Path) -> list[Row]:
    """Build acronym positives (names of one dev OFAC record) and collision negatives (other records)."""
    sides = _dev_record_sides(root)
    by_acronym: dict[str, list[tuple[str, Side]]] = {}
    for e, ent_sides in sides.items():
        for side in ent_sides:
            for key in dict.fromkeys((side.parts.acronym, *side.parts.acronyms)):
                if key:
                    by_acronym.setdefault(key, []).append((e, side))
    rows: list[Row] = []
    for e, ent_sides in sides.items():
        for i, a in enumerate(ent_sides):
            for b in ent_sides[i + 1 :]:
                if not acronym_match(a, b):
                    continue
                rows.append(("acronyms", a, b, True))
                short = a if len(a.parts.core) == 1 else b
                for other, side in by_acronym.get(short.parts.compact, []):
                    if other != e and acronym_match(short, side):
                        rows.append(("acronyms", short, side, False))
    return rows


def _one_word_rows(
    set_name: str,
    sides: dict[str, list[Side]],
    match: Callable[[Side, Side], float],
    others: Callable[[Side], Iterable[tuple[str, Side]]],
) -> list[Row]:
    """Pair each one-word name of a record with the record's names `match` finds (positives), then with
    the names of other records among `others(short)` that it also matches (collision negatives)."""
    rows: list[Row] = []
    for e, ent_sides in sides.items():
        for short in (s for s in ent_sides if len(s.parts.core) == 1):
            found = [b for b in ent_sides if b is not short and match(short, b)]
            if not found:
                continue
            rows += [(set_name, short, b, True) for b in found]
            rows += [
                (set_name, short, side, False)
                for other, side in others(short)
                if other != e and match(short, side)
            ]
    return rows


def syllabic_rows(root: Path) -> list[Row]:
    """Build syllabic-abbreviation positives (a one-word name of a dev OFAC record built from the leading
    letters of another of its names) and collision negatives (names of other dev records it is also built
    from)."""
    sides = _dev_record_sides(root)
    longs = [(e, side) for e, ent_sides in sides.items() for side in ent_sides if len(side.parts.core) >= 2]
    return _one_word_rows("syllabic", sides, syllabic_abbreviation_match, lambda _short: longs)


def short_form_rows(root: Path) -> list[Row]:
    """Build short-form positives (a bare one-word name of a dev OFAC record that begins another of its
    names, one with a legal form) and collision negatives (names of other dev records it also begins)."""
    sides = _dev_record_sides(root)
    by_word: dict[str, list[tuple[str, Side]]] = {}  # a name's first word (places skipped too) -> names
    for e, ent_sides in sides.items():
        for side in ent_sides:
            core = side.parts.core
            for word in dict.fromkeys(core[:1] + after_places(core)[:1]):
                by_word.setdefault(word, []).append((e, side))
    return _one_word_rows(
        "short_forms", sides, short_form_match, lambda short: by_word.get(short.parts.core[0], [])
    )


def training_pairs(root: Path) -> list[evalsets.Pair]:
    """Return the labelled pair sets whose dev rows train the model (and choose its threshold)."""
    return evalsets.name_bench(root) + evalsets.entity_checks(root) + evalsets.opensanctions_pairs(root)


def training_rows(root: Path) -> list[Row]:
    """Return every training row, in the order the artefact's training digest covers."""
    pairs = training_pairs(root)
    rows = pair_rows(pairs) + ofac_rows(root) + enzh_rows(root) + translation_rows(root)
    rows += transliteration_rows(root)
    return rows + acronym_rows(root) + syllabic_rows(root) + short_form_rows(root)


def digest(rows: Sequence[Row]) -> str:
    """Hash the training pairs (set, names, countries, label) in order."""
    h = hashlib.sha256()
    for s, q, c, lab in rows:
        h.update(f"{s}\t{q.parts.original}\t{c.parts.original}\t{q.country}\t{c.country}\t{lab}\n".encode())
    return h.hexdigest()
