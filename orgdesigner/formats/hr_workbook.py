"""The HR workbook: a scenario as an establishment HR can use at once (Excel tables, frozen headers,
fitted widths, £/FTE formats, landscape A4 printing, live formulas that also hold their values).

Written with XlsxWriter through its public interface (see pyproject.toml for why): of the public
ways it is the fastest that makes Excel tables (openpyxl's write-only mode takes ~1.7 times as long
for the Establishment sheet alone; benchmarks/bench_xlsx_writers.py), and the only one that stores a
formula's computed value beside it. Its price is speed against the former rows-as-text splice into
openpyxl's private writer: about 2.2-2.7 times that writer's time at 20,000 posts, nearly all of it
inside XlsxWriter (~5 us a cell written and serialised). openpyxl stays for reading.

Names are personal data: `names=False` leaves them out of every sheet.

Adding a sheet
--------------
A sheet is a function taking the shared `Book` (sheet_kit) and writing one or more sheets; put it
in a module of its own (e.g. `formats/savings_sheets.py`) and add it to `SHEETS` below, in the
place its tab should appear. A writer that has nothing to show returns without adding a sheet.

    from orgdesigner.formats.cells import Formula
    from orgdesigner.formats.sheet_kit import MONEY, Book

    def exit_costs(book: Book) -> None:  # redundancy and pension strain by post
        sheet = book.table("Exit costs", ["Post ID", "Job Title", "Cost (£)"], {"Cost (£)": MONEY})
        for post in book.structure:
            sheet.add([post.id, post.title, 1000.0])
        sheet.close("ExitCosts", totals=["Total", "", Formula("=SUM(C2:C9)", 8000.0)])

`Book` gives the document, scenario, structure, profile, findings, metrics and `names`; `book.table`
makes a sheet holding one Excel table (header styled, widths fitted, long text wrapped, printing
set up); `book.sheet` a plain sheet to fill with `book.write`. Text is always written as text and
made safe in one place (`cells`); a `cells.Formula` is the only way to write a formula, and it
carries its computed value. For charts use `book.workbook.add_chart` and the sheet's `worksheet`.
Long writers call `book.advance(fraction, what)` to move the progress bar within their share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from orgdesigner.formats import consultation_sheets, hr_sheets, safe_io, savings_sheets
from orgdesigner.formats.sheet_kit import Book, Formats, Progress
from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.document import Document
from orgdesigner.model.metrics import compute
from orgdesigner.model.rules import check

SheetWriter = Callable[[Book], None]
"""Writes one or more sheets of the HR workbook from the shared context."""

SHEETS: tuple[SheetWriter, ...] = (
    hr_sheets.cover,
    hr_sheets.establishment,
    hr_sheets.staff_groups,
    hr_sheets.statutory_roles,
    hr_sheets.findings,
    hr_sheets.spans_and_layers,
    hr_sheets.costs,
    hr_sheets.changes,
    savings_sheets.savings_profile,
    savings_sheets.exit_costs,
    consultation_sheets.writers(),
)
"""The sheets of the HR workbook, in tab order."""

_OPTIONS = {
    # XlsxWriter's write() would turn text into formulas, links or numbers; every cell goes through
    # sheet_kit.put instead, and these keep even a stray write() from doing so.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,  # no temporary files but the one beside the target (safe_io.output_path)
}


@collector_paused()
def export_workbook(
    document: Document,
    path: Path,
    scenario_name: str | None = None,
    names: bool = True,
    progress: Progress | None = None,
    sheets: Sequence[SheetWriter] = SHEETS,
) -> None:
    """Write the HR workbook for one scenario (and a Changes sheet when the file holds two)."""
    report = progress or (lambda _p, _w: None)
    scenario = document.scenario(scenario_name)
    report(2, "Checking the structure")
    findings = check(scenario.structure, document.profile, document.council_type)
    metrics = compute(scenario.structure, document.profile)
    import xlsxwriter  # here, not at the top: the window imports this module, and opening a chart
    from xlsxwriter.exceptions import XlsxWriterException  # should pay neither its time nor its memory

    with safe_io.output_path(Path(path)) as temp:
        workbook = xlsxwriter.Workbook(str(temp), _OPTIONS)
        book = Book(workbook, document, scenario, names, findings, metrics, Formats(workbook), report)
        for n, write in enumerate(sheets):
            book.band = (10 + 85 * n // len(sheets), 10 + 85 * (n + 1) // len(sheets))
            write(book)
        report(95, "Saving")
        try:
            workbook.close()
        except XlsxWriterException as exc:
            cause = exc.__context__ if isinstance(exc.__context__, OSError) else exc
            raise OSError(getattr(cause, "errno", None), getattr(cause, "strerror", None) or str(cause)) from None
    report(100, "Done")
