"""OCDS input: suppliers from parties and awards, each once, with goods from award or tender items;
read release by release with the rows of the previous whole-file reader, and faults that keep the
rows read before them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.intake import ocds
from scoring.intake.reader import InputError, open_supplier_file

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "ocds_release_package.json"


def _values(path: Path) -> list[dict[str, Any]]:
    source = open_supplier_file(path)
    assert source.kind == "ocds"
    return [r.values for r in source.rows]


def test_ocds_example_lists_each_supplier_once() -> None:
    rows = _values(EXAMPLE)
    assert [r["name"] for r in rows] == [
        "Top Glove Corporation Berhad",
        "Siemens Healthcare GmbH",
        "Kashgar Sample Textiles Co., Ltd. (fictional)",
    ]


def test_ocds_example_takes_goods_values_and_hs_codes() -> None:
    glove, _, gowns = _values(EXAMPLE)
    assert glove["product"] == "Nitrile examination gloves, powder-free; Surgical gloves"  # from tender items
    assert (glove["value"], glove["currency"], glove["country"]) == (412000.0, "EUR", "Malaysia")
    assert gowns["hs_code"] == "621142" and "Cotton patient gowns" in str(gowns["product"])
    assert gowns["address"] == "Kashgar, Xinjiang"


def test_ocds_record_package_and_identifiers(tmp_path: Path) -> None:
    release = {
        "ocid": "ocds-x-1",
        "parties": [{"id": "p1", "name": "Acme Ltda", "roles": ["supplier"],
                     "identifier": {"scheme": "BR-CNPJ", "id": "27090456000227"}}],
        "awards": [{"suppliers": [{"id": "p1"}], "value": {"amount": 10, "currency": "BRL"}},
                   {"suppliers": [{"id": "p1"}], "value": {"amount": 5, "currency": "BRL"}}],
    }  # fmt: skip
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"records": [{"ocid": "ocds-x-1", "compiledRelease": release}]}))
    (row,) = _values(path)
    assert row["identifiers"] == (("cnpj", "27090456000227"),)
    assert row["country"] == "BR" and row["value"] == 15.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"hello": 1}', "not an OCDS release or record package"),
        ('{"releases": [{"ocid": "x", "parties": []}]}', "names no supplier"),
    ],
)
def test_ocds_faults_raise_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message):
        open_supplier_file(path)


# --- streaming: the same rows as the whole-file reader, and faults that keep what was read ---------

FIXTURES = Path(__file__).resolve().parent / "ocds"
EXAMPLES = EXAMPLE.parent
# Rows and notes of every fixture as the previous reader (json.load of the whole file) gave them.
GOLDEN: dict[str, Any] = json.loads((FIXTURES / "golden.json").read_text(encoding="utf-8"))


def _ocds_files() -> list[Path]:
    examples = [p for p in sorted(EXAMPLES.glob("*.json")) if "releases" in p.read_text(encoding="utf-8")]
    return examples + sorted(p for p in FIXTURES.glob("*.json") if p.name != "golden.json")


def _as_json(value: Any) -> Any:
    """Tuples to lists and floats as JSON writes them, as golden.json holds them."""
    return json.loads(json.dumps(value))


def _whole_file(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Reference: the previous reader's way, json.load of the whole file, then release by release."""
    with path.open("rb") as fh:
        doc = json.load(fh)
    collector = ocds._Collector()
    for release in ocds._releases(doc):
        collector.add(release)
    rows = [s.as_values() for s in collector.suppliers.values()]
    return rows, [f"OCDS: {collector.releases} releases, {len(rows)} distinct suppliers"]


def test_every_ocds_fixture_and_example_has_golden_rows() -> None:
    assert sorted(p.name for p in _ocds_files()) == sorted(GOLDEN)


@pytest.mark.parametrize("path", _ocds_files(), ids=lambda p: p.name)
def test_streaming_rows_equal_the_previous_readers(path: Path) -> None:
    source = open_supplier_file(path)
    rows = [{"row": r.row, "values": r.values, "fault": r.fault} for r in source.rows]
    assert _as_json({"notes": source.notes, "rows": rows}) == GOLDEN[path.name]
    reference_rows, reference_notes = _whole_file(path)
    assert [r["values"] for r in rows] == reference_rows and source.notes == reference_notes


