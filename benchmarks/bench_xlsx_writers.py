"""Which library writes the HR workbook: the Establishment sheet (20,000 posts x 19 columns) three ways.

Run: python -m benchmarks.bench_xlsx_writers
Each way writes the same rows through the library's public interface with the money format on the
pay columns: XlsxWriter (what the HR workbook uses, with an Excel table), XlsxWriter's
constant_memory mode (which cannot make the table, so it is timed without one) and openpyxl's
write-only mode with a cell object for each formatted value. Median of three, every run printed.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from benchmarks.generate import document
from orgdesigner.formats.hr_sheets import ESTABLISHMENT_HEADERS
from orgdesigner.formats.sheet_kit import MONEY

RUNS = 3
Row = list[object]


def rows() -> list[Row]:
    s = document(20_000).scenario().structure
    layers = dict(s.walk())
    out: list[Row] = []
    for post in s:
        manager = s.manager_of(post.id)
        out.append([
            post.id, post.title, post.grade, post.pay_floor, post.pay_ceiling, post.fte, post.side.label,
            post.function, post.team, manager or "", s.post(manager).title if manager else "",
            layers.get(post.id, 0), s.span(post.id), "", post.status.label, post.employment.value, "",
            post.incumbent, post.notes,
        ])  # fmt: skip
    return out


def xlsxwriter_table(data: list[Row], path: Path, constant_memory: bool = False) -> None:
    options = {"constant_memory": constant_memory, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    sheet = workbook.add_worksheet("Establishment")
    money = workbook.add_format({"num_format": MONEY})
    if constant_memory:
        sheet.write_row(0, 0, ESTABLISHMENT_HEADERS)
    for r, row in enumerate(data, start=1):
        for c, value in enumerate(row):
            if isinstance(value, str):
                if value:
                    sheet.write_string(r, c, value)
            elif isinstance(value, int | float):
                sheet.write_number(r, c, value, money if c in (3, 4) else None)
    if not constant_memory:
        columns = [{"header": h} for h in ESTABLISHMENT_HEADERS]
        sheet.add_table(0, 0, len(data), len(columns) - 1, {"name": "Establishment", "columns": columns})
    workbook.close()


def openpyxl_write_only(data: list[Row], path: Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Establishment")
    sheet.append(ESTABLISHMENT_HEADERS)
    for row in data:
        cells: list[object] = []
        for c, value in enumerate(row):
            if c in (3, 4) and value is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = MONEY
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    workbook.save(str(path))


def main() -> None:
    data = rows()
    ways: dict[str, Callable[[list[Row], Path], None]] = {
        "XlsxWriter, with table": xlsxwriter_table,
        "XlsxWriter constant_memory, no table": lambda d, p: xlsxwriter_table(d, p, constant_memory=True),
        "openpyxl write-only, no table": openpyxl_write_only,
    }
    with tempfile.TemporaryDirectory() as folder:
        for label, write in ways.items():
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                write(data, Path(folder) / "sheet.xlsx")
                times.append(time.perf_counter() - start)
            runs = ", ".join(f"{t:.2f}" for t in times)
            print(f"{label:38} median {statistics.median(times):.2f} s  (runs {runs})")


if __name__ == "__main__":
    main()
