"""``flscreen compare`` and ``flscreen evaluate``: the match model on pairs, pair files and the eval sets.

Registered by clients/cli.py with ``app.command("compare")(compare_command)`` and
``app.command("evaluate")(evaluate_command)``. Exit codes: 0 done, 2 usage or input error (one line on
stderr), 1 internal error.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reference_data.countries import resolve_country

if TYPE_CHECKING:
    from scoring.matcher import PairExplanation
    from scoring.model import MatchModel

PAIR_COLUMNS = ("name1", "name2")


def _fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit (2 = input or usage error, 1 = internal error)."""
    Console(stderr=True).print(f"flscreen: {escape(message)}", highlight=False)
    raise typer.Exit(code)


def _model() -> MatchModel:
    """Load the shipped match model, or exit 1 with the reason."""
    from scoring.model import MatchModel, ModelArtifactError

    try:
        return MatchModel.load()
    except ModelArtifactError as exc:
        _fail(str(exc), 1)


def _country(value: str | None, label: str) -> str | None:
    """Resolve a country option to ISO alpha-2, or exit 2 when it is not a country."""
    if value is None or not value.strip():
        return None
    code = resolve_country(value)
    if code is None:
        _fail(f"{label}: unknown country {value!r} (use an ISO code or an English name)")
    return code


SHOWN_MIN = 0.005  # contributions smaller than this (log-odds) are hidden unless --all


def explanation_table(result: PairExplanation, show_all: bool = False) -> Table:
    """Build the table of each feature's value and contribution to the log-odds (zero rows hidden)."""
    table = Table(title="Why (log-odds: contributions + intercept = logit)", title_justify="left")
    table.add_column("feature", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("log-odds", justify="right", no_wrap=True)
    table.add_column("name 1 part", overflow="fold", ratio=3)
    table.add_column("name 2 part", overflow="fold", ratio=3)
    rows = sorted(result.contributions, key=lambda c: -abs(c.contribution))
    for c in rows:
        if show_all or abs(c.contribution) >= SHOWN_MIN:
            table.add_row(
                c.name,
                f"{c.value:.2f}",
                f"{c.contribution:+.2f}",
                escape(c.query_value),
                escape(c.candidate_value),
            )
    table.add_section()
    table.add_row("intercept", "", f"{result.intercept:+.2f}", "a typical non-match", "")
    table.add_row("logit", "", f"{result.logit:+.2f}", "score = 1/(1+e^-logit)", "")
    return table


def explanation_notes(result: PairExplanation, show_all: bool = False) -> list[str]:
    """Return one line per shown feature: its name and the sentence that explains it."""
    hidden = sum(1 for c in result.contributions if abs(c.contribution) < SHOWN_MIN)
    lines = [
        f"[bold]{c.name}[/bold]: {escape(c.description)}"
        for c in sorted(result.contributions, key=lambda c: -abs(c.contribution))
        if show_all or abs(c.contribution) >= SHOWN_MIN
    ]
    if hidden and not show_all:
        lines.append(f"({hidden} features with no effect on this pair hidden; --all shows them)")
    return lines


def compare_pairs_file(model: MatchModel, source: Path, output: Path) -> tuple[int, int]:
    """Score every row of a pairs CSV into `output`; return (rows, rows with an error)."""
    from scoring.matcher import compare_names

    try:
        with source.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        _fail(f"cannot read {source}: {exc}")
    missing = [c for c in PAIR_COLUMNS if c not in header]
    if missing:
        _fail(f"{source}: missing column(s) {', '.join(missing)} (need name1,name2[,country1,country2])")
    fields = [*(reader.fieldnames or []), "score", "match", "error"]
    errors = 0
    with output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        for raw in rows:
            row = {(k or "").strip(): (v if isinstance(v, str) else "") for k, v in raw.items()}
            record: dict[str, str] = {
                **{k: v for k, v in raw.items() if k},
                "score": "",
                "match": "",
                "error": "",
            }
            record = {k: (v if isinstance(v, str) else "") for k, v in record.items()}
            name1, name2 = row.get("name1", "").strip(), row.get("name2", "").strip()
            c1, c2 = row.get("country1", "").strip(), row.get("country2", "").strip()
            problem = "" if name1 and name2 else "name1 and name2 must both be non-empty"
            code1, code2 = (resolve_country(c1) if c1 else None), (resolve_country(c2) if c2 else None)
            if not problem and ((c1 and code1 is None) or (c2 and code2 is None)):
                problem = f"unknown country {(c1 if c1 and code1 is None else c2)!r}"
            if problem:
                errors += 1
                record["error"] = problem
            else:
                result = compare_names(model, name1, name2, code1, code2)
                record |= {"score": f"{result.score:.4f}", "match": "true" if result.is_match else "false"}
            writer.writerow(record)
    return len(rows), errors


def compare_command(
    name1: Annotated[str | None, typer.Argument(help="First name.")] = None,
    name2: Annotated[str | None, typer.Argument(help="Second name.")] = None,
    country1: Annotated[str | None, typer.Option("--country1", help="Country of the first name.")] = None,
    country2: Annotated[str | None, typer.Option("--country2", help="Country of the second name.")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show each feature's contribution.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="With --explain, also show features that did not contribute.")
    ] = False,
    pairs: Annotated[
        Path | None, typer.Option("--pairs", help="CSV with name1,name2[,country1,country2].")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output CSV for --pairs.")] = None,
) -> None:
    """Score how likely two names denote the same company (0-1) and whether that is a match."""
    try:
        if pairs is not None:
            if output is None:
                _fail("--pairs needs -o/--output OUT.csv")
            if name1 or name2:
                _fail("give either two names or --pairs, not both")
            n, bad = compare_pairs_file(_model(), pairs, output)
            Console(stderr=True).print(
                f"Scored {n - bad} of {n} pairs into {escape(str(output))}; {bad} with an error."
            )
            return
        if not name1 or not name2 or not name1.strip() or not name2.strip():
            _fail("give two non-empty names, or --pairs PAIRS.csv -o OUT.csv")
        from scoring.matcher import compare_names

        model = _model()
        result = compare_names(
            model, name1, name2, _country(country1, "--country1"), _country(country2, "--country2")
        )
        console = Console(width=None if sys.stdout.isatty() else 100)
        console.print(f"score: {result.score:.4f}")
        console.print(f"match: {'true' if result.is_match else 'false'} (threshold {result.threshold:.2f})")
        console.print(f"model: {model.version}", highlight=False)
        if result.compared1 or result.compared2:  # a trading or former name written into a name
            shown = f"{result.compared1 or name1!r} / {result.compared2 or name2!r}"
            console.print(f"compared as: {escape(shown)}", highlight=False)
        if explain:
            console.print(explanation_table(result, show_all))
            for line in explanation_notes(result, show_all):
                console.print(line, highlight=False)
    except typer.Exit:
        raise
    except OSError as exc:
        _fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - last resort: one line, exit 1, never a traceback
        _fail(f"internal error: {exc}", 1)


def evaluate_command(
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Report path (default docs/accuracy.md).")
    ] = None,
) -> None:
    """Evaluate the matcher on the shared held-out sets and write the accuracy report."""
    from scoring import evaluate

    try:
        code = evaluate.main([str(output)] if output else [])
    except Exception as exc:  # noqa: BLE001 - last resort: one line, exit 1
        _fail(f"internal error: {exc}", 1)
    if code:
        raise typer.Exit(code)
