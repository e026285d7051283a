"""Dictionary translation of Chinese names (CC-CEDICT): the feature, the index key and their limits."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference_data.models import ListEntity
from scoring.features import make_side
from scoring.matcher import Matcher, index_keys
from scoring.name_features import dictionary_translation
from scoring.normalize import parse_name
from scoring.places import place_words
from scoring.translation import (
    dictionary_version,
    glosses,
    mixed_reading,
    rendering,
    same_stem,
    segment,
    translation_match,
)
from scoring.types import MatchResult, SupplierRecord


def value(a: str, b: str) -> float:
    return dictionary_translation(make_side(a), make_side(b))


def test_a_chinese_name_meets_the_english_name_it_translates() -> None:
    assert value("高盛", "Goldman Sachs") == 1.0
    assert value("通用電氣", "General Electric Company") == 1.0  # traditional characters
    assert value("腾讯控股有限公司", "Tencent Holdings Ltd") == 1.0  # via the dictionary's reference entry
    assert value("Goldman Sachs", "高盛") == 1.0  # either side may be the Chinese one


def test_partial_translation_is_graded() -> None:
    # 集团 went with the legal form on the Chinese side; the English "Group" left over counts a quarter.
    assert 0.8 < value("高盛集团有限公司", "Goldman Sachs Group, Inc.") < 1.0
    assert 0.0 < value("三菱商事株式会社", "Mitsubishi Corporation") < 1.0  # 商事 has no gloss here


def test_generic_words_alone_do_not_match() -> None:
    assert value("中国银行", "Bank of America") == 0.0  # only "bank" translates
    assert value("飞海科技信息有限公司", "Hefei Bitland Information Technology Co., Ltd.") == 0.0


def test_a_gloss_that_is_the_pinyin_is_not_a_translation() -> None:
    # 韩 is glossed "Han"; that is its reading, already counted by romanised_similarity.
    assert value("艳 韩", "PAK HAN SE") == 0.0
    assert value("阿里巴巴", "Alibaba") == 0.0  # its gloss "Alibaba" is its pinyin, a-li-ba-ba


def test_dictionary_words_must_be_the_same_word_not_a_near_spelling() -> None:
    assert same_stem("canada", "canadian") and same_stem("resource", "resources")
    assert not same_stem("construction", "consorcio")
    assert value("伊藤建設株式会社", "Consórcio SP-270") == 0.0


def test_same_script_pairs_and_latin_pairs_are_zero() -> None:
    assert value("高盛", "高盛集团") == 0.0
    assert value("Goldman Sachs", "Goldman Sachs") == 0.0


def test_segmentation_takes_the_longest_dictionary_word() -> None:
    assert segment("中国建设银行") == ("中国建设银行",)
    assert segment("高盛科技") == ("高盛", "科技")


def test_evidence_names_the_words_and_glosses_used() -> None:
    found = translation_match("金宝汤", parse_name("Campbell Soup Company").core, place_words())
    assert found.value == 1.0
    assert ("金宝", "campbell") in found.used and ("汤", "soup") in found.used


def test_rendering_prefers_the_company_gloss() -> None:
    assert rendering("三星电子") == "samsung electronics"  # not the township 三星 also names
    assert rendering("高盛") == "goldman sachs"
    assert rendering("abc") == ""


def test_a_chinese_name_is_indexed_under_its_english_rendering() -> None:
    assert "goldman sachs" in index_keys("高盛集团有限公司")
    assert all(not re.search(r"[\u4e00-\u9fff]", k) for k in index_keys("高盛集团有限公司"))


def test_screening_finds_a_listed_company_by_its_chinese_name() -> None:
    entities = [
        ListEntity("custom:1", "custom", "Goldman Sachs Group, Inc."),
        ListEntity("custom:2", "custom", "Gao Sheng Textiles Co Ltd"),
        ListEntity("custom:3", "custom", "Bank of America Corporation"),
    ]
    matches = Matcher(entities).match(SupplierRecord(name="高盛集团有限公司"), top_k=3)
    # 高盛 reads "Goldman Sachs" by meaning and "Gao Sheng" by sound: both readings are flagged for review,
    # the unrelated bank is not.
    flagged = {m.entity.entity_id: m for m in matches if m.is_match}
    assert set(flagged) == {"custom:1", "custom:2"}
    feature = next(c for c in flagged["custom:1"].contributions if c.name == "dictionary_translation")
    assert feature.value > 0.8 and feature.contribution > 0
    assert "高盛" in feature.query_value and "CC-CEDICT" in feature.query_value


def test_dictionary_version_is_its_release_date() -> None:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", dictionary_version())


def test_glosses_are_folded_ascii_word_tuples() -> None:
    for word in ("高盛", "银行", "三星", "汤", "不存在的词"):
        for gloss in glosses(word):
            assert gloss and all(re.fullmatch(r"[a-z0-9]+", w) for w in gloss)


names = st.text(
    alphabet=st.sampled_from(list("高盛中国银行三星电子汤金宝集团有限公司 GoldmanSachsBank&.-"))
    | st.characters(),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(names, names)
def test_feature_is_symmetric_and_bounded(a: str, b: str) -> None:
    forward, backward = value(a, b), value(b, a)
    assert forward == backward
    assert 0.0 <= forward <= 1.0


def screen(listed: list[str], supplier: str) -> list[MatchResult]:
    """Screen one supplier name against a custom list of `listed` names (ids custom:1, custom:2, ...)."""
    entities = [ListEntity(f"custom:{i}", "custom", name) for i, name in enumerate(listed, 1)]
    return Matcher(entities).match(SupplierRecord(name=supplier), top_k=3)


def test_screening_finds_a_chinese_list_name_from_its_english_name() -> None:
    # The other direction: a list written in Chinese (a user's own list), a supplier file in English.
    matches = screen(["高盛集团有限公司", "雪佛龙公司", "中国银行股份有限公司"], "Chevron Corporation")
    assert [m.entity.entity_id for m in matches if m.is_match] == ["custom:2"]


def test_generic_words_left_over_count_a_quarter_on_the_chinese_side_too() -> None:
    # 商事 ("trading", our glossary) is a word of its own and generic: a pure-kanji Japanese name
    # without its legal form still meets its English name through 三菱 = Mitsubishi.
    assert segment("三菱商事") == ("三菱", "商事")
    found = translation_match("三菱商事", parse_name("Mitsubishi Corporation").core)
    assert found.latin_share == 1.0 and found.chinese_share == 0.8  # 2 / (2 + 2 x 1/4)
    assert value("三菱商事", "Mitsui & Co.") == 0.0


def test_a_name_read_partly_by_sound_and_partly_by_meaning_matches() -> None:
    # 华孚 is read by its pinyin (huafu), 时尚 by its meaning (fashion): neither reading alone reaches.
    assert value("华孚时尚股份有限公司", "Huafu Fashion Co., Ltd.") == 1.0
    reading = mixed_reading(
        "和田浩林发饰品", parse_name("Hetian Haolin Hair Accessories Co. Ltd.").core, place_words()
    )
    assert reading.value == 1.0
    assert reading.used == (
        ("和田", "meaning", "hotan"),  # the place table writes Hetian as Hotan on both sides
        ("浩林", "sound", "haolin"),
        ("发", "meaning", "hair"),
        ("饰品", "meaning", "accessories"),
    )


def test_a_mixed_reading_needs_a_distinctive_word_by_sound_and_a_word_by_meaning() -> None:
    assert mixed_reading("华孚纺织", parse_name("Huafu Fashion").core).value == 0.0  # 纺织 is not fashion
    assert mixed_reading("华孚", parse_name("Huafu").core).value == 0.0  # sound alone: romanised_similarity's
    # A place and a common word identify no company, whatever their readings.
    assert value("和田时尚", "Hotan Fashion") == 0.0
    # Two-letter and three-letter syllables ("hua", "fu") are not read as words on their own...
    assert mixed_reading("华孚时尚", ("hua", "trading", "fu", "fashion")).value == 0.0
    # ...but written apart next to each other they are the word written together (round 29).
    reading = mixed_reading("华孚时尚", ("hua", "fu", "fashion"))
    assert reading.value == 1.0 and ("华孚", "sound", "hua fu") in reading.used


def test_screening_finds_a_listed_company_by_a_partly_translated_chinese_name() -> None:
    listed = ["Huafu Fashion Co., Ltd.", "Huafu Textile Co., Ltd.", "Fashion Group Ltd"]
    matches = screen(listed, "华孚时尚股份有限公司")
    assert [m.entity.entity_id for m in matches if m.is_match] == ["custom:1"]
    feature = next(c for c in matches[0].contributions if c.name == "dictionary_translation")
    assert feature.value == 1.0 and "pinyin hua fu shi shang" in feature.query_value  # the sound read


@settings(max_examples=200, deadline=None)
@given(names, names)
def test_mixed_reading_is_bounded(a: str, b: str) -> None:
    found = mixed_reading(a, parse_name(b).core, place_words())
    assert 0.0 <= found.value <= 1.0 and 0.0 <= found.latin_share <= 1.0 and 0.0 <= found.chinese_share <= 1.0


def test_two_adjacent_words_translated_word_by_word_make_a_phrase() -> None:
    # 东方 "east" + 希望 "hope": two one-word glosses in a row, neither generic nor a place.
    assert value("东方希望集团有限公司", "East Hope Group Co., Ltd.") > 0.8
    assert value("希望东方", "East Hope") == 0.0  # the Chinese words in the other order
    assert value("东方希望", "West Hope") == 0.0
    assert value("國際紙業", "International Paper") == 0.0  # generic words make no phrase
    assert value("中国银行", "Bank of America") == 0.0


@pytest.mark.parametrize(
    ("chinese", "latin", "expected"),
    [
        # one common word and generic words, both names read whole: the word names the company
        ("斑马技术公司", "Zebra Technologies", 1.0),
        ("马拉松石油", "Marathon Oil", 1.0),
        ("微晶片科技", "Microchip Technology", 1.0),
        ("目標百貨", "Target Corporation", 0.0),  # 百貨 "general merchandise" has no counterpart
        ("斑马技术公司", "Zebra Mining", 0.0),  # technology is not mining
        ("斑马", "Zebra Technologies", 0.0),  # nor nothing
        ("國際紙業", "International Paper", 0.0),  # still: generic words alone name nobody
    ],
)
def test_one_common_word_counts_when_both_names_translate_whole(
    chinese: str, latin: str, expected: float
) -> None:
    assert value(chinese, latin) == expected
