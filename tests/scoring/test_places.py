"""Place words: spellings fold to one token, places are never distinctive, containment is no conflict."""

from __future__ import annotations

import pytest

from scoring.features import make_side
from scoring.normalize import parse_name
from scoring.places import compatible, place_path, place_paths
from scoring.words import distinctive


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Hetian Taida Apparel", ("hotan", "taida", "garment")),
        ("Hotan Taida Apparel", ("hotan", "taida", "garment")),
        ("和田泰达服装有限公司", ("hotan", "taida", "garment")),
        ("Kashi Cotton", ("kashgar", "cotton")),
        ("喀什棉业", ("kashgar", "cotton")),
        ("Wulumuqi Steel", ("urumqi", "steel")),
        ("新疆样例棉纺有限公司", ("xinjiang", "yanglimianfang")),
        # Autonomous divisions (round 40): "Inner Mongolia" is no longer the country Mongolia, the people
        # named before "Autonomous" go with the division words, and the full Chinese names are cut whole
        # (昌吉回族自治州天康 was romanised as one word, "huizuzizhizhoutiankang").
        ("Inner Mongolia Xingfa Group", ("neimenggu", "xingfa", "group")),
        ("Nei Mongol Zizhiqu Xingfa", ("neimenggu", "xingfa")),
        ("Nei Menggu Xingfa", ("neimenggu", "xingfa")),
        ("Inner Mongolia Autonomous Region Xingfa", ("neimenggu", "xingfa")),
        ("Ningxia Hui Autonomous Region Baota", ("ningxia", "baota")),
        ("Ningxia Huizu Zizhiqu Baota", ("ningxia", "baota")),
        ("Guangxi Zhuang Autonomous Region Liugong", ("guangxi", "liugong")),
        ("Changji Hui Autonomous Prefecture Tiankang", ("changji", "tiankang")),
        ("Ili Kazakh Autonomous Prefecture Tiankang", ("yili", "tiankang")),
        ("昌吉回族自治州天康棉业有限公司", ("changji", "tiankang", "cotton")),
        ("伊犁哈萨克自治州天康棉业有限公司", ("yili", "tiankang", "cotton")),
        ("巴音郭楞蒙古自治州天康棉业有限公司", ("bayinguoleng", "tiankang", "cotton")),
        ("内蒙古自治区兴发集团有限公司", ("neimenggu", "xingfa")),  # 集团有限公司 is read as the legal form
        ("宁夏回族自治区宝塔有限公司", ("ningxia", "baota")),
        ("Ningxia Hui Tong Trading", ("ningxia", "hui", "tong", "trading")),  # no "Autonomous": a name
        ("Mongolia Xingfa", ("mongolia", "xingfa")),  # the country
        # The kind of division after a Chinese place goes with it (round 41): 市 was read into the next
        # word ("beijing shitiankang"), unless it begins a word of its own (市场, market).
        ("北京市天康棉业有限公司", ("beijing", "tiankang", "cotton")),
        ("浙江省天康棉业有限公司", ("zhejiang", "tiankang", "cotton")),
        ("阿克苏地区天康棉业有限公司", ("aksu", "tiankang", "cotton")),
        ("新疆维吾尔自治区阿克苏地区天康棉业有限公司", ("xinjiang", "aksu", "tiankang", "cotton")),
        ("北京市场开发有限公司", ("beijing", "shichangkaifa")),
        ("北京市市场开发有限公司", ("beijing", "shichangkaifa")),
        # Traditional characters (round 42): 廣州 and 服裝 were romanised into one word with 天康.
        ("廣州天康服裝有限公司", ("guangzhou", "tiankang", "garment")),
        ("烏魯木齊市天康棉業有限公司", ("urumqi", "tiankang", "cotton")),
        # The XUAR's county-level divisions (round 43): the full Chinese name, the pinyin with its kind,
        # and the short Chinese name where a name says where it is (its start, or after a place) and is
        # followed by a coined word; 洛浦县天康 was one word, "luopuxiantiankang".
        ("洛浦县天康棉业有限公司", ("luopuxian", "tiankang", "cotton")),
        ("洛浦天康棉业有限公司", ("luopuxian", "tiankang", "cotton")),
        ("洛浦縣天康棉業有限公司", ("luopuxian", "tiankang", "cotton")),
        ("新疆和田洛浦天康棉业有限公司", ("xinjiang", "hotan", "luopuxian", "tiankang", "cotton")),
        ("Luopu County Tiankang Cotton Co., Ltd.", ("luopuxian", "tiankang", "cotton")),
        ("Luopu Xian Tiankang Cotton", ("luopuxian", "tiankang", "cotton")),
        ("Hotan Prefecture Luopu County Tiankang", ("hotan", "luopuxian", "tiankang")),
        ("巴里坤哈萨克自治县天康", ("balikunhasakexian", "tiankang")),
        ("Luopu Tiankang Cotton", ("luopu", "tiankang", "cotton")),  # a bare pinyin is a word
        ("Lop County Meixin Hair Products", ("luopuxian", "meixin", "hair", "products")),  # CC-CEDICT
        ("Yarkand County Cattle Farm", ("shachexian", "cattle", "farm")),
        ("Shache County Cattle Farm", ("shachexian", "cattle", "farm")),  # 莎车 read as CC-CEDICT does
        ("Bay County Electric", ("bay", "county", "electric")),  # Florida's, not 拜城's "Bay nahiyisi"
        ("天康洛浦", ("tiankangluopu",)),  # not where a place is said
        ("新源电力有限公司", ("xinyuan", "power")),  # the short name is the name's word: Xinyuan Power
        ("民丰特种纸股份有限公司", ("minfengtezhongzhi",)),  # 特种 (special) is a dictionary word
        ("新疆天山区域物流有限公司", ("xinjiang", "tianshanquyu", "logistics")),  # 区域 (region), not 天山区
        ("和田县天康", ("hotan", "tiankang")),  # a county holding a table place is read as that place
    ],
)
def test_parse_name_folds_place_spellings(name: str, core: tuple[str, ...]) -> None:
    assert parse_name(name).core == core


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Xinjiang Jinbao Mining", ("jinbao",)),
        ("Hotan Taida Apparel", ("taida",)),
        ("Banco Santander Mexico", ("santander",)),  # banco = bank, a generic word (round 35)
        ("Shandong Xinjiang", ()),
    ],
)
def test_distinctive_words_exclude_places(name: str, words: tuple[str, ...]) -> None:
    assert distinctive(make_side(name).parts) == words


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (["hotan"], ["xinjiang"], True),  # Hotan is in Xinjiang
        (["hotan"], ["china"], True),
        (["hotan"], ["kashgar"], False),
        (["mexico"], ["chile"], False),
        (["rizhao"], ["shandong"], True),
        ([], ["chile"], True),
        (["luopuxian"], ["hotan"], True),  # Luopu County is in Hotan Prefecture
        (["luopuxian"], ["xinjiang"], True),
        (["luopuxian"], ["minfengxian"], False),  # two counties of one prefecture
        (["luopuxian"], ["kashgar"], False),
        (["eminxian"], ["xinjiang"], True),  # Tacheng's prefecture is no place of the table
        (["eminxian"], ["hotan"], False),
        # each side at its most precise: Shache County is in Kashgar, so not in Yecheng County
        (["yechengxian"], ["xinjiang", "kashgar", "shachexian"], False),
        (["yechengxian"], ["xinjiang", "kashgar"], True),
        (["china", "hotan"], ["kashgar"], False),
    ],
)
def test_compatible_places_by_containment(a: list[str], b: list[str], ok: bool) -> None:
    assert compatible(place_paths(a), place_paths(b)) is ok


