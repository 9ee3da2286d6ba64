"""The HR workbook's standard sheets, one writer function each (see `hr_workbook` for the order).

Each writer takes the shared `Book` and adds its sheet(s); a writer with nothing to say (Changes
for a file of one scenario) adds none. Names of postholders appear only when `book.names`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from orgdesigner.formats.cells import Formula
from orgdesigner.formats.sheet_kit import COUNT, FTE, MONEY, Book, Cell, column_letter
from orgdesigner.model import figures
from orgdesigner.model.compare import compare, phase_of
from orgdesigner.model.consultation.analysis import senior_appointments
from orgdesigner.model.post import Post, Role
from orgdesigner.model.rules import Severity
from orgdesigner.model.structure import Structure

ESTABLISHMENT_HEADERS = [
    "Post ID", "Job Title", "Grade", "Pay Floor (£)", "Pay Ceiling (£)", "FTE", "Side", "Function", "Team",
    "Reports To", "Reports To Title", "Layer", "Span", "Statutory Roles", "Status", "Employment",
    "Selection Phase", "Incumbent", "Notes",
]  # fmt: skip
PAY_AND_FTE = {"Pay Floor (£)": MONEY, "Pay Ceiling (£)": MONEY, "FTE": FTE}


def cover(book: Book) -> None:
    """What the workbook is: organisation, scenario, date, headline figures, whether names are in it."""
    ws = book.sheet("Cover")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 70)
    f, m = book.formats, book.metrics
    book.write(ws, 0, 0, f"{book.document.organisation}: establishment", f.get(bold=True, size=16))
    errors = sum(1 for x in book.findings if x.severity is Severity.ERROR)
    warnings = sum(1 for x in book.findings if x.severity is Severity.WARNING)
    names = "included (personal data: handle under the council's data protection policy)" if book.names else "left out"
    lines: list[tuple[str, Cell, str]] = [
        ("Scenario", book.scenario.name, ""),
        ("Council type", book.document.council_type.label, ""),
        ("Date", dt.date.today().isoformat(), ""),
        ("Posts", m.posts, COUNT),
        (f"Management posts ({m.management_definition}; a shared post counts its share)", m.management_posts, FTE),
        ("Managers with direct reports", m.managers, COUNT),
        ("FTE (posts and staff groups)", m.fte_total, FTE),
        ("Pay bill (£)", m.pay_bill, MONEY),
        ("Cost with on-costs (£)", m.cost_with_oncosts, MONEY),
        ("Findings", f"{errors} errors, {warnings} warnings", ""),
        ("Names of postholders", names, ""),
    ]
    # totals leave out what is not known and say how many
    if m.fte_unknown:
        lines.insert(7, ("Posts and staff groups whose FTE is not known (left out of the FTE)", m.fte_unknown, COUNT))
    if m.pay_unknown:
        at = 9 if m.fte_unknown else 8
        lines.insert(
            at, ("Posts and staff groups whose pay is not known (left out of the pay bill)", m.pay_unknown, COUNT)
        )
    for row, (label, value, number) in enumerate(lines, start=1):
        book.write(ws, row, 0, label, f.get(bold=True))
        book.write(ws, row, 1, value, f.get(number, left=True))


def _roles(post: Post) -> str:
    return ", ".join(r.short for r in sorted(post.roles))


def establishment(book: Book) -> None:
    """Every post, placed posts in chart order then the holding area, with its line and figures."""
    s, profile = book.structure, book.profile
    layers = dict(s.walk())
    headers = [h for h in ESTABLISHMENT_HEADERS if book.names or h != "Incumbent"]
    sheet = book.table("Establishment", headers, PAY_AND_FTE)
    order = [p for p, _ in s.walk()] + [p for h in s.holding() for p in s.subtree(h)]
    for n, post_id in enumerate(order):
        post = s.post(post_id)
        manager = s.manager_of(post_id)
        row: list[Cell] = [
            post.id, post.title, post.grade, post.pay_floor, post.pay_ceiling, post.fte, post.side.label,
            post.function, post.team, manager or "", s.post(manager).title if manager else "",
            layers.get(post_id, ""), s.span(post_id), _roles(post), post.status.label,
            post.employment.value.capitalize(), phase_of(post, s, profile) or "",
        ]  # fmt: skip
        if book.names:
            row.append(post.incumbent)
        row.append(post.notes)
        sheet.add(row)
        if n % 2000 == 0:
            book.advance(n / max(len(order), 1), "Establishment")
    sheet.close("Establishment")


def staff_groups(book: Book) -> None:
    """Staff groups (people below the posts shown individually), with their manager and side."""
    s = book.structure
    headers = ["Group ID", "Reports To", "Reports To Title", "Title", "Grade", "Pay Floor (£)", "Pay Ceiling (£)",
               "FTE", "Headcount", "Side", "Direct Reports"]  # fmt: skip
    sheet = book.table("Staff groups", headers, PAY_AND_FTE)
    for g in s.staff_groups():
        side = s.group_side(g)
        sheet.add([
            g.id, g.manager_id or "", s.post(g.manager_id).title if g.manager_id else "", g.title, g.grade,
            g.pay_floor, g.pay_ceiling, g.fte, g.people, side.label if side else "", "Yes" if g.direct else "No",
        ])  # fmt: skip
    sheet.close("StaffGroups")


def statutory_roles(book: Book) -> None:
    """Each statutory role, its legal basis and who holds it ('(not held)' when nobody does)."""
    s = book.structure
    sheet = book.table("Statutory roles", ["Role", "Basis", "Post ID", "Post Title"] + (["Holder"] * book.names))
    for role in Role:
        for holder in sorted(s.role_holders(role)) or [""]:
            held_by = s.get(holder) if holder else None
            row: list[Cell] = [role.label, role.basis, holder, held_by.title if held_by else "(not held)"]
            if book.names:
                row.append(held_by.incumbent if held_by else "")
            sheet.add(row)
    sheet.close("StatutoryRoles")


def findings(book: Book) -> None:
    """The rules' findings, most severe first, with the posts each is about."""
    s = book.structure
    sheet = book.table("Findings", ["Severity", "Rule", "Post IDs", "Posts", "Message"])
    for f in book.findings:
        titles = "; ".join(s.post(p).title for p in f.posts if p in s)
        sheet.add([f.severity.value.capitalize(), f.rule, ", ".join(f.posts), titles, f.message])
    sheet.close("Findings")


