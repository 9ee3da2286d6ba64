"""The HR workbook: export a scenario as an establishment HR can use at once, and import one back.

Export uses openpyxl's write-only mode (faster, half the memory) with real Excel tables, frozen
headers, fitted widths and £/FTE formats. Text that starts like a formula is written as text.
Names are personal data: `names=False` leaves them out of every sheet.

Import reads .xlsx or .csv establishment lists, mapping columns by header (or by a mapping file),
reports every row problem with its sheet, row and column, and keeps every post it can read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as _ILLEGAL
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from orgdesigner.formats import safe_io
from orgdesigner.formats.native import build_structure
from orgdesigner.formats.tabular import BadNumber, decode, find_columns, header_key, number, read_bytes, read_csv
from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.compare import Comparison, compare, phase_of
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.metrics import compute, on_costs
from orgdesigner.model.post import Employment, Post, Role, Side, Status, holders_named
from orgdesigner.model.rules import check

Progress = Callable[[int, str], None]
"""progress(percent, what): long exports report as they go (the window shows a progress bar)."""

MONEY = '"£"#,##0'
FTE = "0.00"
HEADER_FILL = PatternFill("solid", fgColor="1F5FA8")
HEADER_FONT = Font(bold=True, color="FFFFFF")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WIDEST = 45
"""Widest column, in characters; longer text wraps."""
LINE_HEIGHT = 15.0
"""Points per line of 11 pt text in a row."""
PAGE_WIDTH = 180
"""Characters of column width that print legibly across one landscape A4 page."""

ESTABLISHMENT_HEADERS = [
    "Post ID", "Job Title", "Grade", "Pay Floor (£)", "Pay Ceiling (£)", "FTE", "Side", "Function", "Team",
    "Reports To", "Reports To Title", "Layer", "Span", "Statutory Roles", "Status", "Employment",
    "Selection Phase", "Incumbent", "Notes",
]  # fmt: skip


# ---- writing ----------------------------------------------------------------------------------------


class _Sheet:
    """One table sheet: header, rows, widths, formats, an Excel table.

    openpyxl writes everything around the rows (columns, frozen panes, print setup, the table part,
    styles); the rows themselves go in as XML text through `_RowsWriter`. At 20,000 posts the
    workbook holds ~400,000 cells, and openpyxl's per-cell objects cost ~15 µs each (6 s in all);
    text costs under 1 µs a cell. Strings are written inline, as openpyxl's write-only mode does.
    """

    def __init__(self, workbook: Workbook, title: str, headers: Sequence[str], formats: dict[str, str]) -> None:
        self.ws = workbook.create_sheet(title)
        self.title = title
        self.headers = list(headers)
        self.formats = [formats.get(h, "") for h in self.headers]
        self.rows: list[Sequence[Any]] = []
        self.widths = [len(h) + 2 for h in self.headers]

    def add(self, row: Sequence[Any]) -> None:
        self.rows.append(row)
        if len(self.rows) <= 2000:  # widths from a sample: enough to fit, cheap at 20,000 rows
            for i, value in enumerate(row):
                if isinstance(value, _Formula):
                    text = "£9,999,999,999"  # room for what the formula will show, not its text
                elif isinstance(value, float):
                    text = f"{value:,.2f}"
                else:
                    text = str(value if value is not None else "")
                self.widths[i] = max(self.widths[i], min(len(text) + 2, WIDEST))

    def close(self, table_name: str, totals: Sequence[Any] | None = None) -> None:
        ws = self.ws
        # Wide sheets print two pages across, with each row's id and title repeated on both.
        _print_setup(ws, pages_across=2 if sum(self.widths) > PAGE_WIDTH else 1)
        for i, width in enumerate(self.widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        styles = _Styles(ws)
        letters = [get_column_letter(i) for i in range(1, len(self.headers) + 1)]
        header = [styles.get(header=True)] * len(letters)
        # long text (notes, messages) wraps inside its column instead of running across the page
        wraps = [width >= WIDEST for width in self.widths]
        text = [styles.get(wrap=True) if wrapped else "" for wrapped in wraps]
        numbers = [styles.get(fmt) for fmt in self.formats]
        wrap = _Wrap(
            [i for i, wrapped in enumerate(wraps) if wrapped],
            [int(width) for width in self.widths],
            [styles.get(wrap=wrapped, top=True) for wrapped in wraps],
            [styles.get(fmt, top=True) for fmt in self.formats],
        )
        parts = [_row_xml(1, letters, self.headers, header, header)]
        parts += [_row_xml(n, letters, row, text, numbers, wrap) for n, row in enumerate(self.rows, start=2)]
        last = len(self.rows) + 1
        ref = f"A1:{letters[-1]}{max(last, 2)}"
        if not self.rows:
            last += 1  # a table needs a body row, even a blank one
        if totals is not None:
            bold_text = [styles.get(bold=True)] * len(letters)
            bold_numbers = [styles.get(fmt, bold=True) for fmt in self.formats]
            last += 1
            parts.append(_row_xml(last, letters, totals, bold_text, bold_numbers))
        ws.print_area = f"A1:{letters[-1]}{last}"
        table = Table(displayName=table_name, ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(self.headers, start=1)]
        table.autoFilter = AutoFilter(ref=ref)
        with warnings.catch_warnings():
            # openpyxl always warns in write-only mode; the columns are set just above
            warnings.filterwarnings("ignore", "In write-only mode you must add table columns")
            ws.add_table(table)
        ws._writer = _RowsWriter(ws, "".join(parts))
        ws._writer.write_top()
        ws.close()


class _Styles:
    """Style ids of one workbook, registered through openpyxl so styles.xml lists them."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ids: dict[tuple[str, bool, bool, bool, bool], str] = {}

    def get(
        self, fmt: str = "", bold: bool = False, header: bool = False, wrap: bool = False, top: bool = False
    ) -> str:
        key = (fmt, bold, header, wrap, top)
        if key not in self.ids:
            cell = WriteOnlyCell(self.ws)
            if fmt:
                cell.number_format = fmt
            if header:
                cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, Alignment(vertical="top")
            elif bold:
                cell.font = Font(bold=True)
            if wrap or top:
                cell.alignment = Alignment(wrap_text=wrap or None, vertical="top")
            self.ids[key] = f' s="{cell.style_id}"' if cell.has_style else ""
        return self.ids[key]


