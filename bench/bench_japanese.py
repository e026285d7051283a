"""Time `parse_name` per name on generated Japanese, Chinese and Latin company names.

Run `python bench/bench_japanese.py` (venv active, repository root); `--names N` sets how many
distinct names of each kind are parsed (default 10,000; best of `--repeats` timings). The parse cache
is cleared before each timing, so every name is parsed once. The baseline parses the same Japanese
names with Japanese detection switched off (their kanji read as pinyin, the path before Hepburn).
Chinese and Latin names run first and the script reports whether the Japanese tokenizer (cutlet,
fugashi) was imported by them: it must not be.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from collections.abc import Sequence

from scoring import normalize
from scoring.normalize import parse_name

JP_HEADS = (
    "三菱",
    "住友",
    "日立",
    "東芝",
    "本田",
    "三井",
    "丸紅",
    "伊藤忠",
    "大和",
    "富士",
    "山田",
    "鈴木",
    "高橋",
    "田中",
    "渡辺",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "松本",
    "井上",
    "木村",
    "清水",
    "森",
    "池田",
)
JP_KANA = (
    "トヨタ",
    "ソニー",
    "パナソニック",
    "キヤノン",
    "ニコン",
    "ヤマハ",
    "さくら",
    "ひかり",
    "あおば",
    "みらい",
)
JP_MIDDLES = (
    "商事",
    "製作所",
    "電機",
    "自動車",
    "工業",
    "物産",
    "化学",
    "建設",
    "銀行",
    "精工",
    "食品",
    "運輸",
    "",
)
JP_FORMS = ("株式会社", "有限会社", "合同会社")
CN_HEADS = (
    "华为",
    "中兴",
    "阿里",
    "腾讯",
    "比亚迪",
    "海尔",
    "联想",
    "美的",
    "格力",
    "小米",
    "新疆",
    "天山",
    "金风",
)
CN_MIDDLES = ("技术", "科技", "电子", "贸易", "纺织", "服装", "棉业", "光伏", "能源", "")
CN_FORMS = ("有限公司", "股份有限公司", "集团有限公司")
LATIN_HEADS = ("Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent")
LATIN_MIDDLES = ("Trading", "Textiles", "Electronics", "Logistics", "Holdings", "Industries", "")
LATIN_FORMS = ("Co., Ltd.", "GmbH", "LLC", "S.A.", "Inc.")


def _names(rng: random.Random, n: int, parts: Sequence[Sequence[str]], joiner: str) -> list[str]:
    """Return `n` distinct names, each one word from every part list plus a numeric suffix."""
    names: set[str] = set()
    while len(names) < n:
        words = [rng.choice(p) for p in parts]
        words.insert(1, str(rng.randrange(1000)))  # distinct names without an endless word list
        names.add(joiner.join(w for w in words if w))
    return sorted(names)


def japanese_names(rng: random.Random, n: int) -> list[str]:
    """Japanese names: kanji or katakana head, number, generic word, legal form before or after."""
    names = _names(rng, n, (JP_HEADS + JP_KANA, JP_MIDDLES, JP_FORMS), "")
    return [f"{name[-4:]}{name[:-4]}" if i % 3 == 0 else name for i, name in enumerate(names)]


def _time(names: list[str], repeats: int) -> float:
    """Return the best of `repeats` timings, in seconds, of parsing every name once (cache cleared)."""
    best = float("inf")
    for _ in range(repeats):
        parse_name.cache_clear()
        start = time.perf_counter()
        for name in names:
            parse_name(name)
        best = min(best, time.perf_counter() - start)
    return best


def _time_chinese_reading(names: list[str], repeats: int) -> float:
    """Time the same names read as Chinese (the path before Japanese readings): the baseline."""
    original = getattr(normalize, "is_japanese")  # noqa: B009 - the name normalize itself calls
    setattr(normalize, "is_japanese", lambda text: False)  # noqa: B010
    try:
        return _time(names, repeats)
    finally:
        setattr(normalize, "is_japanese", original)  # noqa: B010


def main(argv: Sequence[str] | None = None) -> None:
    """Parse generated names of each kind and print microseconds per name."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--names", type=int, default=10_000, help="distinct names of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many timings per kind")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    kinds = {
        "latin": _names(rng, args.names, (LATIN_HEADS, LATIN_MIDDLES, LATIN_FORMS), " "),
        "chinese": _names(rng, args.names, (CN_HEADS, CN_MIDDLES, CN_FORMS), ""),
        "japanese": japanese_names(rng, args.names),
    }
    print(f"python {platform.python_version()} on {platform.machine()}, {args.names} names per kind")
    parse_name("warm-up Co., Ltd.")  # load the tables before timing
    for kind, names in kinds.items():
        if kind == "japanese":
            start = time.perf_counter()
            parse_name("ウォームアップ株式会社")  # first Japanese name: imports and builds the tokenizer
            print(f"first Japanese name (tokenizer load): {1000 * (time.perf_counter() - start):.0f} ms")
        else:
            loaded = sorted(m for m in ("cutlet", "fugashi") if m in sys.modules)
        seconds = _time(names, args.repeats)
        print(f"{kind:9} {1e6 * seconds / len(names):8.1f} us/name  ({seconds:.2f} s), e.g. {names[0]}")
        if kind == "japanese":
            base = _time_chinese_reading(names, args.repeats)
            note = "the same names, kanji read as Chinese"
            print(f"baseline  {1e6 * base / len(names):8.1f} us/name  ({base:.2f} s): {note}")
        if kind == "chinese":
            print(f"tokenizer modules imported by Latin and Chinese names: {loaded or 'none'}")


if __name__ == "__main__":
    main()
