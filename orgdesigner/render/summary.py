"""The summary page of a Cabinet pack: the key figures, and pictures of them.

Every figure on the page comes from one computation (the model's metrics of each scenario and its
comparison), so the table, the histograms and the comparison cannot disagree: the span histogram's
bars add up to the managers in the table, the layer histogram's to the posts placed, and the
comparison's "after" bars are the table's figures. Bars carry their numbers and the two scenarios
differ in pattern as well as colour, so nothing is told by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from orgdesigner.model.compare import Comparison, compare
from orgdesigner.model.consultation.analysis import appointments_line, senior_appointments
from orgdesigner.model.document import Document, Scenario
from orgdesigner.model.metrics import Metrics, compute, not_known
from orgdesigner.model.rules import Severity, check
from orgdesigner.render.card import chart_font

_Align = Qt.AlignmentFlag
TextFn = Callable[[QPainter, QRectF, str, float, bool, Qt.AlignmentFlag], None]
BEFORE = (QColor("#9e9e9e"), Qt.BrushStyle.BDiagPattern)
AFTER = (QColor("#1f5fa8"), Qt.BrushStyle.SolidPattern)
MAX_BARS = 16


@dataclass
class SummaryFigures:
    """What the summary page shows, worked out once."""

    scenario: str
    metrics: Metrics
    errors: int
    warnings: int
    core_share_max: float
    comparison: Comparison | None = None
    before: Metrics | None = None
    appointments: str = ""
    """Senior appointments members' rules cover (LGHA 1989 s.2), as one line."""

    def notes(self) -> list[str]:
        """The definitions the table's starred figures follow, printed under it."""
        return [f"* Management posts: {self.metrics.management_definition};", "  a shared post counts its share."]

    def rows(self) -> list[tuple[str, str]]:
        m = self.metrics
        rows = [
            ("Posts", f"{m.posts:,}" + (f" ({m.unplaced:,} not yet placed)" if m.unplaced else "")),
            ("Management posts*", f"{m.management_posts:,g}"),
            ("Managers with direct reports (spans of control)", f"{m.managers:,}"),
            ("FTE (posts and staff groups)", f"{m.fte_total:,.1f}{not_known(m.fte_unknown)}"),
            ("Pay bill", f"£{m.pay_bill:,.0f}{not_known(m.pay_unknown)}"),
            ("Pay bill with on-costs", f"£{m.cost_with_oncosts:,.0f}"),
            ("Layers", str(m.layers)),
            ("Span of control (min / mean / max)", f"{m.span_min} / {m.span_mean:.1f} / {m.span_max}"),
            ("Commissioning core share of FTE", f"{m.core_share:.1%} (limit {self.core_share_max:.0%})"),
            ("Findings", f"{self.errors} errors, {self.warnings} warnings"),
        ]
        c, before = self.comparison, self.before
        if c is not None and before is not None:
            rows += [
                (
                    f"Management posts* ({c.from_name} → {c.to_name})",
                    f"{c.management_posts_before:,g} → {c.management_posts_after:,g} "
                    f"({c.management_reduction:.0%} fewer)",
                ),
                (
                    f"Managers with direct reports ({c.from_name} → {c.to_name})",
                    f"{before.managers:,} → {m.managers:,}",
                ),
                ("Cost with on-costs", f"£{c.cost_before:,.0f} → £{c.cost_after:,.0f}"),
                ("Annual saving", f"£{c.annual_saving:,.0f}"),
                ("Posts added / deleted / moved", f"{len(c.added)} / {len(c.deleted)} / {len(c.moved)}"),
                ("Senior appointments (LGHA 1989 s.2)", self.appointments),
            ]
        return rows


def summary_figures(document: Document, scenario: Scenario) -> SummaryFigures:
    structure = scenario.structure
    metrics = compute(structure, document.profile)
    findings = check(structure, document.profile, document.council_type)
    figures = SummaryFigures(
        scenario.name,
        metrics,
        sum(f.severity is Severity.ERROR for f in findings),
        sum(f.severity is Severity.WARNING for f in findings),
        document.profile.core_share_max,
    )
    first = document.scenarios[0]
    if len(document.scenarios) > 1 and scenario is not first:
        figures.comparison = compare(document, first.name, scenario.name, phases=False)
        figures.before = compute(first.structure, document.profile)
        figures.appointments = appointments_line(senior_appointments(document, first.name, scenario.name))
    return figures


def binned(histogram: dict[int, int], bars: int = MAX_BARS) -> list[tuple[str, int]]:
    """A histogram as at most `bars` labelled bars: wide spreads are grouped into equal ranges."""
    if not histogram:
        return []
    low, high = min(histogram), max(histogram)
    width = max(1, math.ceil((high - low + 1) / bars))
    out: list[tuple[str, int]] = []
    for start in range(low, high + 1, width):
        end = min(start + width - 1, high)
        label = str(start) if start == end else f"{start}–{end}"
        out.append((label, sum(v for k, v in histogram.items() if start <= k <= end)))
    return out


