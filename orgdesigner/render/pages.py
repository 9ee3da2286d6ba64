"""Cabinet pack output: a chart split into printable pages, painted on any QPainter device.

Small structures fit one page. Larger ones are paginated by branch: an overview page with the top
tiers, then each branch that does not fit continued on its own page(s), each cut card marked
"continued on page N" and each continuation page titled with its parent post. Text is never
printed below the minimum size: pages are added rather than the chart shrunk.

Geometry is in 1/96 inch (the screen's unit), so 100% on paper is the size on screen at 100%.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPen

from orgdesigner.formats import safe_io
from orgdesigner.model.compare import compare
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.errors import FileProblem
from orgdesigner.model.finance.savings import SavingsProfile
from orgdesigner.model.post import Side
from orgdesigner.render.card import (
    SIDE_COLOURS,
    STATUS_MARKS,
    CardStyle,
    chart_font,
    line_pen,
)
from orgdesigner.render.paginate import PageSpec, plan_pages, reading_order
from orgdesigner.render.painter import ChartPainter
from orgdesigner.render.pdfmeta import check_language, set_language
from orgdesigner.render.savings_pdf import paint_cost_of_change
from orgdesigner.render.summary import SummaryPainter, summary_figures

UNIT_PER_INCH = 96.0
HEADER_H, FOOTER_H, LEGEND_H = 64.0, 34.0, 30.0


@dataclass
class PrintOptions:
    paper: str = "A4"  # A4 or A3
    landscape: bool = True
    margin_mm: float = 12.0
    names: bool = False  # the pack is published: names withheld unless asked for
    pay_as_grade: bool = False
    title: str = ""
    committee: str = ""
    meeting_date: str = ""
    appendix: str = ""
    marking: str = "OFFICIAL"
    summary: bool = False
    branch: str | None = None
    scenario: str | None = None
    min_font_pt: float = 7.0
    language: str = "en-GB"  # the PDF's and the HTML version's language (screen readers pick a voice by it)


@dataclass
class PrintReport:
    """What was printed, for tests and the command line: pages and the smallest text size used."""

    pages: int = 0
    smallest_font_pt: float = 99.0
    titles: list[str] = field(default_factory=list)


def page_size(options: PrintOptions) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.A3 if options.paper.upper() == "A3" else QPageSize.PageSizeId.A4)


def page_layout(options: PrintOptions) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if options.landscape else QPageLayout.Orientation.Portrait
    m = options.margin_mm
    return QPageLayout(page_size(options), orientation, QMarginsF(m, m, m, m), QPageLayout.Unit.Millimeter)


def chart_area(options: PrintOptions) -> QSizeF:
    """The space for the chart on one page, in 1/96 inch."""
    rect = page_layout(options).paintRect(QPageLayout.Unit.Inch)
    breathing = 12.0
    return QSizeF(
        rect.width() * UNIT_PER_INCH, rect.height() * UNIT_PER_INCH - HEADER_H - FOOTER_H - LEGEND_H - breathing
    )


# ---- painting -------------------------------------------------------------------------------------


def _font(size: float, bold: bool = False) -> QFont:
    return chart_font("DejaVu Sans", size, bold)


class PackPainter:
    """Paints the pages of a Cabinet pack appendix on a paged device (PDF writer or printer)."""

    def __init__(self, document: Document, options: PrintOptions) -> None:
        self.document = document
        self.options = options
        self.scenario = document.scenario(options.scenario)
        self.structure = self.scenario.structure
        self.style = CardStyle(show_names=options.names, pay_as_grade=options.pay_as_grade, title_lines=4, title_pt=7.5)
        self.report = PrintReport()
        self.area = chart_area(options)
        if options.branch is not None:
            self.structure.post(options.branch)  # an unknown branch is refused with its id
            roots = [options.branch]
        else:
            roots = [*self.structure.roots(), *self.structure.holding()]
        self.pages = plan_pages(self.structure, roots, self.area)
        self.finance = _cost_of_change(document, self.scenario) if options.summary else None
        self.extra = (2 if self.finance is not None else 1) if options.summary else 0
        for spec in self.pages:
            spec.number += self.extra
            if spec.continued_from is not None:
                spec.continued_from += self.extra
            spec.continued = {p: n + self.extra for p, n in spec.continued.items()}
        self.total = len(self.pages) + self.extra
        self._continues: dict[str, int] = {}
        for spec in self.pages:
            for parent in spec.parents:
                self._continues.setdefault(parent, spec.number)

    def continued_on(self, post_id: str) -> int | None:
        """The page a cut card continues on (the first part, when its team is split)."""
        return self._continues.get(post_id)

    def paint(self, device: QPagedPaintDevice, progress: Callable[[int, int], None] | None = None) -> PrintReport:
        device.setPageLayout(page_layout(self.options))
        painter = QPainter()
        if not painter.begin(device):
            raise FileProblem(
                "Could not start printing: the printer or file refused the job. Check the file's "
                "folder exists and is writable, or choose another printer."
            )
        try:
            self._paint_pages(device, painter, progress)
        finally:
            painter.end()
        self.report.pages = self.total
        return self.report

    def _paint_pages(
        self, device: QPagedPaintDevice, painter: QPainter, progress: Callable[[int, int], None] | None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # The device works at 96 dpi (see write_pdf and the print dialog), so one unit is one
        # screen pixel and point-sized fonts come out at their true size.
        first = True
        if self.options.summary:
            self._page_furniture(painter, 1, "Summary")
            self._summary(painter)
            self._footer(painter, 1)
            first = False
        if self.finance is not None:
            device.newPage()
            self._page_furniture(painter, 2, "Cost of change")
            area = QRectF(0, HEADER_H + 8, self.area.width(), self.area.height() + LEGEND_H - 8)
            first_name = self.document.scenarios[0].name
            title = f"Savings profile: {first_name} → {self.scenario.name}"
            paint_cost_of_change(
                painter, area, self.finance, self._text, self.document.profile.package_threshold, title
            )
            self._footer(painter, 2)
        for spec in self.pages:
            if not first:
                device.newPage()
            first = False
            heading = self._heading(spec)
            self._page_furniture(painter, spec.number, heading)
            self._chart(painter, spec)
            self._legend(painter)
            self._footer(painter, spec.number)
            if progress:
                progress(spec.number, self.total)

    def _heading(self, spec: PageSpec) -> str:
        if not spec.parents and spec.part is None:
            if all(self.structure.is_held(t) for t in spec.tops):
                names = ", ".join(self.structure.post(t).title for t in spec.tops)
                return f"Holding area: {names} (manager not known)"
            return "Overview" if any(s.parents for s in self.pages) else "Structure"
        anchors = spec.parents or spec.tops[:1]
        pages_from = {spec.continued.get(a) for a in anchors}
        one_source = len(pages_from) == 1
        titles = [
            self.structure.post(a).title
            + ("" if one_source or a not in spec.continued else f" (from page {spec.continued[a]})")
            for a in anchors
        ]
        named = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]
        part = f" (part {spec.part[0]} of {spec.part[1]})" if spec.part else ""
        came = f" — continued from page {spec.continued_from}" if spec.continued_from and one_source else ""
        return f"Reports of {named}{part}{came}"

    def _text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        size: float,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        painter.setFont(_font(size, bold))
        painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)
        self.report.smallest_font_pt = min(self.report.smallest_font_pt, size)

    def _page_furniture(self, painter: QPainter, number: int, heading: str) -> None:
        o = self.options
        width = self.area.width()
        painter.setPen(QColor("#000000"))
        self._text(painter, QRectF(0, 0, width * 0.72, 22), pack_title(self.document, o), 13, bold=True)
        meeting = " · ".join(x for x in (o.committee, o.meeting_date) if x)
        self._text(painter, QRectF(0, 22, width * 0.72, 18), meeting, 9)
        if o.appendix:
            self._text(
                painter, QRectF(width * 0.72, 0, width * 0.28, 22), o.appendix, 11, True, Qt.AlignmentFlag.AlignRight
            )
        self._text(painter, QRectF(0, 40, width, 20), heading, 10, bold=True)
        self.report.titles.append(heading)
        painter.setPen(QPen(QColor("#999999"), 0.8))
        painter.drawLine(QPointF(0, HEADER_H - 2), QPointF(width, HEADER_H - 2))

    def _footer(self, painter: QPainter, number: int) -> None:
        """Painted after the page's content, so text extracted from the PDF reads title, chart, footer."""
        o = self.options
        width = self.area.width()
        full_h = self.area.height() + HEADER_H + FOOTER_H + LEGEND_H
        painter.setPen(QPen(QColor("#999999"), 0.8))
        y = full_h - FOOTER_H + 8
        painter.drawLine(QPointF(0, y - 4), QPointF(width, y - 4))
        painter.setPen(QColor("#000000"))
        printed = dt.date.today().strftime("%d %B %Y")
        self._text(painter, QRectF(0, y, width / 3, 20), f"Scenario: {self.scenario.name} · printed {printed}", 8)
        if o.marking:
            self._text(
                painter, QRectF(width / 3, y, width / 3, 20), o.marking.upper(), 10, True, Qt.AlignmentFlag.AlignHCenter
            )
        self._text(
            painter,
            QRectF(2 * width / 3, y, width / 3, 20),
            f"Page {number} of {self.total}",
            8,
            align=Qt.AlignmentFlag.AlignRight,
        )

    def _chart(self, painter: QPainter, spec: PageSpec) -> None:
        lay = spec.layout
        assert lay is not None
        area = self.area
        fit = min(area.width() / max(lay.width, 1), area.height() / max(lay.height, 1))
        scale = max(1.0, min(fit, 1.15))  # never below 100%: pages are added instead
        x0 = (area.width() - lay.width * scale) / 2
        painter.save()
        painter.translate(x0, HEADER_H + 4)
        painter.scale(scale, scale)
        if lay.positions:
            smallest_on_card = min(self.style.detail_pt, self.style.title_pt) * scale
            self.report.smallest_font_pt = min(self.report.smallest_font_pt, smallest_on_card)

        def continued(on: QPainter, post_id: str, rect: QRectF) -> None:
            if post_id not in spec.cut:
                return
            target = self.continued_on(post_id)
            on.setPen(QColor("#b00020"))
            below = QRectF(rect.left(), rect.bottom() + 1, rect.width(), 14)
            label = f"continued on page {target}" if target else "continued"
            self._text(on, below, label, 7.5, True, Qt.AlignmentFlag.AlignHCenter)
            on.setPen(QColor("#000000"))

        hidden = {p: len(self.structure.subtree(p)) - 1 for p in spec.cut}
        # cards painted in reading order (each manager, then its team), so the PDF's text is too
        lay.positions = {p: lay.positions[p] for p in reading_order(spec.tops, spec.reports)}
        ChartPainter(self.structure, self.style).paint(painter, lay, spec.reports, hidden, continued)
        painter.restore()

    def _legend(self, painter: QPainter) -> None:
        y = HEADER_H + self.area.height() + 6
        x = 0.0
        painter.save()
        painter.setPen(QColor("#000000"))  # legend text is black whatever the chart last drew with
        for side in Side:
            painter.fillRect(QRectF(x, y + 5, 14, 10), SIDE_COLOURS[side])
            self._text(painter, QRectF(x + 18, y, 120, 20), side.label, 7)
            x += 128
        painter.setFont(_font(7, True))
        for text, colour in STATUS_MARKS.values():
            w = painter.fontMetrics().horizontalAdvance(text) + 10
            painter.fillRect(QRectF(x, y + 4, w, 12), colour)
            painter.setPen(QColor("#ffffff"))
            self._text(painter, QRectF(x, y, w, 20), text, 7, True, Qt.AlignmentFlag.AlignHCenter)
            painter.setPen(QColor("#000000"))
            x += w + 6
        pen = line_pen(dotted=True)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y + 10), QPointF(x + 24, y + 10))
        painter.setPen(QColor("#000000"))
        painter.setFont(_font(7))
        label_w = painter.fontMetrics().horizontalAdvance("dotted line") + 8
        self._text(painter, QRectF(x + 28, y, label_w, 20), "dotted line", 7)
        x += 28 + label_w + 6
        self._text(
            painter,
            QRectF(x, y, self.area.width() - x, 20),
            "Dark badge: statutory role · dashed: vacant · +N: posts below",
            7,
        )
        painter.restore()

    def _summary(self, painter: QPainter) -> None:
        figures = summary_figures(self.document, self.scenario)
        rect = QRectF(0, HEADER_H + 8, self.area.width(), self.area.height() + LEGEND_H - 8)
        SummaryPainter(painter, self._text).paint(figures, rect)


