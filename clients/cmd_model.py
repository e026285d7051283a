"""``flscreen model``: inspect and refit the risk model's weights from reviewed dispositions.

Register in clients/cli.py with ``app.add_typer(model_app, name="model")``.
Exit codes: 0 done, 2 usage or input error (one line on stderr), 1 internal error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

model_app = typer.Typer(
    name="model",
    help="Inspect and refit the risk model (weights per finding code).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = 2) -> NoReturn:
    """Print one line on stderr and exit (2 = input or usage error)."""
    Console(stderr=True).print(f"flscreen: {escape(message)}", highlight=False)
    raise typer.Exit(code)


@model_app.command("fit")
def fit_command(
    dispositions: Annotated[
        Path,
        typer.Option(
            "--dispositions",
            "-d",
            help="CSV: case_id, outcome (confirmed|cleared), one column of points per finding code.",
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the refitted JSON artefact.")
    ] = Path("risk-fit.json"),
    base: Annotated[
        Path | None,
        typer.Option("--base", help="Artefact to start from (default: the shipped risk-v1.json)."),
    ] = None,
    folds: Annotated[int, typer.Option(min=2, max=20, help="Cross-validation folds.")] = 5,
    min_cases: Annotated[
        int, typer.Option(min=1, help="Codes seen in fewer cases keep their current weight.")
    ] = 5,
) -> None:
    """Refit the risk weights from reviewed outcomes, keeping them non-negative, and write a new artefact."""
    from scoring.evidence.weights import RiskWeights, WeightsError
    from scoring.risk_fit import DispositionsError, fit_weights, read_dispositions, write_artefact

    try:
        weights = RiskWeights.load(base)
        data = read_dispositions(dispositions, weights)
        report = fit_weights(data, weights, folds=folds, min_cases=min_cases)
        fitted = write_artefact(report, weights, data.sha256, output)
    except (DispositionsError, WeightsError) as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror})")
    console = Console()
    console.print(
        f"Fitted on {report.n_cases} cases ({report.n_confirmed} confirmed); "
        f"wrote {escape(str(output))} as model_version {escape(fitted.model_version)}"
    )
    metrics = Table(title="Cross-validated metrics (out-of-fold)")
    metrics.add_column("metric")
    metrics.add_column("value", justify="right")
    for name, value in report.metrics.items():
        metrics.add_row(name, f"{value:.3f}")
    console.print(metrics)
    table = Table(title="Weights (points at full intensity)")
    for column in ("code", "before", "after", "note"):
        table.add_column(column, justify="right" if column in ("before", "after") else "left")
    for code in data.codes:
        note = (
            "kept (too few cases)" if code in report.kept_prior else ("zero" if code in report.zeroed else "")
        )
        table.add_row(code, f"{weights.weight(code):.1f}", f"{report.weights[code]:.1f}", note)
    console.print(table)


@model_app.command("show")
def show_command(
    artefact: Annotated[
        Path | None, typer.Argument(help="Artefact to show (default: the shipped one).")
    ] = None,
) -> None:
    """Print the weights, score function and tier cut-offs of a risk artefact."""
    from scoring.evidence.weights import RiskWeights, WeightsError

    try:
        weights = RiskWeights.load(artefact)
    except WeightsError as exc:
        _fail(str(exc))
    console = Console()
    console.print(
        f"model_version {escape(weights.model_version)}; score = 100 * (1 - exp(-points / {weights.k:g}))"
    )
    tiers = ", ".join(
        f"{t} >= {c:g} ({weights.points_for_score(c):.1f} points)" for t, c in weights.tier_cutoffs.items()
    )
    console.print(f"tiers: {escape(tiers)}; repeat factor {weights.repeat_factor:g}")
    table = Table()
    table.add_column("code")
    table.add_column("points", justify="right")
    for code, points in weights.points.items():
        table.add_row(code, f"{points:g}")
    console.print(table)
