"""data.gov.uk organogram returns, read and written: a senior CSV (named posts) and a junior CSV
(staff groups). Written cells go through `cells` (formula-like text marked as text).

Real returns drift from the standard: header spellings, empty unnamed columns, cp1252 pound signs,
blank and N/D cells, several roots, job shares (a repeated post reference), Vacant and Eliminated
names, managers that are missing. Every live post is kept (unplaced if its manager is unknown),
every FTE is counted, and each problem is reported with its file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from orgdesigner.formats.cells import write_csv
from orgdesigner.formats.import_values import RowValues
from orgdesigner.formats.tabular import BadNumber, Table, cell, find_columns, number, read_bytes, read_csv
from orgdesigner.model.builder import build_structure
from orgdesigner.model.bulk import collector_paused
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.figures import group_cost
from orgdesigner.model.post import Holder, Post, Side, StaffGroup, Status
from orgdesigner.model.profile import CouncilType
from orgdesigner.model.validation import FTE_MAX

SENIOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("Post Unique Reference", "Post Reference", "Unique Reference", "Post Ref"),
    "name": ("Name",),
    "grade": ("Grade (or equivalent)", "Grade", "Grade or equivalent"),
    "title": ("Job Title", "Title"),
    "function": ("Job/Team Function", "Job Team Function", "Function"),
    "department": ("Parent Department",),
    "organisation": ("Organisation", "Organization"),
    "unit": ("Unit",),
    "reports_to": ("Reports to Senior Post", "Reports To", "Reports to Senior Post Reference"),
    "fte": ("FTE",),
    "floor": ("Actual Pay Floor (£)", "Actual Pay Floor", "Pay Floor"),
    "ceiling": ("Actual Pay Ceiling (£)", "Actual Pay Ceiling", "Pay Ceiling"),
    "group": ("Professional/Occupational Group", "Professional Occupational Group"),
    "notes": ("Notes",),
}

JUNIOR_COLUMNS: dict[str, tuple[str, ...]] = {
    "reports_to": ("Reporting Senior Post", "Reports to Senior Post"),
    "grade": ("Grade",),
    "floor": ("Payscale Minimum (£)", "Payscale Minimum", "Pay Scale Minimum"),
    "ceiling": ("Payscale Maximum (£)", "Payscale Maximum", "Pay Scale Maximum"),
    "title": ("Generic Job Title", "Job Title"),
    "fte": ("Number of Posts in FTE", "Number of Posts", "FTE"),
    "unit": ("Unit",),
    "organisation": ("Organisation", "Organization"),
    "group": ("Professional/Occupational Group",),
}

TOP_MARKERS = frozenset({"xx", "", "top", "n/a"})


@dataclass
class ImportReport:
    """What an import kept, and each problem it met (file and line)."""

    problems: list[str] = field(default_factory=list)
    posts: int = 0
    staff_groups: int = 0
    left_out: list[str] = field(default_factory=list)


def _require(table: Table, columns: dict[str, int], needed: tuple[str, ...], what: str) -> None:
    missing = [SENIOR_COLUMNS.get(n, JUNIOR_COLUMNS.get(n, (n,)))[0] for n in needed if n not in columns]
    if missing:
        raise FileProblem(
            f"{table.source} is not a {what} organogram file: it has no {', '.join(repr(m) for m in missing)} "
            "column. Check that you chose the right file."
        )


def _num(row: list[str], columns: dict[str, int], name: str, where: str, report: ImportReport) -> float | None:
    try:
        value = number(cell(row, columns, name))
    except BadNumber as exc:
        report.problems.append(f"{where}: '{exc}' in {name.replace('_', ' ')} is not a number; left blank.")
        return None
    return value


def read_senior(table: Table, report: ImportReport) -> tuple[list[tuple[Post, str | None, list[str], str | None]], str]:
    columns = find_columns(table.header, SENIOR_COLUMNS)
    _require(table, columns, ("ref", "reports_to"), "senior")
    records: list[tuple[Post, str | None, list[str], str | None]] = []
    by_ref: dict[str, int] = {}
    first_line: dict[str, int] = {}
    fte_texts: dict[str, list[str]] = {}
    organisation = ""
    for line, row in table.rows:
        where = f"{table.source} line {line}"
        ref = cell(row, columns, "ref")
        title = cell(row, columns, "title")
        if not ref:
            report.left_out.append(f"{where}: '{title or 'a row'}' has no post reference; not imported.")
            continue
        name = cell(row, columns, "name")
        if name.lower() == "eliminated":
            report.left_out.append(f"{where}: post '{ref}' ({title}) is marked Eliminated; not imported.")
            continue
        organisation = organisation or cell(row, columns, "organisation")
        values = RowValues(where, report.problems)
        fte_text = cell(row, columns, "fte")
        fte = _num(row, columns, "fte", where, report)
        if fte is None or fte == 0:
            report.problems.append(f"{where}: post '{ref}' has no usable FTE; counted as 1.")
            fte = 1.0
        fte = values.fte(fte, fte_text)
        floor = values.pay(_num(row, columns, "floor", where, report) or None, cell(row, columns, "floor"), "pay_floor")
        ceiling = values.pay(
            _num(row, columns, "ceiling", where, report) or None, cell(row, columns, "ceiling"), "pay_ceiling"
        )
        if floor is not None and ceiling is not None and floor > ceiling:
            report.problems.append(f"{where}: pay floor above ceiling for '{ref}'; swapped.")
            floor, ceiling = ceiling, floor
        vacant = name.lower() == "vacant"
        incumbent = "" if vacant or name.lower() in ("n/d", "nd", "not disclosed") else name
        # N/D: a person, unnamed; a person whose FTE is not known is counted as one
        person = () if vacant else (Holder(name=incumbent, fte=fte if fte is not None else 1.0),)
        notes = cell(row, columns, "notes")
        job_function = cell(row, columns, "function").strip("'\" ")
        manager = cell(row, columns, "reports_to")
        manager_id = None if manager.lower() in TOP_MARKERS else manager
        if ref in by_ref:
            # A job share: the same post held by two people. One post, with both FTEs.
            index = by_ref[ref]
            post, manager_kept, dotted, reason = records[index]
            fte_texts[ref].append(fte_text)
            total = None if post.fte is None or fte is None else round(post.fte + fte, 4)
            if total is not None and total > FTE_MAX:
                values.fte(total, " + ".join(fte_texts[ref]))  # the job share adds up past the limit
                total = None
            low, high = _least(post.pay_floor, floor), _most(post.pay_ceiling, ceiling)
            if low is not None and high is not None and low > high:  # one row gave a floor, the other a ceiling
                report.problems.append(f"{where}: pay floor above ceiling for '{ref}' across its rows; swapped.")
                low, high = high, low
            merged = replace(
                post,
                fte=total,
                holders=post.holders + person,
                pay_floor=low,
                pay_ceiling=high,
                status=Status.FILLED if not vacant or post.status is Status.FILLED else post.status,
                import_record=post.import_record + values.recorded(),
            )
            records[index] = (merged, manager_kept, dotted, reason)
            shown = "an FTE not known" if merged.fte is None else f"{merged.fte:g} FTE"
            report.problems.append(
                f"{where}: post '{ref}' repeats line {first_line[ref]} (a job share); kept as one post of {shown}."
            )
            continue
        post = Post(
            id=ref,
            title=title.strip("'\" ") or "",
            grade=cell(row, columns, "grade"),
            pay_floor=floor,
            pay_ceiling=ceiling,
            fte=fte,
            side=Side.COMMISSIONING,
            function=cell(row, columns, "group"),
            team=cell(row, columns, "unit"),
            status=Status.VACANT if vacant else Status.FILLED,
            holders=person,
            notes=notes.strip("'\" "),
            source_ref=ref,
            import_record=values.recorded(),
            extra=((JOB_FUNCTION_KEY, json.dumps(job_function, ensure_ascii=False)),) if job_function else (),
        )
        if not post.title:
            report.problems.append(f"{where}: post '{ref}' has no job title.")
        by_ref[ref] = len(records)
        first_line[ref] = line
        fte_texts[ref] = [fte_text]
        records.append((post, manager_id, [], None))
    return records, organisation


def _least(a: float | None, b: float | None) -> float | None:
    return min(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def _most(a: float | None, b: float | None) -> float | None:
    return max(x for x in (a, b) if x is not None) if a is not None or b is not None else None


def read_junior(table: Table, known: set[str], report: ImportReport) -> list[StaffGroup]:
    columns = find_columns(table.header, JUNIOR_COLUMNS)
    _require(table, columns, ("reports_to", "fte"), "junior")
    groups: list[StaffGroup] = []
    for line, row in table.rows:
        where = f"{table.source} line {line}"
        values = RowValues(where, report.problems)
        fte: float | None = _num(row, columns, "fte", where, report)
        if fte is None:
            report.problems.append(f"{where}: no usable number of posts in FTE; counted as 0.")
            fte = 0.0
        fte = values.group_fte(fte, cell(row, columns, "fte"))
        manager = cell(row, columns, "reports_to")
        manager_id: str | None = manager
        if manager not in known:
            report.problems.append(
                f"{where}: reports to senior post '{manager}', which is not in the senior file; "
                "the staff group is kept without a manager."
            )
            manager_id = None
        floor = values.pay(_num(row, columns, "floor", where, report) or None, cell(row, columns, "floor"), "pay_floor")
        ceiling = values.pay(
            _num(row, columns, "ceiling", where, report) or None, cell(row, columns, "ceiling"), "pay_ceiling"
        )
        if floor is not None and ceiling is not None and floor > ceiling:
            floor, ceiling = ceiling, floor
        groups.append(
            StaffGroup(
                id=f"J{line}",
                manager_id=manager_id,
                title=cell(row, columns, "title") or "Staff",
                grade=cell(row, columns, "grade"),
                pay_floor=floor,
                pay_ceiling=ceiling,
                fte=fte,
                notes=cell(row, columns, "unit"),
                import_record=values.recorded(),
            )
        )
    return groups


@collector_paused(lasting=True)
def import_organogram(
    senior: Path, junior: Path | None = None, council_type: CouncilType = CouncilType.OTHER_BODY
) -> tuple[Document, ImportReport]:
    """Read a senior (and optional junior) return into a one-scenario document."""
    report = ImportReport()
    senior_table = read_csv(read_bytes(senior), Path(senior).name)
    records, organisation = read_senior(senior_table, report)
    if not records:
        raise FileProblem(f"{Path(senior).name} holds no posts that could be read.")
    groups: list[StaffGroup] = []
    if junior is not None:
        junior_table = read_csv(read_bytes(junior), Path(junior).name)
        groups = read_junior(junior_table, {r[0].id for r in records}, report)
    structure = build_structure(records, groups, report.problems)
    report.posts = len(structure)
    report.staff_groups = len(groups)
    document = Document(
        organisation=organisation or Path(senior).stem,
        council_type=council_type,
        scenarios=[Scenario("Current", structure, notes=f"Imported from {Path(senior).name}")],
    )
    return document, report


# ---- writing -------------------------------------------------------------------------------------


def bracket(value: float | None) -> tuple[int | str, int | str]:
    """Pay in £5,000 brackets, as the organogram and Transparency Code publish it."""
    if value is None:
        return "N/D", "N/D"
    low = int(value // 5000 * 5000)
    return low, low + 4999


JOB_FUNCTION_KEY = "job_team_function"
"""The return's "Job/Team Function" text, kept with the post (in the .orgx file) for the export."""


