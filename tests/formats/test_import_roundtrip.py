"""Import and load agree: whatever an importer writes, the loader reads back the same.

Real returns carry NaN, Infinity, 1e308, negative and £25m salaries, FTEs of 1e9, job shares adding
up past the FTE limit and absurd pay floors. Each becomes "not known" with its text in the post's
private import record, never a number, and never a file the program then refuses to open.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdesigner.formats import native
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.model import metrics
from orgdesigner.model.document import Document
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.profile import CouncilType, RulesProfile
from orgdesigner.model.rules import check

SENIOR = [
    "Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title", "Job/Team Function", "Parent Department",
    "Organisation", "Unit", "Reports to Senior Post", "FTE", "Actual Pay Floor (£)", "Actual Pay Ceiling (£)", "Notes",
]  # fmt: skip
JUNIOR = [
    "Reporting Senior Post", "Generic Job Title", "Payscale Minimum (£)", "Payscale Maximum (£)", "Grade",
    "Number of Posts in FTE",
]  # fmt: skip
HOSTILE_NUMBERS = [
    "NaN", "nan", "Infinity", "-inf", "1e308", "1e309", "-50000", "-50,000", "25000000", "£25,000,000",
    "1e9", "2,392,628,695", "£80,000", "0.5", "0", "", "N/D", "5", "5.0001", "1", "0.6", "100001", "12abc",
    "1" + "0" * 400,
]  # fmt: skip
numbers = st.one_of(st.sampled_from(HOSTILE_NUMBERS), st.floats().map(str), st.integers().map(str))
texts = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=15)
refs = st.sampled_from(["A", "B", "C", "D", "E"])


@st.composite
def senior_rows(draw: st.DrawFn) -> list[list[str]]:
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        rows.append(
            [
                draw(refs),  # repeated references are job shares
                draw(st.sampled_from(["Ann Smith", "Vacant", "N/D", "Eliminated", ""])),
                draw(texts),  # grade
                draw(texts),  # title
                draw(texts),  # function
                "Dept",
                "Council",
                draw(texts),  # unit
                draw(st.one_of(refs, st.just("XX"), st.just("Z"))),  # reports to
                draw(numbers),  # FTE
                draw(numbers),  # pay floor
                draw(numbers),  # pay ceiling
                draw(texts),  # notes
            ]
        )
    return rows


@st.composite
def junior_rows(draw: st.DrawFn) -> list[list[str]]:
    return [
        [draw(st.one_of(refs, st.just("Z"))), draw(texts), draw(numbers), draw(numbers), draw(texts), draw(numbers)]
        for _ in range(draw(st.integers(0, 4)))
    ]


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


def _round_trip(document: Document, folder: Path) -> None:
    saved = folder / "imported.orgx"
    native.save(document, saved)
    again = native.load(saved)
    assert native.dumps(again) == native.dumps(document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(senior=senior_rows(), junior=junior_rows())
def test_whatever_the_organogram_import_writes_loads_back_equal(
    senior: list[list[str]], junior: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "senior.csv").write_bytes(_csv(SENIOR, senior))
        (folder / "junior.csv").write_bytes(_csv(JUNIOR, junior))
        try:
            document, _report = import_organogram(folder / "senior.csv", folder / "junior.csv")
        except FileProblem:
            return  # refused with a message (no readable post): nothing written, nothing to reopen
        _round_trip(document, folder)
        structure = document.scenario().structure
        figures = metrics.compute(structure, RulesProfile())
        unknown_fte = sum(p.fte is None for p in structure) + sum(g.fte is None for g in structure.staff_groups())
        assert figures.fte_unknown == unknown_fte
        recorded = [p for p in structure if p.import_record]
        flagged = {
            pid
            for f in check(structure, RulesProfile(), CouncilType.UNITARY)
            if f.rule == "data.value"
            for pid in f.posts
        }
        assert {p.id for p in recorded} <= flagged


def test_out_of_range_values_become_unknown_with_their_text_kept(tmp_path: Path) -> None:
    rows = [
        ["CE", "Ann", "SMS", "Chief Executive", "", "D", "C", "", "XX", "1", "NaN", "Infinity", ""],
        ["D1", "Bob", "SMS", "Director", "", "D", "C", "", "CE", "1e9", "-50000", "25,000,000", ""],
        ["D2", "Cat", "SMS", "Director", "", "D", "C", "", "CE", "3", "2,392,628,695", "90000", ""],
        ["D2", "Dan", "SMS", "Director", "", "D", "C", "", "CE", "2.5", "80000", "90000", ""],
    ]
    (tmp_path / "s.csv").write_bytes(_csv(SENIOR, rows))
    document, report = import_organogram(tmp_path / "s.csv")
    structure = document.scenario().structure
    ce, d1, d2 = structure.post("CE"), structure.post("D1"), structure.post("D2")
    assert (ce.pay_floor, ce.pay_ceiling) == (None, None)
    assert dict(ce.import_record) == {"pay_floor": "NaN", "pay_ceiling": "Infinity"}
    assert d1.fte is None and dict(d1.import_record)["fte"] == "1e9"
    assert d2.fte is None and dict(d2.import_record)["fte"] == "3 + 2.5"  # a job share past the limit
    assert any("'1e9' is not an FTE" in line for line in report.problems)
    _round_trip(document, tmp_path)
    figures = metrics.compute(structure, RulesProfile())
    assert figures.fte_unknown == 2 and figures.fte_posts == 1
    assert metrics.not_known(figures.fte_unknown) == " + 2 posts not known"
    findings = [f for f in check(structure, RulesProfile(), CouncilType.UNITARY) if f.rule == "data.value"]
    assert {f.posts for f in findings} == {("CE",), ("D1",), ("D2",)}
    assert any("'2,392,628,695'" in f.message for f in findings)


def test_the_import_record_stays_out_of_public_outputs(tmp_path: Path) -> None:
    from orgdesigner.formats import xlsx

    rows = [["CE", "Ann", "SMS", "Chief Executive", "", "D", "C", "", "XX", "1", "-777777", "", "note"]]
    (tmp_path / "s.csv").write_bytes(_csv(SENIOR, rows))
    document, _report = import_organogram(tmp_path / "s.csv")
    xlsx.export_organogram(document, tmp_path / "out.csv", None)
    xlsx.export_transparency(document, tmp_path / "t.csv")
    for name in ("out.csv", "t.csv"):
        assert "777777" not in (tmp_path / name).read_text(encoding="utf-8-sig")


ESTABLISHMENT = ["Post ID", "Job Title", "Reports To", "FTE", "Salary", "Pay Floor", "Incumbent", "Notes"]


@st.composite
def establishment_rows(draw: st.DrawFn) -> list[list[str]]:
    return [
        [
            draw(st.one_of(refs, st.just(""))),
            draw(texts),
            draw(st.one_of(refs, st.just("TOP"), st.just("Z"))),
            draw(numbers),
            draw(numbers),
            draw(numbers),
            draw(st.sampled_from(["", "Ann Smith", "Ann Smith / Bob Jones"])),
            draw(texts),
        ]
        for _ in range(draw(st.integers(1, 8)))
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=establishment_rows())
def test_whatever_the_establishment_import_writes_loads_back_equal(rows: list[list[str]]) -> None:
    from orgdesigner.formats.establishment import import_establishment

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "list.csv").write_bytes(_csv(ESTABLISHMENT, rows))
        try:
            result = import_establishment(folder / "list.csv")
        except FileProblem:
            return
        _round_trip(result.document, folder)


def test_the_hr_workbook_shows_unknown_values_in_its_findings_and_counts_them(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from orgdesigner.formats.hr_workbook import export_workbook

    rows = [
        ["CE", "Ann", "SMS", "Chief Executive", "", "D", "C", "", "XX", "1", "90000", "90000", ""],
        ["D1", "Bob", "SMS", "Director", "", "D", "C", "", "CE", "1e9", "-50000", "25,000,000", ""],
    ]
    (tmp_path / "s.csv").write_bytes(_csv(SENIOR, rows))
    document, _report = import_organogram(tmp_path / "s.csv")
    export_workbook(document, tmp_path / "hr.xlsx")
    book = load_workbook(tmp_path / "hr.xlsx", read_only=True)
    findings = [" ".join(str(c) for c in row if c) for row in book["Findings"].iter_rows(values_only=True)]
    assert any("data.value" in line and "'1e9'" in line and "'-50000'" in line for line in findings)
    cover = {row[0]: row[1] for row in book["Cover"].iter_rows(values_only=True) if row and row[0]}
    assert cover["Posts and staff groups whose FTE is not known (left out of the FTE)"] == 1
    assert cover["FTE (posts and staff groups)"] == 1
