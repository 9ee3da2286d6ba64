"""The HR workbook's consultation sheets, and HR's characteristics reaching it only as counts."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from orgdesigner import resources
from orgdesigner.cli import run
from orgdesigner.formats import native
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.post import Holder

SECRET = "Zoroastrian-7f3q"


def _file(tmp_path: Path) -> Path:
    document = native.load(resources.template("cheshire-east-2013"))
    current = document.scenario("Current").structure
    for n, post in enumerate(list(current)):
        current.apply(UpdatePost(post.id, {"holders": (Holder(name=f"Person {n}", person_id=f"E{n}"),)}))
    path = tmp_path / "ce.orgx"
    native.save(document, path)
    return path


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in workbook[sheet].iter_rows(values_only=True)]
    finally:
        workbook.close()


def test_workbook_has_hr1_senior_appointments_people_at_risk_and_equality(tmp_path: Path) -> None:
    path, out = _file(tmp_path), tmp_path / "hr.xlsx"
    hr = tmp_path / "hr.csv"
    hr.write_text("Employee Number,Religion or belief\n" + "".join(f"E{n},{SECRET}\n" for n in range(22)))
    before = path.read_bytes()
    assert run(["export", str(path), "--xlsx", str(out), "--equality", str(hr)], io.StringIO()) == 0
    assert path.read_bytes() == before
    phases = _rows(out, "Consultation (HR1)")
    assert phases[0][:4] == ("Phase", "First Dismissal", "At Risk", "Counted (s.188)")
    assert phases[1][0] == "Phase 1: senior posts £55K+" and phases[1][2] == 21 and phases[1][4] == 30
    assert str(phases[1][-1]).startswith("job fit ")  # new posts by likely selection, from job fit
    changes = _rows(out, "Changes")
    column = changes[0].index("Appointed By (LGHA 1989 s.2)")
    assert {r[1]: r[column] for r in changes[1:]}["DSC"] == (
        "chief officer: Members' appointments committee, after notice to the executive leader"
    )
    senior = {r[0]: r for r in _rows(out, "Senior appointments")[1:]}
    assert senior["DPH"][3] == "statutory chief officer" and senior["DSC"][3] == "chief officer"
    assert str(senior["BOR-SOL"][2]).startswith("dismissal") and senior["BOR-SOL"][3] == "monitoring officer"
    at_risk = _rows(out, "At risk")
    header, people = at_risk[0], {r[1]: r for r in at_risk[1:]}
    assert "Name" in header and people["DPH"][header.index("Name")]
    assert str(people["DPH"][-1]).startswith("Director of Public Health (re-established)")
    assert all(SECRET not in str(cell) for row in at_risk for cell in row)  # per person: never
    religion = [r for r in _rows(out, "Equality") if r[0] == "Religion or belief"]
    assert (SECRET in {r[1] for r in religion}) and all(isinstance(r[2], int | type(None)) for r in religion)


def test_without_names_the_at_risk_sheet_names_nobody(tmp_path: Path) -> None:
    path, out = _file(tmp_path), tmp_path / "hr.xlsx"
    assert run(["export", str(path), "--xlsx", str(out), "--no-names"], io.StringIO()) == 0
    rows = _rows(out, "At risk")
    assert "Name" not in rows[0] and "Employee Number" not in rows[0]
    assert all("Person " not in str(cell) for row in rows for cell in row)
