"""What every sheet of the HR workbook is made with: the shared context, formats, table sheets.

This is the only module that talks to XlsxWriter for cells (sheet modules may use the
`worksheet` and `workbook` objects for what the kit does not cover, such as charts). A cell is
written through `put`: text is always a string cell (made safe in `cells`), a `Formula` is the
only way to a formula and carries its computed value, and numbers keep their format.
See `hr_workbook` for how to add a sheet.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from orgdesigner.formats.cells import FORMULA_START, Formula, clean, sheet_text
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.metrics import Metrics
from orgdesigner.model.profile import RulesProfile
from orgdesigner.model.rules import Finding
from orgdesigner.model.structure import Structure

Progress = Callable[[int, str], None]
"""progress(percent, what): long exports report as they go (the window shows a progress bar)."""

Cell = str | int | float | bool | Formula | None
"""What a sheet row holds: None and "" leave the cell empty."""

MONEY = '"£"#,##0'
FTE = "0.00"
COUNT = "#,##0"
HEADER_COLOUR = "#1F5FA8"
WIDEST = 45
"""Widest column, in characters; longer text wraps."""
LINE_HEIGHT = 15.0
"""Points per line of 11 pt text in a row."""
PAGE_WIDTH = 180
"""Characters of column width that print legibly across one landscape A4 page."""
WIDTH_SAMPLE = 2000
"""Rows measured to fit column widths: enough to fit, cheap at 20,000 rows."""
TABLE_STYLE = "Table Style Medium 2"


class Formats:
    """The cell formats of one workbook, each made once (XlsxWriter keeps every one it is given)."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._made: dict[tuple[str, bool, bool, bool, bool, bool, bool, int], Any] = {}
        self._keys: dict[int, tuple[str, bool, bool, bool, bool, bool, bool, int]] = {}
        self.get()  # the default look, which `quoted` falls back on
        self._texts: dict[str, tuple[str, bool]] = {}

    def get(
        self,
        number: str = "",
        *,
        bold: bool = False,
        header: bool = False,
        wrap: bool = False,
        top: bool = False,
        quote: bool = False,
        left: bool = False,
        size: int = 0,
    ) -> Any:
        """A format (None for the default): `quote` marks formula-like text as text, as Excel does for '=."""
        key = (number, bold, header, wrap, top, quote, left, size)
        if key not in self._made:
            props: dict[str, object] = {}
            if number:
                props["num_format"] = number
            if header:
                props.update(bold=True, font_color="#FFFFFF", bg_color=HEADER_COLOUR, pattern=1, valign="top")
            if bold:
                props["bold"] = True
            if wrap:
                props["text_wrap"] = True
            if wrap or top:
                props["valign"] = "top"
            if quote:
                props["quote_prefix"] = True
            if left:
                props["align"] = "left"
            if size:
                props["font_size"] = size
            made = self._workbook.add_format(props) if props else None
            self._made[key] = made
            self._keys[id(made)] = key
        return self._made[key]

    def text(self, value: str) -> tuple[str, bool]:
        """`cells.sheet_text` of a value, and whether it looks like a formula (remembered: lists repeat
        a few hundred values 20,000 times)."""
        made = self._texts.get(value)
        if made is None:
            text = sheet_text(value)
            made = self._texts[value] = (text, text.startswith(FORMULA_START))
        return made

    def quoted(self, fmt: Any) -> Any:
        """The same look as `fmt` (made here), with the quote prefix that keeps formula-like text text."""
        number, bold, header, wrap, top, _quote, left, size = self._keys.get(id(fmt), self._keys[id(None)])
        return self.get(number, bold=bold, header=header, wrap=wrap, top=top, quote=True, left=left, size=size)


def column_letter(col: int) -> str:
    """A sheet column's letters ("A", ..., "AA") for a 0-based column, as formulas name it."""
    from xlsxwriter.utility import xl_col_to_name  # only while a workbook is written

    return str(xl_col_to_name(col))


def put(worksheet: Any, row: int, col: int, value: Cell, fmt: Any, formats: Formats) -> None:
    """Write one cell. Text is always text (formula-like text with Excel's quote prefix); only a
    `Formula` becomes a formula, stored with its value. Non-finite numbers are left empty."""
    if value is None or value == "":
        return
    if isinstance(value, str):
        text, formula_like = formats.text(value)
        worksheet.write_string(row, col, text, formats.quoted(fmt) if formula_like else fmt)
    elif isinstance(value, Formula):
        worksheet.write_formula(row, col, value.text, fmt, value.value)
    elif isinstance(value, bool):
        worksheet.write_boolean(row, col, value, fmt)
    elif math.isfinite(value):
        worksheet.write_number(row, col, value, fmt)


def print_setup(worksheet: Any, pages_across: int = 1) -> None:
    """Printed, a sheet fits the page width in landscape A4 (or two pages across, with the first two
    columns repeated), header row repeated on every page."""
    worksheet.set_landscape()
    worksheet.set_paper(9)  # A4
    worksheet.fit_to_pages(pages_across, 0)
    worksheet.repeat_rows(0)
    if pages_across > 1:
        worksheet.repeat_columns(0, 1)


