"""HR's file of protected characteristics, read for one analysis and never kept.

Protected characteristics are special category data (UK GDPR art. 9): orgdesigner never writes them
into an .orgx file, its recovery files or any export. This reader gives them to the equality
analysis, which keeps only counts. The file is a CSV or workbook keyed by person (the employee
number postholders carry as `person_id`), its columns found by header spelling or by a --map file,
as establishment imports are.
"""

from __future__ import annotations

from pathlib import Path

from orgdesigner.formats.xlsx import column_map, load_mapping, read_table
from orgdesigner.model.errors import FileProblem

FIELDS: dict[str, tuple[str, ...]] = {
    "person_id": (
        "person id", "person_id", "employee number", "employee no", "employee id", "emp no", "payroll number",
        "staff number", "personnel number",
    ),
    "disability": ("disability", "disabled"),
    "gender_reassignment": ("gender reassignment", "gender identity", "trans"),
    "marriage_and_civil_partnership": ("marriage and civil partnership", "marital status", "marriage"),
    "pregnancy_and_maternity": ("pregnancy and maternity", "pregnancy", "maternity"),
    "race": ("race", "ethnicity", "ethnic origin", "ethnic group"),
    "religion_or_belief": ("religion or belief", "religion"),
    "sex": ("sex", "gender"),
    "sexual_orientation": ("sexual orientation",),
}  # fmt: skip
"""Equality Act 2010 s.4's characteristics (age comes from the date of birth the file holds)."""


def read_characteristics(path: Path, mapping_path: Path | None = None) -> dict[str, dict[str, str]]:
    """Person id -> characteristic -> category as HR recorded it (blank: not recorded).

    Spellings that differ only in case or spacing are one category, written as first met.
    """
    mapping = load_mapping(mapping_path, FIELDS) if mapping_path is not None else None
    table = read_table(Path(path))
    columns = column_map(table.header, mapping, FIELDS)
    if "person_id" not in columns:
        raise FileProblem(
            f"{table.sheet} has no column of employee numbers (e.g. 'Employee Number'); add one or give a --map file."
        )
    found = [name for name in FIELDS if name != "person_id" and name in columns]
    if not found:
        raise FileProblem(
            f"{table.sheet} has no column for any protected characteristic (e.g. 'Sex', 'Disability', 'Ethnicity');"
            " name them or give a --map file."
        )
    spelling: dict[tuple[str, str], str] = {}
    out: dict[str, dict[str, str]] = {}
    key_column = columns["person_id"]
    for line, row in table.rows:
        key = row[key_column].strip() if key_column < len(row) else ""
        if not key:
            continue
        if key in out:
            raise FileProblem(f"{table.sheet} row {line}: employee number '{key}' appears twice; keep one row each.")
        record: dict[str, str] = {}
        for name in found:
            index = columns[name]
            text = " ".join(row[index].split()) if index < len(row) else ""
            if text:
                text = spelling.setdefault((name, text.casefold()), text)
            record[name] = text
        out[key] = record
    return out
