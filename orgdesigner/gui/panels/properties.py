"""The properties panel: every field of the selected post; side, function and status of several."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.person_fields import PersonFields
from orgdesigner.model.post import Employment, Role, Side, Status

MULTI_FIELDS = {"side", "function", "status", "reselect"}


class PropertiesPanel(QScrollArea):
    """Edits every field of the selected post; side, function and status of several at once."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWidgetResizable(True)
        body = QWidget()
        self.form = QFormLayout(body)
        # In a narrow dock a label goes above its field rather than pushing the field off the edge.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)  # never cut silently
        self.setWidget(body)
        self.heading = QLabel("Select a post to edit it.")
        self.heading.setWordWrap(True)
        self.form.addRow(self.heading)
        self.fields: dict[str, QWidget] = {}
        self._loading = False

        def text(name: str, label: str) -> None:
            edit = QLineEdit()
            edit.setObjectName(f"prop_{name}")
            edit.editingFinished.connect(lambda n=name, e=edit: self._commit(n, e.text().strip()))
            self._add(name, label, edit)

        def money(name: str, label: str) -> None:
            spin = QDoubleSpinBox()
            spin.setObjectName(f"prop_{name}")
            spin.setRange(0, 10_000_000)
            spin.setDecimals(0)
            spin.setSingleStep(1000)
            spin.setPrefix("£")
            spin.setSpecialValueText("—")
            spin.editingFinished.connect(lambda n=name, s=spin: self._commit(n, s.value() or None))
            self._add(name, label, spin)

        def number(name: str, label: str, low: float, high: float, unknown: str = "") -> None:
            """`unknown`: shown at 0, which stands for a value not known (an import's out-of-range one)."""
            spin = QDoubleSpinBox()
            spin.setObjectName(f"prop_{name}")
            spin.setRange(0 if unknown else low, high)
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            if unknown:
                spin.setSpecialValueText(unknown)
            spin.editingFinished.connect(lambda n=name, s=spin: self._commit(n, s.value() or (None if unknown else 0)))
            self._add(name, label, spin)

        def choice(name: str, label: str, values: list[tuple[str, str]]) -> None:
            box = QComboBox()
            box.setObjectName(f"prop_{name}")
            for value, shown in values:
                box.addItem(shown, value)
            box.activated.connect(lambda _i, n=name, b=box: self._commit(n, b.currentData()))
            self._add(name, label, box)

        text("title", "&Title")
        text("grade", "&Grade")
        money("pay_floor", "Pay &floor")
        money("pay_ceiling", "Pay &ceiling")
        number("fte", "FT&E", 0.01, 5, unknown="not known")
        choice("side", "&Side", [(s.value, s.label) for s in Side])
        text("transition_end", "Transition &ends (YYYY-MM-DD)")
        text("function", "F&unction")
        text("team", "Tea&m")
        choice("status", "Stat&us", [(s.value, s.label) for s in Status])
        choice("employment", "Em&ployment", [(e.value, e.value.capitalize()) for e in Employment])
        text("incumbent", "&Incumbent (personal data)")
        text("employer", "Employing council (if shared)")
        number("share", "This council's share", 0.01, 1)
        roles = QListWidget()
        roles.setObjectName("prop_roles")
        for role in Role:
            item = QListWidgetItem(role.label)
            item.setData(Qt.ItemDataRole.UserRole, role.value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            roles.addItem(item)
        roles.setMaximumHeight(140)
        roles.itemChanged.connect(lambda _item: self._commit("roles", self._checked_roles()))
        self._add("roles", "Statutory &roles", roles)
        text("role_justification", "Role justification")
        # Short texts, the why in the tooltip: a long check box text would set the narrow dock's width.
        assistant = QCheckBox("Assistant or secretarial")
        assistant.setToolTip("A personal assistant or secretarial post: not counted in its manager's span.")
        assistant.setObjectName("prop_assistant")
        assistant.toggled.connect(lambda on: self._commit("assistant", on))
        self._add("assistant", "", assistant)
        reselect = QCheckBox("Re-selection")
        reselect.setToolTip("Re-established with re-selection: its holders are at risk (s.188 counts them).")
        reselect.setObjectName("prop_reselect")
        reselect.toggled.connect(lambda on: self._commit("reselect", on))
        self._add("reselect", "", reselect)
        text("establishment", "Esta&blishment (HR reference)")
        self.person_fields = PersonFields(controller)
        self.form.addRow(self.person_fields)
        notes = QPlainTextEdit()
        notes.setObjectName("prop_notes")
        notes.setMaximumHeight(90)
        self.fields["notes"] = notes
        self.form.addRow("&Notes", notes)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.form.addRow(self.error)
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(600)
        self._notes_timer.timeout.connect(lambda: self._commit("notes", notes.toPlainText()))
        notes.textChanged.connect(lambda: None if self._loading else self._notes_timer.start())
        controller.selectionChanged.connect(self.load)
        controller.structureChanged.connect(self._maybe_reload)
        controller.refused.connect(self._show_error)
        self.load()

    def _add(self, name: str, label: str, widget: QWidget) -> None:
        self.fields[name] = widget
        self.form.addRow(label, widget)

    def _checked_roles(self) -> list[str]:
        roles = self.fields["roles"]
        assert isinstance(roles, QListWidget)
        return [
            str(roles.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(roles.count())
            if roles.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _show_error(self, text: str) -> None:
        if self.controller.selection:
            self.error.setText(text)

    def _maybe_reload(self, touched: frozenset[str] | None) -> None:
        if touched is None or set(self.controller.selection) & set(touched):
            self.load()

    def load(self) -> None:
        """Show the selected post's values (or, for several, only the fields they can share)."""
        self._loading = True
        self.error.clear()
        selection = self.controller.selection
        structure = self.controller.structure
        many = len(selection) > 1
        post = structure.get(selection[0]) if selection else None
        for name, widget in self.fields.items():
            widget.setEnabled(post is not None and (not many or name in MULTI_FIELDS))
        if post is None:
            self.heading.setText("Select a post to edit it.")
        else:
            self.heading.setText(f"{len(selection)} posts selected" if many else f"Post {post.id}")
        for name, widget in self.fields.items():
            widget.blockSignals(True)
            if post is None or not widget.isEnabled():  # nothing, or not shared: show no one's value
                _blank(widget)
            else:
                value = getattr(post, name)
                if isinstance(widget, QLineEdit):
                    widget.setText("" if value is None else str(value))
                elif isinstance(widget, QDoubleSpinBox):
                    widget.setValue(float(value or 0))
                elif isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(value.value)))
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(str(value))
                elif isinstance(widget, QListWidget):
                    for i in range(widget.count()):
                        held = widget.item(i).data(Qt.ItemDataRole.UserRole) in {r.value for r in value}
                        widget.item(i).setCheckState(Qt.CheckState.Checked if held else Qt.CheckState.Unchecked)
            widget.blockSignals(False)
        self._loading = False

    def _commit(self, name: str, value: Any) -> None:
        if self._loading or not self.controller.selection:
            return
        if name == "transition_end" and value == "":
            value = None
        structure = self.controller.structure
        targets = self.controller.selection if name in MULTI_FIELDS else self.controller.selection[:1]
        current = [structure.post(p) for p in targets if p in structure]
        if all(_same(getattr(p, name), value) for p in current):
            return
        self.error.clear()
        if not self.controller.set_field(name, value, [p.id for p in current]):
            self.load_keep_error()

    def load_keep_error(self) -> None:
        message = self.error.text()
        self.load()
        self.error.setText(message)


def _blank(widget: QWidget) -> None:
    """Empty a field, so a disabled one does not show a post that is no longer selected."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.clear()
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(widget.minimum())  # shows its "—" where it has one
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(-1)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(False)
    elif isinstance(widget, QListWidget):
        for i in range(widget.count()):
            widget.item(i).setCheckState(Qt.CheckState.Unchecked)


def _same(current: Any, value: Any) -> bool:
    if hasattr(current, "value") and not isinstance(current, frozenset):
        current = current.value
    if isinstance(current, frozenset):
        return {r.value for r in current} == set(value)
    return bool(current == value)
