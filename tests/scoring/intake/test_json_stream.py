"""Streaming JSON: values as json.load gives them, a nesting guard that is exact across pieces, and
errors that name the byte where parsing stopped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.intake.json_stream import DepthGuard, JSONStreamError, iter_items, plain, top_level

# Text that stresses the guard: brackets, quotes and backslashes inside strings.
_TRICKY = st.text(alphabet=st.sampled_from('ab[]{}"\\/ \n\u00e9\u4e2d'), max_size=8)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TRICKY
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TRICKY, inner, max_size=4),
    max_leaves=25,
)


def _depth(value: Any) -> int:
    """Nesting depth of a parsed value: 0 for a scalar, 1 for a flat array or object."""
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


def _first_too_deep(text: bytes, limit: int) -> int | None:
    """Reference: walk the whole text once; return the bracket that opens level limit + 1."""
    depth, in_string, escaped = 0, False, False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif in_string:
            escaped, in_string = ch == 0x5C, ch != 0x22
        elif ch == 0x22:
            in_string = True
        elif ch in b"[{":
            depth += 1
            if depth > limit:
                return i
        elif ch in b"]}":
            depth -= 1
    return None


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES, limit=st.integers(min_value=0, max_value=6), cuts=st.lists(st.integers(0, 10**6)))
def test_depth_guard_is_exact_however_the_text_is_cut(value: Any, limit: int, cuts: list[int]) -> None:
    text = json.dumps(value, ensure_ascii=False).encode("utf-8")
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    guard, found = DepthGuard(limit=limit), None
    for start, end in zip(bounds, bounds[1:], strict=False):
        hit = guard.feed(text[start:end])
        if hit is not None:
            found = start + hit
            break
    assert found == _first_too_deep(text, limit)
    assert (found is not None) == (_depth(value) > limit)
    if found is None:
        assert guard.depth == 0 and not guard.in_string and not guard.escaped


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(JSON_VALUES, max_size=6))
def test_items_equal_json_load(tmp_path: Path, items: list[Any]) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({"meta": {"x": [1]}, "releases": items}, ensure_ascii=False), encoding="utf-8")
    assert [plain(v) for v in iter_items(path, "releases.item")] == json.loads(path.read_bytes())["releases"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_items_read_the_encodings_json_load_reads(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(json.dumps([{"name": "Šibenik 中国 \u00e9"}, 2], ensure_ascii=False).encode(encoding))
    assert list(iter_items(path, "item")) == json.loads(path.read_bytes())


def test_numbers_beyond_64_bits_and_exponents_read_as_json_load_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "n.json"
    path.write_text("[12345678901234567890123, -9223372036854775809, 1E5, 2.5e-3, -0.0, 1e400, 0.1]")
    got = [plain(v) for v in iter_items(path, "item")]
    assert got == json.loads(path.read_text())
    assert [type(v) for v in got] == [type(v) for v in json.loads(path.read_text())]


def _error(path: Path, prefix: str = "releases.item") -> tuple[list[Any], JSONStreamError]:
    got: list[Any] = []
    with pytest.raises(JSONStreamError) as caught:
        for item in iter_items(path, prefix):
            got.append(item)
    return got, caught.value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(1, 40), at=st.integers(0, 10**6), bad=st.sampled_from(["#", "}", "tru ", ":"]))
def test_a_fault_names_its_byte_and_line_and_keeps_what_came_before(
    tmp_path: Path, count: int, at: int, bad: str
) -> None:
    releases = [json.dumps({"ocid": f"o-{i}", "n": i}) for i in range(count)]
    k = at % count
    head = '{"releases": [\n' + ",\n".join(releases[:k]) + (",\n" if k else "")
    path = tmp_path / "p.json"
    path.write_text(head + bad + ",\n".join(releases[k:]) + "\n]}\n", encoding="utf-8")
    got, error = _error(path)
    assert [r["n"] for r in got] == list(range(k))
    assert error.offset == len(head.encode()) + (len(bad) - 1 if bad == "tru " else 0)
    assert error.line == head.count("\n") + 1
    assert f"byte offset {error.offset:,}" in error.where


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 10**6))
def test_a_cut_file_fails_at_its_end(tmp_path: Path, cut: int) -> None:
    whole = json.dumps(
        {"releases": [{"ocid": f"o-{i}", "x": [i, "é"]} for i in range(30)]}, ensure_ascii=False
    )
    data = whole.encode("utf-8")[: 1 + cut % (len(whole) - 1)]
    path = tmp_path / "cut.json"
    path.write_bytes(b"\xef\xbb\xbf" + data)  # a BOM: offsets still count the file's own bytes
    got, error = _error(path)
    assert error.offset == len(data) + 3 and "cut short" in error.reason
    assert got == json.loads(whole)["releases"][: len(got)]


def test_deep_nesting_stops_at_the_bracket_without_building_it(tmp_path: Path) -> None:
    head = b'{"releases": [{"ocid": "a"}, {"x": '  # three levels open
    path = tmp_path / "deep.json"
    path.write_bytes(head + b"[" * 300_000 + b"]" * 300_000 + b"}]}")  # ijson alone would need ~100 GB
    got, error = _error(path)
    assert got == [{"ocid": "a"}]
    assert error.offset == len(head) + 256 - 3 and "nested more than 256 levels deep" in error.reason


def test_utf16_faults_name_the_line_only(tmp_path: Path) -> None:
    path = tmp_path / "u16.json"
    path.write_bytes('{"releases": [\n{"a": 1},\n{"a" 2}]}'.encode("utf-16"))
    got, error = _error(path)
    assert got == [{"a": 1}] and error.offset is None and error.where == "line 3"


def test_invalid_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"releases": [{"a": "ok"}, {"a": "\xff"}]}')
    got, error = _error(path)
    assert got == [{"a": "ok"}] and "JSON must be UTF-8" in error.reason


@pytest.mark.parametrize(
    ("text", "kind", "array", "keys"),
    [
        ('{"uri": "u", "extensions": [{"releases": []}], "releases": [1]}', "object", "releases",
         {"uri", "extensions", "releases"}),
        ('{"releases": "see records", "records": []}', "object", "records", {"releases", "records"}),
        ('{"ocid": "x", "parties": []}', "object", None, {"ocid", "parties"}),
        ("[1, 2]", "array", None, set()),
        ('"text"', "scalar", None, set()),
    ],
)  # fmt: skip
def test_top_level_finds_the_first_wanted_array(
    tmp_path: Path, text: str, kind: str, array: str | None, keys: set[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(text)
    top = top_level(path, ("releases", "records"))
    assert (top.kind, top.array, set(top.keys)) == (kind, array, keys)
