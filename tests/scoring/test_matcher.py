"""Matcher over a small list, and the `flscreen compare` command functions."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from clients.cmd_match import compare_command
from scoring.matcher import MODEL_CANDIDATES, SKELETON_BUCKET, Matcher, index_keys, partial_acronyms
from scoring.normalize import parse_name
from tests.factories import make_entity, make_record

ENTITIES = [
    make_entity(
        entity_id="l:1",
        name="Xinjiang Production and Construction Corps",
        aliases=("XPCC", "新疆生产建设兵团"),
    ),
    make_entity(
        entity_id="l:2", name="Hetian Taida Apparel Co., Ltd.", identifiers=(("uscc", "916501001234567890"),)
    ),
    make_entity(entity_id="l:3", name="Nanjing No. 1 Steel Mill"),
    make_entity(entity_id="l:4", name="Huawei Technologies Co., Ltd.", aliases=("华为技术有限公司",)),
]


def test_match_finds_listed_entity_by_alias_and_acronym() -> None:
    matcher = Matcher(ENTITIES)
    for name in ("XPCC", "Xinjiang Production & Construction Corps", "新疆生产建设兵团"):
        results = matcher.match(make_record(name=name, country="CN"))
        assert results and results[0].entity.entity_id == "l:1" and results[0].is_match, name


@pytest.mark.parametrize("name", ["Xinjiang Pearl Cotton Company", "Xinjiang Pacific Chemical Corporation"])
def test_same_initials_as_a_listed_acronym_are_not_a_match(name: str) -> None:
    # XPCC's bracketed alias is its own initials; another Xinjiang company's initials spelling them
    # is no evidence (both scored 0.97 and more before round 48)
    listed = make_entity(entity_id="xpcc", name="Xinjiang Production and Construction Corporation (XPCC)")
    matcher = Matcher([listed])
    assert not any(r.is_match for r in matcher.match(make_record(name=name, country="CN")))
    assert matcher.match(make_record(name="XPCC", country="CN"))[0].is_match


def test_match_cross_script_huawei() -> None:
    results = Matcher(ENTITIES).match(make_record(name="华为技术有限公司", country=None))
    assert results[0].entity.entity_id == "l:4" and results[0].is_match


def test_match_sorted_with_contributions() -> None:
    matcher = Matcher(ENTITIES)
    results = matcher.match(make_record(name="Hetian Taida Apparel Company Limited", country="CN"), top_k=3)
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    best = results[0]
    assert best.entity.entity_id == "l:2"
    assert sum(c.contribution for c in best.contributions) + best.intercept > 0


def test_match_identifier_finds_candidate_despite_other_name() -> None:
    record = make_record(name="Completely Different Trading", identifiers=(("uscc", "916501001234567890"),))
    results = Matcher(ENTITIES).match(record)
    assert results and results[0].entity.entity_id == "l:2"


def test_match_numbered_entity_differs() -> None:
    matcher = Matcher(ENTITIES)
    same = matcher.compare("Nanjing No. 1 Steel Mill", "Nanjing No 1 Steel Mill")
    other = matcher.compare("Nanjing No. 2 Steel Mill", "Nanjing No. 1 Steel Mill")
    assert same.score > other.score


def test_match_empty_name_returns_nothing() -> None:
    assert Matcher(ENTITIES).match(make_record(name="   ")) == []


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("compare")(compare_command)
    app.command("other")(lambda: None)  # keep typer in multi-command mode
    return app


def test_compare_command_single_pair_with_explain() -> None:
    result = CliRunner().invoke(_app(), ["compare", "Acme Ltd", "ACME Limited", "--explain"])
    assert result.exit_code == 0
    assert "score:" in result.output and "match: true" in result.output and "intercept" in result.output


def test_compare_command_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(_app(), ["compare", "Acme"]).exit_code == 2
    assert CliRunner().invoke(_app(), ["compare", "A", "B", "--country1", "Atlantis"]).exit_code == 2


def test_compare_command_pairs_file_bad_rows_get_error_column(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "name1,name2,country1,country2\nAcme Ltd,Acme Limited,GB,GB\n,Empty,,\nX,Y,Narnia,\n", "utf-8"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(_app(), ["compare", "--pairs", str(pairs), "-o", str(out)])
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("score,match,error")
    assert ",true," in lines[1]
    assert "non-empty" in lines[2] and "unknown country" in lines[3]


def test_compare_command_pairs_missing_columns_exit_2(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("a,b\n1,2\n", "utf-8")
    result = CliRunner().invoke(_app(), ["compare", "--pairs", str(pairs), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2


def test_compare_numbered_entities_do_not_match() -> None:
    result = Matcher(ENTITIES).compare("Shenyang No. 1 Laogai Detachment", "Shenyang No. 2 Laogai Detachment")
    assert not result.is_match
    top = min(result.contributions, key=lambda c: c.contribution)
    assert top.name == "number_conflict" and top.contribution <= -5


def test_match_bracketed_alias_finds_entity() -> None:
    matcher = Matcher([*ENTITIES, make_entity(entity_id="l:5", name="Naftiran Intertrade Company (NICO)")])
    results = matcher.match(make_record(name="NICO"))
    assert results and results[0].entity.entity_id == "l:5" and results[0].is_match


def test_match_orders_equal_scores_by_how_many_names_match() -> None:
    # Two records carry the same name; the one whose other name matches too ranks first, whatever its id.
    matcher = Matcher(
        [
            make_entity(entity_id="l:a", name="Smile Wallet Limited", aliases=("Smile Technologies S.A.",)),
            make_entity(entity_id="l:b", name="Smile Wallet Limited", aliases=("Smile Wallet Ltd",)),
        ]
    )
    results = matcher.match(make_record(name="Smile Wallet Limited"))
    assert results[0].score == results[1].score
    assert [r.entity.entity_id for r in results] == ["l:b", "l:a"]
    assert [r.names_matched for r in results] == [2, 1]


def test_explanation_perfect_similarity_never_counts_against() -> None:
    result = Matcher(ENTITIES).compare("Hetian Taida Apparel Co., Ltd.", "Hetian Taida Apparel Co., Ltd.")
    for c in result.contributions:
        if c.value == 1.0 and "conflict" not in c.name and "unmatched" not in c.name:
            assert c.contribution >= 0, c.name
    assert result.intercept + sum(c.contribution for c in result.contributions) == pytest.approx(result.logit)


def test_compare_command_says_which_name_a_trading_name_was_compared_as() -> None:
    result = CliRunner().invoke(_app(), ["compare", "Acme Holdings Ltd t/a Beta Textiles", "Beta Textiles"])
    assert result.exit_code == 0 and "match: true" in result.output
    assert "compared as: 'Beta Textiles' / 'Beta Textiles'" in result.output
    plain = CliRunner().invoke(_app(), ["compare", "Acme Ltd", "Acme Limited"])
    assert "compared as" not in plain.output


def test_compare_command_explain_hides_zero_rows_unless_all() -> None:
    short = CliRunner().invoke(_app(), ["compare", "Acme Ltd", "Acme Limited", "--explain"])
    full = CliRunner().invoke(_app(), ["compare", "Acme Ltd", "Acme Limited", "--explain", "--all"])
    assert "identifier_conflict" not in short.output and "hidden" in short.output
    assert "identifier_conflict" in full.output


@pytest.fixture(scope="module")
def bundled() -> Matcher:
    from reference_data import load_snapshot

    return Matcher(list(load_snapshot().entities))


# Product regressions against the bundled lists: (supplier name, country, expected entity id prefix or None).
BUNDLED_CASES = [
    (
        "新疆样例棉纺有限公司 (fictional)",
        "CN",
        None,
    ),  # shares only the place word Xinjiang with Jinbao Mining
    ("Hotan Taida Apparel Co Ltd", "CN", "us_cbp_wro:hetian-taida"),  # Hotan = Hetian = 和田
    ("和田泰达服装有限公司", "CN", "us_cbp_wro:hetian-taida"),
    ("XINJIANG ZHONGTAI CHEMICAL CO LTD", "CN", "us_dhs_uflpa:xinjiang-zhongtai"),
    # pinyin syllables written apart: "zhong tai" had no counterpart for "zhongtai" and scored 0.50 (round 29)
    ("Xinjiang Zhong Tai Chemical Co Ltd", "CN", "us_dhs_uflpa:xinjiang-zhongtai"),
    ("Rizhao Meijia Group", "CN", "us_dhs_uflpa:shandong-meijia"),
    ("Kashgar Sample Textiles Co. Ltd (fictional)", "CN", None),
    ("Xinjiang Sample Mining Co., Ltd.", "CN", None),
    ("Siemens AG", "DE", None),
    ("BASF SE", "DE", None),
    ("Koninklijke Philips N.V.", "NL", None),
    ("Robert Bosch GmbH", "DE", None),
    ("3M Company", "US", None),
    ("Makita Corporation", "JP", None),
    ("Omron Corporation", "JP", None),
    # "Laglove (M) Sdn Bhd" is listed: "(M)" (Malaysia) read as a qualifier conflicted with a town or
    # "(Malaysia)" and these scored 0.41 (round 21).
    ("Laglove Sdn Bhd (Klang)", "MY", "us_cbp_wro:brightway-group"),
    ("Laglove (Malaysia) Sdn. Bhd.", "MY", "us_cbp_wro:brightway-group"),
    ("Biopro Sdn Bhd", "MY", "us_cbp_wro:brightway-group"),
    # A listed trading or former name written into the name field (scoring.alternate_names).
    ("Jinbao Trading Ltd t/a Hoshine Silicon Industry Co., Ltd.", "CN", "us_cbp_wro:hoshine-silicon"),
    ("Acme Gloves Sdn Bhd (formerly Laglove Sdn Bhd)", "MY", "us_cbp_wro:brightway-group"),
    # "Neimenggu" is Inner Mongolia; "Mongolia" alone was read as the country, a place conflict (round 40).
    (
        "Neimenggu Hengzheng Group Baoanzhao Agricultural and Trade Co., Ltd.",
        "CN",
        "us_cbp_wro:inner-mongolia-hengzheng",
    ),
    # A bare brand written for the registered name (short_form_match, round 39): 0.29 and 0.33 before.
    ("Hoshine", "CN", "us_cbp_wro:hoshine-silicon"),
    ("Daqo", "CN", "us_dhs_uflpa:xinjiang-daqo"),
    # ... while other brands of one word match nothing listed.
    ("Siemens", "DE", None),
    ("Bosch", "DE", None),
    ("Philips", "NL", None),
    ("Makita", "JP", None),
    ("Huawei", "CN", None),
]


@pytest.mark.parametrize(("name", "country", "expected"), BUNDLED_CASES)
def test_match_bundled_lists_regressions(
    bundled: Matcher, name: str, country: str, expected: str | None
) -> None:
    hits = [r for r in bundled.match(make_record(name=name, country=country), top_k=3) if r.is_match]
    if expected is None:
        assert hits == [], [(h.matched_name, round(h.score, 2)) for h in hits]
    else:
        assert hits and hits[0].entity.entity_id.startswith(expected)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hotan Taida Apparel", "Hetian Taida Apparel"),
        ("Kashi Sample Textile", "Kashgar Sample Textile"),
        ("Wulumuqi Sample Cotton", "Urumqi Sample Cotton"),
        ("Kuerle Sample Pear", "Korla Sample Pear"),
        ("Akesu Sample Cotton", "Aksu Sample Cotton"),
        ("Tulufan Sample Raisin", "Turpan Sample Raisin"),
        ("Kelamayi Sample Oil", "Karamay Sample Oil"),
        ("Ili Sample Textile", "Yili Sample Textile"),
    ],
)
def test_compare_place_spellings_fold_together(a: str, b: str) -> None:
    assert Matcher(ENTITIES).compare(a, b).is_match


def test_compare_shared_place_alone_is_not_a_match() -> None:
    matcher = Matcher(ENTITIES)
    assert not matcher.compare("Xinjiang Jinbao Mining", "新疆样例棉纺有限公司").is_match
    assert not matcher.compare("Hotan Taida Apparel", "Kashgar Taida Apparel").is_match


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("TRAPSA", "Taller de Reparaciones de Aerodinos sus Partes y Servicios Aereos S.A."),
        ("GAESA", "Grupo de Administracion Empresarial S.A."),  # looked up as "gae", S.A. fused in
    ],
)
def test_an_exact_acronym_key_survives_pre_ranking(query: str, target: str) -> None:
    # More names are retrieved than the model scores; those spelling the query more closely letter by
    # letter must not crowd out the name whose acronym the query is.
    stem = query[:4].title()
    distractors = [f"{stem}{chr(97 + i // 26)}{chr(97 + i % 26)}sa S.A." for i in range(3 * MODEL_CANDIDATES)]
    entities = [make_entity(entity_id=f"d:{i}", name=n) for i, n in enumerate(distractors)]
    matcher = Matcher([*entities, make_entity(entity_id="t", name=target)])
    results = matcher.match(make_record(name=query, country=None), top_k=3)
    assert results[0].entity.entity_id == "t" and results[0].is_match


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("RFC-Bank", "Russian Financial Corporation Bank JSC"),  # initials, then the last word
        ("ISIL-Yemen", "Islamic State of Iraq and the Levant-Yemen"),
        ("Islamic State of Iraq and the Levant-Yemen", "ISIL-Yemen"),  # either side may be the short one
    ],
)
def test_a_partial_acronym_finds_its_long_name_among_many(query: str, target: str) -> None:
    # Many listed names share the spelt-out word and the acronym's letters; without an index key for
    # "initials + last word" the long name is not among the candidates at all (round 56).
    tail = min(query, target, key=len).split("-")[-1]  # the word the short form spells out
    distractors = [f"{chr(65 + i % 26)}{chr(65 + i // 26)}F {tail} Company" for i in range(26 * 8)]
    distractors += [f"Republic {chr(65 + i % 26)}{chr(97 + i // 26)}ca Fund {tail}" for i in range(26 * 8)]
    entities = [make_entity(entity_id=f"d:{i}", name=n) for i, n in enumerate(distractors)]
    matcher = Matcher([*entities, make_entity(entity_id="t", name=target)])
    results = matcher.match(make_record(name=query, country=None), top_k=3)
    assert results[0].entity.entity_id == "t" and results[0].is_match


def test_partial_acronyms_of_a_long_name() -> None:
    assert partial_acronyms(parse_name("Russian Financial Corporation Bank JSC")) == [
        "rfc bank",
        "russian fcb",
    ]
    assert partial_acronyms(parse_name("Xinjiang Bank of Commerce")) == []  # three words: too short
    # looked up exactly, not put into the fuzzy index, whose per-key shortlists they would crowd
    assert "rfc bank" not in index_keys("Russian Financial Corporation Bank JSC")


def test_a_chinese_name_finds_the_foreign_name_it_renders_by_sound() -> None:
    # 康卡斯特 (kang ka si te) shares no letters' order with "Comcast": among names spelt more like its
    # pinyin only the consonant skeleton table (round 57) offers it as a candidate, either way round.
    heads = ["Kang", "Kasi", "Site", "Kangka", "Tekas"]
    names = [
        f"{heads[i % 5]} Bo{chr(97 + i // 5 % 26)}{chr(97 + i // 130)}ral Trading Co" for i in range(300)
    ]
    entities = [make_entity(entity_id=f"d:{i}", name=n) for i, n in enumerate(names)]
    matcher = Matcher([*entities, make_entity(entity_id="t", name="Comcast Corporation")])
    assert (len(entities), 0) in matcher.candidates("康卡斯特")
    matcher = Matcher([*entities, make_entity(entity_id="t", name="康卡斯特")])
    assert (len(entities), 0) in matcher.candidates("Comcast Corporation")


def test_a_common_skeleton_offers_no_candidates() -> None:
    # more names than SKELETON_BUCKET with one skeleton identify none of them
    names = [f"Comcast{'e' * i} Corporation" for i in range(SKELETON_BUCKET + 1)]
    matcher = Matcher([make_entity(entity_id=f"c:{i}", name=n) for i, n in enumerate(names)])
    assert matcher._sounded(parse_name("康卡斯特"), frozenset()) == []
    matcher = Matcher([make_entity(entity_id=f"c:{i}", name=n) for i, n in enumerate(names[:3])])
    assert len(matcher._sounded(parse_name("康卡斯特"), frozenset())) == 3


def test_a_long_query_finds_a_listed_partial_acronym_in_any_word_order() -> None:
    # "Bank Rossiskaya Finansovaya Korporatsiya" goes by "bank rfk"; the listed short form writes
    # "RFK-Bank" (round 58: the index scores the reordered words 95, not 100, and the name was dropped)
    distractors = [f"{chr(65 + i % 26)}{chr(65 + i // 26)}K Bank Company" for i in range(26 * 8)]
    entities = [make_entity(entity_id=f"d:{i}", name=n) for i, n in enumerate(distractors)]
    matcher = Matcher([*entities, make_entity(entity_id="t", name="AO RFK-Bank")])
    query = "Bank Rossiskaya Finansovaya Korporatsiya Aktsionernoe Obshchestvo"
    assert (len(entities), 0) in matcher.candidates(query)
