"""Match supplier names against list entities: candidate index, pair features, match model.

Every name and alias of every entity is indexed under several keys (its normalised core, the core
without spaces when it came from a non-Latin script, its acronyms and any bracketed alias such as
"(NICO)", and for a Chinese name the English words its dictionary words mean), so pinyin, spacing,
translation and acronym variants find their candidates. The index's shortlist for
each query key is pre-ranked cheaply (token-sorted similarity plus the share of the query's
informative words, weighted by inverse document frequency over the indexed names, that the candidate
contains), a name sharing a whole-name key with the query first ("TRAPSA", the acronym of a listed
name); the best MODEL_CANDIDATES go on to the match model; each entity keeps its best-scoring name. An
entity's one-word acronym ("XPCC") that another of its names spells out is scored, for a query of
several words, as that name: the query must match its words, not only their initials.
Two lookups bypass the fuzzy index, whose per-key shortlists their many alike keys would crowd: a long
name's partial acronyms ("rfc bank" for "Russian Financial Corporation Bank"), matched exactly either
way round, and consonant skeletons across scripts (a Chinese name and the foreign name it renders by
sound, 康卡斯特 / Comcast), matched exactly when no more than SKELETON_BUCKET names share one.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reference_data.models import ListEntity
from scoring.alternate_names import alternate_names
from scoring.candidates import CandidateIndex
from scoring.features import FEATURE_NAMES, REGISTRY, Side, feature_vector, make_side
from scoring.identifiers import normalize_identifier
from scoring.model import MatchModel, Prediction
from scoring.name_features import SKELETON_MIN, sound_skeleton, spelt_alike
from scoring.normalize import NameParts, fused_stems, parse_name
from scoring.scripts import HAN
from scoring.translation import rendering
from scoring.types import FeatureContribution, MatchResult, SupplierRecord

CANDIDATES_PER_KEY = 64  # index hits per query key (the index's whole re-ranked shortlist)
MODEL_CANDIDATES = 40  # pre-ranked candidates per query scored by the match model
NEAR_MISS = 0.5  # near-misses are reported down to this fraction of the threshold


def index_keys(name: str) -> list[str]:
    """Return the candidate-index keys of one name: core, compact core (non-Latin), acronyms, aliases,
    and for a Chinese name its dictionary rendering in English words."""
    parts = parse_name(name)
    keys = [parts.key] if parts.key else []
    if parts.script not in ("latin", "none") and parts.compact != parts.key:
        keys.append(parts.compact)
    keys += [a for a in parts.acronyms if len(a) >= 3]
    keys += _stems(parts)
    keys += parts.aliases
    if HAN.search(parts.native):  # 高盛 is also looked up as "goldman sachs" (CC-CEDICT glosses)
        translated = parse_name(rendering(parts.native)).key
        if translated:
            keys.append(translated)
    return list(dict.fromkeys(keys))


PARTIAL_HEAD = 3  # the fewest words a partial acronym stands for ("rfc" of three words)
PARTIAL_HITS = 4  # index keys looked at per partial acronym of a query (only its words' are kept)
SKELETON_BUCKET = 16  # a consonant skeleton shared by more listed names than this finds none of them


def partial_acronyms(parts: NameParts) -> list[str]:
    """Return a long name with all but its last one or two words, or all but its first, written as their
    initials ("Russian Financial Corporation Bank" -> "rfc bank", "Islamic State of Iraq and the
    Levant-Yemen" -> "isil yemen"): the short form such names go by, looked up exactly for both sides."""
    core = parts.core
    out = []
    for tail in (1, 2):
        head = core[:-tail]
        if len(head) >= PARTIAL_HEAD:
            out.append("".join(w[0] for w in head) + " " + " ".join(core[-tail:]))
    if len(core) > PARTIAL_HEAD:
        out.append(core[0] + " " + "".join(w[0] for w in core[1:]))
    return out


def _word_set(key: str) -> str:
    """Return a key with its words sorted: "AO RFK-Bank" is the partial acronym "bank rfk" too."""
    return " ".join(sorted(key.split()))


def _add_sound(
    table: dict[str, list[tuple[int, int]]], owner: tuple[int, int], parts: NameParts, chinese: bool
) -> None:
    """Table a name under its consonant skeleton when it is written in Chinese (`chinese`) or in Latin
    letters, as asked, and its skeleton is long enough to tell names apart (SKELETON_MIN)."""
    written_chinese, skeleton = sound_skeleton(parts)
    if written_chinese == chinese and len(skeleton) >= SKELETON_MIN:
        table.setdefault(skeleton, []).append(owner)


def _spelt_by(parts: NameParts, names: Sequence[NameParts]) -> int | None:
    """Return the index of the first of `names` whose words `parts`, a one-word name, is the acronym of."""
    if len(parts.core) != 1 or len(parts.core[0]) < 2:
        return None
    word = parts.core[0]
    return next((i for i, other in enumerate(names) if len(other.core) >= 2 and word in other.acronyms), None)


def _stems(parts: NameParts) -> list[str]:
    """Return a one-word name without a legal form's letters it may end with: GAESA is also looked up as
    "gae", the acronym of a name ending in S.A."""
    return fused_stems(parts.compact) if len(parts.core) == 1 else []


@dataclass(frozen=True, slots=True)
class PairExplanation:
    """The model's verdict on one pair of names, with every feature's value and contribution."""

    name1: str
    name2: str
    score: float
    is_match: bool
    threshold: float
    intercept: float
    logit: float
    contributions: tuple[FeatureContribution, ...]
    compared1: str = ""  # the name part scored when name1 carries a trading or former name, else ""
    compared2: str = ""


def explain(q: Side, c: Side, pred: Prediction, values: Sequence[float]) -> tuple[FeatureContribution, ...]:
    """Attach descriptions and compared values to a prediction's contributions."""
    out = []
    for name, value, contrib in zip(FEATURE_NAMES, values, pred.contributions, strict=True):
        feat = REGISTRY[name]
        out.append(
            FeatureContribution(
                name=name,
                value=float(value),
                contribution=float(contrib),
                description=feat.description,
                query_value=feat.shows(q),
                candidate_value=feat.shows(c),
            )
        )
    return tuple(out)


class Matcher:
    """Find and score the list entities whose names match a supplier record."""

    def __init__(self, entities: Sequence[ListEntity], model: MatchModel | None = None) -> None:
        self.entities: list[ListEntity] = list(entities)
        self.model: MatchModel = model or MatchModel.load()
        keys: list[str] = []
        self._owners: list[tuple[int, int]] = []  # key position -> (entity index, name index)
        self._by_id: dict[tuple[str, str], set[int]] = {}
        # acronym name -> (the acronym, the index and parts of the name that spells it out)
        self._spelt_out: dict[tuple[int, int], tuple[str, int, NameParts]] = {}
        # partial acronym, words sorted ("bank rfc") -> the long names that go by it; kept out of the
        # fuzzy index, whose per-key shortlists they would crowd (many and alike), and looked up exactly
        self._partial: dict[str, list[tuple[int, int]]] = {}
        # consonant skeleton -> names: of the listed Chinese names (few; built here, for Latin queries)
        # and of the listed Latin ones (built at the first Chinese query: most screenings meet none, and
        # 200,000 names take about 5 s)
        self._chinese_sounds: dict[str, list[tuple[int, int]]] = {}
        self._latin_sounds: dict[str, list[tuple[int, int]]] | None = None
        self._sounds_lock = threading.Lock()
        df: Counter[str] = Counter()
        for ei, entity in enumerate(self.entities):
            parsed = [parse_name(name) for name in entity.names]
            for ni, parts in enumerate(parsed):
                df.update(set(parts.core))
                spelt = _spelt_by(parts, parsed)
                if spelt is not None:
                    self._spelt_out[(ei, ni)] = (parts.core[0], spelt, parsed[spelt])
                for key in partial_acronyms(parts):
                    self._partial.setdefault(_word_set(key), []).append((ei, ni))
                if HAN.search(parts.native):  # only these now: Latin skeletons cost seconds per 200,000
                    _add_sound(self._chinese_sounds, (ei, ni), parts, chinese=True)
            for ni, name in enumerate(entity.names):
                for key in index_keys(name):
                    keys.append(key)
                    self._owners.append((ei, ni))
            for scheme, value in entity.identifiers:
                compact = normalize_identifier(scheme, value)
                if compact:
                    self._by_id.setdefault((scheme.casefold(), compact), set()).add(ei)
        self.index = CandidateIndex(keys)
        total = sum(df.values()) or 1
        # Inverse document frequency of core words over the indexed names; unseen words are rare.
        self._idf = {t: math.log((1 + total) / (1 + n)) + 1.0 for t, n in df.items()}
        self._idf_unseen = math.log(1 + total) + 1.0

    @property
    def model_version(self) -> str:
        """Return the match model's version (artefact name + sha256 prefix)."""
        return self.model.version

    @property
    def threshold(self) -> float:
        """Return the shipped match threshold (chosen on the dev split)."""
        return self.model.threshold

    def candidates(
        self,
        name: str,
        identifiers: Iterable[tuple[str, str]] = (),
        exclude: frozenset[tuple[int, int]] = frozenset(),
    ) -> set[tuple[int, int]]:
        """Return (entity index, name index) pairs worth scoring for a query name (minus `exclude`)."""
        retrieved: dict[tuple[int, int], float] = {}
        exact: dict[tuple[int, int], set[str]] = {}  # name -> query keys it has as a key of its own
        keys = index_keys(name)
        parts = parse_name(name)
        whole = {parts.key, *_stems(parts)}  # the keys that stand for the whole query
        for key, hits in zip(keys, self.index.search_many(keys, limit=CANDIDATES_PER_KEY), strict=True):
            for pos, score in hits:
                owner = self._owners[pos]
                if owner in exclude:
                    continue
                retrieved[owner] = max(score, retrieved.get(owner, -1.0))
                if score >= 100.0:
                    exact.setdefault(owner, set()).add(key)
        self._add_partial(parts, retrieved, exact, exclude)
        found = set(self._prerank(name, retrieved, exact, whole))
        found.update(self._sounded(parts, exclude))
        for scheme, value in identifiers:
            compact = normalize_identifier(scheme, value)
            for ei in self._by_id.get((scheme.casefold(), compact or ""), ()):
                found.update((ei, ni) for ni in range(len(self.entities[ei].names)))
        return found

    def _add_partial(
        self,
        parts: NameParts,
        retrieved: dict[tuple[int, int], float],
        exact: dict[tuple[int, int], set[str]],
        exclude: frozenset[tuple[int, int]],
    ) -> None:
        """Add the names that are the query's partial acronym or whose partial acronym the query is, each
        as an exact key hit ("RFC Bank" / "Russian Financial Corporation Bank", either way round)."""
        found = [(owner, parts.key) for owner in self._partial.get(_word_set(parts.key), ())]
        mine = partial_acronyms(parts)
        for key, hits in zip(mine, self.index.search_many(mine, limit=PARTIAL_HITS), strict=True):
            for pos, _ in hits:  # a listed name whose words are the partial acronym's, in any order
                ei, ni = self._owners[pos]
                listed = parse_name(self.entities[ei].names[ni]).key
                if _word_set(listed) == _word_set(key):
                    found.append(((ei, ni), listed))  # its whole key: kept first by the pre-ranking
        for owner, key in found:
            if owner not in exclude:
                retrieved[owner] = 100.0
                exact.setdefault(owner, set()).add(key)

    def _sounded(self, parts: NameParts, exclude: frozenset[tuple[int, int]]) -> list[tuple[int, int]]:
        """Return the names in the other script with the query's consonant skeleton: a Chinese name finds
        the foreign name it renders by sound (康卡斯特 / Comcast), and the other way round; none when the
        skeleton is short or common (more than SKELETON_BUCKET names)."""
        chinese, skeleton = sound_skeleton(parts)
        if len(skeleton) < SKELETON_MIN:
            return []
        table = self._latin_table() if chinese else self._chinese_sounds
        bucket = table.get(skeleton, ())
        return [o for o in bucket if o not in exclude] if len(bucket) <= SKELETON_BUCKET else []

    def _latin_table(self) -> dict[str, list[tuple[int, int]]]:
        with self._sounds_lock:
            if self._latin_sounds is None:
                table: dict[str, list[tuple[int, int]]] = {}
                for ei, entity in enumerate(self.entities):
                    for ni, name in enumerate(entity.names):
                        _add_sound(table, (ei, ni), parse_name(name), chinese=False)
                self._latin_sounds = table
            return self._latin_sounds

    def _prerank(
        self,
        name: str,
        retrieved: dict[tuple[int, int], float],
        exact: dict[tuple[int, int], set[str]],
        whole: set[str],
    ) -> list[tuple[int, int]]:
        """Keep the MODEL_CANDIDATES most promising retrieved names (cheap scores, no model).

        Kept first: a name sharing a key with the query where one side's key is its whole name, as when
        "TRAPSA" is the acronym of a long listed name, or a listed "BIO" the query's acronym."""
        if len(retrieved) <= MODEL_CANDIDATES:
            return list(retrieved)
        query = parse_name(name)
        words = set(query.core)
        weight = sum(self._idf.get(t, self._idf_unseen) for t in words) or 1.0
        owners = list(retrieved)
        cand_keys = [parse_name(self.entities[ei].names[ni]).key for ei, ni in owners]
        sorted_sim = process.cdist([query.key], cand_keys, scorer=fuzz.token_sort_ratio)[0].tolist()
        ranked = []
        for owner, key, sim in zip(owners, cand_keys, sorted_sim, strict=True):
            shared = sum(self._idf.get(t, self._idf_unseen) for t in words.intersection(key.split()))
            shared_keys = exact.get(owner, set())
            first = 1000.0 if shared_keys & whole or key in shared_keys else 0.0
            ranked.append((first + sim + 100.0 * shared / weight + 0.5 * retrieved[owner], owner))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [owner for _, owner in ranked[:MODEL_CANDIDATES]]

    def score(
        self, query: Side, pairs: Iterable[tuple[int, int]]
    ) -> dict[int, tuple[int, Prediction, Side, list[float], int]]:
        """Score candidates; keep each entity's best name: ei -> (name index, prediction, side, values,
        how many of the entity's candidate names score at least the threshold)."""
        best: dict[int, tuple[int, Prediction, Side, list[float], int]] = {}
        for ei, ni in sorted({self._spelt_name(query, pair) for pair in pairs}):
            entity = self.entities[ei]
            cand = make_side(entity.names[ni], entity.country, entity.identifiers)
            values = feature_vector(query, cand)
            pred = self.model.predict(values)
            found = best.get(ei)
            support = (found[4] if found else 0) + (pred.probability >= self.threshold)
            if found is None or pred.probability > found[1].probability:
                best[ei] = (ni, pred, cand, values, support)
            else:
                best[ei] = (*found[:4], support)
        return best

    def _spelt_name(self, query: Side, pair: tuple[int, int]) -> tuple[int, int]:
        """Return the name to score `query` against for a candidate name: for an entity's acronym ("XPCC")
        whose words another of its names spells out, that name when the query is several words that
        neither carry the acronym nor every word of that name (`spelt_alike`): the query must match
        those words, not merely begin with the same letters ("Xinjiang Pearl Cotton Company")."""
        spelt = self._spelt_out.get(pair)
        if spelt is None or len(query.parts.core) < 2:
            return pair
        word, full, full_parts = spelt
        carried = word in query.parts.core or word in query.parts.aliases
        return pair if carried or spelt_alike(word, full_parts, query.parts) else (pair[0], full)

    def match(self, record: SupplierRecord, top_k: int = 3) -> list[MatchResult]:
        """Return up to `top_k` entities by score, including near-misses above half the threshold.

        A name field carrying a trading or former name ("Acme Ltd t/a Beta Textiles") is screened under
        each of its names (`scoring.alternate_names`); an entity keeps its best score, and its
        explanation shows which name part it was scored on.
        """
        best: dict[int, tuple[Side, int, Prediction, Side, list[float], int]] = {}
        for name in alternate_names(record.name):
            query = make_side(name, record.country, record.identifiers)
            if not query.parts.core:
                continue
            for ei, (ni, pred, cand, values, support) in self.score(
                query, self.candidates(name, record.identifiers)
            ).items():
                if ei not in best or pred.probability > best[ei][2].probability:
                    best[ei] = (query, ni, pred, cand, values, support)
        floor = NEAR_MISS * self.threshold
        results = []
        for ei, (query, ni, pred, cand, values, support) in best.items():
            if pred.probability >= floor:
                entity = self.entities[ei]
                results.append(
                    MatchResult(
                        entity=entity,
                        matched_name=entity.names[ni],
                        score=pred.probability,
                        is_match=pred.probability >= self.threshold,
                        intercept=pred.intercept,
                        contributions=explain(query, cand, pred, values),
                        names_matched=support,
                    )
                )
        # Of equal scores, the entity more of whose names match ranks first (two records that carry the
        # same name: the one whose other names match too is the likelier).
        results.sort(key=lambda m: (-m.score, -m.names_matched, m.entity.entity_id))
        return results[: max(top_k, 0)]

    def compare(
        self, name1: str, name2: str, country1: str | None = None, country2: str | None = None
    ) -> PairExplanation:
        """Score one pair of names and explain the score feature by feature."""
        return compare_names(self.model, name1, name2, country1, country2)


def compare_names(
    model: MatchModel, name1: str, name2: str, country1: str | None = None, country2: str | None = None
) -> PairExplanation:
    """Score one pair of names with `model` and explain the score (no list needed).

    A name carrying a trading or former name ("Acme Ltd t/a Beta Textiles") is compared under each of its
    names; the best-scoring pair is explained, its name parts shown in the contributions.
    """
    scored = []
    for a in alternate_names(name1):
        for b in alternate_names(name2):
            q, c = make_side(a, country1), make_side(b, country2)
            values = feature_vector(q, c)
            scored.append((model.predict(values), q, c, values))
    pred, q, c, values = max(scored, key=lambda item: item[0].probability)  # the first of equals
    return PairExplanation(
        name1=name1,
        name2=name2,
        score=pred.probability,
        is_match=pred.probability >= model.threshold,
        threshold=model.threshold,
        intercept=pred.intercept,
        logit=pred.logit,
        contributions=explain(q, c, pred, values),
        compared1=q.parts.original if q.parts.original != name1 else "",
        compared2=c.parts.original if c.parts.original != name2 else "",
    )
