"""Readers for the held-out evaluation sets in ``<shared>/eval/raw`` and their fixed dev/test split.

Split rule (``<shared>/eval/README.md``): pair sets by ``sha1("<set>|" + casefold(name1) + "|" +
casefold(name2))``, OFAC aliases by ``sha1("<set>|" + ent_num)``, OpenSanctions pairs by
``sha1("<set>|" + sorted entity ids joined by "|")``; first byte mod 10 < 3 -> dev, else test. ``<set>`` is
the set's folder name. Tiny sets (company_name_matcher, Watchman, ING, cleanco, rigour) are test-only.
Nothing here is shipped data: the readers only run when a shared folder is present.
"""

from __future__ import annotations

import csv
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ORG_SCHEMAS = frozenset({"Company", "Organization", "LegalEntity", "PublicBody"})


@dataclass(frozen=True, slots=True)
class Pair:
    """One labelled pair; a side with several names is scored by its best-matching name."""

    set_name: str
    names1: tuple[str, ...]
    names2: tuple[str, ...]
    label: bool
    split: str  # dev | test
    country1: str | None = None
    country2: str | None = None
    tags: dict[str, str] = field(default_factory=dict)  # slices: schema, quality, group, category...


def shared_dir() -> Path:
    """Return the shared folder: $FLSCREEN_SHARED_DIR, or ../shared beside the checkout."""
    env = os.environ.get("FLSCREEN_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


def split_of(key: str) -> str:
    """Return 'dev' when the first sha1 byte of `key` mod 10 is below 3, else 'test'."""
    return "dev" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 10 < 3 else "test"


def pair_split(set_name: str, name1: str, name2: str) -> str:
    """Return the split of a pair-set row."""
    return split_of(f"{set_name}|{name1.casefold()}|{name2.casefold()}")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def name_bench(root: Path, org: bool = True) -> list[Pair]:
    """Read nomenklatura name_bench rows (org-like schemas, or persons when org=False)."""
    out = []
    for r in _rows(root / "eval/raw/nomenklatura_name_bench/cases.csv"):
        if (r["schema"] in ORG_SCHEMAS) != org or (not org and r["schema"] != "Person"):
            continue
        tags = {"schema": r["schema"], "quality": r["quality"] or "MEDIUM", "group": r["case_group"]}
        tags["category"] = r["category"]
        split = pair_split("nomenklatura_name_bench", r["name1"], r["name2"])
        out.append(
            Pair("name_bench", (r["name1"],), (r["name2"],), r["is_match"] == "true", split, tags=tags)
        )
    return out


def logicv2_scores(root: Path) -> dict[tuple[str, str, str], float]:
    """Return the frozen nomenklatura logic-v2 score per (schema, name1, name2)."""
    path = root / "eval/raw/nomenklatura_name_bench/logicv2-frozen.csv"
    return {(r["schema"], r["name1"], r["name2"]): float(r["score"]) for r in _rows(path)}


def entity_checks(root: Path) -> list[Pair]:
    """Read the org-like nomenklatura entity checks (candidate names split on ' | ')."""
    out = []
    for r in _rows(root / "eval/raw/nomenklatura_entity_checks/checks_flat.csv"):
        if r["schema"] not in ORG_SCHEMAS or not r["query_name"].strip():
            continue
        cands = tuple(n.strip() for n in r["candidate_name"].split(" | ") if n.strip())
        split = pair_split("nomenklatura_entity_checks", r["query_name"], r["candidate_name"])
        tags = {"schema": r["schema"], "category": r["label"]}
        out.append(
            Pair("entity_checks", (r["query_name"],), cands, r["is_match"] == "true", split, tags=tags)
        )
    return out


def opensanctions_pairs(root: Path, max_names: int = 8) -> list[Pair]:
    """Read the org-like OpenSanctions analyst pairs (names and countries of both records)."""
    out = []
    for r in _rows(root / "eval/raw/opensanctions_pairs_sample/pairs_sample_1000_flat.csv"):
        if r["left_schema"] not in ORG_SCHEMAS or r["right_schema"] not in ORG_SCHEMAS:
            continue
        left = tuple(n.strip() for n in r["left_names"].split(" | ") if n.strip())[:max_names]
        right = tuple(n.strip() for n in r["right_names"].split(" | ") if n.strip())[:max_names]
        if not left or not right:
            continue
        lc = [c.strip().upper() for c in r["left_countries"].split(" | ") if len(c.strip()) == 2]
        rc = [c.strip().upper() for c in r["right_countries"].split(" | ") if len(c.strip()) == 2]
        shared = sorted(set(lc) & set(rc))
        c1 = shared[0] if shared else (lc[0] if lc else None)
        c2 = shared[0] if shared else (rc[0] if rc else None)
        key = "|".join(sorted([r["left_id"], r["right_id"]]))
        split = split_of(f"opensanctions_pairs_sample|{key}")
        tags = {"schema": f"{r['left_schema']}/{r['right_schema']}"}
        out.append(Pair("opensanctions_pairs", left, right, r["is_match"] == "true", split, c1, c2, tags))
    return out


def company_name_matcher(root: Path) -> list[Pair]:
    """Read company_name_matcher test_data.csv (test-only regression set)."""
    out = []
    for r in _rows(root / "eval/raw/company_name_matcher_pairs/test_data.csv"):
        out.append(Pair("company_name_matcher", (r["Name_x"],), (r["Name_y"],), r["Targets"] == "1", "test"))
    return out


def enzh(root: Path) -> list[Pair]:
    """Read the English-Chinese company title pairs with their mean pronunciation rating."""
    folder = root / "eval/raw/enzh_wikititles_company"
    ratings: dict[tuple[str, str], float] = {}
    with (folder / "test.eval.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) >= 8:
                ratings[(row[0], row[1])] = (float(row[3]) + float(row[6])) / 2
    out = []
    for r in _rows(folder / "en_zh_pairs.csv"):
        en, zh = r["english_name"], r["chinese_name"]
        pron = ratings.get((en, zh), 0.0)
        tags = {"pronun": "phonetic (>=3)" if pron >= 3 else "translated (<3)", "pron": f"{pron:.1f}"}
        out.append(Pair("enzh", (zh,), (en,), True, pair_split("enzh_wikititles_company", en, zh), tags=tags))
    return out


@dataclass(frozen=True, slots=True)
class OfacAlias:
    """One OFAC organisation alias (the query) with its record number (the gold answer)."""

    query: str
    ent_num: str
    alt_type: str
    split: str


def ofac(root: Path) -> tuple[dict[str, list[str]], list[OfacAlias]]:
    """Return OFAC entity records (ent_num -> [primary, aliases...]) and the organisation alias queries."""
    folder = root / "eval/raw/ofac_sdn_2021_aliases"
    names: dict[str, list[str]] = {}
    for r in _rows(folder / "sdn_entities.csv"):
        if r["sdn_type"] == "entity":
            names[r["ent_num"]] = [r["name"]]
    queries = []
    for r in _rows(folder / "alias_queries.csv"):
        if r["sdn_type"] == "entity" and r["expected_ent_num"] in names:
            names[r["expected_ent_num"]].append(r["query_name"])
            split = split_of(f"ofac_sdn_2021_aliases|{r['expected_ent_num']}")
            queries.append(OfacAlias(r["query_name"], r["expected_ent_num"], r["alt_type"], split))
    return names, queries


def legal_form_cases(root: Path) -> list[tuple[str, str, str, str]]:
    """Return (source, input, expected output, note) rows of the cleanco, rigour and Watchman cases."""
    raw = root / "eval/raw"
    out = []
    for r in _rows(raw / "cleanco_legal_forms/basename_cases.csv"):
        if r["comparison"] == "equals":
            out.append(("cleanco", r["input"], r["expected_output"], r["note"]))
    for r in _rows(raw / "rigour_org_types/org_type_cases.csv"):
        if r["operation"] == "remove":
            out.append(("rigour", r["input"], r["expected"], r["note"]))
    for r in _rows(raw / "watchman_test_cases/remove_company_titles_cases.csv"):
        out.append(("watchman", r["input"], r["expected_output"], r["note"]))
    return out
