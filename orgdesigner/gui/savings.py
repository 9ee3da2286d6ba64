"""The Savings panel: what the change saves in each financial year, net of its one-off costs.

Bars by financial year (saving above the line, one-off costs below it, the net marked), with the
full-year effect, payback and the expected numbers of people; Year 1, the horizon, the turnover rate
and the one-off lines are edited here, each as one undoable action. The figures follow every edit
(recomputed shortly after it, and only while the panel is on screen). Personal data never shows here:
exit packages are counted by band.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent, QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.gui import scenario_boxes
from orgdesigner.gui.document import DocumentController
from orgdesigner.model.compare import compare
from orgdesigner.model.document import Scenario
from orgdesigner.model.errors import OrgError
from orgdesigner.model.finance.savings import SavingsProfile
from orgdesigner.model.finance.years import parse_year

SAVING, ONE_OFF, NET = QColor("#1f5fa8"), QColor("#c0392b"), QColor("#222222")


class _PlanChange(QUndoCommand):
    """One change to a scenario's plan (Year 1, horizon, one-off lines) or the turnover rate."""

    def __init__(
        self, controller: DocumentController, scenario: Scenario, field: str, value: object, after: Callable[[], None]
    ) -> None:
        super().__init__(f"Set {field.replace('_', ' ')}")
        self._controller, self._scenario, self._field, self._after = controller, scenario, field, after
        self._new = value
        self._old = self._read()

    def _read(self) -> object:
        if self._field == "turnover_rate":
            return self._controller.document.profile.finance.turnover_rate
        return getattr(self._scenario, self._field)

    def _write(self, value: object) -> None:
        if self._field == "turnover_rate":
            profile = self._controller.document.profile
            finance = dataclasses.replace(profile.finance, turnover_rate=cast(float, value))
            self._controller.document.profile = dataclasses.replace(profile, finance=finance)
        else:
            setattr(self._scenario, self._field, value)
        self._after()

    def redo(self) -> None:
        self._write(self._new)

    def undo(self) -> None:
        self._write(self._old)


