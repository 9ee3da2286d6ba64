"""The Consultation panel: who is at risk, the s.188 timetable per phase, members' appointments,
the dismissals needing the independent-persons panel, and the equality analysis.

HR's file of protected characteristics is read when the user asks for the equality analysis and
dropped as soon as it is counted: only the suppressed counts stay, in this panel, and nothing of it
reaches the document, so neither a save nor a recovery copy can hold it. After edits, the counts
shown are those of the last reading, said so beside them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.formats.hr_equality import read_characteristics
from orgdesigner.gui import scenario_boxes
from orgdesigner.gui.document import DocumentController
from orgdesigner.model.consultation.analysis import Consultation, analyse
from orgdesigner.model.consultation.equality import Category, label
from orgdesigner.model.errors import OrgError
from orgdesigner.render.consultation_pdf import PdfHeading, write_consultation_pdf

PHASE_COLUMNS = (
    "Phase", "First dismissal", "At risk", "Counted (s.188)", "Consultation", "Start by", "HR1 by", "Time",
    "Consultation started", "Members appoint",
)  # fmt: skip
STARTED = PHASE_COLUMNS.index("Consultation started")
TOO_LATE = QColor("#f8d7da")


def time_text(result_phase: object) -> str:
    """The 'Time' column: enough, too little, history or not dated (shared with other phase views)."""
    timetable = getattr(result_phase, "timetable", None)
    if timetable is None:
        return ""
    if timetable.past:
        return "history"
    return {True: "enough", False: "too little", None: "not dated"}[timetable.enough_time]


class ConsultationPanel(QWidget):
    """Before the first letter, for the two scenarios chosen.

    Signals:
        analysed(object): the Consultation just worked out (other views show its figures).
    """

    analysed = Signal(object)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.result: Consultation | None = None
        self.equality: dict[str, list[Category]] | None = None
        self.equality_note = ""
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.from_box, self.to_box = QComboBox(), QComboBox()
        self.today = QDateEdit(QDate.currentDate())
        self.today.setCalendarPopup(True)
        self.today.setDisplayFormat("yyyy-MM-dd")
        self.today.setToolTip("Counted from where a phase has no consultation start recorded")
        form.addRow("&From", self.from_box)
        form.addRow("&To", self.to_box)
        form.addRow("&Count from", self.today)
        layout.addLayout(form)
        self.reselect_all = QCheckBox("Every management post of the proposal &re-established with re-selection")
        self.reselect_all.setToolTip("Their holders are at risk (TULRCA 1992 s.195), as in the Cheshire East proposal")
        layout.addWidget(self.reselect_all)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.phases = _table(PHASE_COLUMNS)
        self.phases.setEditTriggers(QTableWidget.EditTrigger.DoubleClicked | QTableWidget.EditTrigger.EditKeyPressed)
        self.phases.setToolTip("Double-click 'Consultation started' to record the date (YYYY-MM-DD) consultation began")
        layout.addWidget(self.phases)
        layout.addWidget(QLabel("Senior appointments (LGHA 1989 s.2; standing orders):"))
        self.appointments = _table(("Post", "Kind", "Why", "Appointed by"))
        layout.addWidget(self.appointments)
        self.protected = QLabel()
        self.protected.setWordWrap(True)
        layout.addWidget(self.protected)
        self.equality_button = QPushButton("&Equality analysis from HR's file…")
        self.equality_button.setToolTip("Read protected characteristics for one analysis; only counts are kept")
        layout.addWidget(self.equality_button)
        self.equality_label = QLabel()
        self.equality_label.setWordWrap(True)
        layout.addWidget(self.equality_label)
        self.equality_table = _table(("Characteristic", "Category", "At risk", "Workforce"))
        layout.addWidget(self.equality_table)
        self.pdf_button = QPushButton("Write the consultation and equality &PDF…")
        self.pdf_button.setToolTip(
            "The HR1 and equality pages for the unions' pack and the Cabinet appendix (no names)"
        )
        layout.addWidget(self.pdf_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.recompute)
        self.from_box.activated.connect(lambda _i: self.recompute())
        self.to_box.activated.connect(lambda _i: self.recompute())
        self.today.dateChanged.connect(lambda _d: self._timer.start())
        self.equality_button.clicked.connect(self.choose_hr_file)
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.reselect_all.toggled.connect(self._set_reselect_all)
        self.phases.itemChanged.connect(self._start_edited)
        controller.structureChanged.connect(self._changed)
        controller.scenarioChanged.connect(self.fill)
        self.fill()

    # ---- keeping up with the document --------------------------------------------------------------
    def _changed(self, _touched: object) -> None:
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def fill(self) -> None:
        names = [s.name for s in self.controller.document.scenarios]
        scenario_boxes.refill(self.from_box, self.to_box, names)
        if self.isVisible():
            self._timer.start()

    def count_from(self) -> dt.date:
        d = self.today.date()
        return dt.date(d.year(), d.month(), d.day())

    def _set_reselect_all(self, on: bool) -> None:
        name = self.to_box.currentText()
        if name:
            self.controller.set_scenario_fields(name, "Re-select every management post" if on else
                                                "Re-select only posts flagged", reselect_all=on)  # fmt: skip

    def _start_edited(self, item: QTableWidgetItem) -> None:
        """The user recorded (or cleared) the date a phase's consultation began: an undoable scenario change."""
        if item.column() != STARTED or self.result is None:
            return
        scenario = self.controller.document.scenario(self.to_box.currentText())
        number = self.result.phases[item.row()].phase
        text = item.text().strip()
        try:
            start = dt.date.fromisoformat(text).isoformat() if text else None
        except ValueError:
            QMessageBox.warning(self, "Consultation start", f"'{text}' is not a date: write it YYYY-MM-DD.")
            self._show(self.result)
            return
        if not any(p.number == number for p in scenario.phases):
            QMessageBox.information(
                self, "Consultation start", "Give the proposal dated phases first (their effective dates)."
            )
            self._show(self.result)
            return
        phases = [
            dataclasses.replace(p, consultation_start=start) if p.number == number else p for p in scenario.phases
        ]
        self.controller.set_scenario_fields(scenario.name, f"Consultation start for phase {number}", phases=phases)

    def recompute(self) -> None:
        a, b = self.from_box.currentText(), self.to_box.currentText()
        if not a or not b or a == b:
            self.result = None
            self.headline.setText("Choose the scenario before (From) and the proposal (To).")
            self.phases.setRowCount(0)
            self.appointments.setRowCount(0)
            self.protected.clear()
            return
        self.result = analyse(self.controller.document, a, b, self.count_from())
        self.reselect_all.blockSignals(True)
        self.reselect_all.setChecked(self.controller.document.scenario(b).reselect_all)
        self.reselect_all.blockSignals(False)
        self._show(self.result)
        self.analysed.emit(self.result)

    # ---- what it shows -----------------------------------------------------------------------------
    def _show(self, r: Consultation) -> None:
        errors = r.errors()
        self.headline.setText(
            f"{r.at_risk:,} people at risk ({r.from_name} → {r.to_name})."
            + (f" {len(errors)} phase(s) leave too little time: an error in law (TULRCA 1992 s.188)." if errors else "")
        )
        self.phases.blockSignals(True)
        self.phases.setRowCount(len(r.phases))
        for row, p in enumerate(r.phases):
            t = p.timetable
            cells = (
                p.name,
                _iso(p.first_dismissal),
                f"{p.at_risk:,}",
                f"{p.counted:,}",
                f"{t.consultation_days} days" if t.consultation_days else "none (under 20)",
                _iso(t.consult_by),
                _iso(t.hr1_by),
                time_text(p),
                _iso(p.started) if p.started else "",
                f"{p.senior} senior posts" if p.senior else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column != STARTED:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if p.too_little_time:
                    item.setBackground(QBrush(TOO_LATE))
                self.phases.setItem(row, column, item)
        self.phases.blockSignals(False)
        self.appointments.setRowCount(len(r.member_appointments))
        for row, a in enumerate(r.member_appointments):
            for column, text in enumerate((a.title, a.kind, a.why, a.appointed_by)):
                self.appointments.setItem(row, column, QTableWidgetItem(text))
        self.protected.setText(
            "Dismissals needing a panel with independent persons and full Council: "
            + "; ".join(f"{d.title} ({d.role})" for d in r.protected_dismissals)
            if r.protected_dismissals
            else ""
        )
        self._show_equality(self.equality if self.equality is not None else r.equality)

    def _show_equality(self, equality: dict[str, list[Category]]) -> None:
        rows = [(label(c), cat) for c, cats in equality.items() for cat in cats]
        self.equality_table.setRowCount(len(rows))
        for row, (name, cat) in enumerate(rows):
            texts = (name, cat.category, _count(cat.at_risk), _count(cat.workforce))
            for column, text in enumerate(texts):
                self.equality_table.setItem(row, column, QTableWidgetItem(text))
        threshold = self.controller.document.profile.equality_min_count
        note = self.equality_note or "Age from dates of birth held; other characteristics need HR's file."
        self.equality_label.setText(f"{note} Counts from 1 to {threshold - 1} are shown as '*', with others as needed.")

    # ---- the PDF ------------------------------------------------------------------------------------
    def choose_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Consultation and equality PDF", "", "PDF (*.pdf)")
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> bool:
        """The consultation (HR1) and equality pages of the analysis shown, with the equality counts
        last read from HR's file when there are some."""
        if self.result is None:
            QMessageBox.information(self, "Consultation PDF", "Choose the scenario before and the proposal first.")
            return False
        result = self.result if self.equality is None else dataclasses.replace(self.result, equality=self.equality)
        heading = PdfHeading(self.controller.document.organisation)
        try:
            write_consultation_pdf(result, path, heading)
        except (OrgError, OSError) as exc:
            QMessageBox.warning(self, "Consultation PDF", str(exc))
            return False
        self.controller.message.emit(f"Wrote {path.name}")
        return True

    # ---- equality from HR's file -------------------------------------------------------------------
    def choose_hr_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "HR's file of protected characteristics", "", "HR files (*.csv *.xlsx);;All files (*)"
        )
        if path:
            self.read_hr_file(Path(path))

    def read_hr_file(self, path: Path, mapping: Path | None = None) -> bool:
        """Count HR's characteristics for the people at risk and the workforce; keep only the counts."""
        a, b = self.from_box.currentText(), self.to_box.currentText()
        try:
            hr = read_characteristics(path, mapping)
            result = analyse(self.controller.document, a, b, self.count_from(), hr)
        except (OrgError, OSError) as exc:
            QMessageBox.warning(self, "Equality analysis", str(exc))
            return False
        del hr  # special category data: dropped once counted
        self.equality = result.equality
        stamp = dt.datetime.now().strftime("%H:%M")
        self.equality_note = f"From {path.name}, read at {stamp} for {a} → {b}; only the counts are kept."
        self._show_equality(self.equality)
        return True


def _table(columns: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else "—"


def _count(value: int | None) -> str:
    return "*" if value is None else f"{value:,}"
