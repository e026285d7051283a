"""Import CBP Withhold Release Orders and Findings: entities, aliases and region/good/group rules."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.fuzz import ratio

from reference_data.countries import resolve_country
from reference_data.importers._cbp_spec import ACTIVE_FILE, LEGAL_BASIS, LOOKUP_FILE, SPEC
from reference_data.importers._cbp_split import (
    Part,
    core_key,
    lookup_parts,
    name_key,
    region_good,
    split_string,
)
from reference_data.importers._common import (
    ENTITY_COLUMNS,
    SourceBuild,
    Table,
    clean,
    join_list,
    read_raw_csv,
    stable_ids,
)

RULE_COLUMNS = (
    "rule_id",
    "kind",
    "description",
    "country",
    "region",
    "goods",
    "entity_name",
    "action",
    "listed_on",
    "status",
    "notes",
)
HISTORICAL_NOTE = (
    "named in CBP order text (OpenSanctions name lookups) but not in the active-orders copy: "
    "the order may be inactive, modified or revoked"
)
_MIN_FUZZY_LEN = 20  # only long names merge on a near-identical spelling; short ones ("Da Wang 1") never
_FUZZY_MERGE = 90.0  # rapidfuzz ratio (0-100) above which two spellings are one target (e.g. Beedi/Beedie)


@dataclass
class _Target:
    """A party or rule being assembled from every CBP string that names it."""

    names: list[str]
    entity_type: str = "organization"
    country: str | None = None
    address: str = ""
    group: str = ""
    orders: list[tuple[str, str]] = field(default_factory=list)  # (date, action) of active orders
    sectors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def same_as(self, names: list[str]) -> bool:
        """Whether any of the given names is a spelling of one of ours."""
        ours = [(name_key(n), core_key(n)) for n in self.names]
        theirs = [(name_key(n), core_key(n)) for n in names]
        return any(_same_name(a, b) or _same_name(ac, bc) for a, ac in theirs for b, bc in ours)

    def absorb(self, other: _Target) -> None:
        """Merge another sighting of the same target into this one."""
        for name in other.names:
            if name_key(name) not in {name_key(n) for n in self.names}:
                self.names.append(name)
        self.country = self.country or other.country
        self.address = self.address or other.address
        self.group = self.group or other.group
        self.orders += [o for o in other.orders if o not in self.orders]
        self.sectors += [s for s in other.sectors if s not in self.sectors]
        self.notes += [n for n in other.notes if n not in self.notes]


def _same_name(a: str, b: str) -> bool:
    """Exact key match, or a near-identical long spelling with the same digits ("Beedi"/"Beedie")."""
    if a == b:
        return True
    if min(len(a), len(b)) < _MIN_FUZZY_LEN or re.sub(r"\D", "", a) != re.sub(r"\D", "", b):
        return False  # numbers tell apart "No. 1" and "No. 2" detachments, vessels "Da Wang 1" and "2"
    return ratio(a, b) >= _FUZZY_MERGE


def _add(targets: list[_Target], new: _Target) -> None:
    """Append a target, or merge it into an existing one that shares a name."""
    for target in targets:
        if target.same_as(new.names):
            target.absorb(new)
            return
    targets.append(new)


def _status(target: _Target) -> str:
    return "active" if target.orders else "historical"


def _action(target: _Target) -> str:
    actions = [a for _, a in sorted(target.orders)]
    return "; ".join(dict.fromkeys(actions)) if actions else "WRO or Finding (not in the active-orders copy)"


def _order_note(target: _Target) -> str:
    if not target.orders:
        return HISTORICAL_NOTE
    return "orders in the active-orders copy: " + "; ".join(f"{a} {d}" for d, a in sorted(target.orders))


def _entity_targets(part: Part, country: str | None, orders: list[tuple[str, str]], sector: str) -> _Target:
    return _Target(
        names=[part.name, *part.aliases],
        entity_type=part.entity_type,
        country=part.country or country,
        address=part.address,
        group=part.group,
        orders=list(orders),
        sectors=[sector] if sector else [],
        notes=[part.note] if part.note else [],
    )


def build(raw_root: Path) -> SourceBuild:
    """Read the active-orders transcription and the name lookups; return entity and rule tables."""
    active = read_raw_csv(raw_root, SPEC, ACTIVE_FILE, ("entity_as_listed", "country", "action_type"))
    lookups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_raw_csv(raw_root, SPEC, LOOKUP_FILE, ("cbp_entity_string", "entity_name")):
        lookups[name_key(row["cbp_entity_string"])].append(row)

    entities: list[_Target] = []
    rules: dict[tuple[str, str, tuple[str, ...]], _Target] = {}
    used: set[str] = set()

    def sighting(text: str, country: str | None, orders: list[tuple[str, str]], sector: str) -> None:
        rule = region_good(text)
        if rule is not None:
            key = (rule.country, rule.region, rule.goods)
            new = _Target(names=[text], country=rule.country, orders=list(orders), sectors=[sector])
            if key in rules:
                rules[key].absorb(new)
            else:
                rules[key] = new
            for vessel in rule.vessels:
                kind = "organization" if "fishing" in vessel.casefold() else "vessel"
                _add(entities, _entity_targets(Part(vessel, entity_type=kind), country, orders, sector))
            return
        rows = lookups.get(name_key(text))
        parts = lookup_parts(text, rows) if rows else split_string(text)
        for part in parts:
            _add(entities, _entity_targets(part, country, orders, sector))

    for row in active:
        text = clean(row["entity_as_listed"])
        used.add(name_key(text))
        orders = [(clean(row.get("effective_date_iso", "")), clean(row["action_type"]))]
        sighting(text, resolve_country(clean(row["country"])), orders, clean(row.get("industry", "")))
    for key, rows in lookups.items():
        if key not in used:
            sighting(clean(rows[0]["cbp_entity_string"]), None, [], "")

    entity_rows = _entity_rows(entities)
    rule_rows = _rule_rows(entities, rules)
    data_date = max(clean(r.get("effective_date_iso", "")) for r in active)
    return SourceBuild(
        spec=SPEC,
        data_date=data_date,
        tables=(
            Table("entities.csv", ENTITY_COLUMNS, tuple(entity_rows)),
            Table("rules.csv", RULE_COLUMNS, tuple(rule_rows)),
        ),
    )


def _entity_rows(entities: list[_Target]) -> list[tuple[str, ...]]:
    ids = stable_ids(SPEC.id, [(t.names[0], t.country or "") for t in entities])
    rows: list[tuple[str, ...]] = []
    for entity_id, t in zip(ids, entities, strict=True):
        dates = sorted(d for d, _ in t.orders)
        rows.append(
            (
                entity_id,
                t.names[0],
                join_list(t.names[1:]),
                t.country or "",
                t.entity_type,
                t.address,
                "",
                dates[0] if dates else "",
                _action(t),
                _status(t),
                LEGAL_BASIS,
                "; ".join(t.sectors),
                f"{t.names[0]} {t.group}" if t.group else "",
                "",
                "; ".join([_order_note(t), *t.notes]),
            )
        )
    return rows


def _rule_rows(
    entities: list[_Target], rules: dict[tuple[str, str, tuple[str, ...]], _Target]
) -> list[tuple[str, ...]]:
    rule_specs = [("region_good", key, t) for key, t in rules.items()]
    rule_specs += [("group", (t.country or "", "", ()), t) for t in entities if t.group]
    ids = stable_ids(SPEC.id, [(f"{kind} {t.names[0]}", "") for kind, _, t in rule_specs])
    rows: list[tuple[str, ...]] = []
    for rule_id, (kind, (country, region, goods), t) in zip(ids, rule_specs, strict=True):
        dates = sorted(d for d, _ in t.orders)
        also = [f"also published as: {n}" for n in t.names[1:]] if kind == "region_good" else []
        rows.append(
            (
                rule_id,
                kind,
                t.names[0] if kind == "region_good" else f"{t.names[0]} {t.group}",
                country,
                region,
                join_list(goods),
                t.names[0] if kind == "group" else "",
                _action(t),
                dates[0] if dates else "",
                _status(t),
                "; ".join([_order_note(t), *also]),
            )
        )
    return rows
