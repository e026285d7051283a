"""Development tools under tools/ (not shipped): the prefecture table builder."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _builder() -> ModuleType:
    path = ROOT / "tools" / "build_cn_prefectures.py"
    spec = importlib.util.spec_from_file_location("build_cn_prefectures", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