@dataclass
class Book:
    """Everything a sheet writer needs: the scenario, its checked figures, and the workbook.

    `names` is False when personal data must be left out: no sheet writes a postholder's name then.
    """

    workbook: Any  # xlsxwriter.Workbook
    document: Document
    scenario: Scenario
    names: bool
    findings: list[Finding]
    metrics: Metrics
    formats: Formats
    progress: Progress
    band: tuple[int, int] = (0, 100)
    tables: set[str] = field(default_factory=set)

    @property
    def structure(self) -> Structure:
        return self.scenario.structure

    @property
    def profile(self) -> RulesProfile:
        return self.document.profile

    def advance(self, fraction: float, what: str) -> None:
        """Report progress within the current sheet writer's share of the export (0.0 to 1.0)."""
        low, high = self.band
        self.progress(low + round((high - low) * min(max(fraction, 0.0), 1.0)), what)

    def table(self, title: str, headers: Sequence[str], formats: Mapping[str, str] | None = None) -> TableSheet:
        """A new sheet holding one Excel table; `formats` gives number formats by header."""
        self.advance(0.0, title)
        return TableSheet(self, title, headers, formats or {})

    def sheet(self, title: str) -> Any:
        """A new plain sheet (no table) set up to print like the others; write cells with `write`."""
        self.advance(0.0, title)
        worksheet = self.workbook.add_worksheet(title)
        print_setup(worksheet)
        return worksheet

    def write(self, worksheet: Any, row: int, col: int, value: Cell, fmt: Any = None) -> None:
        """One cell on a plain sheet, by the same rules as table sheets (see `put`)."""
        put(worksheet, row, col, value, fmt, self.formats)


def _width(value: Cell) -> int:
    if isinstance(value, Formula):
        return len("£9,999,999,999")  # room for what the formula will show, not its text
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return len(str(value if value is not None else ""))


@dataclass
class _RowLook:
    """The formats of one row: at the top of the cell when the row is made taller for wrapped text."""

    text: list[Any]
    numbers: list[Any]


class TableSheet:
    """One sheet holding an Excel table: header, rows, fitted widths, formats, frozen header, print setup.

    Rows are kept until `close`, when the widths (from the first rows) decide which columns wrap.
    """

    def __init__(self, book: Book, title: str, headers: Sequence[str], formats: Mapping[str, str]) -> None:
        self.book = book
        self.worksheet = book.workbook.add_worksheet(title)
        self.title = title
        self.headers = list(headers)
        self.numbers = [formats.get(h, "") for h in self.headers]
        self.rows: list[Sequence[Cell]] = []
        self.widths = [len(h) + 2 for h in self.headers]

    def add(self, row: Sequence[Cell]) -> None:
        """One row, in header order (a shorter row leaves the last cells empty)."""
        self.rows.append(row)
        if len(self.rows) <= WIDTH_SAMPLE:
            widths = self.widths
            for i, value in enumerate(row):
                widths[i] = max(widths[i], min(_width(value) + 2, WIDEST))

    def close(self, table_name: str, totals: Sequence[Cell] | None = None) -> None:
        """Write the rows as an Excel table named `table_name`, with a bold `totals` row below it."""
        ws, formats = self.worksheet, self.book.formats
        if table_name in self.book.tables:
            raise ValueError(f"two tables named {table_name}")
        self.book.tables.add(table_name)
        columns = len(self.headers)
        wraps = [width >= WIDEST for width in self.widths]
        plain = _RowLook([formats.get(wrap=True) if w else None for w in wraps], [formats.get(n) for n in self.numbers])
        tall = _RowLook(
            [formats.get(wrap=w, top=True) for w in wraps], [formats.get(n, top=True) for n in self.numbers]
        )
        wrapped = [i for i, w in enumerate(wraps) if w]
        for r, row in enumerate(self.rows, start=1):
            look = plain
            if wrapped:
                lines = _lines(row, wrapped, self.widths)
                if lines > 1:
                    ws.set_row(r, min(lines, 20) * LINE_HEIGHT)
                    look = tall
            self._write_row(r, row, look)
        last = max(len(self.rows), 1)  # a table needs a body row, even a blank one
        header = formats.get(header=True)
        ws.add_table(
            0, 0, last, columns - 1,
            {"name": table_name, "style": TABLE_STYLE,
             "columns": [{"header": clean(h), "header_format": header} for h in self.headers]},
        )  # fmt: skip
        if totals is not None:
            last += 1
            bold = _RowLook([formats.get(bold=True)] * columns, [formats.get(n, bold=True) for n in self.numbers])
            self._write_row(last, totals, bold)
        for i, width in enumerate(self.widths):
            ws.set_column(i, i, width)
        ws.freeze_panes(1, 0)
        # Wide sheets print two pages across, with each row's id and title repeated on both.
        print_setup(ws, pages_across=2 if sum(self.widths) > PAGE_WIDTH else 1)
        ws.print_area(0, 0, last, columns - 1)
        self.rows = []

    def _write_row(self, r: int, row: Sequence[Cell], look: _RowLook) -> None:
        """`put` for each cell, with its two common cases inline (400,000 cells at 20,000 posts)."""
        ws, formats = self.worksheet, self.book.formats
        write_string, write_number, text_of = ws.write_string, ws.write_number, formats.text
        texts, numbers = look.text, look.numbers
        for c, value in enumerate(row):
            kind = value.__class__
            if kind is str:
                if value:
                    text, formula_like = text_of(value)  # type: ignore[arg-type]
                    write_string(r, c, text, formats.quoted(texts[c]) if formula_like else texts[c])
            elif (kind is float or kind is int) and math.isfinite(value):  # type: ignore[arg-type]
                write_number(r, c, value, numbers[c])
            else:
                put(ws, r, c, value, numbers[c], formats)


def _lines(row: Sequence[Cell], wrapped: list[int], widths: list[int]) -> int:
    """Lines the tallest wrapped cell of a row needs (spreadsheet programs do not size rows on opening)."""
    lines = 1
    for i in wrapped:
        value = row[i] if i < len(row) else None
        if isinstance(value, str) and value:
            per_line = max(widths[i], 8)  # a width counts digits; text is narrower, words wrap whole
            lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
    return lines
