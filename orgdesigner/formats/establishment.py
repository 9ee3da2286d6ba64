"""The establishment import: an HR list (.xlsx or .csv) read into a one-scenario document.

Columns are found by header spelling (or named in a mapping file); every row problem is reported
with its sheet, row and column, and every post that can be read is kept. Workbook cells are read
by `xlsx_reader`, within its bounds.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from orgdesigner.formats import safe_io
from orgdesigner.formats.import_values import RowValues
from orgdesigner.formats.person_fields import HR_HEADERS, apply_hr_fields
from orgdesigner.formats.tabular import BadNumber, decode, find_columns, header_key, number, read_bytes, read_csv
from orgdesigner.formats.xlsx_reader import RawTable, read_xlsx
from orgdesigner.model.builder import build_structure
from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.post import Employment, Post, Role, Side, Status, holders_named

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
    **HR_HEADERS,
}
SIDE_WORDS = {
    "commissioning": Side.COMMISSIONING, "commissioning core": Side.COMMISSIONING, "core": Side.COMMISSIONING,
    "corporate support": Side.CORPORATE_SUPPORT, "corporate": Side.CORPORATE_SUPPORT,
    "provider": Side.PROVIDER, "providers": Side.PROVIDER, "provision": Side.PROVIDER,
    "transitional": Side.TRANSITIONAL,
}  # fmt: skip


@dataclass
class EstablishmentImport:
    """What an import read: the document, and each problem with its sheet, row and column."""

    document: Document
    problems: list[str] = field(default_factory=list)
    rows: int = 0


def read_table(path: Path) -> RawTable:
    """The first sheet (or 'Establishment') of a workbook, or a CSV, as text cells with row numbers."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    table = read_csv(read_bytes(path), path.name)
    return RawTable(path.name, table.header, table.rows)


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


@collector_paused(lasting=True)
def import_establishment(
    path: Path, mapping: dict[str, str] | None = None, table: RawTable | None = None
) -> EstablishmentImport:
    """Read an establishment list into a one-scenario document; every readable post is kept."""
    table = table or read_table(path)
    columns = column_map(table.header, mapping)
    if "title" not in columns:
        raise FileProblem(f"{table.sheet} has no job title column (e.g. 'Job Title'); add one or give a --map file.")
    problems: list[str] = []
    from openpyxl.utils import get_column_letter  # here, not at the top: the window imports this module

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
        values = RowValues(f"{table.sheet} row {line}", problems)
        fte = values.fte(num(row, "fte", line), get(row, "fte"))
        if fte is None and not values.record:
            fte = 1.0  # blank: a full-time post, as lists leave it out for most
        salary = values.pay(num(row, "salary", line), get(row, "salary"), "salary")
        floor = (
            values.pay(num(row, "pay_floor", line), get(row, "pay_floor"), "pay_floor")
            if "pay_floor" in columns
            else salary
        )
        ceiling = (
            values.pay(num(row, "pay_ceiling", line), get(row, "pay_ceiling"), "pay_ceiling")
            if "pay_ceiling" in columns
            else salary
        )
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
            fte=fte, side=side, function=get(row, "function"), team=get(row, "team"),
            status=_status(get(row, "status")), employment=_employment(get(row, "employment")),
            roles=_parse_roles(get(row, "roles")), notes=get(row, "notes"),
            source_ref=get(row, "post_id"), import_record=values.recorded(),
        )  # fmt: skip
        if get(row, "incumbent"):
            post = dataclasses.replace(post, holders=holders_named(post, get(row, "incumbent")))
        post = apply_hr_fields(post, functools.partial(get, row), f"{table.sheet} row {line}", letters, problems)
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
