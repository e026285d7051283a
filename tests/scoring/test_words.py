"""Word-level comparison: when two tokens count as the same word, and words written apart or as initials."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.normalize import NameParts, parse_name
from scoring.scripts import coined_words
from scoring.words import (
    distinctive,
    joined_runs,
    partial_acronym,
    same_word,
    spelt_within,
    syllabic_abbreviation,
    typo_of,
    unmatched,
)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("huafu", "huafy", True),  # one edit in a five-letter word
        ("gomse", "gomes", True),  # two letters swapped: one slip of the keyboard
        ("rgoup", "group", True),
        ("gomse", "gmoes", False),  # two swaps
        ("textiles", "textile", True),
        ("joynt", "joint", True),
        ("sato", "santos", False),  # two edits: a surname is not another surname
        ("zara", "zora", False),  # one-letter brand differences in short words stay apart
        ("abc", "abd", False),  # under four letters only equal words count
        ("petrochemical", "petromechanical", True),  # long words tolerate more (the model weighs it)
    ],
)
def test_same_word_cases(a: str, b: str, same: bool) -> None:
    assert same_word(a, b) is same
    assert same_word(b, a) is same


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=0, max_size=12)


@given(words, words)
def test_same_word_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert same_word(a, b) == same_word(b, a)
    assert same_word(a, a)


@given(st.lists(words, max_size=5), st.lists(words, max_size=5))
def test_unmatched_counts_within_bounds(a: list[str], b: list[str]) -> None:
    assert 0 <= unmatched(a, b) <= len(a)
    assert unmatched(a, a) == 0


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (["zhongtai", "chemical"], ["zhong", "tai", "chemical"], 0),  # one word written apart
        (["zhong", "tai", "chemical"], ["zhongtai", "chemical"], 0),  # and back
        (["pricewaterhouse", "coopers"], ["pricewaterhousecoopers"], 0),
        (["lxc", "aviation"], ["lau", "aviation"], 1),  # a joined "lxcaviation" is no spelling of "aviation"
        (["zhongtao"], ["zhong", "tai"], 1),
        (["sun", "shine"], ["moonshine"], 2),
    ],
)
def test_unmatched_counts_words_written_apart_as_matched(a: list[str], b: list[str], count: int) -> None:
    assert unmatched(a, b) == count


def test_unmatched_joins_adjacent_words_of_the_whole_name_only() -> None:
    # "zhong" and "tai" are distinctive words a generic word apart: no run writes them as "zhongtai"
    one, apart, together = (
        parse_name("Zhongtai"),
        parse_name("Zhong Trading Tai"),
        parse_name("Zhong Tai Trading"),
    )
    assert unmatched(("zhongtai",), ("zhong", "tai"), one, apart) == 1
    assert unmatched(("zhongtai",), ("zhong", "tai"), one, together) == 0
    assert unmatched(("zhong", "tai"), ("zhongtai",), together, one) == 0


@pytest.mark.parametrize(
    ("short", "long", "letters"),
    [
        (("xpcc", "division"), ("xinjiang", "production", "construction", "corps", "division"), 4),
        (("pla", "china"), ("peoples", "liberation", "army"), 3),  # a place may stand beside the acronym
        (("sun", "trading"), ("southern", "united", "nations"), 0),  # "trading" has no counterpart
        (("xpcc",), ("xinjiang", "production", "construction", "corps"), 0),  # whole names: acronym_match
        (("ab", "division"), ("alpha", "beta", "division"), 0),  # two letters are too few
        (("xpcc", "division"), ("xinjiang", "production", "cotton", "division"), 0),
        # Two acronyms in one name ("SRPE KBP Bazalt"): each reads its own run of words; the first found
        # gives the length.
        (
            ("srpe", "kbp", "bazalt"),
            ("state", "research", "production", "enterprise", "konstruktorskoe", "byuro", "priborov")
            + ("bazalt",),
            4,
        ),
        (("srpe", "kbp", "bazalt"), ("state", "research", "production", "enterprise", "bazalt"), 0),
    ],
)
def test_partial_acronym(short: tuple[str, ...], long: tuple[str, ...], letters: int) -> None:
    assert partial_acronym(short, long) == letters


consonant_words = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=3, max_size=8)


@given(st.lists(consonant_words, min_size=2, max_size=6), st.integers(min_value=0, max_value=4))
def test_two_words_written_together_still_have_their_counterparts(words: list[str], at: int) -> None:
    at = at % (len(words) - 1)
    together = [*words[:at], words[at] + words[at + 1], *words[at + 2 :]]
    assert unmatched(words, together) == 0
    assert unmatched(together, words) == 0


@pytest.mark.parametrize(
    ("a", "b", "within"),
    [
        ("Smilewallet", "Smile Wallet Ltd", True),  # one word there written apart
        ("Smile Wallet", "Smilewallet Payments", True),  # two words there written together
        ("Zhongtai Chemical", "Zhong Tai", False),  # "chemical" is not in the other name
        ("Smile Wallet", "Smile Walet", False),  # spelt exactly, not nearly
    ],
)
def test_spelt_within(a: str, b: str, within: bool) -> None:
    assert spelt_within(parse_name(a), parse_name(b)) is within


@given(st.lists(consonant_words, min_size=2, max_size=6), st.integers(min_value=0, max_value=4))
def test_a_name_is_spelt_within_itself_written_together(words: list[str], at: int) -> None:
    at = at % (len(words) - 1)
    apart = _parts(words)
    together = _parts([*words[:at], words[at] + words[at + 1], *words[at + 2 :]])
    assert spelt_within(apart, together) and spelt_within(together, apart)


def _parts(core: list[str]) -> NameParts:
    """The name parts of a bare core (parse_name would read "bsc" or "llc" as a legal form)."""
    words = tuple(core)
    return NameParts(
        " ".join(words),
        " ".join(words),
        words,
        (),
        "",
        (),
        (),
        (),
        "",
        (),
        (),
        "latin",
        "",
        joins=joined_runs(words),
    )


@pytest.mark.parametrize(
    ("short", "long", "share"),
    [
        ("pemex", "Petroleos Mexicanos", 1.0),
        ("petrobras", "Petroleo Brasileiro S.A.", 1.0),  # the legal form is not counted
        ("cuflet", "La Empresa Cubana de Fletes", 2 / 3),  # "empresa" left out, "la" and "de" not counted
        ("minocongo", "Minoterie du Congo SPRL", 1.0),
        ("siemens", "Siemens Schuckert", 0.0),  # a word of the other name is no abbreviation of it
        ("smilewallet", "Smile Wallet Ltd", 0.0),  # whole words written together: no part is cut
        ("alharamain", "Al Haramaini", 0.0),  # the first word is not cut: a join, nearly
        ("alharamain", "Al-Haramain : Indonesia Branch", 0.0),
        ("pgtex", "Procter Gamble Textiles", 0.0),  # one part of two letters or more is too few
        ("mexpe", "Petroleos Mexicanos", 0.0),  # the parts come in the order of the words
        ("pemex", "Acme Trading Petroleos Mexicanos", 0.0),  # the first part from one of the first two words
        ("pemx", "Petroleos Mexicanos", 0.0),  # too short to say much
        ("ab" * 20, " ".join(["abxy"] * 20), 0.0),  # a word of 40 letters is no abbreviation
    ],
)
def test_syllabic_abbreviation(short: str, long: str, share: float) -> None:
    parts = parse_name(long)
    assert syllabic_abbreviation(short, tuple(parts.folded.split()), parts.form_words) == pytest.approx(share)


@given(st.lists(st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=4, max_size=8), min_size=2, max_size=5))
def test_leading_letters_of_every_word_spell_a_syllabic_abbreviation(words: list[str]) -> None:
    short = "".join(w[:2] for w in words) + "x"  # two letters of each word, one more of the last
    words = [*words[:-1], words[-1][:2] + "x" + words[-1][2:]]
    value = syllabic_abbreviation(short, tuple(words))
    assert value == 1.0 or short in words


def test_coined_words_map_a_chinese_names_own_words_to_their_characters() -> None:
    assert coined_words("乌鲁木齐市天康棉业") == {"tiankang": "天康"}  # place and glossary words read
    assert coined_words("华孚时尚") == {"huafushishang": "华孚时尚"}
    assert coined_words("新疆棉业") == {}


@pytest.mark.parametrize(
    ("a", "b", "missing"),
    [
        ("乌鲁木齐市天康棉业", "乌鲁木齐市天山棉业", 1),  # tiankang / tianshan: 天康 and 天山 differ
        ("和田泰达服装", "和田泰迪服装", 1),  # taida / taidi
        ("华孚时尚", "华孚色纺", 0),  # one company renamed: the brand 华孚 is kept
        ("乌鲁木齐市天康棉业", "乌鲁木齐天康棉业", 0),  # the same characters
        ("Tiankang Cotton", "Tianshan Cotton", 0),  # Latin names: one letter free, as before
    ],
)
def test_two_chinese_names_own_words_need_the_same_first_characters(a: str, b: str, missing: int) -> None:
    pa, pb = parse_name(a), parse_name(b)
    assert unmatched(distinctive(pa), pb.core, pa, pb) == missing
    assert unmatched(distinctive(pb), pa.core, pb, pa) == missing


BRAND_CHARS = "康山泰达迪华孚宏源鑫盛恒丰瑞祥"


@settings(max_examples=40, deadline=None)
@given(st.text(BRAND_CHARS, min_size=2, max_size=3), st.text(BRAND_CHARS, min_size=2, max_size=3))
def test_chinese_names_with_other_brands_do_not_match(x: str, y: str) -> None:
    # Two cotton companies of one city: the same brand matches, brands differing in their first two
    # characters never do (their pinyin may be one letter apart: tiankang / tianshan).
    from scoring.matcher import compare_names
    from scoring.model import MatchModel

    model = MatchModel.load()
    same = compare_names(model, f"乌鲁木齐市{x}棉业有限公司", f"乌鲁木齐{x}棉业有限公司")
    assert same.is_match
    if x[:2] != y[:2]:
        assert not compare_names(model, f"乌鲁木齐市{x}棉业有限公司", f"乌鲁木齐市{y}棉业有限公司").is_match


@pytest.mark.parametrize(
    ("typed", "listed", "count"),
    [
        ("Natchi Apprel", "Natchi Apparel", 0),  # "apparel" is written "garment": its misspelling finds it
        ("Jiateng Inductrial", "Jiateng Industrial", 0),
        ("Natchi Apprel", "Natchi Garment", 1),  # the other name never wrote "apparel"
        ("Natchi Apprel", "Natchi Mining", 1),
        ("Indusa", "Industrial", 1),  # a resemblance, not a typo: a brand of its own
        ("Xiniang Energy", "Xinjiang Energy", 0),  # a place misspelt
        ("Moran Rgoup", "Moran Group", 0),  # a business word with two letters swapped
        ("Ninestar Coproration", "Ninestar Corporation", 0),  # the other name's legal form misspelt
        ("Moran Rgoup", "Moran Trading", 1),
        ("Industrio", "Industrial", 0),  # two edits in a word of eight letters or more
    ],
)
def test_a_misspelt_word_that_names_no_company_finds_its_counterpart(
    typed: str, listed: str, count: int
) -> None:
    a, b = parse_name(typed), parse_name(listed)
    assert parse_name("Natchi Apparel").respelt == ("apparel",)
    assert unmatched(a.core, b.core, a, b) == count


@pytest.mark.parametrize(
    ("typed", "word", "expected"),
    [
        ("apprel", "apparel", True),  # a letter dropped
        ("apprael", "apparel", True),  # two letters swapped count one edit
        ("inductrimal", "industrial", True),  # two edits in ten letters
        ("aprel", "apparel", False),  # two edits in seven letters
        ("indusa", "industrial", False),
    ],
)
def test_typo_of(typed: str, word: str, expected: bool) -> None:
    assert typo_of(typed, word) is expected
