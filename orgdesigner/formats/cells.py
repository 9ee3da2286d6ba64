"""Text on its way into a spreadsheet cell: the one place it is made safe.

Every writer of a workbook or CSV (HR workbook, organogram return, Transparency Code data) passes
the text of each cell through here: organisation and scenario names, titles, notes, findings and
anything a user or an imported file typed. Two dangers are handled:

- Formula injection. A cell beginning `=`, `+`, `-`, `@`, tab or carriage return is a formula to
  Excel, LibreOffice and Google Sheets when it arrives as CSV text, and `=HYPERLINK(...)` or a DDE
  call can leak data or run commands. In a CSV such text gets a leading apostrophe (the
  spreadsheet convention for "this is text"); in a workbook it is written as a string cell with
  Excel's quote prefix, so it shows exactly as typed and stays text even when edited.
- Characters a workbook cannot hold. XML forbids most control characters (pasted from old
  systems); a lone surrogate cannot be encoded at all and would fail the write half way. Control
  characters are dropped and lone surrogates become U+FFFD; text is cut at Excel's 32,767
  characters a cell; in a workbook, line breaks are Excel's own (LF).

Formulas the program writes itself are `Formula` values, never text, so no user text can become one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from orgdesigner.formats import safe_io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""How a cell's text begins when a spreadsheet would read it as a formula."""
MAX_CELL_TEXT = 32_767
"""Excel's limit on the characters in one cell."""

_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")


def _replace(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def clean(text: str) -> str:
    """The text with the characters no workbook or UTF-8 file can hold removed, within Excel's length."""
    if _UNWRITABLE.search(text) is not None:
        text = _UNWRITABLE.sub(_replace, text)
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT]


def sheet_text(text: str) -> str:
    """Text for a workbook cell: `clean`, with line breaks as Excel makes them (LF; a CR would be
    stored as the escape _x000D_, which Excel reads as a stray character and openpyxl as five)."""
    text = clean(text)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula if it were not marked as text."""
    return text.startswith(FORMULA_START)


def csv_cell(value: object) -> object:
    """A value ready for a CSV cell: text cleaned, formula-like text prefixed with an apostrophe."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@dataclass(frozen=True, slots=True)
class Formula:
    """A live formula the program wrote itself, with the value it computes.

    The value is stored in the cell too, so previews, Protected View and readers that do not
    calculate (openpyxl with data_only, mail previews) show the figure rather than nothing.
    """

    text: str  # "=SUM(C2:C9)"
    value: float | str


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A CSV (UTF-8 with BOM so Excel reads the £ sign) with every cell passed through `csv_cell`,
    written atomically (a failed write leaves the previous file)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    safe_io.write_text(path, buffer.getvalue(), encoding="utf-8-sig")