def test_place_path_unknown_word_is_none() -> None:
    assert place_path("taida") is None
    assert place_path("hotan") == ("CN", "xinjiang", "hotan")
    assert place_path("luopuxian") == ("CN", "xinjiang", "hotan", "luopuxian")  # within, within


def test_every_within_is_a_place_of_the_table() -> None:
    from scoring.legal_forms import read_rows

    rows = read_rows("places.csv")
    canonicals = {r["canonical"] for r in rows}
    assert {r["within"] for r in rows if r["within"]} <= canonicals


def test_prefecture_level_cities_are_places() -> None:
    # 惠州 / Huizhou (Guangdong): a supplier in the same city is not the same company.
    assert parse_name("惠州九方科技有限公司").core == ("huizhou", "jiufang", "technology")
    assert distinctive(parse_name("Huizhou Mink Industrial Co., Ltd.")) == ("mink",)
    assert place_path("huizhou") == ("CN", "guangdong", "huizhou")
    # pypinyin writes ü as v; names write Lvliang or Luliang (吕梁, Shanxi): one token either way.
    assert parse_name("Lvliang Coal").core == parse_name("Luliang Coal").core == ("lvliang", "coal")
    assert parse_name("吕梁煤业").core[0] == "lvliang"
    from scoring.matcher import compare_names
    from scoring.model import MatchModel

    verdict = compare_names(MatchModel.load(), "惠州九方科技有限公司", "Huizhou Mink Industrial Co., Ltd.")
    assert not verdict.is_match


def test_every_place_token_has_one_path() -> None:
    # The table folds spellings; two rows of one canonical token must agree on where it is.
    from scoring.legal_forms import read_rows

    seen: dict[str, tuple[str, str]] = {}
    for row in read_rows("places.csv"):
        where = (row["country"], row["within"])
        assert seen.setdefault(row["canonical"], where) == where, row


