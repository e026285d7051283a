"""Development tools under tools/ (not shipped): the prefecture and country table builders."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> ModuleType:
    """Import tools/<name>.py (scripts, not a package: they import tablekit from beside them)."""
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _builder() -> ModuleType:
    return _tool("build_cn_prefectures")


ADCODES = """adcode,name,longitude,latitude
440000000000,广东省,0,0
441300000000,惠州市,0,0
441302000000,惠城区,0,0
140000000000,山西省,0,0
140400000000,长治市,0,0
141100000000,吕梁市,0,0
360000000000,江西省,0,0
360800000000,吉安市,0,0
361000000000,抚州市,0,0
350000000000,福建省,0,0
350100000000,福州市,0,0
620000000000,甘肃省,0,0
623000000000,甘南藏族自治州,0,0
"""


PLACES = """variant,canonical,country,within,source
广东,guangdong,CN,,province
山西,shanxi,CN,,province
江西,jiangxi,CN,,province
福建,fujian,CN,,province
甘肃,gansu,CN,,province
"""


def test_builder_adds_unambiguous_prefecture_cities_once(tmp_path: Path) -> None:
    builder = _builder()
    adcodes = tmp_path / "adcodes.csv"
    adcodes.write_text(ADCODES, encoding="utf-8")
    table = tmp_path / "places.csv"
    table.write_text(PLACES, encoding="utf-8")
    before = table.read_text(encoding="utf-8")
    rows = builder.build(adcodes, table)
    added = {r["canonical"] for r in rows}
    # 惠州 is new and unambiguous; 长 has two readings (Changzhi); 吉安 folds to "jian"; 抚州 and 福州 are
    # both Fuzhou; an autonomous prefecture's romanisation is not its pinyin; a county is no prefecture.
    assert "huizhou" in added and not added & {"changzhi", "zhangzhi", "jian", "fuzhou", "gannan", "huicheng"}
    assert {r["variant"] for r in rows if r["canonical"] == "huizhou"} == {"huizhou", "惠州市", "惠州"}
    assert all(r["within"] for r in rows)
    builder.main([str(adcodes), "--table", str(table)])
    assert table.read_text(encoding="utf-8").startswith(before)
    assert builder.build(adcodes, table) == []  # running it again adds nothing
    with table.open(encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh))[-1]["source"].startswith("prefecture-level division of China")


def test_countries_builder_keeps_latin_names_of_several_words_unique_to_one_country(tmp_path: Path) -> None:
    files = {
        "iran.json": {
            "name": "Iran",
            "ISO": {"alpha2": "IR"},
            "demonym": "Iranian",
            "altSpellings": ["IR", "Islamic Republic of Iran", "ایران"],
        },
        "korea_north.json": {
            "name": "North Korea",
            "ISO": {"alpha2": "KP"},
            "altSpellings": ["KP", "Democratic People's Republic of Korea", "Korea"],
        },
        "korea_south.json": {"name": "South Korea", "ISO": {"alpha2": "KR"}, "altSpellings": ["Korea"]},
        "nowhere.json": {"name": "Nowhere Land", "altSpellings": ["No Code"]},  # no ISO code: skipped
    }
    for name, info in files.items():
        (tmp_path / name).write_text(json.dumps(info), encoding="utf-8")
    rows = _tool("build_countries").rows(tmp_path)
    found = {(r["variant"], r["country"], r["kind"]) for r in rows}
    assert ("Islamic Republic of Iran", "IR", "name") in found
    assert ("Democratic People's Republic of Korea", "KP", "name") in found
    assert ("North Korea", "KP", "short") in found and ("North Korea", "KP", "name") in found
    assert ("Iran", "IR", "short") in found
    # one-word spellings, other scripts, demonyms and countries without a code are left out
    assert not {v for v, _, _ in found} & {"IR", "Korea", "ایران", "Iranian", "Nowhere Land"}
    assert all(r["source"].startswith("countryinfo 1.0.1 (MIT), data/") for r in rows)


def test_committed_country_table_has_a_short_name_per_country() -> None:
    with (ROOT / "scoring" / "data" / "countries.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    short = [r["country"] for r in rows if r["kind"] == "short"]
    assert len(short) == len(set(short)) > 200
    assert {r["kind"] for r in rows} == {"short", "name"}


XJ_ADCODES = """adcode,name,longitude,latitude
650000000000,新疆维吾尔自治区,0,0
653200000000,和田地区,0,0
653224000000,洛浦县,0,0
653125000000,莎车县,0,0
652925000000,新和县,0,0
130530000000,新河县,0,0
650521000000,巴里坤哈萨克自治县,0,0
650101000000,市辖区,0,0
650999000000,和平区,0,0
120101000000,和平区,0,0
"""


def test_xinjiang_counties_builder_keeps_safe_names_and_pinyin(tmp_path: Path) -> None:
    adcodes = tmp_path / "adcodes.csv"
    adcodes.write_text(XJ_ADCODES, encoding="utf-8")
    tool = _tool("build_xinjiang_counties")
    entries = [
        ("洛浦县", "Luo4 pu3 xian4", "Lop County in Hotan Prefecture"),
        ("莎车县", "Sha1 che1 xian4", "Yeken nahiyisi (Yarkand county)"),
        ("新和县", "Xin1 he2 xian4", "Toqsu nahiyisi (Xinhe county)"),
        (
            "巴里坤哈萨克自治县",
            "Ba1 li3 kun1 Ha1 sa4 ke4 Zi4 zhi4 xian4",
            "Barkol Kazakh Autonomous County in Hami",
        ),
    ]
    senses = tool.cedict_senses([{"simplified": w, "pinyin": p, "definitions": [d]} for w, p, d in entries])
    rows = {r["name"]: r for r in tool.rows(adcodes, senses)}
    # a prefecture, the placeholder, a name also used outside Xinjiang and the other province's county
    # are not rows; 莎 has two readings, CC-CEDICT's entry reads it sha; Xinhe is also Hebei's 新河县
    assert set(rows) == {"洛浦县", "莎车县", "新和县", "巴里坤哈萨克自治县"}
    assert (rows["洛浦县"]["pinyin"], rows["洛浦县"]["kind"], rows["洛浦县"]["adcode"]) == (
        "luopu",
        "county",
        "653224",
    )
    assert rows["莎车县"]["pinyin"] == "shache" and rows["新和县"]["pinyin"] == ""
    assert (rows["巴里坤哈萨克自治县"]["pinyin"], rows["巴里坤哈萨克自治县"]["kind"]) == ("balikun", "county")
    assert [rows[n]["english"] for n in ("洛浦县", "莎车县", "新和县", "巴里坤哈萨克自治县")] == [
        "lop",
        "yeken yarkand",
        "toqsu",  # "Xinhe" is Hebei's pinyin too
        "barkol",
    ]
    assert all("653224" in r["source"] or r["name"] != "洛浦县" for r in rows.values())


def test_county_english_names_leave_out_english_words_and_places_elsewhere() -> None:
    tool = _tool("build_xinjiang_counties")
    words = tool.english_words([{"definitions": ["bay", "to lop off"]}, {"definitions": ["gulf; bay"]}])
    assert words == frozenset({"bay"})
    entries = [("Bai4 cheng2", ["Bay nahiyisi (Baicheng county) in Aksu"]), ("A1 la1 er3", ["Aral city"])]
    assert tool.english_names(entries, words) == ["baicheng"]  # not Bay (a word), nor Aral (Kazakhstan)
    # the places a sense then names are not the division's ("Tianshan district of Urumqi city")
    assert tool.english_names([("", ["Tianshan district of Urumqi city, Xinjiang"])]) == ["tianshan"]
    assert tool.cedict_reading("莎车", [("Sha1 che1 xian4", []), ("Suo1 che1", [])]) == ""  # entries disagree


def test_committed_xinjiang_county_table_is_xinjiang_only() -> None:
    with (ROOT / "scoring" / "data" / "xinjiang_counties.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 90 and all(r["adcode"].startswith("65") for r in rows)
    assert {r["kind"] for r in rows} == {"county", "city", "district"}


def test_traditional_forms_come_from_whole_words_or_unambiguous_characters() -> None:
    tool = _tool("build_cjk_traditional")
    entries = [
        {"simplified": "广东", "traditional": "廣東"},
        {"simplified": "广", "traditional": "廣"},
        {"simplified": "广", "traditional": "广"},  # 广 is also a character of its own (yǎn)
        {"simplified": "服", "traditional": "服"},
        {"simplified": "装", "traditional": "裝"},
        {"simplified": "发", "traditional": "發"},
        {"simplified": "发", "traditional": "髮"},
        {"simplified": "展", "traditional": "展"},
    ]
    words, chars = tool.traditional_forms(entries)
    assert tool.traditional_of("广东", words, chars) == "廣東"  # the word's own entry
    assert tool.traditional_of("服装", words, chars) == "服裝"  # character by character
    assert tool.traditional_of("发展", words, chars) == ""  # 发 is 發 or 髮: left out
    assert tool.traditional_of("广州", words, chars) == ""  # 广 has two forms in one-character entries
    own = [
        {"variant": "服装", "canonical": "garment", "source": "ours"},
        {"variant": "服裝", "canonical": "garment", "source": "already a row"},
        {"variant": "广东", "canonical": "guangdong", "source": "ours"},
        {"variant": "ガーメント", "canonical": "garment", "source": "Japanese, left as written"},
    ]
    rows = tool.traditional_rows(own, words, chars, "test")
    assert [(r["variant"], r["canonical"]) for r in rows] == [("廣東", "guangdong")]
    assert rows[0]["source"] == "traditional form of 广东 (test)"


def test_traditional_forms_tool_keeps_the_tables_as_committed(tmp_path: Path) -> None:
    # Re-running the tool on the committed tables changes nothing: its rows are dropped and written again,
    # every other row is kept byte for byte.
    data = ROOT / "scoring" / "data"
    for name in ("abbreviations_cjk.csv", "places.csv"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    assert _tool("build_cjk_traditional").main(["--data", str(tmp_path)]) == 0
    for name in ("abbreviations_cjk.csv", "places.csv"):
        assert (tmp_path / name).read_bytes() == (data / name).read_bytes(), name
    with (data / "places.csv").open(encoding="utf-8") as f:
        places = {r["variant"]: r["canonical"] for r in csv.DictReader(f)}
    assert places["廣東"] == "guangdong" and places["烏魯木齊"] == "urumqi" and places["瀋陽"] == "shenyang"


def test_county_places_are_within_their_prefecture_by_code() -> None:
    tool = _tool("build_county_places")
    counties = [
        {"name": "洛浦县", "pinyin": "luopu", "kind": "county", "english": "lop", "adcode": "653224"},
        {"name": "墨玉县", "pinyin": "", "kind": "county", "english": "", "adcode": "653222"},  # no pinyin
        {"name": "额敏县", "pinyin": "emin", "kind": "county", "english": "", "adcode": "654221"},  # Tacheng
        {"name": "和田县", "pinyin": "", "kind": "county", "english": "hotan", "adcode": "653221"},  # a place
        {"name": "伊宁市", "pinyin": "", "kind": "city", "english": "", "adcode": "654002"},  # 伊宁: two
        {"name": "伊宁县", "pinyin": "", "kind": "county", "english": "", "adcode": "654021"},
        {"name": "天山区", "pinyin": "tianshan", "kind": "district", "english": "", "adcode": "650102"},
    ]
    places = [{"variant": "和田", "canonical": "hotan"}, {"variant": "hotan", "canonical": "hotan"}]
    xinjiang_only = frozenset({"洛浦", "墨玉", "额敏", "伊宁"})  # 天山 is also a mountain range
    rows = tool.county_rows(counties, places, xinjiang_only)
    got = {(r["variant"], r["canonical"], r["within"]) for r in rows}
    assert got == {
        ("洛浦县", "luopuxian", "hotan"), ("洛浦", "luopuxian", "hotan"),
        ("luopu county", "luopuxian", "hotan"), ("luopu xian", "luopuxian", "hotan"),
        ("lop county", "luopuxian", "hotan"),
        ("墨玉县", "moyuxian", "hotan"), ("墨玉", "moyuxian", "hotan"),
        ("额敏县", "eminxian", "xinjiang"), ("额敏", "eminxian", "xinjiang"),
        ("emin county", "eminxian", "xinjiang"), ("emin xian", "eminxian", "xinjiang"),
        ("伊宁市", "yiningshi", "yili"), ("伊宁县", "yiningxian", "yili"),
        ("天山区", "tianshanqu", "urumqi"), ("tianshan district", "tianshanqu", "urumqi"),
        ("tianshan qu", "tianshanqu", "urumqi"),
    }  # fmt: skip
    assert all("653224" in r["source"] for r in rows if r["canonical"] == "luopuxian")
    short = [r["variant"] for r in rows if r["source"].endswith(tool.SHORT_NAME)]
    assert short == ["洛浦", "墨玉", "额敏"]


def test_xinjiang_words_are_those_whose_every_sense_is_in_xinjiang() -> None:
    entries = [
        {"simplified": "洛浦", "definitions": ["Lop County in Hotan Prefecture, Xinjiang"]},
        {"simplified": "天山", "definitions": ["Tianshan, mountain range between China and Kyrgyzstan"]},
        {"simplified": "沙湾", "definitions": ["Shawan district of Leshan, Sichuan", "Shawan, Xinjiang"]},
        {"simplified": "疆", "definitions": ["border, Xinjiang"]},  # one character: never
    ]
    assert _tool("build_county_places").xinjiang_words(entries) == frozenset({"洛浦"})


def test_county_and_traditional_tools_keep_the_place_table_as_committed(tmp_path: Path) -> None:
    # The documented order: the county rows, then the traditional forms of every Chinese row.
    data = ROOT / "scoring" / "data"
    for name in ("abbreviations_cjk.csv", "places.csv", "xinjiang_counties.csv"):
        (tmp_path / name).write_bytes((data / name).read_bytes())
    assert _tool("build_county_places").main(["--data", str(tmp_path)]) == 0
    assert _tool("build_cjk_traditional").main(["--data", str(tmp_path)]) == 0
    assert (tmp_path / "places.csv").read_bytes() == (data / "places.csv").read_bytes()
