"""The HR workbook's consultation sheets: HR1 particulars per phase, senior appointments, the people
at risk with their possible slot-ins (HR's eyes only), and the equality analysis.

They appear when the file holds an earlier scenario to compare with (the first one), as the Changes
sheet does. The analysis counts from today. Protected characteristics come only from HR's file
given to the export (`writers(hr)`), are counted, and only the counts are written.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from orgdesigner.formats.sheet_kit import COUNT, Book
from orgdesigner.model.compare import Comparison, compare
from orgdesigner.model.consultation.analysis import Consultation, analyse
from orgdesigner.model.consultation.appointments import PROTECTED_PROCESS
from orgdesigner.model.consultation.equality import label
from orgdesigner.model.consultation.people import REDUCED, RESELECTED

HrRecords = Mapping[str, Mapping[str, str]]


def _analysis(book: Book, hr: HrRecords | None = None) -> Consultation | None:
    document, scenario = book.document, book.scenario
    if len(document.scenarios) < 2 or scenario is document.scenarios[0]:
        return None
    return analyse(document, document.scenarios[0].name, scenario.name, dt.date.today(), hr)


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def _sheets(book: Book, hr: HrRecords | None) -> None:
    result = _analysis(book, hr)
    if result is None:
        return
    c = compare(book.document, result.from_name, result.to_name)
    hr1(book, result, c)
    appointments(book, result)
    at_risk(book, result, c)
    equality(book, result)


def writers(hr: HrRecords | None = None) -> Callable[[Book], None]:
    """The sheet writer for the HR workbook; with HR's characteristics when the export was given them."""

    def consultation(book: Book) -> None:
        _sheets(book, hr)

    consultation.__name__ = WRITER_NAME
    return consultation


WRITER_NAME = "consultation_sheets"
"""How the HR workbook's list of writers names this one, so an export can swap in one with HR's file."""


def with_hr(sheets: Sequence[Callable[[Book], None]], hr: HrRecords) -> tuple[Callable[[Book], None], ...]:
    """The workbook's sheet writers, the consultation one reading HR's characteristics."""
    return tuple(writers(hr) if getattr(w, "__name__", "") == WRITER_NAME else w for w in sheets)


def _selection(r: Consultation, c: Comparison) -> dict[int, str]:
    """Per phase, how its new posts are likely filled: one internal fit (job fit), several (a
    ring-fenced assessment) or none (competition), from the comparison's job-fit candidates."""
    numbers = [p.phase for p in r.phases]
    counts: dict[int, Counter[str]] = {n: Counter() for n in numbers}
    for phased in c.phases:
        n = phased.phase if phased.phase in numbers else numbers[-1]
        fits = len(phased.candidates)
        counts[n]["job fit" if fits == 1 else "ring-fence" if fits > 1 else "competition"] += 1
    return {n: ", ".join(f"{kind} {k[kind]}" for kind in ("job fit", "ring-fence", "competition") if k[kind])
            for n, k in counts.items()}  # fmt: skip


def hr1(book: Book, r: Consultation, c: Comparison) -> None:
    """Per phase: the s.188 numbers and dates, and what form HR1 asks (groups, reasons, selection)."""
    headers = ["Phase", "First Dismissal", "At Risk", "Counted (s.188)", "Consultation Days", "Consult By",
               "HR1 By", "Notice (weeks)", "Time", "Occupational Groups", "Reasons", "Selection",
               "New Posts by Likely Selection"]  # fmt: skip
    likely = _selection(r, c)
    sheet = book.table("Consultation (HR1)", headers, {"At Risk": COUNT, "Counted (s.188)": COUNT})
    for p in r.phases:
        t = p.timetable
        time = "history" if t.past else {True: "enough", False: "TOO LITTLE", None: "not dated"}[t.enough_time]
        sheet.add([
            p.name, _iso(p.first_dismissal), p.at_risk, p.counted, t.consultation_days, _iso(t.consult_by),
            _iso(t.hr1_by), p.notice_weeks, time,
            "; ".join(f"{g}: {n}" for g, n in sorted(p.groups.items(), key=lambda g: -g[1])),
            "; ".join(f"{reason}: {n}" for reason, n in p.reasons.items()), p.selection, likely.get(p.phase, ""),
        ])  # fmt: skip
    sheet.close("ConsultationHR1")


def appointments(book: Book, r: Consultation) -> None:
    """Senior posts members appoint (LGHA 1989 s.2) and the dismissals needing the independent panel."""
    headers = ["Post ID", "Job Title", "Decision", "Kind (LGHA 1989 s.2)", "Why", "By"]
    sheet = book.table("Senior appointments", headers)
    for a in r.member_appointments:
        sheet.add([a.id, a.title, "appointment", a.kind, a.why, a.appointed_by])
    for d in r.protected_dismissals:
        sheet.add([d.id, d.title, "dismissal (if it comes to it)", d.role, "post at risk", PROTECTED_PROCESS])
    sheet.close("SeniorAppointments")


def at_risk(book: Book, r: Consultation, c: Comparison) -> None:
    """Everyone at risk, with the new posts they might slot into: for HR, never for publication."""
    before = book.document.scenario(r.from_name).structure
    fits: dict[str, list[str]] = {}
    for phased in c.phases:
        for candidate in phased.candidates:
            fits.setdefault(candidate.post_id, []).append(phased.title)
    headers = ["Phase", "Post ID", "Job Title", "Reason", "Establishment", "Occupational Group", "People"]
    if book.names:
        headers += ["Name", "Employee Number"]
    headers.append("Possible Slot-ins")
    sheet = book.table("At risk", headers, {"People": COUNT})
    names = {p.phase: p.name for p in r.phases}
    last = r.phases[-1].name
    for item in r.people:
        phase = names.get(item.phase, last) if item.phase is not None else last
        slots = list(fits.get(item.post_id, []))
        if item.reason == RESELECTED:
            slots.insert(0, f"{before.post(item.post_id).title} (re-established)")
        if item.reason == REDUCED:
            slots = ["pool: selection within the staff group"]
        row: list[str | int] = [
            phase, item.post_id, item.title, item.reason, item.establishment or "main", item.occupational_group,
            item.count,
        ]  # fmt: skip
        if book.names:
            row += [item.name, item.person_id]
        row.append("; ".join(slots))
        sheet.add(row)
    sheet.close("AtRisk")


def equality(book: Book, r: Consultation) -> None:
    """Counts per protected characteristic, suppressed as the PDF page shows them."""
    headers = ["Characteristic", "Category", "At Risk", "Workforce", "Suppressed"]
    sheet = book.table("Equality", headers, {"At Risk": COUNT, "Workforce": COUNT})
    for characteristic, cats in r.equality.items():
        for cat in cats:
            sheet.add(
                [label(characteristic), cat.category, cat.at_risk, cat.workforce, "yes" if cat.suppressed else ""]
            )
    sheet.close("Equality")