def spans_and_layers(book: Book) -> None:
    """Every manager with direct reports, its span and layer, how many managers have each span and
    how many posts sit in each layer (live counts, equal to the metrics'), and a native Excel chart of
    each."""
    s = book.structure
    sheet = book.table("Spans & layers", ["Post ID", "Job Title", "Layer", "Span", "Side"])
    spans: Counter[int] = Counter()
    layers: Counter[int] = Counter()
    for post_id, layer in s.walk():
        layers[layer] += 1
        # managers with direct reports, as the metrics count them (figures.spans): span above 0
        if (s.report_count(post_id) or s.has_groups(post_id)) and (span := s.span(post_id)):
            post = s.post(post_id)
            spans[span] += 1
            sheet.add([post_id, post.title, layer, span, post.side.label])
    rows = len(sheet.rows)
    sheet.close("SpansLayers")
    ws, f = sheet.worksheet, book.formats
    by_layer = "Establishment[Layer]" if "Establishment" in book.tables else None
    # Counts beside the list, as formulas over it, each stored with its value (see cells.Formula).
    blocks: list[tuple[int, str, str, Counter[int], str | None, str]] = [
        (6, "Span", "Managers", spans, f"$D$2:$D${rows + 1}", "Managers by span (direct reports)"),
        (9, "Layer", "Posts", layers, by_layer, "Posts by layer"),
    ]
    top = max(len(spans), len(layers), 1) + 3
    for n, (col, key, count, counts, over, title) in enumerate(blocks):
        ws.set_column(col, col + 1, 11)
        book.write(ws, 0, col, key, f.get(header=True))
        book.write(ws, 0, col + 1, count, f.get(header=True))
        values = sorted(counts)
        for r, value in enumerate(values, start=1):
            cell = f"{column_letter(col)}{r + 1}"
            book.write(ws, r, col, value)
            book.write(ws, r, col + 1, Formula(f"=COUNTIF({over},{cell})", counts[value]) if over else counts[value])
        chart = book.workbook.add_chart({"type": "column"})
        chart.add_series({
            "name": title,
            "categories": [sheet.title, 1, col, max(len(values), 1), col],
            "values": [sheet.title, 1, col + 1, max(len(values), 1), col + 1],
        })  # fmt: skip
        chart.set_title({"name": title})
        chart.set_x_axis({"name": key})
        chart.set_y_axis({"name": count})
        chart.set_legend({"none": True})
        ws.insert_chart(top + 16 * n, 6, chart)


