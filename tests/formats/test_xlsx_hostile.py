"""Hostile and damaged establishment workbooks: a message naming file, sheet and row; never a traceback."""

from __future__ import annotations

import random
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from orgdesigner.formats import establishment
from orgdesigner.model.errors import FileProblem

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Post ID</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Job Title</t></is></c></row>'
)


def workbook(path: Path, rows: str, shared: list[str] | None = None) -> Path:
    """A minimal workbook as Excel lays it out, with the sheet's rows and shared strings given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook {_NS} {_R}><sheets><sheet name="Establishment" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet {_NS}><sheetData>{rows}</sheetData></worksheet>")
        if shared is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            archive.writestr("xl/sharedStrings.xml", f'<sst {_NS} count="{len(shared)}">{items}</sst>')
    return path


def cli_import(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "orgdesigner", "import", str(path), "-o", str(tmp_path / "out.orgx")],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_sound_minimal_workbook_reads(tmp_path: Path) -> None:
    """The hand-made layout below is one the reader knows: the hostile cases differ from it in one thing."""
    rows = HEADER + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    result = establishment.import_establishment(workbook(tmp_path / "ok.xlsx", rows, ["P1", "Chief Executive"]))
    assert [p.title for p in result.document.scenario().structure] == ["Chief Executive"]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('<c r="ZZZZZZZZZZ5" t="inlineStr"><is><t>x</t></is></c>', "cell reference 'ZZZZZZZZZZ5' is not a cell"),
        ('<c r="XFE5" t="inlineStr"><is><t>x</t></is></c>', "cell reference 'XFE5' is not a cell"),
        ('<c r="B" t="inlineStr"><is><t>x</t></is></c>', "cell reference 'B' is not a cell"),
    ],
)
def test_a_cell_beyond_excels_last_column_is_named(tmp_path: Path, cell: str, message: str) -> None:
    path = workbook(tmp_path / "far.xlsx", HEADER + f'<row r="5">{cell}</row>')
    with pytest.raises(FileProblem, match=rf"far\.xlsx sheet 'Establishment' row 5: {message}"):
        establishment.import_establishment(path)


def test_a_row_number_beyond_excels_last_row_is_named(tmp_path: Path) -> None:
    rows = HEADER + '<row r="99999999999999"><c t="inlineStr"><is><t>x</t></is></c></row>'
    with pytest.raises(FileProblem, match=r"sheet 'Establishment' row 2: row number '99999999999999' is not a row"):
        establishment.import_establishment(workbook(tmp_path / "rows.xlsx", rows))


@pytest.mark.parametrize("index", ["2", "99999999999999999999", "-1", "x"])
def test_a_shared_string_index_out_of_range_is_named(tmp_path: Path, index: str) -> None:
    rows = HEADER + f'<row r="7"><c r="A7" t="s"><v>0</v></c><c r="B7" t="s"><v>{index}</v></c></row>'
    path = workbook(tmp_path / "index.xlsx", rows, ["P1", "Chief Executive"])
    with pytest.raises(FileProblem, match=r"index\.xlsx sheet 'Establishment' row 7: cell B7 names shared text"):
        establishment.import_establishment(path)


def test_a_shared_strings_bomb_is_refused_before_it_fills_memory(tmp_path: Path) -> None:
    """One 30,000-character shared string used by 20,000 cells: a small file, 600 MB of text."""
    text = "".join(random.Random(15).choices(string.ascii_letters, k=30_000))
    rows = HEADER + "".join(f'<row r="{n}"><c r="B{n}" t="s"><v>0</v></c></row>' for n in range(2, 20_002))
    path = workbook(tmp_path / "bomb.xlsx", rows, [text])
    assert path.stat().st_size < 300_000
    with pytest.raises(FileProblem, match=r"bomb\.xlsx sheet 'Establishment' row \d+: .* refused as unsafe"):
        establishment.import_establishment(path)


def test_damaged_sheet_xml_is_named(tmp_path: Path) -> None:
    path = workbook(tmp_path / "broken.xlsx", HEADER + '<row r="2"><c r="A2"')
    with pytest.raises(FileProblem, match=r"broken\.xlsx: the workbook's XML is damaged"):
        establishment.import_establishment(path)


def test_the_command_line_says_what_is_wrong_in_one_line_and_exits_2(tmp_path: Path) -> None:
    cases = {
        "far.xlsx": HEADER + '<row r="5"><c r="ZZZZZZZZZZ5" t="inlineStr"><is><t>x</t></is></c></row>',
        "index.xlsx": HEADER + '<row r="3"><c r="B3" t="s"><v>5</v></c></row>',
    }
    for name, rows in cases.items():
        result = cli_import(workbook(tmp_path / name, rows, ["P1"]), tmp_path)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and name in result.stderr and "row" in result.stderr
        assert not (tmp_path / "out.orgx").exists()


def test_characters_excel_escapes_arrive_as_typed(tmp_path: Path) -> None:
    """Excel writes a carriage return as _x000D_ and a literal '_x' sequence with its '_' escaped."""
    rows = HEADER + (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Head of_x000D_Care _x005F_x0041_ _xD800_</t></is></c></row>'
    )
    result = establishment.import_establishment(workbook(tmp_path / "escaped.xlsx", rows))
    assert result.document.scenario().structure.post("P1").title == "Head of\rCare _x0041_ \ufffd"


def test_a_workbook_missing_its_parts_is_named_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", f"<workbook {_NS}/>")
    with pytest.raises(FileProblem, match=r"parts\.xlsx could not be read as a workbook"):
        establishment.import_establishment(path)