def job_function(post: Post) -> str:
    for key, text in post.extra:
        if key == JOB_FUNCTION_KEY:
            value = json.loads(text)
            return value if isinstance(value, str) else ""
    return ""


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

    def reports_cost(post_id: str) -> int:
        """The pay of the junior staff under the post (the return's "Salary Cost of Reports")."""
        return round(sum(group_cost(g, document.profile).pay for g in structure.groups_under(post_id)))

    def senior_rows() -> Iterator[list[Any]]:
        for post in structure:
            manager = structure.manager_of(post.id)
            name = "Vacant" if post.status is Status.VACANT else (post.incumbent if names and post.incumbent else "N/D")
            floor, _ = bracket(post.pay_floor)
            _, ceiling = bracket(post.pay_ceiling if post.pay_ceiling is not None else post.pay_floor)
            yield [post.id, name, post.grade, post.title, job_function(post), org, org, post.team, "N/D", "N/D",
                   manager or "XX", reports_cost(post.id), f"{post.fte:g}", floor, ceiling, post.function,
                   post.notes, 1]  # fmt: skip

    write_csv(senior, SENIOR_HEADER, senior_rows())
    if junior is not None:
        rows = (
            [org, org, g.notes, g.manager_id or "", g.grade, _int(g.pay_floor), _int(g.pay_ceiling), g.title,
             f"{g.fte:g}", ""]
            for g in structure.staff_groups()
        )  # fmt: skip
        write_csv(junior, JUNIOR_HEADER, rows)


def _int(value: float | None) -> int | str:
    return "N/D" if value is None else round(value)
