"""Dialogs for importing an establishment list (column mapping with a preview) and exporting for HR."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.formats import xlsx
from orgdesigner.model.document import Document
from orgdesigner.render.pages import PrintOptions

FIELD_LABELS = {
    "post_id": "Post ID",
    "title": "Job title",
    "reports_to": "Reports to (post ID)",
    "reports_to_title": "Reports to (title)",
    "grade": "Grade",
    "salary": "Salary",
    "pay_floor": "Pay floor",
    "pay_ceiling": "Pay ceiling",
    "fte": "FTE",
    "side": "Side",
    "incumbent": "Incumbent (name)",
    "function": "Function",
    "team": "Team",
    "status": "Status",
    "employment": "Employment",
    "roles": "Statutory roles",
    "notes": "Notes",
}
NONE = "(not in this file)"


class MappingDialog(QDialog):
    """Which column holds which field, chosen with the first rows of the file in view."""

    def __init__(self, table: xlsx.RawTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {table.sheet}")
        self.table = table
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(table.rows)} rows. Check which column holds each field:"))
        row = QHBoxLayout()
        form = QFormLayout()
        guessed = xlsx.column_map(table.header)
        self.boxes: dict[str, QComboBox] = {}
        for name, label in FIELD_LABELS.items():
            box = QComboBox()
            box.addItem(NONE)
            box.addItems([h for h in table.header if h.strip()])
            if name in guessed:
                box.setCurrentText(table.header[guessed[name]])
            box.currentIndexChanged.connect(self._check)
            self.boxes[name] = box
            form.addRow(label, box)
        row.addLayout(form)
        preview = QTableWidget(min(len(table.rows), 8), len(table.header))
        preview.setHorizontalHeaderLabels(table.header)
        for r, (_line, cells) in enumerate(table.rows[:8]):
            for c, value in enumerate(cells[: len(table.header)]):
                preview.setItem(r, c, QTableWidgetItem(value))
        preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        row.addWidget(preview, 1)
        layout.addLayout(row)
        self.warning = QLabel()
        self.warning.setStyleSheet("color: #b00020")
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(1100, 520)
        self._check()

    def mapping(self) -> dict[str, str]:
        return {name: box.currentText() for name, box in self.boxes.items() if box.currentText() != NONE}

    def _check(self) -> None:
        ok = "title" in self.mapping()
        self.warning.setText("" if ok else "Choose the column that holds job titles.")
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ok)


class PrintOptionsDialog(QDialog):
    """Paper, header and footer for a Cabinet pack appendix; names are withheld unless ticked."""

    def __init__(self, document: Document, scenario: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print for a Cabinet pack")
        self.scenario = scenario
        form = QFormLayout(self)
        self.paper = QComboBox()
        self.paper.addItems(["A4", "A3"])
        self.orientation = QComboBox()
        self.orientation.addItems(["Landscape", "Portrait"])
        self.title = QLineEdit(f"{document.organisation}: {scenario.lower()} management structure")
        self.committee = QLineEdit("Cabinet")
        self.date = QLineEdit()
        self.date.setPlaceholderText("e.g. 4 February 2027")
        self.appendix = QLineEdit()
        self.appendix.setPlaceholderText("e.g. Appendix 2")
        self.marking = QComboBox()
        self.marking.setEditable(True)
        self.marking.addItems(["OFFICIAL", "OFFICIAL-SENSITIVE", ""])
        self.names = QCheckBox("Show postholders' names (the pack is published: normally off)")
        self.grades = QCheckBox("Show grades rather than salaries")
        self.summary = QCheckBox("Add a summary page")
        self.summary.setChecked(True)
        for label, widget in (
            ("Paper", self.paper),
            ("Orientation", self.orientation),
            ("Title", self.title),
            ("Committee", self.committee),
            ("Meeting date", self.date),
            ("Appendix", self.appendix),
            ("Protective marking", self.marking),
        ):
            form.addRow(label, widget)
        for box in (self.names, self.grades, self.summary):
            form.addRow(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self) -> PrintOptions:
        return PrintOptions(
            paper=self.paper.currentText(), landscape=self.orientation.currentText() == "Landscape",
            names=self.names.isChecked(), pay_as_grade=self.grades.isChecked(), title=self.title.text(),
            committee=self.committee.text(), meeting_date=self.date.text(), appendix=self.appendix.text(),
            marking=self.marking.currentText(), summary=self.summary.isChecked(), scenario=self.scenario,
        )  # fmt: skip


def default_export_name(path: Path | None, suffix: str) -> str:
    return str(path.with_suffix(suffix)) if path else f"structure{suffix}"
