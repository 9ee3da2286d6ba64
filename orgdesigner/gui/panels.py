"""The dock panels: palette, properties, findings, outline and metrics. Each mirrors the controller."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
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
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgdesigner.gui.canvas import PALETTE_MIME
from orgdesigner.gui.document import DocumentController
from orgdesigner.gui.highlights import Layer
from orgdesigner.gui.templates import TEMPLATES
from orgdesigner.model.compare import Comparison, compare
from orgdesigner.model.metrics import Metrics, compute, not_known
from orgdesigner.model.post import Employment, Role, Side, Status
from orgdesigner.model.rules import Severity
from orgdesigner.render.card import SIDE_COLOURS

Index = QModelIndex | QPersistentModelIndex


# ---- palette --------------------------------------------------------------------------------------


class PaletteList(QListWidget):
    """Post templates to drag onto a post (or to add under the selected post with Enter)."""

    templateChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)
        for template in TEMPLATES:
            item = QListWidgetItem(template.label)
            item.setData(Qt.ItemDataRole.UserRole, template.key)
            item.setToolTip(f"Drag onto a post to add a {template.label.lower()} reporting to it")
            self.addItem(item)
        self.itemActivated.connect(lambda item: self.templateChosen.emit(item.data(Qt.ItemDataRole.UserRole)))

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        if items:
            data.setData(PALETTE_MIME, str(items[0].data(Qt.ItemDataRole.UserRole)).encode("utf-8"))
        return data

    def mimeTypes(self) -> list[str]:
        return [PALETTE_MIME]


# ---- properties -----------------------------------------------------------------------------------

MULTI_FIELDS = {"side", "function", "status"}


class PropertiesPanel(QScrollArea):
    """Edits every field of the selected post; side, function and status of several at once."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWidgetResizable(True)
        body = QWidget()
        self.form = QFormLayout(body)
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
        assistant = QCheckBox("Assistant / secretarial (outside spans)")
        assistant.setObjectName("prop_assistant")
        assistant.toggled.connect(lambda on: self._commit("assistant", on))
        self._add("assistant", "", assistant)
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


# ---- findings -------------------------------------------------------------------------------------


class FindingsPanel(QTreeWidget):
    """The engine's findings grouped by severity; choosing one selects and centres its posts.

    Signals:
        findingChosen(list): the posts of the finding the user chose.
    """

    findingChosen = Signal(list)
    LIMIT = 500  # per severity: a 20,000-post import can have thousands; the count stays exact

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setHeaderLabels(["Finding", "Rule"])
        self.setColumnWidth(0, 420)
        self.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.rebuild)
        controller.findingsChanged.connect(self._timer.start)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        names = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"}
        groups = {s: QTreeWidgetItem([names[s], ""]) for s in Severity}
        counts = dict.fromkeys(Severity, 0)
        for finding in self.controller.checker.findings():
            counts[finding.severity] += 1
            if counts[finding.severity] > self.LIMIT:
                continue
            item = QTreeWidgetItem([finding.message, finding.rule])
            item.setToolTip(0, finding.message)
            item.setData(0, Qt.ItemDataRole.UserRole, list(finding.posts))
            groups[finding.severity].addChild(item)
        for severity, group in groups.items():
            group.setText(0, f"{names[severity]} ({counts[severity]})")
            self.addTopLevelItem(group)
            group.setExpanded(severity is not Severity.INFO)

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        posts = item.data(0, Qt.ItemDataRole.UserRole)
        if posts:
            self.findingChosen.emit(list(posts))


# ---- outline --------------------------------------------------------------------------------------


