"""The comparison panel: two scenarios side by side, changed posts lit on the chart."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.gui import scenario_boxes
from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.highlights import Layer
from orgdesigner.model.compare import Comparison, compare


class ComparisonPanel(QWidget):
    """Two scenarios side by side: summary, small before/after bars, changed posts lit on the chart.

    Signals:
        highlight(set): the posts lit on the chart's comparison layer (the 'to' scenario's changes).
    """

    highlight = Signal(object)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        row = QFormLayout()
        self.from_box = QComboBox()
        self.to_box = QComboBox()
        row.addRow("&From", self.from_box)
        row.addRow("&To", self.to_box)
        layout.addLayout(row)
        self.show_changes = QCheckBox("&Light changed posts on the chart")
        layout.addWidget(self.show_changes)
        self.bars = _BeforeAfterBars()
        layout.addWidget(self.bars)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        self.comparison: Comparison | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.recompute)
        self.from_box.activated.connect(lambda _i: self.recompute())
        self.to_box.activated.connect(lambda _i: self.recompute())
        self.show_changes.toggled.connect(lambda _on: self._emit_highlight())
        controller.structureChanged.connect(self._changed)
        controller.scenarioChanged.connect(self.fill)
        self.fill()

    def _changed(self, _touched: object) -> None:
        if self.isVisible():  # a hidden panel computes when shown: opening a large file stays quick
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()  # after the window has painted

    def fill(self) -> None:
        names = [s.name for s in self.controller.document.scenarios]
        scenario_boxes.refill(self.from_box, self.to_box, names)
        if self.to_box.currentText() not in names or self.from_box.currentText() == self.to_box.currentText():
            self.to_box.setCurrentText(self.controller.scenario_name)
        if self.isVisible():
            self.recompute()

    def recompute(self) -> None:
        document = self.controller.document
        a, b = self.from_box.currentText(), self.to_box.currentText()
        if not a or not b:
            return
        if a == b:  # nothing to compare (a file with one scenario): no need to work through it
            self.comparison = None
            self.text.setPlainText(
                f"From and To are both '{a}'. Choose two scenarios to compare, or start a proposal "
                "with Scenario → Duplicate scenario."
            )
            self.bars.set_comparison(None)
            self._emit_highlight()
            return
        self.comparison = compare(document, a, b, phases=False)  # phases: in the HR export and CLI
        self.text.setPlainText(self.comparison.summary())
        self.bars.set_comparison(self.comparison)
        self._emit_highlight()

    def _emit_highlight(self) -> None:
        c = self.comparison
        showing = self.controller.scenario_name
        on = self.show_changes.isChecked() and c is not None and c.to_name == showing
        lit = c.changed_posts() if on and c is not None else set()
        self.controller.highlights.set(Layer.COMPARISON, lit)
        self.highlight.emit(lit)


class _BeforeAfterBars(QWidget):
    """Management posts and cost with on-costs, before and after."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumHeight(110)
        self.comparison: Comparison | None = None

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        c = self.comparison
        if c is None:
            return
        painter = QPainter(self)
        w = self.width() - 20
        pairs = [
            (
                f"Management posts ({c.management_definition})",
                c.management_posts_before,
                c.management_posts_after,
                f"{c.management_posts_before:,g}",
                f"{c.management_posts_after:,g}",
            ),
            (
                "Cost with on-costs",
                c.cost_before,
                c.cost_after,
                f"£{c.cost_before / 1e6:,.2f}m",
                f"£{c.cost_after / 1e6:,.2f}m",
            ),
        ]
        y = 4.0
        for label, before, after, before_text, after_text in pairs:
            top = max(before, after) or 1
            painter.setPen(QColor("#222222"))
            painter.drawText(QRectF(10, y, w, 16), label)
            y += 17
            for value, text, colour in ((before, before_text, "#9e9e9e"), (after, after_text, "#1f5fa8")):
                painter.fillRect(QRectF(10, y, (w - 90) * value / top, 12), QColor(colour))
                painter.drawText(QRectF(w - 75, y - 2, 85, 16), text)
                y += 15
            y += 6
        painter.end()
