"""The HR workbook and establishment import: usable by HR, safe with hostile text, names optional."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from orgdesigner import resources
from orgdesigner.formats import native, xlsx
from orgdesigner.formats.organogram import import_organogram
from orgdesigner.model.document import Document
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.metrics import compute
from orgdesigner.model.profile import RulesProfile
from tests.conftest import ORGANOGRAMS


def cheshire() -> Document:
    document = native.load(resources.template("cheshire-east-2013"))
    s = document.scenario("Proposed").structure
    s.apply(UpdatePost("COO", {"incumbent": "Alex Example"}))
    s.apply(UpdatePost("DSC", {"incumbent": "Sam Sample", "notes": '=HYPERLINK("http://x")'}))
    s.apply(UpdatePost("CSM-OD", {"title": "+Head of OD", "notes": "@risk -1"}))
    return document


def _shape(document: Document, scenario: str | None = None) -> dict[str, tuple[object, ...]]:
    s = document.scenario(scenario).structure
    return {p.id: (p.title, s.manager_of(p.id), p.fte, p.pay_floor, p.pay_ceiling, p.side, p.roles) for p in s}


def test_workbook_has_the_sheets_hr_needs_with_tables_and_frozen_headers(tmp_path: Path) -> None:
    out = tmp_path / "hr.xlsx"
    xlsx.export_workbook(cheshire(), out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Cover",
        "Establishment",
        "Staff groups",
        "Statutory roles",
        "Findings",
        "Spans & layers",
        "Costs",
        "Changes",
        "Savings profile",
        "Exit costs",
        "Consultation (HR1)",
        "Senior appointments",
        "At risk",
        "Equality",
    ]
    est = book["Establishment"]
    assert est.freeze_panes == "A2"
    assert "Establishment" in est.tables
    assert est["A1"].value == "Post ID"
    assert est["D2"].number_format == '"£"#,##0'
    costs = book["Costs"]
    last = costs.max_row
    assert costs.cell(last, 7).value.startswith("=SUM(G2:G")  # live totals HR can adjust
    assert costs["G2"].value == "=E2+F2"
    changes = book["Changes"]
    kinds = {changes.cell(r, 1).value for r in range(2, changes.max_row + 1)}
    assert {"New", "Deleted", "Moved"} <= kinds


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "hr.xlsx"
    xlsx.export_workbook(cheshire(), out)
    est = openpyxl.load_workbook(out)["Establishment"]
    cells = {c.value: c for row in est.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ('=HYPERLINK("http://x")', "+Head of OD", "@risk -1"):
        assert text in cells
        assert cells[text].data_type == "s"
    with zipfile.ZipFile(out) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>HYPERLINK" not in sheet_xml


def test_awkward_text_arrives_as_typed_and_headers_look_like_headers(tmp_path: Path) -> None:
    """Control characters (pasted from old systems) cannot go in a workbook: they are dropped, not fatal.
    Line breaks arrive as Excel's own (a lone line feed), which is what Excel shows as a new line."""
    document = cheshire()
    notes = "  two spaces first & <b>not bold</b>\r\nsecond line, \x07bell gone "
    document.scenario("Proposed").structure.apply(UpdatePost("COO", {"notes": notes, "grade": "\x0bSM1"}))
    out = tmp_path / "hr.xlsx"
    xlsx.export_workbook(document, out)
    est = openpyxl.load_workbook(out)["Establishment"]
    row = next(r for r in est.iter_rows() if r[0].value == "COO")
    by_header = {est.cell(1, c.column).value: c for c in row}
    assert by_header["Notes"].value == notes.replace("\x07", "").replace("\r\n", "\n")
    assert by_header["Grade"].value == "SM1"
    assert by_header["FTE"].number_format == "0.00"
    header = est["A1"]
    assert header.font.b and header.fill.fgColor.rgb.endswith("1F5FA8")
    costs = openpyxl.load_workbook(out)["Costs"]
    total = costs.cell(costs.max_row, 1)
    assert total.value == "Total" and total.font.b


def test_printed_the_establishment_stays_legible(tmp_path: Path) -> None:
    """Nineteen columns on A4: two pages across with id and title repeated, long notes wrapped in
    rows tall enough for them, nothing printed beyond the table."""
    out = tmp_path / "hr.xlsx"
    xlsx.export_workbook(cheshire(), out)
    book = openpyxl.load_workbook(out)
    est = book["Establishment"]
    assert est.page_setup.fitToWidth == 2 and est.print_title_cols == "$A:$B" and est.print_title_rows == "$1:$1"
    assert est.print_area == f"'Establishment'!$A$1:$S${est.max_row}"
    notes_column = next(c.column for c in est[1] if c.value == "Notes")
    long_note = next(r for r in range(2, est.max_row + 1) if len(est.cell(r, notes_column).value or "") > 100)
    cell = est.cell(long_note, notes_column)
    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert est.row_dimensions[long_note].height >= 45  # three lines or more
    assert est.cell(long_note, 1).alignment.vertical == "top"  # the row reads across
    roles = book["Statutory roles"]  # narrow sheets: one page across (1 is the file format's default)
    assert roles.sheet_properties.pageSetUpPr.fitToPage and (roles.page_setup.fitToWidth or 1) == 1


def test_no_names_leaves_every_name_out_of_every_sheet(tmp_path: Path) -> None:
    out = tmp_path / "hr.xlsx"
    document = cheshire()
    xlsx.export_workbook(document, out, names=False)
    with zipfile.ZipFile(out) as archive:
        everything = "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert "Alex Example" not in everything and "Sam Sample" not in everything
    named = tmp_path / "named.xlsx"
    xlsx.export_workbook(document, named)
    with zipfile.ZipFile(named) as archive:
        everything = "".join(archive.read(n).decode("utf-8", "ignore") for n in archive.namelist())
    assert "Alex Example" in everything


