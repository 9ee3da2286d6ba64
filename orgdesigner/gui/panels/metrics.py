"""The metrics panel: spans and layers, FTE and cost by side, the core share, drawn with QPainter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QWidget,
)

from orgdesigner.gui.document import DocumentController
from orgdesigner.model.metrics import Metrics, compute, not_known
from orgdesigner.model.post import Side


class MetricsPanel(QWidget):
    """Small charts drawn with QPainter: spans and layers, FTE and cost by side, the core share."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.metrics: Metrics | None = None  # computed when first shown: opening stays quick
        self.setMinimumSize(260, 420)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)  # a burst of edits recomputes once
        self._timer.timeout.connect(self.recompute)
        controller.structureChanged.connect(self._changed)

    def _changed(self, _touched: object) -> None:
        self.metrics = None
        if self.isVisible():
            self._timer.start()

    def recompute(self) -> None:
        self.metrics = compute(self.controller.structure, self.controller.document.profile)
        self.update()

    def summary_text(self) -> str:
        """The totals at the top (totals leave out what is not known and say how many), and the
        management-post definition."""
        m = self.metrics
        if m is None:
            return ""
        return (
            f"{m.posts:,} posts · {m.management_posts:,g} management posts* · {m.managers:,} managers with "
            f"direct reports · {m.fte_total:,.1f} FTE{not_known(m.fte_unknown)} · {m.layers} layers\n"
            f"Pay bill £{m.pay_bill:,.0f}{not_known(m.pay_unknown)} · with on-costs £{m.cost_with_oncosts:,.0f}\n"
            f"* {m.management_definition}; a shared post counts its share"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        m = self.metrics
        painter = QPainter(self)
        if m is None:  # computed just after this paint, so the window shows at once
            painter.drawText(QRectF(10, 10, self.width() - 20, 20), "Working out the figures…")
            painter.end()
            self._timer.start()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width() - 20
        y = 10.0
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(10, y, w, 70), int(Qt.TextFlag.TextWordWrap), self.summary_text())
        y += 78
        y = self._bars(
            painter,
            y,
            w,
            "Span of control (managers)",
            {str(k): v for k, v in m.span_histogram.items()},
            highlight=lambda k: int(k) < self.controller.document.profile.min_span,
        )
        y = self._bars(
            painter,
            y,
            w,
            "Posts by layer",
            {str(k): v for k, v in m.layer_histogram.items()},
            highlight=lambda k: int(k) > self.controller.document.profile.max_layers,
        )
        sides = {Side(k).label if k != "unknown" else "Unknown": v for k, v in m.fte_by_side.items()}
        y = self._bars(painter, y, w, "FTE by side", sides, highlight=lambda k: False)
        limit = self.controller.document.profile.core_share_max
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(10, y, w, 18), f"Core share {m.core_share:.1%} (limit {limit:.0%})")
        y += 20
        painter.fillRect(QRectF(10, y, w, 12), QColor("#e0e0e0"))
        over = m.core_share > limit
        painter.fillRect(QRectF(10, y, w * min(m.core_share, 1.0), 12), QColor("#c62828" if over else "#1f5fa8"))
        painter.setPen(QColor("#000000"))
        painter.drawLine(int(10 + w * limit), int(y - 3), int(10 + w * limit), int(y + 15))
        painter.end()

    def _bars(self, painter: QPainter, y: float, w: float, title: str, data: dict[str, float], highlight: Any) -> float:
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(10, y, w, 18), title)
        y += 20
        if not data:
            return y + 10
        top = max(data.values()) or 1
        height = 60.0
        bar_w = max(4.0, min(28.0, (w - 10) / len(data) - 3))
        x = 12.0
        for key, value in data.items():
            h = height * value / top
            painter.fillRect(QRectF(x, y + height - h, bar_w, h), QColor("#c62828" if highlight(key) else "#5b7fa8"))
            painter.setPen(QColor("#444444"))
            painter.drawText(QRectF(x - 6, y + height + 1, bar_w + 12, 14), int(Qt.AlignmentFlag.AlignHCenter), key)
            x += bar_w + 3
            if x > w:
                break
        return y + height + 24
