"""The cells of one sheet of an .xlsx workbook as text with row numbers, read within bounds.

Establishment lists come from HR systems, from Excel and from anyone with an email attachment, so
the reader trusts nothing in the file: the archive must not inflate past `MAX_UNPACKED` or
`MAX_RATIO` times its size; the text the cells would make (a shared string of 30 KB used by 20,000
cells is 600 MB) is held to the same ratio; a cell reference past Excel's last column or row, a
shared-string index that is not in the table, or damaged XML gives a message naming the file,
sheet and row, never a traceback or a program that runs out of memory.

Rows are streamed from the sheet's XML with lxml (entities not resolved, no network): openpyxl
takes about 6 s for a 20,000-post sheet cell by cell. A layout this reader does not expect is
read by openpyxl (read-only) under the same bounds.

lxml and openpyxl are imported by the functions that use them, when an import runs: the window
imports this module, and opening a chart should pay neither their ~0.15 s nor their memory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from orgdesigner.formats import safe_io
from orgdesigner.model.errors import FileProblem

MAX_UNPACKED = 300 * 1024 * 1024
"""Largest total size of the workbook's parts once unpacked."""
MAX_RATIO = 200
"""Most a workbook may grow, unpacked or as cell text, over its size on disc."""
MIN_TEXT_BUDGET = 4 * 1024 * 1024
"""Cell text always allowed, however small the file (tiny files compress well)."""
MAX_COLUMN = 16_384
"""Excel's last column, XFD."""
MAX_ROW = 1_048_576
"""Excel's last row."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER_ARGS: dict[str, Any] = {"resolve_entities": False, "no_network": True, "huge_tree": False}
_SAVE_AGAIN = "Save it again from Excel (or as CSV) and import that."


@dataclass
class RawTable:
    """A sheet's header row and the rows below it (blank rows left out), with their row numbers."""

    sheet: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


class _Budget:
    """The cell text (and blank cells filled in before a cell) a workbook of this size may make."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.size = size
        self.left = max(MAX_RATIO * size, MIN_TEXT_BUDGET)

    def spend(self, amount: int, where: str) -> None:
        self.left -= amount
        if self.left < 0:
            self.refuse(where)

    def refuse(self, where: str) -> NoReturn:
        raise FileProblem(
            f"{where}: the cells would unpack to more than {MAX_RATIO} times the workbook's "
            f"{self.size / 1024:,.0f} KB, as a damaged or hostile file does; it is refused as unsafe. " + _SAVE_AGAIN
        )


def check_archive(path: Path) -> None:
    """Refuse a file that is not a zip archive, or whose parts would inflate past the limits."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise FileProblem(
            f"{path.name} is not a readable .xlsx workbook (it may be damaged, or another format)."
        ) from None
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise FileProblem(
            f"{path.name} would unpack to {unpacked / 1e6:,.0f} MB ({unpacked / packed:,.0f} times its size); "
            "it is refused as unsafe. Save the establishment list again from Excel, or as CSV."
        )


def header_and_rows(numbered: Iterable[tuple[int, list[str]]]) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    """The first non-blank row is the header; blank rows after it are skipped; cells past the
    header's last column (which no field can name) are left out."""
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for line, cells in numbered:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = cells
        else:
            rows.append((line, cells if len(cells) <= len(header) else cells[: len(header)]))
    return header, rows


_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def _unescaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else chr(code)


def unescape(text: str) -> str:
    """Text as typed: Excel stores characters XML cannot hold as _xHHHH_ (a CR as _x000D_, '_' as _x005F_)."""
    return _ESCAPE.sub(_unescaped, text) if "_x" in text else text


def column_index(letters: str) -> int:
    """'A' -> 0, 'XFD' -> 16383; -1 for anything that is not a column of an Excel sheet."""
    if not letters or len(letters) > 3 or not letters.isascii() or not letters.isalpha():
        return -1
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1 if n <= MAX_COLUMN else -1