def test_round_trip_keeps_posts_lines_fte_and_pay(tmp_path: Path) -> None:
    document = cheshire()
    out = tmp_path / "hr.xlsx"
    xlsx.export_workbook(document, out)
    back = xlsx.import_establishment(out)
    assert back.problems == []
    assert _shape(back.document) == _shape(document)


@pytest.mark.parametrize("base", ["department_for_transport-2011-09-30", "home_office-2011-03-31"])
def test_round_trip_on_real_returns(tmp_path: Path, base: str) -> None:
    document, _ = import_organogram(ORGANOGRAMS / f"{base}-senior.csv", ORGANOGRAMS / f"{base}-junior.csv")
    out = tmp_path / "hr.xlsx"
    xlsx.export_workbook(document, out)
    back = xlsx.import_establishment(out)
    assert _shape(back.document) == _shape(document)
    senior, junior = tmp_path / "s.csv", tmp_path / "j.csv"
    xlsx.export_organogram(document, senior, junior)
    again, _ = import_organogram(senior, junior)
    before, after = document.scenario().structure, again.scenario().structure
    assert {p.id: before.manager_of(p.id) for p in before} == {p.id: after.manager_of(p.id) for p in after}
    assert compute(after, RulesProfile()).fte_total == compute(before, RulesProfile()).fte_total


def test_messy_csv_keeps_what_is_sound_and_reports_each_row(tmp_path: Path) -> None:
    text = (
        "Post ID,Job Title,Reports To,Grade,Salary,FTE,Side,Incumbent\r\n"
        "1,Chief Executive,,CE,\u00a3160,000,1,Commissioning,A Person\r\n"
        "2,Director of Place,1,D1,120000,one,Provider,\r\n"
        "3,Head of Waste,99,H2,80000,1,Provider,\r\n"
        "3,Head of Parks,2,H2,78000,1,Provision,\r\n"
        "4,Caf\u00e9 Manager,2,M1,abc,0.5,Elsewhere,\r\n"
    )
    path = tmp_path / "messy.csv"
    path.write_bytes(text.replace("\u00a3160,000", '"\u00a3160,000"').encode("cp1252"))
    result = xlsx.import_establishment(path)
    s = result.document.scenario().structure
    assert len(s) == 5  # every row kept, the duplicate under a new id
    assert s.post("1").pay_floor == 160_000
    assert s.post("4").title == "Café Manager"
    problems = "\n".join(result.problems)
    assert "messy.csv row 3 column F (fte): 'one' is not a number" in problems
    assert "row 4 column C (reports to): manager '99' is not in the list" in problems
    assert "post id '3' appears more than once" in problems
    assert "row 6 column E (salary): 'abc' is not a number" in problems
    assert "row 6 column G (side): 'Elsewhere'" in problems
    assert s.is_held("3")


def test_reports_to_by_title_when_there_are_no_ids(tmp_path: Path) -> None:
    path = tmp_path / "titles.csv"
    path.write_text(
        "Job Title,Reports To Title,FTE\nChief Executive,,1\nDirector,Chief Executive,1\n"
        "Manager,Director,1\nOrphan,Nobody,1\n",
        encoding="utf-8-sig",
    )
    result = xlsx.import_establishment(path)
    s = result.document.scenario().structure
    by_title = {p.title: p.id for p in s}
    assert s.manager_of(by_title["Manager"]) == by_title["Director"]
    assert s.is_held(by_title["Orphan"])


def test_mapping_file_for_other_layouts(tmp_path: Path) -> None:
    path = tmp_path / "hr-system.csv"
    path.write_text(
        "Emp Post No,Position,Line Mgr,Hours\nA1,Chief Executive,,1\nA2,Director,A1,0.8\n", encoding="utf-8"
    )
    mapping = tmp_path / "map.json"
    mapping.write_text(
        json.dumps({"post_id": "Emp Post No", "title": "Position", "reports_to": "Line Mgr", "fte": "Hours"}),
        encoding="utf-8",
    )
    result = xlsx.import_establishment(path, xlsx.load_mapping(mapping))
    s = result.document.scenario().structure
    assert s.manager_of("A2") == "A1" and s.post("A2").fte == 0.8


def test_an_archive_that_would_inflate_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    with pytest.raises(FileProblem, match="refused as unsafe"):
        xlsx.import_establishment(bomb)


def test_a_damaged_workbook_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(FileProblem, match=r"bad\.xlsx is not a readable \.xlsx workbook"):
        xlsx.import_establishment(bad)


def test_transparency_export_has_three_tiers_in_brackets(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    xlsx.export_transparency(cheshire(), out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith('"Post ID","Tier","Grade","Job Title"')
    assert any('"130,000 - 134,999"' in line for line in lines)
    assert all('"4"' not in line.split(",")[1] for line in lines[1:])


def test_a_workbook_made_in_excel_reads_shared_rich_and_numeric_cells(tmp_path: Path) -> None:
    """Excel writes shared strings, numbers and rich text runs; HR's lists arrive in all three."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Establishment"
    sheet.append(["Post ID", "Job Title", "Reports To", "FTE", "Salary"])
    sheet.append([1, "Chief Executive", None, 1, 160000])
    sheet.append([2, CellRichText("Director of ", TextBlock(InlineFont(b=True), "Place")), 1, 0.5, 98765.5])
    path = tmp_path / "from-excel.xlsx"
    book.save(path)
    result = xlsx.import_establishment(path)
    s = result.document.scenario().structure
    assert result.problems == []
    assert s.post("2").title == "Director of Place"
    assert s.manager_of("2") == "1"
    assert s.post("2").fte == 0.5 and s.post("2").pay_floor == 98765.5