class OutlineModel(QAbstractItemModel):
    """The structure as a tree: top posts, then the holding area, each with its reports."""

    HEADERS = ("Post", "Grade", "Side", "Span")

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._keys: dict[str, str] = {}  # keeps the strings behind internalPointer alive
        self._resetting = False
        self._finish = QTimer(self)
        self._finish.setSingleShot(True)
        self._finish.setInterval(150)
        self._finish.timeout.connect(self._end_reset)
        controller.structureChanged.connect(self._changed)

    def _key(self, post_id: str) -> str:
        return self._keys.setdefault(post_id, post_id)

    def _changed(self, touched: frozenset[str] | None) -> None:
        """Views drop their rows at once and ask again a moment later: a burst of edits (or a drag on
        a 20,000-post chart) rebuilds the tree once, after the chart has redrawn."""
        if not self._resetting:
            self._resetting = True
            self.beginResetModel()
        self._finish.start()

    def _end_reset(self) -> None:
        if self._resetting:
            self._keys = {}
            self._resetting = False
            self.endResetModel()

    def flush(self) -> None:
        """Finish a pending reset now (before code that needs the tree up to date)."""
        self._finish.stop()
        self._end_reset()

    def _top(self) -> list[str]:
        structure = self.controller.structure
        return [*structure.roots(), *structure.holding()]

    def _post_id(self, index: Index) -> str | None:
        if not index.isValid():
            return None
        pointer = index.internalPointer()
        return pointer if isinstance(pointer, str) else None

    def index_of(self, post_id: str, column: int = 0) -> QModelIndex:
        structure = self.controller.structure
        manager = structure.manager_of(post_id)
        siblings = list(structure.reports_of(manager)) if manager else self._top()
        return self.createIndex(siblings.index(post_id), column, self._key(post_id))

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if self._resetting or column < 0 or column >= len(self.HEADERS) or row < 0:
            return QModelIndex()
        parent_id = self._post_id(parent)
        siblings = list(self.controller.structure.reports_of(parent_id)) if parent_id else self._top()
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, self._key(siblings[row]))

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        post_id = self._post_id(index)
        if post_id is None or post_id not in self.controller.structure:
            return QModelIndex()
        manager = self.controller.structure.manager_of(post_id)
        return self.index_of(manager) if manager else QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        parent_id = self._post_id(parent)
        if parent_id is None:
            return len(self._top())
        return self.controller.structure.report_count(parent_id)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        post_id = self._post_id(index)
        structure = self.controller.structure
        if post_id is None or post_id not in structure:
            return None
        post = structure.post(post_id)
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                held = " (holding area)" if structure.is_held(post_id) else ""
                return (post.title or f"(untitled {post.id})") + held
            if column == 1:
                return post.grade
            if column == 2:
                return post.side.label
            return str(structure.span(post_id)) if structure.report_count(post_id) else ""
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return SIDE_COLOURS[post.side]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{post.title} ({post.id})"
        if role == Qt.ItemDataRole.UserRole:
            return post_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class OutlinePanel(QWidget):
    """Outline tree with a search box: a match is selected, its path expanded and its chain lit."""

    postChosen = Signal(str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search title, grade, name, function… (Enter for next)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        self.search.textChanged.connect(lambda text: None if text else self._clear_search())
        layout.addWidget(self.search)
        self.model = OutlineModel(controller, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setColumnWidth(0, 260)
        layout.addWidget(self.tree)
        self.status = QLabel()
        layout.addWidget(self.status)
        self._syncing = False
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._restore)
        controller.selectionChanged.connect(self._sync_from_controller)
        self._expanded: set[str] = set()
        self.tree.expanded.connect(lambda i: self._expanded.add(str(i.data(Qt.ItemDataRole.UserRole))))
        self.tree.collapsed.connect(lambda i: self._expanded.discard(str(i.data(Qt.ItemDataRole.UserRole))))
        self.tree.expandToDepth(1)
        self._last_match: str | None = None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        post_id = current.data(Qt.ItemDataRole.UserRole)
        if post_id:
            self.controller.select([post_id])
            self.postChosen.emit(post_id)

    def _restore(self) -> None:
        structure = self.controller.structure
        for post_id in list(self._expanded):
            if post_id in structure:
                self.tree.setExpanded(self.model.index_of(post_id), True)
        if not self._expanded:
            self.tree.expandToDepth(1)
        self._sync_from_controller()

    def _sync_from_controller(self) -> None:
        current = self.controller.current()
        if current is None or current not in self.controller.structure or self.model._resetting:
            return
        self._syncing = True
        index = self.model.index_of(current)
        for manager in self.controller.structure.ancestors(current):
            self.tree.setExpanded(self.model.index_of(manager), True)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self._syncing = False

    def _clear_search(self) -> None:
        self._last_match = None
        self.status.clear()
        self.controller.highlights.clear(Layer.SEARCH)

    def matches(self, text: str) -> list[str]:
        needle = text.casefold().strip()
        if not needle:
            return []
        out = []
        for post in self.controller.structure:
            hay = " ".join((post.title, post.grade, post.incumbent, post.function, post.team, post.id)).casefold()
            if needle in hay:
                out.append(post.id)
        return out

    def find_next(self) -> None:
        self.model.flush()
        found = self.matches(self.search.text())
        if not found:
            self.status.setText("No post matches.")
            return
        i = (found.index(self._last_match) + 1) if self._last_match in found else 0
        post_id = found[i % len(found)]
        self._last_match = post_id
        self.status.setText(f"Match {i % len(found) + 1} of {len(found)}")
        self.controller.highlights.set(Layer.SEARCH, found)
        self.controller.select([post_id])
        self.postChosen.emit(post_id)


# ---- metrics --------------------------------------------------------------------------------------


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
        summary = (
            f"{m.posts:,} posts · {m.managers:,} managers · {m.fte_total:,.1f} FTE{not_known(m.fte_unknown)} · "
            f"{m.layers} layers\n"
            f"Pay bill £{m.pay_bill:,.0f}{not_known(m.pay_unknown)} · with on-costs £{m.cost_with_oncosts:,.0f}"
        )
        painter.drawText(QRectF(10, y, w, 36), int(Qt.TextFlag.TextWordWrap), summary)
        y += 44
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


# ---- comparison -----------------------------------------------------------------------------------


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
        for box, default in ((self.from_box, names[0]), (self.to_box, names[-1])):
            keep = box.currentText()
            box.blockSignals(True)
            box.clear()
            box.addItems(names)
            box.setCurrentText(keep if keep in names else default)
            box.blockSignals(False)
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
                "Management posts",
                c.management_posts_before,
                c.management_posts_after,
                f"{c.management_posts_before}",
                f"{c.management_posts_after}",
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
