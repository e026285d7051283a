"""Row validation: parsers for spreadsheet spellings, warnings for bad values, errors for no name."""

from __future__ import annotations

import pytest

from scoring.intake.records import build_record, parse_flag, parse_hs, parse_number, parse_share


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234.50", 1234.5), ("1.234,50", 1234.5), ("€ 1 200", 1200.0), ("1234,5", 1234.5),
     ("1,234,567", 1234567.0), (42, 42.0), ("", None), ("n/a", None), ("-12.5", -12.5)],
)  # fmt: skip
def test_parse_number_reads_common_spellings(text: object, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"), [("X", True), ("yes", True), ("nein", False), ("", None), ("0", False)]
)
def test_parse_flag_reads_yes_no(text: str, value: bool | None) -> None:
    assert parse_flag(text) is value


@pytest.mark.parametrize(("text", "value"), [("35%", 0.35), ("0.35", 0.35), ("35", 0.35), ("", None)])
def test_parse_share_reads_percentages(text: str, value: float | None) -> None:
    assert parse_share(text) == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(
    ("text", "code"), [("8541.40", "854140"), (901.0, "0901"), ("52 01", "5201"), ("", "")]
)
def test_parse_hs_keeps_digits(text: object, code: str) -> None:
    assert parse_hs(text) == code


@pytest.mark.parametrize("bad", [parse_number, parse_flag, parse_hs, parse_share])
def test_parsers_reject_garbage(bad: object) -> None:
    with pytest.raises(ValueError):
        bad("qwerty")  # type: ignore[operator]


def test_build_record_resolves_country_and_identifiers() -> None:
    out = build_record(
        {"name": " Acme  GmbH ", "country": "Germany", "identifiers": (("vat", "DE1"), ("tax", ""))}
    )
    assert out.record is not None
    assert (out.record.name, out.record.country, out.record.identifiers) == (
        "Acme GmbH",
        "DE",
        (("vat", "DE1"),),
    )
    assert out.error == "" and out.warnings == ()


def test_build_record_blank_name_is_an_error() -> None:
    out = build_record({"name": "  ", "country": "DE"})
    assert out.record is None and out.error == "blank supplier name"


def test_build_record_bad_value_is_a_warning_and_row_still_screens() -> None:
    out = build_record({"name": "Acme", "value": "lots", "hs_code": "abc", "country": "Atlantis"})
    assert out.record is not None
    assert out.record.value is None and out.record.hs_code == "" and out.record.country is None
    assert len(out.warnings) == 3
    assert any("Atlantis" in w for w in out.warnings)


def test_build_record_reads_due_diligence_fields() -> None:
    out = build_record(
        {"name": "Acme", "intermediary": "yes", "recruitment_fees": "X", "migrant_share": "40 %",
         "ilo_indicators": "Debt bondage; retention of identity documents"}
    )  # fmt: skip
    assert out.record is not None
    assert out.record.is_intermediary is True and out.record.recruitment_fees_paid_by_workers is True
    assert out.record.migrant_worker_share == pytest.approx(0.4)
    assert out.record.ilo_indicators == ("debt_bondage", "retention_of_identity_documents")
