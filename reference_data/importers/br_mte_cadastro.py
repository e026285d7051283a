"""Import Brazil's Cadastro de Empregadores (employers caught using labour analogous to slavery)."""

from __future__ import annotations

import re
from pathlib import Path

from reference_data.errors import ImportFailure
from reference_data.importers._common import (
    ENTITY_COLUMNS,
    SourceBuild,
    SourceSpec,
    Table,
    clean,
    dmy_to_iso,
    read_raw_csv,
    stable_ids,
)

RAW_FILE = "br_cadastro_empregadores_2023-03-09.csv"
PORTARIA = "Portaria Interministerial MTPS/MMIRDH nº 4, de 11 de maio de 2016"

SPEC = SourceSpec(
    id="br_mte_cadastro",
    title="Cadastro de Empregadores que tenham submetido trabalhadores a condições análogas à de escravo",
    publisher="Ministério do Trabalho e Emprego (MTE), Brazil",
    official_url=(
        "https://www.gov.br/trabalho-e-emprego/pt-br/assuntos/inspecao-do-trabalho/areas-de-atuacao/"
        "cadastro_de_empregadores.csv"
    ),
    retrieved_from=(
        "melo-brothers/trabalho-escravo "
        "arquivos/cadastro_de_empregadores-atualizacao-extraord-09-mar-2023.txt "
        "@ d47b0ec7710c325c2350496d42394db27668c2ae"
    ),
    licence="official Brazilian government publication; no explicit open licence found in the source copy",
    legal_basis=PORTARIA,
    kind="entity_list",
    complete=False,
    coverage_note=(
        "OUT OF DATE: the full register as of its 2023-03-09 update (periodic update of 2022-10-05); "
        "the list is republished every six months and names leave it after two years. "
        "Personal tax ids (CPF) of the 123 natural-person employers are withheld; "
        "their names are as published by the ministry."
    ),
    raw_dir="br_mte_cadastro_empregadores_trabalho_escravo",
    raw_files=(RAW_FILE,),
    provenance_notes=(
        "174 employers under section I (art. 2) and 1 under section II (art. 5 §3, TAC or court settlement). "
        "The register's legal basis is cited per the Conselho Nacional de Justiça page on the list; the 2016 "
        "Portaria was replaced in 2024 by Portaria Interministerial MTE/MDHC/MIR nº 18/2024."
    ),
)
DATA_DATE = "2023-03-09"  # date of the extraordinary update the copy holds (file name and SOURCES.md)

_SECTION_BASIS = {"I": f"{PORTARIA}, art. 2", "II": f"{PORTARIA}, art. 5 §3 (TAC or court settlement)"}


# A CPF (11 digits, often written 000.000.000-00), alone or after "CPF": sole traders (MEI) are
# registered under a business name that is the owner's name followed by their CPF.
_CPF = re.compile(r"\s*\b(?:CPF[:\s]*)?\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b", re.IGNORECASE)


def _without_cpf(text: str) -> tuple[str, bool]:
    """Remove any CPF from published text; say whether one was removed."""
    redacted = clean(_CPF.sub("", text))
    return redacted, redacted != clean(text)


def _cnpj(value: str) -> str:
    """Return the 14 CNPJ digits; refuse anything else so that no personal CPF can slip through."""
    digits = re.sub(r"\D", "", value)
    if digits and len(digits) != 14:
        raise ImportFailure(f"{RAW_FILE}: tax id {value!r} is not a 14-digit CNPJ; refusing to import it")
    return digits


def build(raw_root: Path) -> SourceBuild:
    """Read the register and return one entity per published entry (persons keep no tax id)."""
    rows = read_raw_csv(
        raw_root,
        SPEC,
        RAW_FILE,
        ("list_section", "employer_name", "cnpj_company_id", "is_natural_person", "establishment"),
    )
    rows = [r for r in rows if clean(r["employer_name"])]
    names = [_without_cpf(r["employer_name"]) for r in rows]
    keys = [
        (name, f"{r['list_section']}|{r.get('id', '')}") for (name, _), r in zip(names, rows, strict=True)
    ]
    entities = []
    for entity_id, (name, redacted), row in zip(stable_ids(SPEC.id, keys), names, rows, strict=True):
        person = clean(row["is_natural_person"]).casefold() == "yes"
        cnpj = "" if person else _cnpj(row["cnpj_company_id"])
        section = clean(row["list_section"]).split(" ", 1)[0]
        establishment, _ = _without_cpf(row["establishment"])
        facts = (
            ("register entry", f"{section}-{clean(row.get('id', ''))}"),
            ("inspection year", clean(row.get("year_of_inspection", ""))),
            ("state", clean(row.get("state_uf", ""))),
            ("workers found", clean(row.get("workers_involved", ""))),  # a count only, never names
            ("final administrative decision", dmy_to_iso(row.get("administrative_decision_date", ""))),
            ("published name", "included a personal tax id (CPF), withheld" if redacted else ""),
        )
        entities.append(
            (
                entity_id,
                name,
                "",
                "BR",
                "person" if person else "organization",
                establishment,
                f"cnpj:{cnpj}" if cnpj else "",
                dmy_to_iso(row.get("inclusion_date", "")),
                f"Cadastro de Empregadores section {section}",
                "active",
                _SECTION_BASIS.get(section, PORTARIA),
                f"CNAE {clean(row['cnae'])}" if clean(row.get("cnae", "")) else "",
                "",
                "",
                "; ".join(f"{label} {value}" for label, value in facts if value),
            )
        )
    table = Table("entities.csv", ENTITY_COLUMNS, tuple(entities))
    return SourceBuild(spec=SPEC, data_date=DATA_DATE, tables=(table,))
