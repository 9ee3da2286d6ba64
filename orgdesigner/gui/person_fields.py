"""The Properties panel's cost-of-change fields: the post's effective date and delete-when-vacated,
and its holder's HR data (employee number, date of birth, continuous service, LGPS, notice, the fund's
strain figure), each change one undoable edit. HR data is personal: it is shown only here and in the
HR workbook's Exit costs sheet, never on the chart or in public outputs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QWidget

from orgdesigner.gui.document import DocumentController
from orgdesigner.model.errors import OrgError
from orgdesigner.model.finance.years import parse_date
from orgdesigner.model.post import Holder, Post, Status

DATES = ("effective_date", "date_of_birth", "service_start")


class PersonFields(QWidget):
    """One selected post's plan fields and its (first) holder's HR data."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # as the panel's own form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        self._loading = False

        def text(name: str, label: str, tip: str = "") -> None:
            edit = QLineEdit()
            edit.setObjectName(f"prop_{name}")
            edit.setToolTip(tip)
            edit.editingFinished.connect(lambda n=name, e=edit: self._commit(n, e.text().strip() or None))
            self.fields[name] = edit
            form.addRow(label, edit)

        def amount(name: str, label: str, high: float, suffix: str = "", prefix: str = "") -> None:
            spin = QDoubleSpinBox()
            spin.setObjectName(f"prop_{name}")
            spin.setRange(0, high)
            spin.setDecimals(0 if prefix else 1)
            spin.setPrefix(prefix)
            spin.setSuffix(suffix)
            spin.setSpecialValueText("not known")
            spin.editingFinished.connect(lambda n=name, s=spin: self._commit(n, s.value() or None))
            self.fields[name] = spin
            form.addRow(label, spin)

        text(
            "effective_date", "Effective date (YYYY-MM-DD)", "When this post's change takes effect, if not its phase's"
        )
        vacated = QCheckBox("Delete when vacated")
        vacated.setToolTip("Deleted when its holder leaves (natural turnover): no redundancy cost.")
        vacated.setObjectName("prop_delete_when_vacated")
        vacated.toggled.connect(lambda on: self._commit("delete_when_vacated", on))
        self.fields["delete_when_vacated"] = vacated
        form.addRow("", vacated)
        heading = QLabel("Postholder's HR data (personal data)")
        form.addRow(heading)
        text("person_id", "Employee number")
        text("date_of_birth", "Date of birth (YYYY-MM-DD)")
        text("service_start", "Continuous service from", "YYYY-MM-DD; local government service counts")
        lgps = QCheckBox("LGPS member")
        lgps.setObjectName("prop_lgps_member")
        lgps.toggled.connect(lambda on: self._commit("lgps_member", on))
        self.fields["lgps_member"] = lgps
        form.addRow("", lgps)
        amount("notice_weeks", "Contractual notice", 52, suffix=" weeks")
        amount("strain_cost", "Fund's strain cost", 5_000_000, prefix="£")
        amount("protected_pension_age", "Protected pension age", 75, suffix=" years")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        controller.selectionChanged.connect(self.load)
        controller.structureChanged.connect(lambda _t: self.load())
        self.load()

    def _post(self) -> Post | None:
        selection = self.controller.selection
        if len(selection) != 1:
            return None
        return self.controller.structure.get(selection[0])

    def load(self) -> None:
        self._loading = True
        post = self._post()
        holder = post.holders[0] if post is not None and post.holders else None
        for name, widget in self.fields.items():
            person = name not in ("effective_date", "delete_when_vacated")
            enabled = post is not None and (not person or post.status is not Status.VACANT)
            widget.setEnabled(enabled)
            value: Any = None
            if post is not None:
                value = getattr(holder, name, None) if person else getattr(post, name)
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                widget.setText("" if value is None else str(value))
            elif isinstance(widget, QDoubleSpinBox):
                widget.setValue(float(value or 0))
            elif isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            widget.blockSignals(False)
        self._loading = False

    def _commit(self, name: str, value: object) -> None:
        post = self._post()
        if self._loading or post is None:
            return
        if name in DATES and isinstance(value, str):
            try:
                value = parse_date(value, "The date").isoformat()
            except OrgError as exc:
                self.error.setText(str(exc))
                self.load()
                return
        self.error.clear()
        if name in ("effective_date", "delete_when_vacated"):
            if getattr(post, name) != value:
                self.controller.set_field(name, value, [post.id])
            return
        if name == "person_id":
            value = value or ""
        holders = post.holders or (Holder(fte=post.fte if post.fte is not None else 1.0),)
        if getattr(holders[0], name) == value:
            return
        changed = (dataclasses.replace(holders[0], **{name: value}), *holders[1:])  # type: ignore[arg-type]
        self.controller.set_field("holders", changed, [post.id])
