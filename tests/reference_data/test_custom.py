"""Custom watch lists: good files load; every bad file or row gives one clear CustomListError."""

from __future__ import annotations

from pathlib import Path

import pytest

from reference_data.custom import load_custom_list
from reference_data.errors import CustomListError


def _write(tmp_path: Path, text: str, name: str = "my_watch.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_load_custom_list_good_file(tmp_path: Path) -> None:
    text = "id,name,aliases,country\nA1,Acme Cotton Ltd,Acme; ACME Textiles,China\nA2,Beta Mills,,DEU\n"
    entities = load_custom_list(_write(tmp_path, text))
    assert [e.entity_id for e in entities] == ["my_watch:A1", "my_watch:A2"]
    assert entities[0].source_id == "my_watch"
    assert entities[0].aliases == ("Acme", "ACME Textiles")
    assert (entities[0].country, entities[1].country) == ("CN", "DE")
    assert entities[1].source_row == 2


def test_load_custom_list_bom_and_case_insensitive_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffID,Name,Country\n7,Gamma SA,Brasil\n")
    (entity,) = load_custom_list(path)
    assert (entity.entity_id, entity.name, entity.country) == ("my_watch:7", "Gamma SA", "BR")


def test_load_custom_list_optional_columns(tmp_path: Path) -> None:
    entities = load_custom_list(_write(tmp_path, "name\nDelta Co\n\nEpsilon Co\n"))
    assert [e.entity_id for e in entities] == ["my_watch:1", "my_watch:3"]
    assert entities[0].country is None


def test_load_custom_list_unknown_country_noted(tmp_path: Path) -> None:
    (entity,) = load_custom_list(_write(tmp_path, "id,name,country\n1,Zeta,Atlantis\n"))
    assert entity.country is None and "Atlantis" in entity.notes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("id,company,country\n1,Acme,CN\n", "no 'name' column"),
        ("id,name\n1,   \n", "row 1: blank name"),
        ("id,name\n1,Acme\n1,Beta\n", "row 2: duplicate id '1'"),
        ("id,name\n1,Acme,extra,more\n", "row 1: 4 fields, header has 2"),
    ],
)
def test_load_custom_list_bad_rows(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(CustomListError, match=message) as info:
        load_custom_list(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_load_custom_list_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CustomListError, match="not found"):
        load_custom_list(tmp_path / "absent.csv")


def test_load_custom_list_not_utf8(tmp_path: Path) -> None:
    path = _write(tmp_path, "id,name\n1,Ação Têxtil\n", encoding="utf-16")
    with pytest.raises(CustomListError, match="not UTF-8"):
        load_custom_list(path)