_ESCAPES = {"\r": "&#13;"}


def _row_xml(
    number: int,
    letters: Sequence[str],
    values: Sequence[Any],
    text_styles: Sequence[str],
    styles: Sequence[str],
    wrap: _Wrap | None = None,
) -> str:
    """One <row> of cells. Only a `_Formula` becomes a formula: user text is always an inline string.

    Where text wraps, the row is made tall enough for its lines (spreadsheet programs do not size
    rows on opening) and its cells are set at the top, so a row reads across."""
    r = str(number)
    height = ""
    if wrap is not None:
        lines = 1
        for i in wrap.columns:
            value = values[i] if i < len(values) else None
            if isinstance(value, str) and value:
                per_line = max(wrap.widths[i], 8)  # a width counts digits; text is narrower, words wrap whole
                lines = max(lines, sum(-(-len(part) // per_line) or 1 for part in value.split("\n")))
        if lines > 1:
            height = f' ht="{min(lines, 20) * LINE_HEIGHT:g}" customHeight="1"'
            text_styles, styles = wrap.text_top, wrap.numbers_top
    cells = []
    for letter, value, text_style, style in zip(letters, values, text_styles, styles, strict=False):
        if value is None or value == "":
            continue
        if isinstance(value, _Formula):
            cells.append(f'<c r="{letter}{r}"{style}><f>{escape(value[1:])}</f></c>')
        elif isinstance(value, str):
            text = escape(_ILLEGAL.sub("", value[:32767]), _ESCAPES)
            space = ' xml:space="preserve"' if text != text.strip() else ""
            cells.append(f'<c r="{letter}{r}"{text_style} t="inlineStr"><is><t{space}>{text}</t></is></c>')
        elif isinstance(value, bool):
            cells.append(f'<c r="{letter}{r}"{style} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float) and math.isfinite(value):
            cells.append(f'<c r="{letter}{r}"{style} t="n"><v>{value!r}</v></c>')
    return f'<row r="{r}"{height}>' + "".join(cells) + "</row>"


@dataclass
class _Wrap:
    """The columns of a sheet whose text wraps, and the styles of a row made taller for it."""

    columns: list[int]
    widths: list[int]
    text_top: list[str]
    numbers_top: list[str]


class _RowsWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer, with the rows spliced in as text where it would write its own."""

    MARK = "orgdesigner-rows"

    def __init__(self, ws: Any, rows_xml: str) -> None:
        super().__init__(ws)
        self.rows_xml = rows_xml

    def write_rows(self) -> None:
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            xf.write(etree.Comment(self.MARK))
        self.xf.send(None)

    def close(self) -> None:
        super().close()
        out = Path(self.out)
        text = out.read_text(encoding="utf-8")
        marker = f"<!--{self.MARK}-->"
        if text.count(marker) != 1:
            raise RuntimeError("openpyxl wrote the sheet in a form this program does not know")
        out.write_text(text.replace(marker, self.rows_xml), encoding="utf-8")
        self.rows_xml = ""


def _print_setup(ws: Any, pages_across: int = 1) -> None:
    """Printed, a sheet fits the page width in landscape (or two pages across, with the first two
    columns repeated), header row repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_across
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    if pages_across > 1:
        ws.print_title_cols = "A:B"


def _cell(ws: Any, value: Any, fmt: str = "", bold: bool = False) -> Any:
    """A cell whose text is always text: a title like '=SUM(A1)' must not become a formula."""
    is_formula = isinstance(value, _Formula)
    cell = WriteOnlyCell(ws, value=str(value) if is_formula else value)
    if isinstance(value, str) and not is_formula and value.startswith(FORMULA_START):
        cell.data_type = "s"
    if fmt and isinstance(value, int | float | _Formula):
        cell.number_format = fmt
    if bold:
        cell.font = Font(bold=True)
    return cell


class _Formula(str):
    """A live Excel formula we wrote ourselves (never user text)."""


def _roles(post: Post) -> str:
    return ", ".join(r.short for r in sorted(post.roles))


@collector_paused()
def export_workbook(
    document: Document,
    path: Path,
    scenario_name: str | None = None,
    names: bool = True,
    progress: Progress | None = None,
) -> None:
    """Write the HR workbook for one scenario (and a Changes sheet when the file holds two)."""
    report = progress or (lambda _p, _w: None)
    scenario = document.scenario(scenario_name)
    structure = scenario.structure
    profile = document.profile
    workbook = Workbook(write_only=True)
    report(2, "Checking the structure")
    findings = check(structure, profile, document.council_type)
    metrics = compute(structure, profile)
    layers: dict[str, int] = dict(structure.walk())

    cover = workbook.create_sheet("Cover")
    _print_setup(cover)
    cover.column_dimensions["A"].width = 30
    cover.column_dimensions["B"].width = 70
    title = WriteOnlyCell(cover, value=f"{document.organisation}: establishment")
    title.font = Font(bold=True, size=16)
    cover.append([title])
    for label, value, fmt in (
        ("Scenario", scenario.name, ""),
        ("Council type", document.council_type.label, ""),
        ("Date", dt.date.today().isoformat(), ""),
        ("Posts", metrics.posts, "#,##0"),
        ("Management posts", metrics.managers, "#,##0"),
        ("FTE (posts and staff groups)", metrics.fte_total, FTE),
        ("Pay bill (£)", metrics.pay_bill, MONEY),
        ("Cost with on-costs (£)", metrics.cost_with_oncosts, MONEY),
        ("Findings", f"{sum(1 for f in findings if f.severity.value == 'error')} errors, "
                     f"{sum(1 for f in findings if f.severity.value == 'warning')} warnings", ""),
        ("Names of postholders", "included (personal data: handle under the council's data protection policy)"
         if names else "left out", ""),
    ):  # fmt: skip
        value_cell = _cell(cover, value, fmt)
        value_cell.alignment = Alignment(horizontal="left")
        cover.append([_cell(cover, label, bold=True), value_cell])

    report(10, "Establishment")
    headers = [h for h in ESTABLISHMENT_HEADERS if names or h != "Incumbent"]
    money = {"Pay Floor (£)": MONEY, "Pay Ceiling (£)": MONEY, "FTE": FTE}
    sheet = _Sheet(workbook, "Establishment", headers, money)
    order = [p for p, _ in structure.walk()] + [p for h in structure.holding() for p in structure.subtree(h)]
    for n, post_id in enumerate(order):
        post = structure.post(post_id)
        manager = structure.manager_of(post_id)
        row = [
            post.id, post.title, post.grade, post.pay_floor, post.pay_ceiling, post.fte, post.side.label,
            post.function, post.team, manager or "", structure.post(manager).title if manager else "",
            layers.get(post_id, ""), structure.span(post_id), _roles(post), post.status.label,
            post.employment.value.capitalize(), phase_of(post, structure, profile) or "",
        ]  # fmt: skip
        if names:
            row.append(post.incumbent)
        row.append(post.notes)
        sheet.add(row)
        if n % 2000 == 0:
            report(10 + 50 * n // max(len(order), 1), "Establishment")
    sheet.close("Establishment")

    report(62, "Staff groups")
    groups = _Sheet(workbook, "Staff groups", [
        "Group ID", "Reports To", "Reports To Title", "Title", "Grade", "Pay Floor (£)", "Pay Ceiling (£)", "FTE",
        "Headcount", "Side", "Direct Reports",
    ], money)  # fmt: skip
    for g in structure.staff_groups():
        side = structure.group_side(g)
        groups.add([
            g.id, g.manager_id or "", structure.post(g.manager_id).title if g.manager_id else "", g.title, g.grade,
            g.pay_floor, g.pay_ceiling, g.fte, g.people, side.label if side else "", "Yes" if g.direct else "No",
        ])  # fmt: skip
    groups.close("StaffGroups")

    roles = _Sheet(workbook, "Statutory roles", ["Role", "Basis", "Post ID", "Post Title"]
                   + (["Holder"] if names else []), {})  # fmt: skip
    for role in Role:
        holders = sorted(structure.role_holders(role)) or [""]
        for holder in holders:
            held_by = structure.get(holder) if holder else None
            row = [role.label, role.basis, holder, held_by.title if held_by else "(not held)"]
            if names:
                row.append(held_by.incumbent if held_by else "")
            roles.add(row)
    roles.close("StatutoryRoles")

    report(70, "Findings")
    found = _Sheet(workbook, "Findings", ["Severity", "Rule", "Post IDs", "Posts", "Message"], {})
    for f in findings:
        titles = "; ".join(structure.post(p).title for p in f.posts if p in structure)
        found.add([f.severity.value.capitalize(), f.rule, ", ".join(f.posts), titles, f.message])
    found.close("Findings")

    spans = _Sheet(workbook, "Spans & layers", ["Post ID", "Job Title", "Layer", "Span", "Side"], {})
    for post_id, layer in structure.walk():
        if structure.report_count(post_id) or structure.has_groups(post_id):
            post = structure.post(post_id)
            spans.add([post_id, post.title, layer, structure.span(post_id), post.side.label])
    spans.close("SpansLayers")

    report(80, "Costs")
    _costs_sheet(workbook, structure, profile)

    if len(document.scenarios) > 1 and scenario is not document.scenarios[0]:
        report(88, "Changes")
        comparison = compare(document, document.scenarios[0].name, scenario.name)
        _changes_sheet(workbook, document, comparison, names)
    report(95, "Saving")
    try:
        with safe_io.output_path(path) as temp:
            workbook.save(str(temp))
    except OSError as exc:
        raise FileProblem(f"Could not write {path}: {exc.strerror or exc}. Is it open in Excel?") from None
    report(100, "Done")


def _costs_sheet(workbook: Workbook, structure: Any, profile: Any) -> None:
    """Pay and on-costs by side and function; cost and totals are live formulas HR can adjust."""
    buckets: dict[tuple[str, str], list[float]] = {}
    for post in structure:
        if post.salary is None:
            continue
        key = (post.side.label, post.function or "(none)")
        b = buckets.setdefault(key, [0, 0.0, 0.0, 0.0])
        b[0] += 1
        b[1] += post.fte
        b[2] += post.salary * post.fte
        b[3] += on_costs(post.salary, post.fte, profile)
    for group in structure.staff_groups():
        if group.salary is None:
            continue
        side = structure.group_side(group)
        key = (side.label if side else "(unknown)", "Staff groups")
        b = buckets.setdefault(key, [0, 0.0, 0.0, 0.0])
        b[0] += group.people
        b[1] += group.fte
        b[2] += group.salary * group.fte
        b[3] += on_costs(group.salary, group.fte, profile)
    headers = ["Side", "Function", "Headcount", "FTE", "Pay (£)", "On-costs (£)", "Cost (£)"]
    sheet = _Sheet(workbook, "Costs", headers, {"FTE": FTE, "Pay (£)": MONEY, "On-costs (£)": MONEY, "Cost (£)": MONEY})
    for n, ((side, function), (count, fte, pay, extra)) in enumerate(sorted(buckets.items()), start=2):
        sheet.add([side, function, int(count), round(fte, 4), round(pay, 2), round(extra, 2), _Formula(f"=E{n}+F{n}")])
    last = len(buckets) + 1
    totals: list[Any] = [
        "Total",
        "",
        _Formula(f"=SUM(C2:C{last})"),
        _Formula(f"=SUM(D2:D{last})"),
        _Formula(f"=SUM(E2:E{last})"),
        _Formula(f"=SUM(F2:F{last})"),
        _Formula(f"=SUM(G2:G{last})"),
    ]
    sheet.close("Costs", totals)


def _changes_sheet(workbook: Workbook, document: Document, c: Comparison, names: bool) -> None:
    before = document.scenario(c.from_name).structure
    after = document.scenario(c.to_name).structure
    phases = {p.post_id: p for p in c.phases}
    headers = ["Change", "Post ID", "Job Title", "Manager Before", "Manager After", "Pay Before (£)",
               "Pay After (£)", "Selection Phase", "Candidates (job fit)"]  # fmt: skip
    sheet = _Sheet(workbook, "Changes", headers, {"Pay Before (£)": MONEY, "Pay After (£)": MONEY})

    def title(s: Any, post_id: str | None) -> str:
        return s.post(post_id).title if post_id and post_id in s else ""

    rows: list[tuple[str, str]] = [("New", p) for p in c.added] + [("Deleted", p) for p in c.deleted]
    rows += [("Moved", p) for p in c.moved] + [("Regraded", p) for p in c.regraded]
    rows += [("Changed side", p) for p in c.side_changed]
    for kind, post_id in rows:
        old = before.get(post_id)
        new = after.get(post_id)
        post = new or old
        assert post is not None
        phased = phases.get(post_id)
        candidates = "; ".join(
            f"{x.title} ({', '.join(x.reasons)})"
            + (f" – {before.post(x.post_id).incumbent}" if names and before.post(x.post_id).incumbent else "")
            for x in (phased.candidates if phased else [])
        )
        sheet.add([
            kind, post_id, post.title,
            title(before, before.manager_of(post_id)) if old else "",
            title(after, after.manager_of(post_id)) if new else "",
            old.salary if old else None, new.salary if new else None,
            (phased.phase or "") if phased else "", candidates,
        ])  # fmt: skip
    sheet.close("Changes")


# ---- reading ----------------------------------------------------------------------------------------

FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "post_id": ("Post ID", "Post Id", "Post Number", "Post No", "Position ID", "Post Unique Reference"),
    "title": ("Job Title", "Title", "Post Title", "Position"),
    "reports_to": ("Reports To", "Reports To ID", "Manager ID", "Reports to Senior Post", "Line Manager Post ID"),
    "reports_to_title": ("Reports To Title", "Manager Title"),
    "grade": ("Grade",),
    "salary": ("Salary", "Annual Salary", "Spot Salary"),
    "pay_floor": ("Pay Floor (£)", "Pay Floor", "Salary Min", "Payscale Minimum"),
    "pay_ceiling": ("Pay Ceiling (£)", "Pay Ceiling", "Salary Max", "Payscale Maximum"),
    "fte": ("FTE", "Full Time Equivalent", "Hours FTE"),
    "side": ("Side",),
    "incumbent": ("Incumbent", "Name", "Postholder", "Employee Name"),
    "function": ("Function", "Service", "Directorate"),
    "team": ("Team", "Unit"),
    "status": ("Status",),
    "employment": ("Employment", "Contract Type", "Permanent or Temporary"),
    "roles": ("Statutory Roles",),
    "notes": ("Notes", "Comments"),
}
SIDE_WORDS = {
    "commissioning": Side.COMMISSIONING, "commissioning core": Side.COMMISSIONING, "core": Side.COMMISSIONING,
    "corporate support": Side.CORPORATE_SUPPORT, "corporate": Side.CORPORATE_SUPPORT,
    "provider": Side.PROVIDER, "providers": Side.PROVIDER, "provision": Side.PROVIDER,
    "transitional": Side.TRANSITIONAL,
}  # fmt: skip
MAX_UNPACKED = 300 * 1024 * 1024
MAX_RATIO = 200


@dataclass
class EstablishmentImport:
    """What an import read: the document, and each problem with its sheet, row and column."""

    document: Document
    problems: list[str] = field(default_factory=list)
    rows: int = 0


@dataclass
class RawTable:
    sheet: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


def read_table(path: Path) -> RawTable:
    """The first sheet (or 'Establishment') of a workbook, or a CSV, as text cells with row numbers."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    table = read_csv(read_bytes(path), path.name)
    return RawTable(path.name, table.header, table.rows)


def _check_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
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


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _header_and_rows(numbered: Iterable[tuple[int, list[str]]]) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    """The first non-blank row is the header; blank rows after it are skipped."""
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for line, cells in numbered:
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = cells
        else:
            rows.append((line, cells))
    return header, rows


def _column_index(ref: str) -> int:
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + (ord(ch.upper()) - 64)
    return n - 1


def _read_xlsx_fast(path: Path) -> RawTable | None:
    """Cell text of the establishment sheet straight from the workbook's XML.

    openpyxl takes about 6 s to read a 20,000-post sheet cell by cell; this streams rows with lxml
    (entities not resolved, no network) in well under that. Any layout it does not expect returns
    None, and openpyxl reads the file instead.
    """
    parser_args = {"resolve_entities": False, "no_network": True, "huge_tree": False}
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            book = etree.fromstring(archive.read("xl/workbook.xml"), etree.XMLParser(**parser_args))
            rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), etree.XMLParser(**parser_args))
            targets = {r.get("Id"): r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship")}
            sheets = [(s.get("name"), targets.get(s.get(f"{_REL}id"))) for s in book.iter(f"{_MAIN}sheet")]
            if not sheets:
                return None
            title, target = next((s for s in sheets if s[0] == "Establishment"), sheets[0])
            if not target:
                return None
            member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            if member not in names:
                return None
            shared: list[str] = []
            if "xl/sharedStrings.xml" in names:
                with archive.open("xl/sharedStrings.xml") as handle:
                    for _event, item in etree.iterparse(handle, tag=f"{_MAIN}si", **parser_args):
                        shared.append("".join(t.text or "" for t in item.iter(f"{_MAIN}t")))
                        item.clear()
            columns: dict[str, int] = {}  # "AB" -> 27: most refs repeat, so look them up once
            cell_tag, text_tag, value_tag = f"{_MAIN}c", f"{_MAIN}t", f"{_MAIN}v"

            def numbered_rows(handle: Any) -> Iterator[tuple[int, list[str]]]:
                for count, (_event, row) in enumerate(
                    etree.iterparse(handle, tag=f"{_MAIN}row", **parser_args), start=1
                ):
                    cells: list[str] = []
                    for cell in row:
                        if cell.tag != cell_tag:
                            continue
                        ref = cell.get("r")
                        if ref:
                            letters = ref.rstrip("0123456789")
                            index = columns.get(letters, -1)
                            if index < 0:
                                index = columns[letters] = _column_index(letters)
                        else:
                            index = len(cells)
                        kind = cell.get("t")
                        if kind == "inlineStr":
                            rich = cell[0] if len(cell) else cell
                            if len(rich) == 1 and rich[0].tag == text_tag:  # plain text: <is><t>…</t></is>
                                text = rich[0].text or ""
                            else:  # rich text runs, or phonetic hints to leave out
                                text = "".join(cell.itertext(text_tag, with_tail=False))
                        else:
                            text = cell.findtext(value_tag) or ""
                            if kind == "s" and text:
                                text = shared[int(text)]
                            elif kind is None and text.endswith(".0"):
                                text = text[:-2]
                        cells.extend([""] * (index - len(cells)))
                        cells.append(text)
                    number = int(row.get("r") or count)
                    row.clear()
                    yield number, cells

            with archive.open(member) as handle:
                header, rows = _header_and_rows(numbered_rows(handle))
    except (KeyError, ValueError, IndexError, etree.XMLSyntaxError):
        return None
    if header is None:
        raise FileProblem(f"{path.name}: sheet '{title}' is empty.")
    return RawTable(f"{path.name} sheet '{title}'", header, rows)


def _read_xlsx(path: Path) -> RawTable:
    safe_io.check_input(path, "xlsx")
    _check_archive(path)
    fast = _read_xlsx_fast(path)
    if fast is not None:
        return fast
    try:
        workbook = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for damaged files; all mean the same to users
        raise FileProblem(f"{path.name} could not be read as a workbook: {exc}.") from None
    try:
        sheet = workbook["Establishment"] if "Establishment" in workbook.sheetnames else workbook.worksheets[0]
        header, rows = _header_and_rows(
            (n, ["" if v is None else (f"{v:g}" if isinstance(v, float) else str(v)) for v in values])
            for n, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        )
        if header is None:
            raise FileProblem(f"{path.name}: sheet '{sheet.title}' is empty.")
        return RawTable(f"{path.name} sheet '{sheet.title}'", header, rows)
    finally:
        workbook.close()


def load_mapping(path: Path, fields: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    """A mapping file: {"post_id": "Emp Post No", "title": "Position", ...} (field -> column header).

    `fields` are the names a mapping may use (default: the establishment import's)."""
    fields = FIELD_HEADERS if fields is None else fields
    data = safe_io.loads_json(decode(read_bytes(path, "map"), path.name)[0], path.name, "a JSON mapping file")
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise FileProblem(f"{path.name}: a mapping is an object of field names to column headers.")
    unknown = set(data) - set(fields)
    if unknown:
        raise FileProblem(
            f"{path.name}: unknown fields {', '.join(sorted(unknown))}; known fields are {', '.join(fields)}."
        )
    return data


def column_map(
    header: list[str], mapping: dict[str, str] | None = None, fields: dict[str, tuple[str, ...]] | None = None
) -> dict[str, int]:
    """Field -> column index: from the mapping where given, else by header spelling."""
    found = find_columns(header, FIELD_HEADERS if fields is None else fields)
    for name, wanted in (mapping or {}).items():
        keys = [header_key(h) for h in header]
        if header_key(wanted) in keys:
            found[name] = keys.index(header_key(wanted))
        else:
            raise FileProblem(f"The mapping names column '{wanted}' for {name}, but the file has no such column.")
    return found


@collector_paused()
def import_establishment(
    path: Path, mapping: dict[str, str] | None = None, table: RawTable | None = None
) -> EstablishmentImport:
    """Read an establishment list into a one-scenario document; every readable post is kept."""
    table = table or read_table(path)
    columns = column_map(table.header, mapping)
    if "title" not in columns:
        raise FileProblem(f"{table.sheet} has no job title column (e.g. 'Job Title'); add one or give a --map file.")
    problems: list[str] = []
    letters = {name: get_column_letter(i + 1) for name, i in columns.items()}

    def get(row: list[str], name: str) -> str:
        i = columns.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    def num(row: list[str], name: str, line: int) -> float | None:
        try:
            return number(get(row, name))
        except BadNumber as exc:
            problems.append(
                f"{table.sheet} row {line} column {letters[name]} ({name.replace('_', ' ')}): "
                f"'{exc}' is not a number; left blank."
            )
            return None

    records: list[tuple[Post, str | None, list[str], str | None]] = []
    titles: dict[str, list[str]] = {}
    pending_title_managers: list[tuple[int, int, str]] = []
    for line, row in table.rows:
        post_id = get(row, "post_id") or f"R{line}"
        title = get(row, "title")
        if not title and not get(row, "post_id"):
            continue
        fte = num(row, "fte", line)
        if fte is not None and not (0 < fte <= 5):
            problems.append(
                f"{table.sheet} row {line} column {letters['fte']} (fte): {fte:g} is not a valid FTE; 1 used."
            )
            fte = None
        salary = num(row, "salary", line)
        floor = num(row, "pay_floor", line) if "pay_floor" in columns else salary
        ceiling = num(row, "pay_ceiling", line) if "pay_ceiling" in columns else salary
        if floor is not None and ceiling is not None and floor > ceiling:
            problems.append(f"{table.sheet} row {line}: pay floor above ceiling; swapped.")
            floor, ceiling = ceiling, floor
        side_text = get(row, "side").lower()
        side = SIDE_WORDS.get(side_text, Side.COMMISSIONING)
        if side_text and side_text not in SIDE_WORDS:
            problems.append(
                f"{table.sheet} row {line} column {letters['side']} (side): '{get(row, 'side')}' is not "
                "Commissioning, Corporate support, Provider or Transitional; Commissioning used."
            )
        post = Post(
            id=post_id, title=title, grade=get(row, "grade"), pay_floor=floor, pay_ceiling=ceiling,
            fte=fte if fte is not None else 1.0, side=side, function=get(row, "function"), team=get(row, "team"),
            status=_status(get(row, "status")), employment=_employment(get(row, "employment")),
            roles=_parse_roles(get(row, "roles")), notes=get(row, "notes"),
            source_ref=get(row, "post_id"),
        )  # fmt: skip
        if get(row, "incumbent"):
            post = dataclasses.replace(post, holders=holders_named(post, get(row, "incumbent")))
        manager: str | None = get(row, "reports_to") or None
        if manager is None and get(row, "reports_to_title") and "post_id" not in columns:
            pending_title_managers.append((len(records), line, get(row, "reports_to_title")))
        titles.setdefault(title.casefold(), []).append(post_id)
        records.append((post, manager, [], None))
    # Reports-to by title, when the list has no ids and titles are unique.
    for index, line, manager_title in pending_title_managers:
        matches = titles.get(manager_title.casefold(), [])
        post, _m, dotted, _r = records[index]
        if len(matches) == 1:
            records[index] = (post, matches[0], dotted, None)
        else:
            why = "no post has that title" if not matches else f"{len(matches)} posts have that title"
            problems.append(f"{table.sheet} row {line}: reports to '{manager_title}', but {why}; kept unplaced.")
            records[index] = (post, None, dotted, f"manager '{manager_title}' not found by title")
    ids = {r[0].id for r in records}
    for (post, manager, _d, _r), (line, _row) in zip(records, table.rows, strict=False):
        if manager is not None and manager not in ids and manager.upper() not in ("XX", "TOP", "NONE"):
            problems.append(
                f"{table.sheet} row {line} column {letters.get('reports_to', '?')} (reports to): "
                f"manager '{manager}' is not in the list; '{post.title}' is kept in the holding area."
            )
    records = [(p, None if m is not None and m.upper() in ("XX", "TOP", "NONE") else m, d, r) for p, m, d, r in records]
    structure = build_structure(records, [], problems)
    document = Document(organisation=Path(path).stem, scenarios=[Scenario("Imported", structure)])
    return EstablishmentImport(document, problems, len(table.rows))


@functools.lru_cache(maxsize=512)  # a list repeats a handful of values 20,000 times
def _status(text: str) -> Status:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    for status in Status:
        if key in (status.value, status.label.lower().replace(" ", "_")):
            return status
    return Status.FILLED


@functools.lru_cache(maxsize=512)  # a list repeats a handful of values 20,000 times
def _employment(text: str) -> Employment:
    key = text.strip().lower()
    for employment in Employment:
        if key.startswith(employment.value):
            return employment
    return Employment.PERMANENT


@functools.lru_cache(maxsize=512)  # a list repeats a handful of values 20,000 times
def _parse_roles(text: str) -> frozenset[Role]:
    if not text:
        return frozenset()
    wanted = {t.strip().lower() for t in re.split(r"[,;/]", text) if t.strip()}
    return frozenset(r for r in Role if r.short.lower() in wanted or r.value in wanted or r.label.lower() in wanted)


# ---- organogram and Transparency Code exports -----------------------------------------------------


def _bracket(value: float | None) -> tuple[int | str, int | str]:
    """Pay in £5,000 brackets, as the organogram and Transparency Code publish it."""
    if value is None:
        return "N/D", "N/D"
    low = int(value // 5000 * 5000)
    return low, low + 4999


def _csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        # A cell starting like a formula is prefixed with an apostrophe so spreadsheets keep it as text.
        writer.writerow(["'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v for v in row])
    safe_io.write_text(path, buffer.getvalue(), encoding="utf-8-sig")


SENIOR_HEADER = [
    "Post Unique Reference", "Name", "Grade (or equivalent)", "Job Title", "Job/Team Function", "Parent Department",
    "Organisation", "Unit", "Contact Phone", "Contact E-mail", "Reports to Senior Post", "Salary Cost of Reports (£)",
    "FTE", "Actual Pay Floor (£)", "Actual Pay Ceiling (£)", "Professional/Occupational Group", "Notes", "Valid?",
]  # fmt: skip
JUNIOR_HEADER = [
    "Parent Department", "Organisation", "Unit", "Reporting Senior Post", "Grade", "Payscale Minimum (£)",
    "Payscale Maximum (£)", "Generic Job Title", "Number of Posts in FTE", "Professional/Occupational Group",
]  # fmt: skip


def export_organogram(
    document: Document, senior: Path, junior: Path | None, scenario_name: str | None = None, names: bool = True
) -> None:
    """The data.gov.uk senior and junior CSVs (the inverse of the organogram import)."""
    structure = document.scenario(scenario_name).structure
    org = document.organisation

    def senior_rows() -> Iterator[list[Any]]:
        for post in structure:
            manager = structure.manager_of(post.id)
            name = "Vacant" if post.status is Status.VACANT else (post.incumbent if names and post.incumbent else "N/D")
            floor, _ = _bracket(post.pay_floor)
            _, ceiling = _bracket(post.pay_ceiling if post.pay_ceiling is not None else post.pay_floor)
            yield [post.id, name, post.grade, post.title, post.notes, org, org, post.team, "N/D", "N/D",
                   manager or "XX", 0, f"{post.fte:g}", floor, ceiling, post.function, "", 1]  # fmt: skip

    _csv(senior, SENIOR_HEADER, senior_rows())
    if junior is not None:
        rows = (
            [org, org, g.notes, g.manager_id or "", g.grade, _int(g.pay_floor), _int(g.pay_ceiling), g.title,
             f"{g.fte:g}", ""]
            for g in structure.staff_groups()
        )  # fmt: skip
        _csv(junior, JUNIOR_HEADER, rows)


def _int(value: float | None) -> int | str:
    return "N/D" if value is None else round(value)


TRANSPARENCY_HEADER = [
    "Post ID", "Tier", "Grade", "Job Title", "Department", "Team", "Permanent or Temporary", "Contact",
    "Salary Band (£)", "Salary Ceiling (£)", "Reports To",
]  # fmt: skip


def export_transparency(document: Document, path: Path, scenario_name: str | None = None) -> None:
    """The Transparency Code 2015 chart data: the top three tiers, salaries in £5,000 brackets."""
    structure = document.scenario(scenario_name).structure
    rows = []
    for post_id, layer in structure.walk():
        if layer > 3:
            continue
        post = structure.post(post_id)
        low, high = _bracket(post.salary)
        band = f"{low:,} - {high:,}" if isinstance(low, int) and isinstance(high, int) else "N/D"
        _, ceiling = _bracket(post.pay_ceiling)
        permanent = "Permanent" if post.employment is Employment.PERMANENT else "Temporary"
        rows.append(
            [
                post.id,
                layer,
                post.grade,
                post.title,
                post.function,
                post.team,
                permanent,
                "Via the council's main switchboard",
                band,
                ceiling,
                structure.manager_of(post_id) or "",
            ]
        )
    _csv(path, TRANSPARENCY_HEADER, rows)