class SavingsPanel(QWidget):
    """The cost of change between two scenarios, as a Cabinet report's financial section gives it."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.profile: SavingsProfile | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.from_box, self.to_box = QComboBox(), QComboBox()
        form.addRow("&From", self.from_box)
        form.addRow("&To", self.to_box)
        self.year1 = QLineEdit()
        self.year1.setPlaceholderText("e.g. 2013/14")
        self.year1.setToolTip("Year 1 of the plan (financial years run April to March)")
        form.addRow("&Year 1", self.year1)
        self.horizon = QSpinBox()
        self.horizon.setRange(1, 10)
        self.horizon.setSuffix(" years")
        form.addRow("&Horizon", self.horizon)
        self.turnover = QDoubleSpinBox()
        self.turnover.setRange(0, 100)
        self.turnover.setDecimals(1)
        self.turnover.setSuffix(" % a year")
        self.turnover.setToolTip("Natural turnover: the share of postholders who leave each year (policy)")
        form.addRow("T&urnover", self.turnover)
        layout.addLayout(form)
        self.chart = SavingsChart()
        layout.addWidget(self.chart)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Cost of change")
        layout.addWidget(self.headline)
        self.one_offs = QTableWidget(0, 2)
        self.one_offs.setHorizontalHeaderLabels(["One-off line you add", "£"])
        self.one_offs.horizontalHeader().setStretchLastSection(True)
        self.one_offs.setMaximumHeight(110)
        self.one_offs.setAccessibleName("One-off cost lines")
        layout.addWidget(self.one_offs)
        buttons = QHBoxLayout()
        self.add_line = QPushButton("&Add one-off line")
        self.remove_line = QPushButton("&Remove line")
        buttons.addWidget(self.add_line)
        buttons.addWidget(self.remove_line)
        layout.addLayout(buttons)
        self.packages = QLabel()
        self.packages.setWordWrap(True)
        self.packages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.packages.setAccessibleName("Exit packages by band")
        layout.addWidget(self.packages)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.recompute)
        self._filling = False
        self.from_box.activated.connect(lambda _i: self.recompute())
        self.to_box.activated.connect(lambda _i: self.recompute())
        self.year1.editingFinished.connect(self._year1_edited)
        self.horizon.valueChanged.connect(lambda v: self._set("horizon", int(v)))
        self.turnover.valueChanged.connect(lambda v: self._set("turnover_rate", round(v / 100, 4)))
        self.one_offs.itemChanged.connect(lambda _item: self._lines_edited())
        self.add_line.clicked.connect(self._add_line)
        self.remove_line.clicked.connect(self._remove_line)
        controller.structureChanged.connect(self._changed)
        controller.scenarioChanged.connect(self.fill)
        self.fill()

    # ---- choosing and editing ----------------------------------------------------------------------
    def fill(self) -> None:
        names = [s.name for s in self.controller.document.scenarios]
        scenario_boxes.refill(self.from_box, self.to_box, names)
        if self.isVisible():
            self.recompute()

    def _scenario(self) -> Scenario | None:
        name = self.to_box.currentText()
        document = self.controller.document
        return document.scenario(name) if name and document.has_scenario(name) else None

    def _set(self, field: str, value: object) -> None:
        scenario = self._scenario()
        if self._filling or scenario is None:
            return
        current = (
            self.controller.document.profile.finance.turnover_rate
            if field == "turnover_rate"
            else getattr(scenario, field)
        )
        if current != value:
            self.controller.undo_stack.push(_PlanChange(self.controller, scenario, field, value, self.recompute))

    def _year1_edited(self) -> None:
        text = self.year1.text().strip()
        if not text:
            self._set("year1", None)
            return
        try:
            parse_year(text)
        except OrgError as exc:
            self.controller.message.emit(str(exc))
            scenario = self._scenario()
            self.year1.setText(scenario.year1 or "" if scenario else "")
            return
        self._set("year1", text)

    def _lines(self) -> list[tuple[str, float]]:
        lines = []
        for row in range(self.one_offs.rowCount()):
            label = self.one_offs.item(row, 0)
            amount = self.one_offs.item(row, 1)
            text = (amount.text() if amount else "").replace("£", "").replace(",", "").strip()
            try:
                value = float(text) if text else 0.0
            except ValueError:
                self.controller.message.emit(f"'{text}' is not an amount in pounds; the line is left as it was.")
                return []
            lines.append((label.text() if label else "", value))
        return lines

    def _lines_edited(self) -> None:
        if not self._filling:
            self._set("one_off_costs", self._lines())

    def _add_line(self) -> None:
        scenario = self._scenario()
        if scenario is not None:
            self._set("one_off_costs", [*scenario.one_off_costs, ("One-off cost", 0.0)])

    def _remove_line(self) -> None:
        scenario = self._scenario()
        row = self.one_offs.currentRow()
        if scenario is not None and 0 <= row < len(scenario.one_off_costs):
            self._set("one_off_costs", [line for n, line in enumerate(scenario.one_off_costs) if n != row])

    # ---- working it out ----------------------------------------------------------------------------
    def _changed(self, _touched: object) -> None:
        if self.isVisible():  # a hidden panel works it out when shown
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def recompute(self) -> None:
        a, b = self.from_box.currentText(), self.to_box.currentText()
        document = self.controller.document
        scenario = self._scenario()
        self._show_plan(scenario)
        if not a or not b or a == b or scenario is None:
            self.profile = None
            self.chart.set_profile(None)
            self.headline.setText("Choose two scenarios: the savings are those of going from one to the other.")
            self.packages.setText("")
            return
        self.profile = compare(document, a, b, phases=False).finance
        self.chart.set_profile(self.profile)
        self._show_figures()

    def _show_plan(self, scenario: Scenario | None) -> None:
        self._filling = True
        try:
            self.year1.setText(scenario.year1 or "" if scenario else "")
            self.horizon.setValue(scenario.horizon if scenario else 3)
            self.turnover.setValue(self.controller.document.profile.finance.turnover_rate * 100)
            lines = scenario.one_off_costs if scenario else []
            self.one_offs.setRowCount(len(lines))
            for row, (label, amount) in enumerate(lines):
                self.one_offs.setItem(row, 0, QTableWidgetItem(label))
                self.one_offs.setItem(row, 1, QTableWidgetItem(f"{amount:,.0f}"))
        finally:
            self._filling = False

    def _show_figures(self) -> None:
        p = self.profile
        if p is None:
            return
        payback = "never pays back" if p.payback_months is None else f"pays back in {p.payback_months} months"
        text = (
            f"Full-year effect £{p.full_year:,.0f}; one-off costs £{p.one_off_total:,.0f}; {payback}. "
            f"Expected: {p.redundancies:g} redundancies, {p.turnover_exits:g} leaving through turnover, "
            f"{p.redeployed:g} redeployed (expected values)."
        )
        if p.strain_estimated:
            text += " Pension strain includes estimates: ask the fund's actuary."
        if p.people_without_data:
            text += f" {p.people_without_data} displaced people lack HR data: no exit cost is counted for them."
        self.headline.setText(text)
        bands = [b for b in p.exit_packages if b.count]
        rows = [f"{b.label}: {b.count:g} (£{b.cost:,.0f})" for b in bands]
        council = f"; {p.council_packages} of £100,000 or more go to full Council" if p.council_packages else ""
        self.packages.setText(("Exit packages by band: " + ", ".join(rows) + council) if rows else "No exit packages.")


class SavingsChart(QWidget):
    """Bars by financial year: the saving up, one-off costs down, the net as a black tick."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumHeight(170)
        self.profile: SavingsProfile | None = None
        self.setAccessibleName("Savings by financial year")

    def set_profile(self, profile: SavingsProfile | None) -> None:
        self.profile = profile
        self.setToolTip(self.describe())
        self.update()

    def describe(self) -> str:
        """The chart in words (tooltip and screen readers)."""
        if self.profile is None:
            return ""
        return "\n".join(
            f"{y.year}: saving £{y.saving:,.0f}, one-off £{y.one_off:,.0f}, net £{y.net:,.0f}"
            for y in self.profile.years
        )

    def bars(self) -> list[tuple[str, QRectF, QRectF, float]]:
        """Each year's saving bar, one-off bar and the height of its net tick, as painted."""
        p = self.profile
        if p is None or not p.years:
            return []
        top, bottom = 18.0, float(self.height() - 20)
        high = max(max(y.saving for y in p.years), 0.0)
        low = max(max(y.one_off for y in p.years), max(-y.saving for y in p.years), 0.0)
        scale = (bottom - top) / ((high + low) or 1.0)
        axis = top + high * scale
        slot = (self.width() - 20) / len(p.years)
        out = []
        for n, year in enumerate(p.years):
            x = 10 + n * slot + slot * 0.2
            width = slot * 0.6
            saving = QRectF(x, axis - max(year.saving, 0) * scale, width, abs(year.saving) * scale)
            if year.saving < 0:
                saving = QRectF(x, axis, width, -year.saving * scale)
            one_off = QRectF(x + width * 0.25, axis, width * 0.5, year.one_off * scale)
            out.append((year.year, saving, one_off, axis - year.net * scale))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        bars = self.bars()
        if not bars or self.profile is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        axis = bars[0][1].bottom() if self.profile.years[0].saving >= 0 else bars[0][1].top()
        painter.setPen(QColor("#888888"))
        painter.drawLine(5, round(axis), self.width() - 5, round(axis))
        for (label, saving, one_off, net_y), year in zip(bars, self.profile.years, strict=True):
            painter.fillRect(saving, SAVING)
            painter.fillRect(one_off, ONE_OFF)
            painter.setPen(NET)
            painter.drawLine(round(saving.left() - 4), round(net_y), round(saving.right() + 4), round(net_y))
            painter.drawText(QRectF(saving.left() - 20, self.height() - 18, saving.width() + 40, 16),
                             Qt.AlignmentFlag.AlignCenter, label)  # fmt: skip
            painter.drawText(QRectF(saving.left() - 30, 0, saving.width() + 60, 16), Qt.AlignmentFlag.AlignCenter,
                             f"£{year.net / 1000:,.0f}K net")  # fmt: skip
        painter.end()