_NAMES = st.sampled_from(["Acme Ltd", "ACME LTD.", "Borealis GmbH", "Corvo SA", "Dunmore Inc", "", "  "])
_IDS = st.one_of(st.sampled_from(["p1", "p2", "p3"]), st.integers(-3, 3), st.floats(-3, 3, allow_nan=False))
_AMOUNTS = st.one_of(
    st.integers(-(10**25), 10**25), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=3)
)
_PARTY = st.fixed_dictionaries(
    {"id": _IDS, "name": _NAMES},
    optional={
        "roles": st.sampled_from([["supplier"], ["buyer"], "supplier", [], None, 3]),
        "identifier": st.fixed_dictionaries(
            {"scheme": st.sampled_from(["XI-LEI", "GB-COH", "CN-SAMR", "", 7]), "id": _IDS | st.just("")}
        ),
        "address": st.fixed_dictionaries({}, optional={"countryName": _NAMES, "locality": _NAMES | _IDS}),
    },
)
_ITEM = st.fixed_dictionaries(
    {},
    optional={
        "description": _NAMES,
        "classification": st.fixed_dictionaries(
            {"scheme": st.sampled_from(["HS", "CPV", "UNSPSC"]), "id": _IDS, "description": _NAMES}
        ),
    },
)
_AWARD = st.fixed_dictionaries(
    {},
    optional={
        "suppliers": st.lists(st.fixed_dictionaries({}, optional={"id": _IDS, "name": _NAMES}), max_size=3),
        "items": st.lists(_ITEM, max_size=2) | st.just({"odd": 1}),
        "value": st.fixed_dictionaries(
            {"amount": _AMOUNTS}, optional={"currency": st.sampled_from(["EUR", "USD"])}
        )
        | st.just("12"),
        "date": st.sampled_from(["2024-05-01T00:00:00Z", "", 20240501]),
    },
)
_RELEASE = st.fixed_dictionaries(
    {"ocid": st.just("ocds-h")},
    optional={
        "parties": st.lists(_PARTY | st.just("x"), max_size=4) | st.just(5),
        "awards": st.lists(_AWARD | st.none(), max_size=3) | st.just({"a": 1}),
        "tender": st.fixed_dictionaries({"items": st.lists(_ITEM, max_size=2)}) | st.just([1]),
    },
)
_PACKAGES = st.one_of(
    st.lists(_RELEASE | st.integers(), min_size=1, max_size=8).map(lambda rs: {"uri": "u", "releases": rs}),
    st.lists(_RELEASE, min_size=1, max_size=8).map(
        lambda rs: {"records": [{"compiledRelease": r} for r in rs]}
    ),
    st.lists(_RELEASE, min_size=1, max_size=4).map(
        lambda rs: {"records": [{"releases": [{"ocid": "no-parties"}, *rs]}, {"releases": None}]}
    ),
    st.lists(_RELEASE, min_size=1, max_size=8),
    _RELEASE,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(package=_PACKAGES, indent=st.sampled_from([None, 1]))
def test_streaming_equals_whole_file_on_generated_packages(
    tmp_path: Path, package: Any, indent: int | None
) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(package, indent=indent, ensure_ascii=False), encoding="utf-8")
    reference_rows, reference_notes = _whole_file(path)
    if not reference_rows:
        with pytest.raises(InputError, match="names no supplier|not an OCDS"):
            open_supplier_file(path)
        return
    source = open_supplier_file(path)
    assert [r.values for r in source.rows] == reference_rows and source.notes == reference_notes


def _package(releases: list[str]) -> str:
    return '{"uri": "https://example.org/p.json",\n"releases": [\n' + ",\n".join(releases) + "\n]}\n"


def _release(n: int) -> str:
    party = {"id": "s", "name": f"Supplier {n} Ltd", "roles": ["supplier"]}
    return json.dumps({"ocid": f"ocds-{n}", "parties": [party], "awards": [{"suppliers": [{"id": "s"}]}]})


@pytest.mark.parametrize("count", [1, 3, 50])
def test_a_bad_release_keeps_the_rows_before_it_and_names_where_reading_stopped(
    tmp_path: Path, count: int
) -> None:
    good = [_release(n) for n in range(count)]
    text = _package([*good, '{"ocid": "bad", "parties": [{"id": "s" "name": "X"}]}', _release(99)])
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    source = open_supplier_file(path)
    offset = text.index('"name": "X"') + 5  # yajl stops on the last byte of the misplaced "name"
    where = f"line {count + 3}, byte offset {offset:,}"
    assert source.notes[1].startswith(f"OCDS: the JSON breaks off at {where}:")
    rows: list[str] = []
    with pytest.raises(InputError) as caught:
        rows.extend(str(r.values["name"]) for r in source.rows)
    assert rows == [f"Supplier {n} Ltd" for n in range(count)]
    plural = "" if count == 1 else "s"
    assert str(caught.value) == (
        f"{path}: {where}: not valid JSON: after key and value, inside map, I expect ',' or '}}'; "
        f"reading stopped after {count} release{plural} ({count} supplier{plural} read)"
    )


def test_a_package_cut_short_keeps_its_complete_releases(tmp_path: Path) -> None:
    text = _package([_release(n) for n in range(5)])
    path = tmp_path / "cut.json"
    cut = text.index('"ocid": "ocds-3"') + 5
    path.write_text(text[:cut], encoding="utf-8")
    source = open_supplier_file(path)
    with pytest.raises(
        InputError, match=f"byte offset {cut:,}: not valid JSON: the file ends mid-JSON"
    ) as caught:
        assert [r.values["name"] for r in source.rows] == [f"Supplier {n} Ltd" for n in range(3)]
    assert "after 3 releases (3 suppliers read)" in str(caught.value)


def test_a_fault_before_any_supplier_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    text = _package(['{"ocid": "no-suppliers", "parties": []}', "{oops}"])
    path.write_text(text, encoding="utf-8")
    where = f"line 4, byte offset {text.index('oops')}"
    with pytest.raises(
        InputError, match=rf"{where}: not valid JSON: .* \(after 1 release, none naming a supplier"
    ):
        open_supplier_file(path)


def test_nesting_past_the_limit_stops_the_file_not_the_machine(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    deep = '{"ocid": "d", "parties": ' + "[" * 200_000 + "]" * 200_000 + "}"
    path.write_text(_package([_release(1), deep, _release(2)]), encoding="utf-8")
    source = open_supplier_file(path)
    with pytest.raises(InputError, match="nested more than 256 levels deep; reading stopped after 1 release"):
        assert [r.values["name"] for r in source.rows] == ["Supplier 1 Ltd"]


def test_odd_field_types_never_sink_the_file(tmp_path: Path) -> None:
    odd = {
        "ocid": "o",
        "parties": 5,
        "tender": [1],
        "awards": [{"suppliers": [{"id": "s"}], "value": [1, 2]}],
    }
    rec = {
        "records": [
            {"releases": None},
            {"compiledRelease": odd},
            {"compiledRelease": json.loads(_release(7))},
        ]
    }
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(rec), encoding="utf-8")
    rows = _values(path)
    assert [r["name"] for r in rows] == ["", "Supplier 7 Ltd"]  # the odd award's bare reference, then party
