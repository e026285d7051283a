"""Value types that flow through screening: input record -> matches -> findings -> assessment.

Frozen, slotted dataclasses: cheap on the hot path, hashable, and safe to share between threads.
Pydantic models live only at the boundaries (CSV rows, API requests).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reference_data.models import ListEntity

TIERS: tuple[str, ...] = ("none", "low", "medium", "high", "severe")


@dataclass(frozen=True, slots=True)
class SupplierRecord:
    """One supplier or procurement line to screen, already validated and with its country resolved."""

    name: str
    supplier_id: str = ""
    country: str | None = None  # ISO 3166-1 alpha-2, resolved from whatever the file gave
    country_raw: str = ""  # the value as given, for messages
    address: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()  # (scheme, value): uscc, cnpj, lei, duns, vat, tax
    product: str = ""  # product or commodity description
    hs_code: str = ""  # digits only, 2 to 10 long
    value: float | None = None  # spend in `currency`
    currency: str = ""
    quantity: float | None = None
    date: str = ""
    sector: str = ""
    is_intermediary: bool | None = None  # trading company, agent, broker, recruiter
    # Due-diligence attributes (questionnaires, audits); None = not known.
    recruitment_fees_paid_by_workers: bool | None = None
    identity_documents_retained: bool | None = None
    migrant_worker_share: float | None = None  # 0..1
    ilo_indicators: tuple[str, ...] = ()  # ids from scoring.frameworks ILO indicator list


@dataclass(frozen=True, slots=True)
class FeatureContribution:
    """One match feature's value and its exact share of the match model's log-odds."""

    name: str
    value: float  # raw feature value in [0, 1] (or a signed indicator)
    contribution: float  # coef * scaled value, in log-odds; contributions + intercept = logit
    description: str  # the feature's one-sentence docstring, shown to users
    query_value: str = ""  # the query part the feature looked at
    candidate_value: str = ""  # the candidate part the feature looked at


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The best-scoring name of one list entity for a query, with the model's explanation."""

    entity: ListEntity
    matched_name: str  # which of the entity's names scored best
    score: float  # match probability in [0, 1]
    is_match: bool  # score >= the shipped threshold
    intercept: float = 0.0
    contributions: tuple[FeatureContribution, ...] = ()
    names_matched: int = 0  # how many of the entity's names score at least the threshold (orders ties)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A fact from the snapshot (or the user's input) that a finding rests on, with its provenance."""

    source_id: str  # snapshot source id, custom list id, or "input" for the user's own data
    source_version: str  # the source's snapshot version (or the snapshot id for input)
    record: str  # the entity id, rule id, "good|country", HS code ... the fact is about
    detail: str  # what the record says, in plain words
    source_row: int = 0  # 1-based row in the snapshot file
    url: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason the supplier carries risk: points added to the score, cited and mapped to frameworks."""

    type: str  # entity_list | cbp_rule | region | goods | country | attribute | identifier
    code: str  # stable machine id, e.g. "entity_list.us_dhs_uflpa", "goods.forced_labor"
    points: float  # contribution to the additive risk score
    sentence: str  # one plain-language sentence
    evidence: tuple[Evidence, ...] = ()
    ungp: tuple[int, ...] = ()  # UN Guiding Principles numbers
    p28: tuple[str, ...] = ()  # paragraph-28 commitment ids (P28-...) and other paragraphs (P12, P13)
    laws: tuple[str, ...] = ()  # law / instrument ids from the frameworks catalogue
    actions: tuple[str, ...] = ()  # recommended due-diligence actions, in order
    ilo_indicators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """The additive risk score and its exact decomposition into findings."""

    score: float  # 0-100, a monotone function of total_points
    tier: str  # one of TIERS
    total_points: float  # sum of finding points
    findings: tuple[Finding, ...] = ()
    exposure_value: float | None = None  # spend weighted by risk, when a value was given


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """Everything screening says about one record, stamped with the data and model it used."""

    record: SupplierRecord
    matches: tuple[MatchResult, ...]
    assessment: RiskAssessment
    snapshot_id: str
    model_version: str
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def best_match(self) -> MatchResult | None:
        """Return the highest-scoring match at or above the threshold, if any."""
        hits = [m for m in self.matches if m.is_match]
        return max(hits, key=lambda m: m.score) if hits else None