@pytest.mark.parametrize(
    ("old", "pinyin"),
    [("Sinkiang", "xinjiang"), ("Tsingtao", "qingdao"), ("Chungking", "chongqing"), ("Szechwan", "sichuan")],
)
def test_postal_romanisations_fold_to_the_pinyin_place(old: str, pinyin: str) -> None:
    # Older company names keep the 1906 postal spellings (Tsingtao Brewery, Sinkiang ...).
    assert parse_name(f"{old} Cotton Trading Co").core == parse_name(f"{pinyin} Cotton Trading Co").core


@pytest.mark.parametrize(
    ("name", "core"),
    [
        # Country names of several words fold to the country's token (scoring/data/countries.csv).
        (
            "National Development Fund of the Islamic Republic of Iran",
            ("national", "development", "fund", "iran"),
        ),
        ("Central Bank of the Russian Federation", ("central", "bank", "russia")),
        ("Democratic People's Republic of Korea Trading", ("northkorea", "trading")),
        ("Saudi Arabia Trading", ("saudiarabia", "trading")),
        # Demonyms stay words: "Swiss" is the name of Swiss Re, not a place in it.
        ("Swiss Re", ("swiss", "re")),
        # Myanma, the adjective in the English names of Myanmar's state enterprises, is the country.
        ("Myanma Economic Holdings", ("myanma", "economic", "holding")),
    ],
)
def test_country_names_fold_to_one_token(name: str, core: tuple[str, ...]) -> None:
    assert parse_name(name).core == core


def test_country_tokens_are_places_of_their_country() -> None:
    assert place_path("northkorea") == ("KP",)
    assert place_path("myanma") == place_path("myanmar") == ("MM",)
    assert not compatible(place_paths(["northkorea"]), place_paths(["korea"]))  # KP is not KR


def test_inner_mongolia_is_in_china_and_mongolia_is_not() -> None:
    assert place_paths(parse_name("Inner Mongolia Xingfa").core) == frozenset({("CN", "neimenggu")})
    assert place_paths(parse_name("Mongolia Xingfa").core) == frozenset({("MN",)})


def test_a_division_suffix_does_not_make_two_names_of_one() -> None:
    from scoring.matcher import compare_names
    from scoring.model import MatchModel

    pair = compare_names(MatchModel.load(), "乌鲁木齐市天康棉业有限公司", "乌鲁木齐天康棉业有限公司")
    assert pair.score > 0.9  # 0.73 when 市 was read into "shitiankang"


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        # Round 43: the same company with and without its county, in either script.
        ("Luopu County Tiankang Cotton Co., Ltd.", "Tiankang Cotton Co., Ltd.", 0.6, 1.0),  # was 0.38
        ("洛浦县天康棉业有限公司", "洛浦天康棉业有限公司", 0.9, 1.0),  # was 0.72
        ("洛浦县天康棉业有限公司", "天康棉业有限公司", 0.6, 1.0),  # was 0.14
        ("Luopu County Tiankang Cotton Co., Ltd.", "洛浦县天康棉业有限公司", 0.95, 1.0),
        ("洛浦县天康棉业有限公司", "Luopu Tiankang Cotton Co., Ltd.", 0.95, 1.0),
        # Two counties are two places (were 0.44 and 0.14).
        ("Luopu County Tiankang Cotton Co., Ltd.", "Minfeng County Tiankang Cotton Co., Ltd.", 0.0, 0.1),
        ("洛浦县天康棉业有限公司", "民丰县天康棉业有限公司", 0.0, 0.1),
        # A brand that is also a county's short name stays the brand.
        ("新源电力有限公司", "新疆电力有限公司", 0.0, 0.2),
        ("民丰特种纸股份有限公司", "和田特种纸有限公司", 0.0, 0.2),
        # Round 45: a listed WRO entity under its CC-CEDICT English name (were 0.52 and 0.45).
        ("洛浦县美欣发制品有限公司", "Lop County Meixin Hair Products Co., Ltd.", 0.9, 1.0),
        (
            "Luopu County Meixin Hair Products Co., Ltd.",
            "Lop County Meixin Hair Products Co., Ltd.",
            0.9,
            1.0,
        ),
        # Two counties of one prefecture, though the longer name also names the prefecture (was 0.46).
        ("Yecheng County Cattle Farm", "Xinjiang Kashgar Prefecture Shache County Cattle Farm", 0.0, 0.1),
    ],
)
def test_county_places_in_pairs(a: str, b: str, low: float, high: float) -> None:
    from scoring.matcher import compare_names
    from scoring.model import MatchModel

    assert low <= compare_names(MatchModel.load(), a, b).score <= high
