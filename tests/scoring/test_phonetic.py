"""Consonant skeletons: a Chinese transliteration and the foreign name it renders reduce alike."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.phonetic import chinese_skeleton, is_pinyin, latin_skeleton, pinyin_skeleton, pinyin_syllables

CLASSES = set("PTKFLNSW")


@pytest.mark.parametrize(
    ("chinese", "latin", "skeleton"),
    [
        ("康卡斯特", "comcast", "KNKST"),  # a final consonant gets a syllable of its own
        ("伟世通", "visteon", "WSTN"),  # v and w are one; a final n or ng is one
        ("高德纳", "gartner", "KTN"),  # an r after a vowel is silent
        ("塞拉尼斯", "celanese", "SLNS"),  # a soft c is s; r and l are one
        ("泰森", "tyson", "TSN"),  # y and h drop
    ],
)
def test_a_transliteration_and_its_source_share_a_skeleton(chinese: str, latin: str, skeleton: str) -> None:
    assert chinese_skeleton(chinese) == skeleton
    assert latin_skeleton((latin,)) == skeleton


def test_pinyin_skeleton_reads_initials_and_nasal_finals() -> None:
    assert pinyin_skeleton(["kang", "ka", "si", "te"]) == "KNKST"
    assert pinyin_skeleton(["a", "er"]) == "L"  # 尔 renders a foreign r or l
    assert pinyin_skeleton(["zhong", "shan"]) == "SNSN"


@pytest.mark.parametrize(
    ("word", "pinyin"),
    [
        ("tianshan", True),
        ("huafu", True),
        ("xinjiang", True),
        ("comcast", False),
        ("visteon", False),
        ("", False),
    ],
)
def test_is_pinyin(word: str, pinyin: bool) -> None:
    assert is_pinyin(word) is pinyin


def test_the_syllable_table_is_pypinyins() -> None:
    syllables = pinyin_syllables()
    assert {"zhong", "a", "er", "lü"} - syllables == {"lü"}  # toneless, ASCII: lü is written lv or lu
    assert 380 <= len(syllables) <= 450


@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=12), max_size=4))
def test_latin_skeleton_is_classes_without_repeats(words: list[str]) -> None:
    skeleton = latin_skeleton(tuple(words))
    assert set(skeleton) <= CLASSES
    assert all(a != b for a, b in zip(skeleton, skeleton[1:], strict=False))


@given(st.text(alphabet="康卡斯特伟世通高德纳塞拉尼泰森诺洛普格鲁门", max_size=10))
def test_chinese_skeleton_is_classes_without_repeats(chinese: str) -> None:
    skeleton = chinese_skeleton(chinese)
    assert set(skeleton) <= CLASSES
    assert all(a != b for a, b in zip(skeleton, skeleton[1:], strict=False))
