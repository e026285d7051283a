"""Pair features: pure functions (query, candidate) -> float, each explained by its docstring.

The features live in `scoring.name_features` (how alike the names are) and `scoring.context_features`
(places, legal forms, qualifiers, numbers, countries, identifiers); importing them here registers them
in a fixed order, which is the order of the model artefact's feature list.
"""

from __future__ import annotations

from scoring import context_features, name_features
from scoring.context_features import places
from scoring.sides import REGISTRY, Feature, Side, make_side
from scoring.words import GENERIC

__all__ = [
    "FEATURE_NAMES",
    "FEATURE_REVISION",
    "GENERIC",
    "REGISTRY",
    "Feature",
    "Side",
    "feature_vector",
    "make_side",
    "places",
]

# Revision of what the features compute. A feature can change its values for the same names without its
# name changing (a new rule, a wider reading); the artefact records the revision it was fitted with and
# the loader refuses another, so an artefact is never applied to features it was not fitted on and a
# changed definition always means a new artefact and model version. 1: artefacts before this field
# (round 9); 2: dictionary_translation also reads a Chinese name partly by sound (华孚时尚 = Huafu Fashion);
# 3: two adjacent Chinese words giving two adjacent distinctive Latin words are a phrase (东方希望 = East
# Hope); 4: thirty Korean generic words and 한국 (Korea) in the CJK glossary (현대중공업 = heavy industry);
# 5: bracketed legal-form abbreviations (주), ㈜, (유), (株), ㈱, (有) are legal forms, not qualifiers;
# 6: Thai-script legal forms (บริษัท ... จำกัด (มหาชน)); the legal-form table folded after NFKC, as names are;
# 7: Uzbek MChJ / AJ, Indian "(P) Ltd", Indonesian CV at the front, Turkish sanayi / ticaret / tekstil / ve;
# 8: the 1906 postal romanisations of Chinese places (Sinkiang, Tsingtao, Chungking) in the place table;
# 9: Gulf legal forms (PSC, SAOG, SAOC, QSC, KSC, KSCC, BSC; Arabic ذ.م.م, ش.م.ع, شركة); 10: bracketed
# generic words ("(Group)", "(集团)") are name words, not qualifiers; Vietnamese TNHH MTV / CP; "X, PT";
# 11: "(Private) Limited", "(Proprietary) Limited", "Private Ltd" and Bahrain's "B.S.C. (c)" are legal forms,
# not a qualifier "private" or "c"; 12: Pakistan's "(SMC-Private) Limited", Turkish "Limited Şirketi", the
# "(M)" of "(M) Sdn Bhd" and "(S)" of "(S) Pte Ltd" dropped, "M/s" (Messrs) before a name dropped;
# 13: qualifiers compare by what they name: "(HK)" = "(Hong Kong)", "(Viet Nam)" = "(Vietnam)", "(Hotan)" =
# "(Hetian)"; 14: a branch qualifier names its place ("Shanshan Branch", 鄯善分公司 = "(Shanshan)");
# Vietnamese "Cty TNHH" / "Cty CP" (công ty abbreviated); 15: "Zweigniederlassung Hamburg", "Sucursal en
# Chile": the place after the branch word; "Acme Branch", "Acme Ltd Branch" keep name and legal form apart;
# 16: the romanised branch words are "fengongsi" (分公司, was misspelt "fenggongsi"), "fenchang", "fendian";
# 17: abbreviated legal forms written without spaces ("Co.Ltd.", "Sdn.Bhd."); HTML references ("&amp;");
# 18: Vietnamese business phrases read in English (dệt may = textile garment, thủy sản = seafood, ...);
# 19: plurals and word families of generic words folded (exports, exporters, imports, traders, mills, foods).
# (20-26: rounds 29-37, docs/matching.md); 27: short_form_match (rounds 38-39); 28: autonomous divisions,
# "Inner Mongolia" (round 40); 29: the division after a Chinese place goes with it, 北京市 (round 41);
# 30: traditional-character forms of the CJK glossary and place table, 廣州 / 服裝 (round 42); 31: the
# XUAR's county-level divisions are places within their prefecture, 洛浦县 / "Luopu County" (round 43);
# 32: two Chinese names' own words differing in their first two characters are two words, 天康 / 天山
# (round 44); 33: the counties' CC-CEDICT names and readings, "Lop County", "Shache County"; places
# compared at their most precise, "Kashgar Prefecture Shache County" / "Yecheng County" (round 45);
# 34: sibling_words, sister companies of one group ("X Capital" / "X Holdings"; round 46); 35: acronyms
# without articles and prepositions (CAD), with a fused legal form (GAESA), written unbracketed (round 47);
# 36: a bracketed alias that is its own name's acronym says nothing of another name's (round 48); 37: one
# common word translated is distinctive when it and generic words translate both names whole (round 49);
# 38: a misspelling of a word the abbreviation table rewrote finds it, "apprel" / "apparel" (round 50);
# 39: only a typo of it does (one edit, two from eight letters), not a resemblance, "indusa" (round 51);
# 40: so does a typo of the other name's business word, place or legal form, "xiniang" (round 52); 41:
# in a word under six letters two letters swapped are one edit, "gomse" / "gomes" (round 53); 42: names of
# the same letters, legal form included, spaced otherwise are exact, "Chack Oinc" / "Chacko Inc" (round 54);
# 43: a misspelt place qualifier is the place, "(Natong)" / "(Nantong)" (round 55); 44: a bracketed
# two-letter country code is a place qualifier, "(US)" / "(HU)" (round 56); 45: transliteration_match,
# a Chinese name's sounds against a foreign name's consonants, 康卡斯特 / Comcast (round 57); 46: Latin
# American legal forms, Peru's S.A.C., S.A.A. and E.I.R.L., the compañía anónima C.A., Mexico's S. de R.L.
# and S.P.R. de R.L., Colombia's S. en C. and S.C.S. (round 59); 47: the partners' "y", "e" or "et"
# before "Cía." / "Cie" goes with the company word, "Gómez y Cía." = Gómez (round 60); 48: family-firm
# words in six languages are "brothers" and "sons", both generic, "Gaxiola Hnos." = Gaxiola Hermanos,
# "Gebr. Müller" = Gebrüder Müller, "Gómez e Hijos" (round 61); 49: a legal form that only begins names,
# written last after a comma, is read in front, "Genbank, AO" = AO Genbank (round 62); 50: a legal form
# followed only by business words is a legal form, "Cosan S/A Indústria e Comércio", with comércio,
# importação and exportação read in English and the "e" between business words dropped (round 63).
FEATURE_REVISION = 50
_MODULES = (name_features, context_features)  # registration order: name similarity, then context
FEATURE_NAMES: tuple[str, ...] = tuple(
    name for module in _MODULES for name, f in REGISTRY.items() if f.fn.__module__ == module.__name__
)


def feature_vector(q: Side, c: Side) -> list[float]:
    """Compute every registered feature for one pair, in registry order."""
    return [REGISTRY[name].fn(q, c) for name in FEATURE_NAMES]