def read_xlsx(path: Path) -> RawTable:
    """The 'Establishment' sheet (or the first) of a workbook, bounded as the module says."""
    safe_io.check_input(path, "xlsx")  # a regular file within the size limit: no FIFO, no device
    check_archive(path)
    budget = _Budget(path, path.stat().st_size)
    fast = _read_fast(path, budget)
    if fast is not None:
        return fast
    budget = _Budget(path, path.stat().st_size)
    from openpyxl import load_workbook  # see the module's docstring

    try:
        workbook = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files; all mean the same to users
        raise FileProblem(f"{path.name} could not be read as a workbook: {exc}.") from None
    try:
        sheet = workbook["Establishment"] if "Establishment" in workbook.sheetnames else workbook.worksheets[0]
        where = f"{path.name} sheet '{sheet.title}'"

        def rows() -> Iterator[tuple[int, list[str]]]:
            for n, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                budget.spend(len(values), f"{where} row {n}")
                cells = ["" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)) for v in values]
                budget.spend(sum(len(c) for c in cells), f"{where} row {n}")
                yield n, cells

        header, body = header_and_rows(rows())
    except FileProblem:
        raise
    except Exception as exc:  # as above: a damaged sheet, whatever openpyxl calls it
        raise FileProblem(f"{path.name} could not be read as a workbook: {exc}. {_SAVE_AGAIN}") from None
    finally:
        workbook.close()
    if header is None:
        raise FileProblem(f"{where} is empty.")
    return RawTable(where, header, body)


def _read_fast(path: Path, budget: _Budget) -> RawTable | None:
    """The sheet straight from its XML; None when the workbook's layout is not the usual one."""
    from lxml import etree  # see the module's docstring

    try:
        with zipfile.ZipFile(path) as archive:
            located = _locate_sheet(archive)
            if located is None:
                return None
            title, member = located
            where = f"{path.name} sheet '{title}'"
            shared = _shared_strings(archive, path.name)
            with archive.open(member) as handle:
                header, rows = header_and_rows(_SheetRows(where, shared, budget).rows(handle))
    except etree.XMLSyntaxError as exc:
        raise FileProblem(f"{path.name}: the workbook's XML is damaged ({exc.msg}). {_SAVE_AGAIN}") from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise FileProblem(f"{path.name}: the workbook is damaged ({exc}). {_SAVE_AGAIN}") from None
    if header is None:
        raise FileProblem(f"{where} is empty.")
    return RawTable(where, header, rows)


def _locate_sheet(archive: zipfile.ZipFile) -> tuple[str, str] | None:
    from lxml import etree

    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    book = etree.fromstring(archive.read("xl/workbook.xml"), etree.XMLParser(**_PARSER_ARGS))
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), etree.XMLParser(**_PARSER_ARGS))
    targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship")}
    sheets = [(s.get("name") or "", targets.get(s.get(f"{_REL}id"))) for s in book.iter(f"{_MAIN}sheet")]
    if not sheets:
        return None
    title, target = next((s for s in sheets if s[0] == "Establishment"), sheets[0])
    if not target:
        return None
    member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return (title, member) if member in names else None


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    """The shared-string table (its size is bounded by the archive's own limits)."""
    from lxml import etree

    shared: list[str] = []
    if "xl/sharedStrings.xml" not in archive.namelist():
        return shared
    with archive.open("xl/sharedStrings.xml") as handle:
        for _event, item in etree.iterparse(handle, tag=f"{_MAIN}si", **_PARSER_ARGS):
            # Phonetic hints (<rPh>) are guides to reading, not the text.
            text = "".join(t.text or "" for t in item.iter(f"{_MAIN}t") if t.getparent().tag != f"{_MAIN}rPh")
            shared.append(unescape(text))
            item.clear()
    return shared