def aligned(pairs: Sequence[dict[int, int]]) -> list[tuple[str, list[int]]]:
    """Several histograms over the same bins (before and after share the axis)."""
    merged: dict[int, int] = {}
    for h in pairs:
        for k, v in h.items():
            merged[k] = merged.get(k, 0) + v
    labels = [label for label, _ in binned(merged)]
    columns = [dict(binned({**dict.fromkeys(merged, 0), **h})) for h in pairs]
    return [(label, [col.get(label, 0) for col in columns]) for label in labels]


class SummaryPainter:
    """Paints the summary page's table and pictures in the chart area of a page."""

    def __init__(self, painter: QPainter, text: TextFn) -> None:
        self.painter = painter
        self._paint_text = text

    def text(
        self, painter: QPainter, rect: QRectF, text: str, size: float, bold: bool, align: Qt.AlignmentFlag
    ) -> None:
        painter.setPen(QColor("#000000"))
        self._paint_text(painter, rect, text, size, bold, align)

    def paint(self, figures: SummaryFigures, rect: QRectF) -> None:
        rows = figures.rows()
        label_w = max(QFontMetricsF(chart_font("DejaVu Sans", 9.5, True)).horizontalAdvance(r[0]) for r in rows) + 12
        value_w = max(QFontMetricsF(chart_font("DejaVu Sans", 9.5)).horizontalAdvance(r[1]) for r in rows) + 12
        table_w = min(label_w + value_w, rect.width() * 0.5)
        if label_w + value_w > table_w:  # long labels and values share the half page, both wrapping
            label_w = max(table_w * 0.45, table_w - value_w)
        y = rect.top()
        for label, value in rows:
            high = self._row(QRectF(rect.left(), y, label_w - 8, 20), label, True)
            y += max(high, self._row(QRectF(rect.left() + label_w, y, table_w - label_w, 20), value, False))
        for note in figures.notes():
            self.text(self.painter, QRectF(rect.left(), y, table_w, 16), note, 7.5, False, _LEFT)
            y += 14
        charts = QRectF(rect.left() + table_w + 24, rect.top(), rect.width() - table_w - 24, rect.height())
        m, before, c = figures.metrics, figures.before, figures.comparison
        names = [figures.scenario] if before is None or c is None else [c.from_name, c.to_name]
        spans = [m.span_histogram] if before is None else [before.span_histogram, m.span_histogram]
        layers = [m.layer_histogram] if before is None else [before.layer_histogram, m.layer_histogram]
        half_w = (charts.width() - 24) / 2
        top_h = charts.height() if c is None else charts.height() * 0.56
        self.histogram(
            QRectF(charts.left(), charts.top(), half_w, top_h),
            "Managers by span of control",
            "direct reports",
            "managers",
            aligned(spans),
            names,
        )
        self.histogram(
            QRectF(charts.left() + half_w + 24, charts.top(), half_w, top_h),
            "Posts by layer",
            "layer (1 = top)",
            "posts",
            aligned(layers),
            names,
        )
        if c is not None and before is not None:
            self.comparison(
                QRectF(charts.left(), charts.top() + top_h + 18, charts.width(), charts.height() - top_h - 18),
                c,
                before,
                m,
            )

    def _row(self, rect: QRectF, text: str, bold: bool) -> float:
        """One cell of the figures table, wrapped to its column when it does not fit on a line;
        returns the height the row needs."""
        font = chart_font("DejaVu Sans", 9.5, bold)
        flags = int(Qt.TextFlag.TextWordWrap)
        need = QFontMetricsF(font).boundingRect(QRectF(0, 0, rect.width(), 1000), flags, text).height()
        if need <= 20:
            self.text(self.painter, rect, text, 9.5, bold, _LEFT)
            return 22.0
        self.painter.setPen(QColor("#000000"))
        self.painter.setFont(font)
        self.painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), need + 2), flags | int(_LEFT), text)
        return need + 6

    def _legend(self, x: float, y: float, names: Sequence[str]) -> None:
        styles = [BEFORE, AFTER] if len(names) == 2 else [AFTER]
        for name, (colour, pattern) in zip(names, styles, strict=True):
            self._swatch(QRectF(x, y + 3, 14, 10), colour, pattern)
            self.text(self.painter, QRectF(x + 18, y, 200, 16), name, 8, False, _LEFT)
            x += 26 + self.painter.fontMetrics().horizontalAdvance(name)

    def _swatch(self, rect: QRectF, colour: QColor, pattern: Qt.BrushStyle) -> None:
        p = self.painter
        p.setPen(QPen(colour.darker(140), 0.8))
        p.setBrush(QBrush(QColor("#ffffff")))
        p.drawRect(rect)
        p.setBrush(QBrush(colour, pattern))
        p.drawRect(rect)

    def histogram(
        self,
        rect: QRectF,
        title: str,
        x_label: str,
        y_label: str,
        bars: list[tuple[str, list[int]]],
        names: Sequence[str],
    ) -> None:
        p = self.painter
        self.text(p, QRectF(rect.left(), rect.top(), rect.width(), 20), title, 10, True, _LEFT)
        self._legend(rect.left(), rect.top() + 20, names)
        plot = QRectF(rect.left() + 34, rect.top() + 52, rect.width() - 40, rect.height() - 52 - 34)
        if not bars or plot.height() < 40:
            self.text(p, plot, "nothing to show", 8, False, _LEFT)
            return
        top = max(max(values) for _, values in bars) or 1
        p.setPen(QPen(QColor("#555555"), 0.8))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        p.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.left(), plot.bottom()))
        self.text(p, QRectF(plot.left() - 34, plot.top() - 8, 30, 16), f"{top:,}", 7, False, _RIGHT)
        self.text(p, QRectF(plot.left() - 34, plot.bottom() - 8, 30, 16), "0", 7, False, _RIGHT)
        slot = plot.width() / len(bars)
        series = len(bars[0][1])
        styles = [BEFORE, AFTER] if series == 2 else [AFTER]
        bar_w = min(40.0, slot * 0.8 / series)
        for i, (label, values) in enumerate(bars):
            x = plot.left() + i * slot + (slot - bar_w * series) / 2
            for value, (colour, pattern) in zip(values, styles, strict=True):
                h = plot.height() * value / top
                if value:
                    self._swatch(QRectF(x, plot.bottom() - h, bar_w, h), colour, pattern)
                if any(values):  # a zero beside the other scenario's bar says something; two zeros do not
                    number = QRectF(x - 10, plot.bottom() - h - 14, bar_w + 20, 13)
                    self.text(p, number, f"{value:,}", 7, False, _CENTRE)
                x += bar_w
            self.text(p, QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, 14), label, 7, False, _CENTRE)
        self.text(p, QRectF(plot.left(), plot.bottom() + 16, plot.width(), 14), x_label, 7.5, False, _CENTRE)
        p.save()
        p.translate(rect.left() + 6, plot.center().y())
        p.rotate(-90)
        self.text(p, QRectF(-60, -8, 120, 14), y_label, 7.5, False, _CENTRE)
        p.restore()

    def comparison(self, rect: QRectF, c: Comparison, before: Metrics, after: Metrics) -> None:
        """Before and after, one pair of bars per measure, each measure on its own scale."""
        p = self.painter
        self.text(p, QRectF(rect.left(), rect.top(), rect.width(), 20), f"{c.from_name} → {c.to_name}", 10, True, _LEFT)
        self._legend(rect.left(), rect.top() + 20, [c.from_name, c.to_name])
        measures: list[tuple[str, float, float, Callable[[float], str]]] = [
            ("Management posts", c.management_posts_before, c.management_posts_after, lambda v: f"{v:,g}"),
            ("Managers", before.managers, after.managers, lambda v: f"{v:,.0f}"),
            ("Posts", c.posts_before, c.posts_after, lambda v: f"{v:,.0f}"),
            ("FTE", c.fte_before, c.fte_after, lambda v: f"{v:,.1f}"),
            ("Cost with on-costs", c.cost_before, c.cost_after, lambda v: f"£{v:,.0f}"),
            ("Layers", c.layers_before, c.layers_after, lambda v: f"{v:,.0f}"),
        ]
        y = rect.top() + 44
        row_h = max(22.0, min(40.0, (rect.bottom() - y) / len(measures)))
        label_w = 150.0
        bar_room = rect.width() - label_w - 140
        for name, b, a, fmt in measures:
            self.text(p, QRectF(rect.left(), y, label_w, row_h), name, 8.5, True, _LEFT)
            top = max(b, a) or 1
            for i, (value, (colour, pattern)) in enumerate(((b, BEFORE), (a, AFTER))):
                h = (row_h - 6) / 2
                bar = QRectF(rect.left() + label_w, y + 2 + i * h, max(1.0, bar_room * value / top), h - 1)
                self._swatch(bar, colour, pattern)
                self.text(p, QRectF(bar.right() + 6, bar.top() - 2, 130, h + 2), fmt(value), 7.5, False, _LEFT)
            y += row_h


_LEFT = Qt.AlignmentFlag.AlignLeft
_RIGHT = Qt.AlignmentFlag.AlignRight
_CENTRE = Qt.AlignmentFlag.AlignHCenter
