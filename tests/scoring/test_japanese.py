"""Japanese names: detection (kana or a Japanese-only legal form) and Hepburn readings of their kanji."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import japanese
from scoring.japanese import JAPANESE_FORMS, fold_long_vowels, hepburn, is_japanese
from scoring.legal_forms import read_rows
from scoring.normalize import parse_name
from scoring.scripts import cjk_words, romanise_japanese


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("三菱商事株式会社", ("mitsubishi", "trading")),  # glossary: 商事 -> trading
        ("トヨタ自動車株式会社", ("toyota", "motor")),  # glossary: 自動車 -> motor
        ("日立製作所株式会社", ("hitachi", "works")),  # glossary: 製作所 -> works
        ("株式会社日立製作所", ("hitachi", "works")),  # the legal form before the name
        ("株式会社東芝", ("toshiba",)),
        ("本田技研工業株式会社", ("honda", "giken", "industry")),  # glossary: 工業 -> industry
        ("住友商事株式会社", ("sumitomo", "trading")),
        ("任天堂株式会社", ("nintendo",)),
        ("ソニーグループ株式会社", ("soni", "group")),
        ("三菱電機株式会社", ("mitsubishi", "electric")),
        ("日本製鉄株式会社", ("nippon", "steel")),
        ("東京電力株式会社", ("tokyo", "power")),
        ("伊藤忠商事株式会社", ("itochu", "trading")),
        ("富士通株式会社", ("fujitsu",)),
        ("株式会社三菱UFJ銀行", ("mitsubishi", "ufj", "bank")),
    ],
)
def test_japanese_names_get_japanese_readings(name: str, core: tuple[str, ...]) -> None:
    parts = parse_name(name)
    assert parts.core == core
    assert parts.legal_class == "jsc"  # 株式会社 is still stripped and typed


@pytest.mark.parametrize(
    ("japanese_name", "latin_name", "shared"),
    [
        ("三菱商事株式会社", "Mitsubishi Corporation", "mitsubishi"),
        ("日立製作所株式会社", "Hitachi, Ltd.", "hitachi"),
        ("株式会社東芝", "Toshiba Corporation", "toshiba"),
        ("本田技研工業株式会社", "Honda Motor Co., Ltd.", "honda"),
        ("住友商事株式会社", "Sumitomo Corporation", "sumitomo"),
        ("任天堂株式会社", "Nintendo Co., Ltd.", "nintendo"),
    ],
)
def test_japanese_and_latin_names_share_their_distinctive_word(
    japanese_name: str, latin_name: str, shared: str
) -> None:
    assert shared in set(parse_name(japanese_name).core) & set(parse_name(latin_name).core)


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("华为技术有限公司", ("huawei", "technology")),
        ("三菱商事", ("sanling", "trading")),  # kanji only, no Japanese legal form: the documented limit
        ("中國鋼鐵股份有限公司", ("china", "steel")),
    ],
)
def test_names_not_marked_japanese_keep_the_chinese_reading(name: str, core: tuple[str, ...]) -> None:
    assert parse_name(name).core == core


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("トヨタ自動車", True),  # katakana
        ("みずほ銀行", True),  # hiragana
        *((f"山田{form}", True) for form in JAPANESE_FORMS),
        *((f"{form}山田", True) for form in JAPANESE_FORMS),
        ("三菱商事", False),
        ("华为技术有限公司", False),
        ("台灣積體電路製造股份有限公司", False),
        ("삼성전자 주식회사", False),  # Hangul is not kana
        ("株式會社", False),  # 會 (traditional / Korean hanja), not Japanese 会
        ("乔治・布什", False),  # the katakana middle dot alone does not make a name Japanese
        ("Mitsubishi Corporation", False),
        ("", False),
    ],
)
def test_is_japanese(text: str, expected: bool) -> None:
    assert is_japanese(text) is expected


def test_every_japanese_native_legal_form_marks_a_name_japanese() -> None:
    native = {r["form"] for r in read_rows("legal_forms.csv") if r["jurisdiction"] == "JP"}
    assert native  # the table has JP rows written in Japanese
    assert native <= set(JAPANESE_FORMS)


@pytest.mark.parametrize(
    ("word", "folded"),
    [("toushiba", "toshiba"), ("kougyou", "kogyo"), ("oosaka", "osaka"), ("fujitsuu", "fujitsu")]
    + [("chuuou", "chuo"), ("niigata", "niigata"), ("seisakusho", "seisakusho"), ("ishii", "ishii")],
)
def test_long_vowels_are_written_once(word: str, folded: str) -> None:
    assert fold_long_vowels(word) == folded


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("東芝", "toshiba"),
        ("任天堂", "nintendo"),
        ("ソニー", "soni"),  # the prolonged-sound mark is dropped, not doubled
        ("新潟", "niigata"),  # a real double vowel (ni-i) stays
        ("大阪", "osaka"),
        ("ファーストリテイリング", "first retailing"),  # UniDic's foreign spelling, not folded
    ],
)
def test_hepburn_without_macrons(text: str, reading: str) -> None:
    assert hepburn(text) == reading


def test_glossary_words_are_cut_out_of_a_japanese_run() -> None:
    assert cjk_words("トヨタ自動車", japanese=True).split() == ["toyota", "motor"]
    assert cjk_words("三菱電機", japanese=True).split() == ["mitsubishi", "electric"]
    assert cjk_words("三菱電機", japanese=False).split() == ["sanling", "electric"]


def _unavailable() -> None:
    return None


def _broken() -> Callable[[str], str]:
    def romaji(text: str) -> str:
        raise RuntimeError("tokenizer fault")

    return romaji


@pytest.mark.parametrize("romaniser", [_unavailable, _broken])
def test_a_missing_or_failing_tokenizer_falls_back_to_the_chinese_reading(
    monkeypatch: pytest.MonkeyPatch, romaniser: Callable[[], Callable[[str], str] | None]
) -> None:
    monkeypatch.setattr(japanese, "_romaniser", romaniser)
    assert hepburn("三菱商事") is None
    assert romanise_japanese("三菱商事") == "sanlingshangshi"


def test_chinese_and_latin_names_never_load_the_tokenizer() -> None:
    script = (
        "import sys\n"
        "from scoring.normalize import parse_name\n"
        "for name in ('华为技术有限公司', '三菱商事', 'Mitsubishi Corporation', '삼성전자 주식회사'):\n"
        "    parse_name(name)\n"
        "print(sorted(m for m in ('cutlet', 'fugashi') if m in sys.modules))\n"
        "parse_name('三菱商事株式会社')\n"
        "print(sorted(m for m in ('cutlet', 'fugashi') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    before, after = result.stdout.splitlines()
    assert before == "[]"
    assert after == "['cutlet', 'fugashi']"


_KANA = (
    "あいうえおかがきくけこさしすせそたちっつてとなにぬのはばぱひふへほ"
    + "まみむめもゃやゅゆょよらりるれろわをんー"
)
_KATAKANA = (
    "アイウエオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンヴー・ヽヾ"
)
_KANJI = "三菱商事日立製作所東芝本田技研工業住友任天堂自動車電機株式会社有限合同資名新疆和田々〆"
_OTHER = "ABCxyz019 .,&()（）-'「」、。ｶﾀｶﾅ한국"
_PIECES = [*JAPANESE_FORMS, "有限公司", "Co., Ltd.", "(株)", "グループ", "支店"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=_KANA + _KATAKANA + _KANJI + _OTHER, max_size=12), st.sampled_from(_PIECES)
        ),
        max_size=6,
    )
)
def test_parse_name_never_raises_on_mixed_japanese_text(pieces: list[str]) -> None:
    parts = parse_name("".join(pieces))
    assert all(tok.isascii() and tok == tok.casefold() for tok in parts.core)
    assert parts.folded.isascii()
