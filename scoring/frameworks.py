"""The frameworks catalogue: UNGPs, paragraph-28 commitments, laws, ILO indicators and actions per finding."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

CATALOGUE_PATH = Path(__file__).resolve().parent / "data" / "frameworks.yml"


class CatalogueError(ValueError):
    """The frameworks catalogue is unreadable or refers to an id it does not define."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Principle(_Model):
    id: int
    pillar: str
    summary: str


class UngpBlock(_Model):
    source: str
    url: str
    principles: tuple[Principle, ...]


class Commitment(_Model):
    id: str
    paragraph: str
    summary: str


class P28Block(_Model):
    source: str
    url: str
    commitments: tuple[Commitment, ...]


class Law(_Model):
    id: str
    title: str
    citation: str
    jurisdiction: str
    summary: str
    url: str


class Indicator(_Model):
    id: str
    label: str


class IndicatorBlock(_Model):
    source: str
    url: str
    items: tuple[Indicator, ...]


class Sector(_Model):
    id: str
    label: str
    named_in: str
    date: str
    url: str


class Action(_Model):
    id: str
    stage: int  # 1 confirm .. 5 disengage; findings list actions in this order
    text: str


class FindingMap(_Model):
    title: str
    ungp: tuple[int, ...]
    p28: tuple[str, ...]
    laws: tuple[str, ...]
    actions: tuple[str, ...]


class Catalogue(_Model):
    """The whole catalogue, validated: every id a finding names is defined once."""

    version: str
    updated: str
    ungp: UngpBlock
    p28: P28Block
    laws: tuple[Law, ...]
    ilo_indicators: IndicatorBlock
    uflpa_sectors: tuple[Sector, ...]
    actions: tuple[Action, ...]
    findings: dict[str, FindingMap]

    @model_validator(mode="after")
    def _check_references(self) -> Catalogue:
        known: dict[str, set[str]] = {
            "ungp": {str(p.id) for p in self.ungp.principles},
            "p28": {c.id for c in self.p28.commitments},
            "laws": {law.id for law in self.laws},
            "actions": {a.id for a in self.actions},
        }
        stage = {a.id: a.stage for a in self.actions}
        for code, entry in self.findings.items():
            used = {
                "ungp": {str(n) for n in entry.ungp},
                "p28": set(entry.p28),
                "laws": set(entry.laws),
                "actions": set(entry.actions),
            }
            for kind, ids in used.items():
                missing = sorted(ids - known[kind])
                if missing:
                    raise ValueError(f"finding {code}: unknown {kind} ids {missing}")
            if [stage[a] for a in entry.actions] != sorted(stage[a] for a in entry.actions):
                raise ValueError(f"finding {code}: actions are not in stage order")
        return self

    def mapping(self, code: str) -> FindingMap:
        """Return what a finding code bears on; CatalogueError for a code the catalogue lacks."""
        try:
            return self.findings[code]
        except KeyError:
            raise CatalogueError(f"finding code {code!r} is not in the frameworks catalogue") from None

    def law(self, law_id: str) -> Law:
        """Return one law or instrument by id."""
        return next(law for law in self.laws if law.id == law_id)

    def action_text(self, action_id: str) -> str:
        """Return the plain-language text of a recommended action."""
        return next(a.text for a in self.actions if a.id == action_id)

    def sector(self, sector_id: str) -> Sector:
        """Return one UFLPA high-priority sector by id."""
        return next(s for s in self.uflpa_sectors if s.id == sector_id)


@lru_cache(maxsize=4)
def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate the frameworks catalogue (the bundled one by default)."""
    target = path or CATALOGUE_PATH
    try:
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        return Catalogue.model_validate(data)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise CatalogueError(f"frameworks catalogue {target} is invalid: {exc}") from exc


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def normalise_ilo_indicator(text: str, catalogue: Catalogue | None = None) -> str | None:
    """Map an indicator given as id, label or number 1-11 (ILO 2012 order) to its id, else None."""
    items = (catalogue or load_catalogue()).ilo_indicators.items
    raw = text.strip()
    if raw.isdigit() and 1 <= int(raw) <= len(items):
        return items[int(raw) - 1].id
    key = _key(raw)
    for item in items:
        if key in (item.id, _key(item.label)) or key.replace("_and_", "_") == item.id.replace("_and_", "_"):
            return item.id
    return None


def _row(*cells: str) -> str:
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def render_markdown(catalogue: Catalogue) -> str:
    """Render the catalogue as the Markdown page docs/frameworks.md (generated, drift-tested)."""
    c = catalogue
    out = [
        "# Frameworks catalogue",
        "",
        f"Generated from `scoring/data/frameworks.yml` version {c.version} ({c.updated}) by "
        "`python -m scoring.frameworks docs/frameworks.md`; do not edit by hand. Summaries are our own "
        "paraphrases: follow the links for the authoritative text.",
        "",
        f"## UN Guiding Principles on Business and Human Rights ([source]({c.ungp.url}))",
        "",
        _row("principle", "pillar", "summary"),
        _row("---", "---", "---"),
        *(_row(str(p.id), p.pillar, p.summary) for p in c.ungp.principles),
        "",
        f"## Resolution 76/7: paragraph-28 commitments and related paragraphs ([source]({c.p28.url}))",
        "",
        _row("id", "paragraph", "summary"),
        _row("---", "---", "---"),
        *(_row(p.id, p.paragraph, p.summary) for p in c.p28.commitments),
        "",
        "## Laws and instruments",
        "",
        _row("id", "instrument", "citation", "what it does"),
        _row("---", "---", "---", "---"),
        *(_row(f"`{x.id}`", f"[{x.title}]({x.url})", x.citation, x.summary) for x in c.laws),
        "",
        f"## ILO indicators of forced labour ([source]({c.ilo_indicators.url}))",
        "",
        *(f"{n}. {i.label} (`{i.id}`)" for n, i in enumerate(c.ilo_indicators.items, start=1)),
        "",
        "## UFLPA high-priority sectors",
        "",
        _row("id", "sector", "as named in", "date"),
        _row("---", "---", "---", "---"),
        *(_row(f"`{s.id}`", s.label, f"[{s.named_in}]({s.url})", s.date) for s in c.uflpa_sectors),
        "",
        "## Recommended actions (stage 1 confirm, 2 due diligence, 3 import compliance, 4 leverage and "
        "remedy, 5 last resort)",
        "",
        _row("id", "stage", "action"),
        _row("---", "---", "---"),
        *(_row(f"`{a.id}`", str(a.stage), a.text) for a in c.actions),
        "",
        "## What each finding bears on",
        "",
        _row("finding code", "meaning", "UNGPs", "resolution 76/7", "laws", "actions, in order"),
        _row("---", "---", "---", "---", "---", "---"),
    ]
    for code, f in c.findings.items():
        out.append(
            _row(
                f"`{code}`",
                f.title,
                ", ".join(map(str, f.ungp)),
                ", ".join(f.p28),
                ", ".join(f.laws),
                ", ".join(f.actions),
            )
        )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the rendered catalogue to the path given (default docs/frameworks.md)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else Path(__file__).resolve().parents[1] / "docs" / "frameworks.md"
    target.write_text(render_markdown(load_catalogue()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