def costs(book: Book) -> None:
    """Pay and on-costs by side and function, then the apprenticeship levy on the whole pay bill, so
    the total is the cost with on-costs everywhere else; cost and totals are live formulas HR can adjust."""
    lines = figures.cost_lines(book.structure, book.profile)
    headers = ["Side", "Function", "Headcount", "FTE", "Pay (£)", "On-costs (£)", "Cost (£)"]
    sheet = book.table("Costs", headers, {"FTE": FTE, "Pay (£)": MONEY, "On-costs (£)": MONEY, "Cost (£)": MONEY})
    sums = [0.0, 0.0, 0.0, 0.0, 0.0]
    n = 1
    for n, line in enumerate(lines, start=2):
        row = [line.headcount, round(line.fte, 4), round(line.cost.pay, 2), round(line.cost.on_costs, 2)]
        total = row[2] + row[3]
        sums = [a + b for a, b in zip(sums, [*row, total], strict=True)]
        sheet.add([line.side, line.function, *row, Formula(f"=E{n}+F{n}", total)])
    levy = round(book.metrics.apprenticeship_levy, 2)
    n += 1
    sums[3] += levy
    sums[4] += levy
    sheet.add(["Apprenticeship levy", "(on the whole pay bill)", 0, 0.0, 0.0, levy, Formula(f"=E{n}+F{n}", levy)])
    last = n
    totals: list[Cell] = ["Total", ""]
    totals += [Formula(f"=SUM({c}2:{c}{last})", round(v, 4)) for c, v in zip("CDEFG", sums, strict=True)]
    sheet.close("Costs", totals)


def changes(book: Book) -> None:
    """What changes from the file's first scenario to this one, post by post (only when there are two)."""
    document, scenario = book.document, book.scenario
    if len(document.scenarios) < 2 or scenario is document.scenarios[0]:
        return
    c = compare(document, document.scenarios[0].name, scenario.name)
    before = document.scenario(c.from_name).structure
    after = document.scenario(c.to_name).structure
    phases = {p.post_id: p for p in c.phases}
    headers = ["Change", "Post ID", "Job Title", "Manager Before", "Manager After", "Pay Before (£)",
               "Pay After (£)", "Selection Phase", "Candidates (job fit)", "Appointed By (LGHA 1989 s.2)"]  # fmt: skip
    senior = {a.id: a for a in senior_appointments(document, c.from_name, c.to_name)}
    sheet = book.table("Changes", headers, {"Pay Before (£)": MONEY, "Pay After (£)": MONEY})

    def title(s: Structure, post_id: str | None) -> str:
        return s.post(post_id).title if post_id and post_id in s else ""

    rows: list[tuple[str, str]] = [("New", p) for p in c.added] + [("Deleted", p) for p in c.deleted]
    rows += [("Moved", p) for p in c.moved] + [("Regraded", p) for p in c.regraded]
    rows += [("Changed side", p) for p in c.side_changed]
    for kind, post_id in rows:
        old, new = before.get(post_id), after.get(post_id)
        post: Any = new or old
        phased = phases.get(post_id)
        candidates = "; ".join(
            f"{x.title} ({', '.join(x.reasons)})"
            + (f" – {before.post(x.post_id).incumbent}" if book.names and before.post(x.post_id).incumbent else "")
            for x in (phased.candidates if phased else [])
        )
        sheet.add([
            kind, post_id, post.title,
            title(before, before.manager_of(post_id)) if old else "",
            title(after, after.manager_of(post_id)) if new else "",
            old.salary if old else None, new.salary if new else None,
            (phased.phase or "") if phased else "", candidates,
            f"{senior[post_id].kind}: {senior[post_id].appointed_by}" if post_id in senior else "",
        ])  # fmt: skip
    sheet.close("Changes")