def _cost_of_change(document: Document, scenario: Scenario) -> SavingsProfile | None:
    """The savings profile against the file's first scenario, for the page after the summary."""
    first = document.scenarios[0]
    if len(document.scenarios) < 2 or scenario is first:
        return None
    return compare(document, first.name, scenario.name, phases=False).finance


def pack_title(document: Document, options: PrintOptions) -> str:
    """The title printed on every page, and the PDF's and the HTML version's title."""
    scenario = document.scenario(options.scenario)
    return options.title or f"{document.organisation}: {scenario.name.lower()} management structure"


def write_pdf(
    document: Document, path: str, options: PrintOptions, progress: Callable[[int, int], None] | None = None
) -> PrintReport:
    from PySide6.QtGui import QPdfWriter

    check_language(options.language)
    folder = Path(path).resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise FileProblem(f"Could not write {path}: the folder {folder} does not exist or is read-only.")
    with safe_io.output_path(path, complete=safe_io.pdf_complete) as temp:  # renamed over the target when whole
        writer = QPdfWriter(str(temp))
        writer.setResolution(int(UNIT_PER_INCH))
        writer.setTitle(pack_title(document, options))
        writer.setAuthor(document.organisation)
        writer.setCreator("orgdesigner")
        report = PackPainter(document, options).paint(writer, progress)
        del writer  # closes the file before it is renamed
        set_language(Path(temp), options.language)
    return report