class _SheetRows:
    """Rows of one sheet's XML as lists of cell text, every reference and index checked."""

    def __init__(self, where: str, shared: list[str], budget: _Budget) -> None:
        self.where = where
        self.shared = shared
        self.budget = budget
        self.columns: dict[str, int] = {}  # "AB" -> 27: most references repeat, so look them up once

    def _problem(self, row: int | str, what: str) -> FileProblem:
        return FileProblem(f"{self.where} row {row}: {what}; the workbook is damaged. {_SAVE_AGAIN}")

    def _column(self, ref: str, row: int | str) -> int:
        letters = ref.rstrip("0123456789")
        index = column_index(letters)
        if index < 0 or len(letters) == len(ref):
            where = f"A1 to XFD{MAX_ROW}"
            raise self._problem(row, f"cell reference '{ref[:20]}' is not a cell of an Excel sheet ({where})")
        self.columns[letters] = index
        return index

    def _row_number(self, text: str | None, count: int) -> int:
        if text is None:
            return count
        if not text.isdigit() or len(text) > 7 or not 1 <= int(text) <= MAX_ROW:
            raise self._problem(count, f"row number '{text[:20]}' is not a row of an Excel sheet (1 to {MAX_ROW:,})")
        return int(text)

    def _shared(self, text: str, row: int, ref: str) -> str:
        try:
            index = int(text)
        except ValueError:
            index = -1
        if not 0 <= index < len(self.shared):
            raise self._problem(
                row, f"cell {ref[:20]} names shared text {text[:20]!r}, but the workbook holds {len(self.shared):,}"
            )
        return self.shared[index]

    def rows(self, handle: Any) -> Iterator[tuple[int, list[str]]]:
        """Each row's number and cell text; the hot loop of an import, so its common cases are inline."""
        from lxml import etree

        cell_tag, text_tag, value_tag = f"{_MAIN}c", f"{_MAIN}t", f"{_MAIN}v"
        width = MAX_COLUMN  # until the header is read: then cells past its last column are dropped
        columns, shared, left = self.columns, self.shared, self.budget.left
        for count, (_event, row) in enumerate(etree.iterparse(handle, tag=f"{_MAIN}row", **_PARSER_ARGS), start=1):
            number = self._row_number(row.get("r"), count)
            cells: list[str] = []
            for cell in row:
                if cell.tag != cell_tag:
                    continue
                ref = cell.get("r")
                if ref:
                    index = columns.get(ref.rstrip("0123456789"), -1)
                    if index < 0 or ref[-1] > "9":
                        index = self._column(ref, number)
                else:
                    index = len(cells)
                if index >= width:
                    continue
                kind = cell.get("t")
                if not len(cell):
                    continue  # a cell with a format and nothing in it
                first = cell[0]  # <v> (or <f> then <v> for a formula; <is> for inline text)
                if kind == "inlineStr":
                    if len(first) == 1 and first[0].tag == text_tag:  # plain text: <is><t>…</t></is>
                        text = unescape(first[0].text or "")
                    else:  # rich text runs
                        text = unescape("".join(cell.itertext(text_tag, with_tail=False)))
                else:
                    # cell.findtext walks a path in Python: the first child is looked at directly.
                    text = (first.text if first.tag == value_tag else cell.findtext(value_tag)) or ""
                    if kind == "s":
                        if text:
                            try:
                                index_of_text = int(text)
                                if index_of_text < 0:
                                    raise IndexError(index_of_text)
                                text = shared[index_of_text]
                            except (ValueError, IndexError):
                                text = self._shared(text, number, ref or "")  # says which cell and why
                    elif kind is None and text.endswith(".0"):
                        text = text[:-2]
                if not text:
                    continue
                if index < len(cells):  # a cell given twice, or out of order: the later one wins
                    cells[index] = text
                    continue
                left -= len(text) + index - len(cells)
                if left < 0:
                    self.budget.refuse(f"{self.where} row {number}")
                if index > len(cells):
                    cells.extend([""] * (index - len(cells)))
                cells.append(text)
            row.clear()
            if cells and width == MAX_COLUMN and any(c.strip() for c in cells):
                width = len(cells)
            yield number, cells
