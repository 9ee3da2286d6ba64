"""The consultation PDF: the collective consultation and HR1 page and the equality page, for the
trade unions' pack and the Cabinet report's appendices.

Public papers: no names appear, only senior post titles and counts. The equality page prints the
suppressed counts as the analysis gives them ('*'), never a figure a reader could subtract from a
total to find a suppressed one, and no percentage of a suppressed count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from orgdesigner.formats import safe_io
from orgdesigner.model.consultation.analysis import Consultation
from orgdesigner.model.consultation.appointments import PROTECTED_PROCESS
from orgdesigner.model.consultation.equality import label
from orgdesigner.model.errors import FileProblem
from orgdesigner.render.card import chart_font

DPI = 96
WIDTH, HEIGHT = 210 / 25.4 * DPI - 2 * 60, 297 / 25.4 * DPI - 2 * 60  # A4 portrait inside 60-unit margins
_LEFT, _RIGHT = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight


@dataclass
class PdfHeading:
    organisation: str
    marking: str = "OFFICIAL"
    appendix: str = ""


class _Pages:
    """Writes lines and small tables down A4 pages, starting a new page when one is full."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, heading: PdfHeading) -> None:
        self.writer, self.painter, self.heading = writer, painter, heading
        self.y = 0.0
        self.page = 0
        self.titles: list[str] = []

    def new_page(self, title: str) -> None:
        if self.page:
            self.writer.newPage()
        self.page += 1
        self.titles.append(title)
        h = self.heading
        self.text(QRectF(0, 0, WIDTH * 0.7, 22), h.organisation, 12, True)
        if h.appendix:
            self.text(QRectF(WIDTH * 0.7, 0, WIDTH * 0.3, 22), h.appendix, 11, True, _RIGHT)
        self.text(QRectF(0, 24, WIDTH, 20), title, 11, True)
        self.painter.setPen(QPen(QColor("#999999"), 0.8))
        self.painter.drawLine(QPointF(0, 48), QPointF(WIDTH, 48))
        printed = dt.date.today().strftime("%d %B %Y")
        self.text(QRectF(0, HEIGHT - 18, WIDTH / 2, 18), f"Printed {printed} · page {self.page}", 8)
        if h.marking:
            self.text(QRectF(WIDTH / 2, HEIGHT - 18, WIDTH / 2, 18), h.marking.upper(), 9, True, _RIGHT)
        self.y = 58.0

    def text(self, rect: QRectF, text: str, size: float, bold: bool = False, align: Qt.AlignmentFlag = _LEFT) -> None:
        self.painter.setPen(QColor("#000000"))
        self.painter.setFont(chart_font("DejaVu Sans", size, bold))
        self.painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap), text)

    def height(self, text: str, width: float, size: float, bold: bool = False) -> float:
        """The height `text` takes wrapped in `width`, measured on the PDF itself."""
        self.painter.setFont(chart_font("DejaVu Sans", size, bold))
        return self.painter.boundingRect(QRectF(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text).height()

    def para(self, text: str, size: float = 9, bold: bool = False) -> None:
        height = self.height(text, WIDTH, size, bold) + 2
        self._room(height)
        self.text(QRectF(0, self.y, WIDTH, height), text, size, bold)
        self.y += height + 4

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
        xs = [0.0]
        for w in widths[:-1]:
            xs.append(xs[-1] + w * WIDTH)
        numeric = [bool(rows) and all(_numeric(r[i]) for r in rows) for i in range(len(headers))]
        spec = (headers, xs, widths, numeric)
        self._room(40)
        self._row(headers, spec, True)
        for row in rows:
            self._room(self._row_height(row, widths), spec)
            self._row(row, spec, False)
        self.y += 8

    def _row_height(self, cells: list[str], widths: list[float], bold: bool = False) -> float:
        return max(self.height(t, w * WIDTH - 6, 8, bold) for t, w in zip(cells, widths, strict=True)) + 4

    def _row(self, cells: list[str], spec: _Spec, bold: bool) -> None:
        _headers, xs, widths, numeric = spec
        h = self._row_height(cells, widths, bold)
        for x, w, text, right in zip(xs, widths, cells, numeric, strict=True):
            self.text(QRectF(x + 2, self.y, w * WIDTH - 6, h), text, 8, bold, _RIGHT if right else _LEFT)
        if bold:
            self.painter.setPen(QPen(QColor("#999999"), 0.6))
            self.painter.drawLine(QPointF(0, self.y + h), QPointF(WIDTH, self.y + h))
        self.y += h + 1

    def _room(self, height: float, spec: _Spec | None = None) -> None:
        """Start a new page (repeating a table's header) when `height` more would not fit."""
        if self.y + height <= HEIGHT - 26:
            return
        self.new_page(self.titles[-1].removesuffix(" (continued)") + " (continued)")
        if spec is not None:
            self._row(spec[0], spec, True)


_Spec = tuple[list[str], list[float], list[float], list[bool]]


def _numeric(text: str) -> bool:
    return text[:1].isdigit() or text in ("*", "—")


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "—"


def hr1_page(pages: _Pages, r: Consultation) -> None:
    pages.new_page("Collective consultation and HR1 (TULRCA 1992 s.188 and s.193)")
    pages.para(
        f"The proposal ({r.from_name} → {r.to_name}) puts {r.at_risk:,} people at risk of dismissal for a reason "
        "not related to the individual (s.195): posts deleted, or re-established with re-selection, and reductions "
        "in staff groups. Consultation with the recognised trade unions must begin at least 30 days (20 to 99 people "
        "at one establishment within 90 days) or 45 days (100 or more) before the first dismissal takes effect; "
        "people whose consultation has already begun are not counted again (s.188(3)). Notice runs after the "
        f"consultation and before the dismissal. Dates are counted from {r.today.isoformat()} where no start is "
        "recorded."
    )
    rows = []
    for p in r.phases:
        t = p.timetable
        state = "history" if t.past else {True: "enough", False: "TOO LITTLE", None: "not dated"}[t.enough_time]
        rows.append([
            p.name, _iso(p.first_dismissal), f"{p.at_risk:,}", f"{p.counted:,}",
            f"{t.consultation_days} days" if t.consultation_days else "none", _iso(t.consult_by), _iso(t.hr1_by),
            f"{p.notice_weeks:g} wk", state,
        ])  # fmt: skip
    pages.table(
        ["Phase", "First dismissal", "At risk", "Counted", "Consult", "Start by", "HR1 by", "Notice", "Time"],
        rows,
        [0.12, 0.13, 0.08, 0.09, 0.10, 0.13, 0.13, 0.09, 0.13],
    )
    pages.para("HR1 particulars: numbers by occupational group and reason, selection method and timing", 9.5, True)
    for p in r.phases:
        if not p.at_risk:
            continue
        groups = "; ".join(f"{name} {count:,}" for name, count in sorted(p.groups.items(), key=lambda g: -g[1]))
        reasons = "; ".join(f"{name} {count:,}" for name, count in p.reasons.items())
        pages.para(f"{p.name} (first dismissal {_iso(p.first_dismissal)}): {groups}. Reasons: {reasons}.", 8.5)
        pages.para(f"Selection: {p.selection}.", 8.5)
    for error in r.errors():
        pages.para(f"Error in law: {error}", 9, True)
    pages.para(
        "Senior appointments (LGHA 1989 s.2; Local Authorities (Standing Orders) (England) Regulations 2001)", 9.5, True
    )
    if r.member_appointments:
        pages.table(
            ["Post", "Kind", "Why", "Appointed by"],
            [[a.title, a.kind, a.why, a.appointed_by] for a in r.member_appointments],
            [0.34, 0.17, 0.14, 0.35],
        )
    else:
        pages.para("None of the posts to be filled is a chief or deputy chief officer post.", 8.5)
    if r.protected_dismissals:
        pages.para(
            f"At risk and needing {PROTECTED_PROCESS}: "
            + "; ".join(f"{d.title} ({d.role})" for d in r.protected_dismissals)
            + ".",
            8.5,
        )


def equality_page(pages: _Pages, r: Consultation) -> None:
    pages.new_page("Equality analysis (Equality Act 2010 s.149)")
    pages.para(
        f"{r.at_risk:,} people at risk, of a workforce of {r.workforce:,}. Counts from 1 to {r.threshold - 1} are "
        "shown as *, with further counts where one could otherwise be found by subtraction. 'Not recorded' is "
        "where HR holds no answer. Age is at the date counted from."
    )
    for characteristic, cats in r.equality.items():
        pages.para(label(characteristic), 9.5, True)
        rows = []
        for c in cats:
            share = f"{c.at_risk / c.workforce:.1%}" if c.at_risk is not None and c.workforce else "—"
            rows.append([c.category, _n(c.at_risk), _n(c.workforce), share])
        pages.table(["Category", "At risk", "Workforce", "At risk as share"], rows, [0.46, 0.18, 0.18, 0.18])


def _n(value: int | None) -> str:
    return "*" if value is None else f"{value:,}"


def write_consultation_pdf(result: Consultation, path: Path, heading: PdfHeading) -> list[str]:
    """Write the consultation and equality pages; returns their titles."""
    folder = Path(path).resolve().parent
    if not folder.is_dir():
        raise FileProblem(f"Could not write {path}: the folder {folder} does not exist.")
    with safe_io.output_path(path, complete=safe_io.pdf_complete) as temp:
        writer = QPdfWriter(str(temp))
        writer.setResolution(DPI)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter))  # fmt: skip
        writer.setTitle(f"{heading.organisation}: consultation and equality analysis")
        writer.setCreator("orgdesigner")
        painter = QPainter()
        if not painter.begin(writer):
            raise FileProblem(f"Could not start writing {path}.")
        try:
            pages = _Pages(writer, painter, heading)
            hr1_page(pages, result)
            equality_page(pages, result)
        finally:
            painter.end()
        del writer
    return pages.titles
